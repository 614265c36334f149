"""The `case_figures` read model: the figures a case's process declares (`engine.definitions.figures`), kept
in line after every step.

Each expression is evaluated over what the case knows; when it gives a value different from the one stored,
the row takes the new value and `recorded_at` the step's time. So a figure counts in the report period in which
it reached its value (the acceptance decision, the complete answer). An expression that cannot be evaluated yet
(its variables not entered) leaves the row as it was: figures never vanish because a later step does not see a
variable.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select

from ..definitions.figures import MAX_VALUE, declared_figures
from ..store.tables import CaseFigure
from ..workflow.scripting import evaluate_expression


def project_figures(step) -> None:
    """The case-step projection (`engine.cases.step`)."""
    record_case_figures(step.session, step.case, step.version.properties, step.data, step.now, new=step.new)


def record_case_figures(session, case, properties: dict, data: dict, now, *, new: bool = False) -> None:
    """Bring the case's figure rows in line with its declarations, evaluated over `data`; `new`: the case
    opens in this transaction, with no rows yet to read."""
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
    stored = {} if new else {row.name: row for row in session.scalars(_FIGURES, {"instance_id": case.id})}
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
