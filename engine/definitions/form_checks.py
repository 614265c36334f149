"""Cross-field checks of a form (`x-checks`): rules JSON Schema cannot say, because they tie one field to
another or to what the case already knows ("no more valid ballots than ballots returned").

A form declares them at its top level:

    "x-checks": [{"assert": "phieu_hop_le <= phieu_thu_ve", "field": "phieu_hop_le",
                  "message": "Số phiếu hợp lệ không được lớn hơn số phiếu thu về ({phieu_thu_ve}).",
                  "severity": "error"}]

Each `assert` is an expression of the restricted evaluator, evaluated over the case data overlaid with the
submitted fields (a field the form declares but the submission leaves out reads as `None`). A false one is a
problem of `field`, with `message` (its `{name}` placeholders filled with the data's values). An `error`
refuses the data; a `warning` refuses it only until the person confirms it (`confirm_warnings`): figures
that look wrong but may be right (a turnout above the hamlet's voters after a move-in) are asked, not forbidden.
Refusing at the form is the point: a figure that does not add up never enters the case to be looped back later.
"""
from __future__ import annotations

import ast
import re
from typing import NamedTuple

from ..core.budget import DEFAULT_BUDGET_SECONDS, TimeBudgetExceeded
from ..core.messages import N_
from ..workflow.scripting import evaluate_expression
from ..workflow.scripting_checks import expression_problems

KEY = "x-checks"
SEVERITIES = ("error", "warning")
MAX_CHECKS = 50
MAX_MESSAGE = 500
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_FILLED = 1000
TODAY = "hom_nay"  # a message's `{hom_nay}`: today's date, as the checks' `hom_nay()` reads it
NOT_EVALUABLE = N_("Không kiểm tra được số liệu này; hãy xem lại các trường liên quan.")


class CheckContext(NamedTuple):
    """What a form's checks are evaluated against: `case_data()` reads what the case knows (called only when
    the form has checks, so forms without them never pay for reading the case), and whether the person
    confirmed the warnings; `confirmed`, when given, receives the warnings they confirmed, for the audit log."""
    case_data: object  # () -> dict
    confirm_warnings: bool = False
    confirmed: dict | None = None


class CheckFailures(NamedTuple):
    errors: dict[str, str]
    warnings: dict[str, str]


def declared_checks(schema: dict | None) -> list[dict]:
    checks = (schema or {}).get(KEY)
    return checks if isinstance(checks, list) else []


def check_problems(schema: dict, confidential: set[str] = frozenset()) -> list[str]:
    """Deploy-time problems of a form's checks: their shape, the field each names, the sandbox's verdict on
    each expression, and no confidential value in a message (an error body may be logged or mailed)."""
    if KEY not in schema:
        return []
    checks = schema[KEY]
    if not isinstance(checks, list) or len(checks) > MAX_CHECKS:
        return [f"{KEY} phải là danh sách (tối đa {MAX_CHECKS} kiểm tra)."]
    problems = []
    declared = schema.get("properties") or {}
    for number, check in enumerate(checks, start=1):
        where = f"{KEY}[{number}]"
        if not isinstance(check, dict) or set(check) - {"assert", "field", "message", "severity"}:
            problems.append(f"{where}: chỉ gồm assert, field, message, severity.")
            continue
        expression, field, message = check.get("assert"), check.get("field"), check.get("message")
        if not isinstance(expression, str):
            problems.append(f"{where}: thiếu biểu thức assert.")
        else:
            problems.extend(f"{where}: {problem}" for problem in expression_problems(expression))
        if not isinstance(field, str) or field not in declared:
            problems.append(f"{where}: field phải là một trường của biểu mẫu.")
        if not isinstance(message, str) or not message.strip() or len(message) > MAX_MESSAGE:
            problems.append(f"{where}: message là văn bản 1-{MAX_MESSAGE} ký tự.")
        else:
            secret = sorted(set(PLACEHOLDER.findall(message)) & set(confidential))
            if secret:
                problems.append(f"{where}: message không được nêu trường bảo mật: {', '.join(secret)}.")
        if check.get("severity", "error") not in SEVERITIES:
            problems.append(f"{where}: severity là 'error' hoặc 'warning'.")
    return problems


def failed_checks(schema: dict, submitted: dict, case_data: dict, bad_fields=(), *,
                  timeout_seconds: float = DEFAULT_BUDGET_SECONDS) -> CheckFailures:
    """The checks of `schema` that do not hold for `submitted` over `case_data`, by field. A check that
    cannot be evaluated (a `None` compared with a number) fails, unless it reads a field already refused
    for its own reason (`bad_fields`): that field's problem is the one to show. A check that runs out of
    time is not a problem of the data: `TimeBudgetExceeded` propagates (a busy server had made a valid
    ballot count "not checkable" under a one-second limit)."""
    declared = schema.get("properties") or {}
    data = {**case_data, **{name: None for name in declared}, **submitted}
    failures = CheckFailures({}, {})
    for check in declared_checks(schema):
        try:
            holds = bool(evaluate_expression(check["assert"], data, timeout_seconds))
        except TimeBudgetExceeded:
            raise
        except Exception:  # noqa: BLE001 - the data cannot be checked: refused, never a 500
            if _names(check["assert"]) & set(bad_fields):
                continue
            holds, message = False, NOT_EVALUABLE
        else:
            message = _filled(check["message"], data)
        if not holds:
            target = failures.warnings if check.get("severity") == "warning" else failures.errors
            target.setdefault(check["field"], message)
    return failures


def _names(expression: str) -> set[str]:
    try:
        return {node.id for node in ast.walk(ast.parse(expression.strip(), mode="eval")) if isinstance(node, ast.Name)}
    except (SyntaxError, ValueError, RecursionError):
        return set()


def _filled(message: str, data: dict) -> str:
    """`{name}` replaced by the value of `name` (numbers and texts up to `MAX_FILLED` characters, such as the
    legal grounds a complaint was found to fall under; anything else by a dash), a date as people read it
    (dd/mm/yyyy); `{hom_nay}`, unless the data holds such a field, is today's date in the commune, so a message
    refusing a day still to come can say which day today is. Not `str.format`: a placeholder is a name, never
    an attribute or an index."""
    def value(match):
        found = data.get(match.group(1))
        if match.group(1) == TODAY and TODAY not in data:
            found = _today()
        if isinstance(found, bool) or found is None:
            return "—"
        if isinstance(found, str) and ISO_DATE.fullmatch(found):
            return f"{found[8:10]}/{found[5:7]}/{found[:4]}"
        if isinstance(found, (int, float)) or (isinstance(found, str) and len(found) <= MAX_FILLED):
            return str(found)
        return "—"
    return PLACEHOLDER.sub(value, message)


def _today() -> str | None:
    """Today's date by the calendar the checks read (`hom_nay()`), or None outside a calendar's scope."""
    try:
        return evaluate_expression("hom_nay()", {})
    except Exception:  # noqa: BLE001 - a message is filled as well as it can be: a dash, never a 500
        return None
