"""The Chairman's overview: the running cases of the commune, how many are overdue or due this week, by
process, by hamlet and by sector (lĩnh vực: complaints, denunciations, petitions, letters), each count leading
to the list of those cases.

A case is due when its first date falls: its statutory date (`instances.due_at`) or the deadline of one of
its open steps, whichever comes first (a complaint not yet accepted has no statutory date, but its
acceptance is due in 10 days). "This week" is the commune's calendar week, Monday to Sunday, from now.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import NamedTuple

from sqlalchemy import case as when, func, select

from ..core.principal import Principal
from ..core.sectors import SECTORS
from ..core.status import OPEN_TASK_STATUSES, CaseStatus
from ..core.timezone import commune_tz
from ..people.scope import scoped_cases
from ..store.tables import Case, CaseIndex, ProcessModel, Task
from ..trust.exclusions import not_excluded

DUE_FILTERS = ("overdue", "this_week")


class Window(NamedTuple):
    now: datetime
    week_end: datetime  # next Monday, 00:00 in the commune


def window(services) -> Window:
    now = services.clock.now()
    today = now.astimezone(commune_tz(services)).date()
    monday = today + timedelta(days=7 - today.weekday())
    return Window(now, datetime.combine(monday, time.min, tzinfo=commune_tz(services)))


def first_due():
    """The first date of a case: its statutory date or an open step's deadline, whichever is earlier."""
    steps = (select(func.min(Task.due_at)).where(Task.instance_id == Case.id, Task.status.in_(OPEN_TASK_STATUSES))
             .correlate(Case).scalar_subquery())
    return when((Case.due_at.is_(None), steps), (steps.is_(None), Case.due_at), (steps < Case.due_at, steps),
                else_=Case.due_at)


def filter_by_due(query, due: str | None, bounds: Window):
    """Running cases overdue (`overdue`) or due from now to Sunday's end (`this_week`); `None`: no filter."""
    if due not in DUE_FILTERS:
        return query
    due_at = first_due()
    query = query.where(Case.status == CaseStatus.RUNNING)
    if due == "overdue":
        return query.where(due_at < bounds.now)
    return query.where(due_at >= bounds.now, due_at < bounds.week_end)


def case_overview(services, principal: Principal) -> dict:
    """`{running, overdue, this_week, week_end, by_process: [...], by_hamlet: [...], by_sector: [...]}`, each line `{key, label,
    running, overdue, this_week}`, the largest first; the cases are those the user sees (`search_cases`)."""
    bounds = window(services)
    query = (select(Case.process_model_id, ProcessModel.name, CaseIndex.hamlet, Case.sector, first_due().label("due"))
             .join(ProcessModel, ProcessModel.id == Case.process_model_id)
             .outerjoin(CaseIndex, CaseIndex.instance_id == Case.id)
             .where(Case.status == CaseStatus.RUNNING))
    query = not_excluded(scoped_cases(query, principal, Case.commune_id, Case.handling_unit_id), Case.id,
                         principal.username)
    with services.uow(write=False) as uow:
        rows = uow.session.execute(query).all()
    totals = _Counts()
    by_process: dict[str, _Counts] = {}
    by_hamlet: dict[str | None, _Counts] = {}
    by_sector: dict[str, _Counts] = {}
    for model, name, hamlet, sector, due in rows:
        state = _state(due, bounds)
        totals.add(state)
        by_process.setdefault(model, _Counts(model, name)).add(state)
        by_hamlet.setdefault(hamlet, _Counts(hamlet, hamlet)).add(state)
        if sector is not None:  # processes without a sector (a public notice) have no line here
            by_sector.setdefault(sector, _Counts(sector, SECTORS.get(sector, sector))).add(state)
    return {**totals.view(), "week_end": bounds.week_end.astimezone(timezone.utc),
            "by_process": _lines(by_process), "by_hamlet": _lines(by_hamlet), "by_sector": _lines(by_sector)}


def _state(due: datetime | None, bounds: Window) -> str | None:
    if due is None:
        return None
    if due.tzinfo is None:  # SQLite gives back naive UTC from an expression
        due = due.replace(tzinfo=timezone.utc)
    if due < bounds.now:
        return "overdue"
    return "this_week" if due < bounds.week_end else None


class _Counts:
    def __init__(self, key=None, label=None):
        self.key, self.label = key, label
        self.running = self.overdue = self.this_week = 0

    def add(self, state: str | None) -> None:
        self.running += 1
        if state == "overdue":
            self.overdue += 1
        elif state == "this_week":
            self.this_week += 1

    def view(self) -> dict:
        return {"running": self.running, "overdue": self.overdue, "this_week": self.this_week}


def _lines(groups: dict) -> list[dict]:
    lines = [{"key": c.key, "label": c.label, **c.view()} for c in groups.values()]
    return sorted(lines, key=lambda line: (-line["overdue"], -line["this_week"], -line["running"],
                                           line["label"] is None, line["label"] or ""))
