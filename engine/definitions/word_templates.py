"""A Word template's tags checked when its package is deployed, so that a template an administrator broke in
Word (`{{ ho_ten }` without its last brace, an `{% if %}` never closed) is refused with the reason, in words,
instead of failing every step that issues it later (each a process fault of the case)."""
from __future__ import annotations

import io
from datetime import date

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment


def template_environment() -> SandboxedEnvironment:
    """The Jinja environment templates are filled in (`engine.files.issued.render`) and checked in: a sandbox,
    since administrators write templates, escaping values for Word's XML, with the `ngay` filter."""
    environment = SandboxedEnvironment(autoescape=True)
    environment.filters["ngay"] = as_date
    return environment


def as_date(value) -> str:
    """The `ngay` filter: an ISO date of the case's data as people read it (`2026-03-02` → `02/03/2026`)."""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return "" if value is None else str(value)


def template_syntax_problem(content: bytes) -> str | None:
    """Why the template's tags cannot be read (every part: the body, headers and footers), or None."""
    from docxtpl import DocxTemplate  # noqa: PLC0415  docxtpl only when a package has a template

    try:
        DocxTemplate(io.BytesIO(content)).get_undeclared_template_variables(template_environment())
    except TemplateSyntaxError as exc:
        return f"thẻ {{{{ … }}}} hoặc {{% … %}} viết sai ({exc.message})"
    except Exception:  # noqa: BLE001 - not a Word file docxtpl can open: the caller says so
        return "không mở được như một tệp Word"
    return None
