"""Figures a case declares for the periodic reports, kept in the `case_figures` read model.

A report counts things only the diagram knows: a complaint was accepted, a supervision's recommendations were
all answered, a consultation took in so many comments. Reading them out of every serialized workflow would be
slow and fragile, so a process declares them as properties, each a restricted expression over the case data
giving an integer (a boolean counts as 0 or 1):

    <spiffworkflow:property name="figure.thu_ly" value="1 if ket_qua_thu_ly == 'thu_ly' else 0"/>
    <spiffworkflow:property name="figure.kien_nghi_da_tra_loi" value="so_kien_nghi if tra_loi_day_du else 0"/>

After every step (`persist_case`) each expression is evaluated; when it gives a value different from the one
stored, the row takes the new value and `recorded_at` the step's time. So a figure counts in the report
period in which it reached its value (the acceptance decision, the complete answer). An expression that
cannot be evaluated yet (its variables not entered) leaves the row as it was: figures never vanish because
a later step does not see a variable.
"""
from __future__ import annotations

import re

from sqlalchemy import bindparam, select

from ..store.tables import CaseFigure
from ..workflow.scripting import evaluate_expression
from ..workflow.scripting_checks import expression_problems

PREFIX = "figure."
NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_VALUE = 10 ** 12


def declared_figures(properties: dict) -> dict[str, str]:
    """`{name: expression}` of the `figure.<name>` properties of a process version."""
    return {key[len(PREFIX):]: value for key, value in properties.items() if key.startswith(PREFIX)}


def figure_problems(properties: dict) -> list[str]:
    """Deploy-time check of the declarations: snake_case names, expressions the evaluator accepts."""
    problems = []
    for name, expression in declared_figures(properties).items():
        if not NAME.match(name):
            problems.append(f"figure.{name[:40]}: tên số liệu phải viết thường, không dấu, dạng snake_case.")
        for message in expression_problems(expression or ""):
            problems.append(f"figure.{name[:40]}: {message}")
    return problems


def record_case_figures(session, case, properties: dict, data: dict, now) -> None:
    """Bring the case's figure rows in line with its declarations, evaluated over `data`."""
    declared = declared_figures(properties)
    if not declared:
        return
    values = {}
    for name, expression in declared.items():
        value = _integer(expression, data)
        if value is not None:
            values[name] = value
    if not values:
        return
    session.flush()  # a new case's row first: the figures refer to it, and no relationship orders them
    stored = {row.name: row for row in session.scalars(_FIGURES, {"instance_id": case.id})}
    for name, value in values.items():
        row = stored.get(name)
        if row is None:
            session.add(CaseFigure(instance_id=case.id, name=name, value=value, recorded_at=now))
        elif row.value != value:
            row.value = value
            row.recorded_at = now


_FIGURES = select(CaseFigure).where(CaseFigure.instance_id == bindparam("instance_id"))


def _integer(expression: str, data: dict) -> int | None:
    try:
        value = evaluate_expression(expression, data)
    except Exception:  # noqa: BLE001 - not determinable yet: the data it needs is not there
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and abs(value) <= MAX_VALUE:
        return value
    return None
