"""A step's documents (`document.*`, `document.<n>.*`) and what the outgoing register can hold of their codes
(`document.symbol`, `document.issuer`): checked when a diagram is deployed (`engine.definitions.validation`)
and of a reader's filter, so that a code never fails only when the step completes
(`engine.processes.register`)."""
from __future__ import annotations

import re

MAX_CODE = 40  # the register's `symbol` and `issuer` columns
SYMBOL, ISSUER = "document.symbol", "document.issuer"
NUMBER_FIELD, DATE_FIELD = "document.numberField", "document.dateField"
FIELD = "document.field"  # the data field holding the generated file's id; default `van_ban`
WHEN = "document.when"  # an expression over the step's data: the document is issued only when it holds
_GROUP = re.compile(r"^document\.(\d+)\.(.+)$")


def fits_register(code: str) -> bool:
    """At most 40 characters, no space: "TB-UBND", "MTTQ"."""
    return len(code) <= MAX_CODE and not any(c.isspace() for c in code)


def documents_of(properties: dict) -> list[dict]:
    """The documents a step may issue, each as its own `document.*` properties: the step's `document.*`, then
    each group `document.<n>.*` (`document.2.symbol`, `document.2.template`, ...) in the order of `n`. A step
    issuing a decision and a notice names both; each takes its own number (a register line per document, all
    of the step's task). A group's data fields default to `so_ky_hieu_<n>`, `ngay_ban_hanh_<n>` and
    `van_ban_<n>`, so two documents never write the same field. Groups without a symbol are left out."""
    return [group for _, group in document_groups(properties) if issued_document(group)]


def document_groups(properties: dict) -> list[tuple[str, dict]]:
    """Every group of `document.*` properties of a step, symbol or not, with the prefix its properties are
    written with (`document.`, `document.2.`), for the deploy check to name them."""
    first: dict = {}
    groups: dict[int, dict] = {}
    for name, value in (properties or {}).items():
        if not name.startswith("document."):
            continue
        grouped = _GROUP.match(name)
        if grouped:
            groups.setdefault(int(grouped.group(1)), {})[f"document.{grouped.group(2)}"] = value
        else:
            first[name] = value
    found = [("document.", first)] if first else []
    for n, group in sorted(groups.items()):
        found.append((f"document.{n}.", {NUMBER_FIELD: f"so_ky_hieu_{n}", DATE_FIELD: f"ngay_ban_hanh_{n}",
                                         FIELD: f"van_ban_{n}", **{k: v for k, v in group.items() if v}}))
    return found


def issued_document(properties: dict) -> str | None:
    """The symbol of the document a step issues, if it issues one."""
    symbol = (properties or {}).get(SYMBOL)
    return symbol.strip() if isinstance(symbol, str) and symbol.strip() else None
