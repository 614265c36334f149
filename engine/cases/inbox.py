"""The staff inbox: my tasks and the tasks my roles may claim, each with what a person needs to choose
what to do next: the case number, the citizen's name (never a confidential one), the step and how close
its deadline is (computed with the working-day calendar)."""
from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import literal, literal_column, select, union_all

from ..calendar.deadline_status import deadline_status
from ..calendar.urgency import with_urgency
from ..calendar.store import calendar_per_command, one_calendar_per_command
from ..core.principal import Principal
from .index import case_summaries
from .task_lists import inbox_statements, list_tasks
from .views import task_view

INBOX_LIMIT = 200


def inbox_of(services, principal: Principal, *, process_model: str | None = None) -> dict:
    """Both boxes as the inbox page shows them, read as one command: one calendar (one version check) and one
    read of the case summaries for both lists."""
    with one_calendar_per_command():
        mine = list_tasks(services, principal, scope="mine", process_model=process_model, limit=INBOX_LIMIT)
        claimable = list_tasks(services, principal, scope="claimable", process_model=process_model,
                               limit=INBOX_LIMIT)
        described = describe_tasks(services, mine.items + claimable.items)
    return {"mine": described[:len(mine.items)], "claimable": described[len(mine.items):],
            "mine_total": mine.total, "mine_total_exact": mine.total_exact,
            "claimable_total": claimable.total, "claimable_total_exact": claimable.total_exact}


def describe_deadline(services, due_at):
    """How close a due instant is (the inbox's badge), for a case's statutory deadline as for a task's."""
    return deadline_status(due_at, services.clock.now(), services.calendar, ZoneInfo(services.settings.timezone))


def describe_tasks(services, tasks: list[dict]) -> list[dict]:
    """Add the case summary and the deadline status to task views."""
    summaries = case_summaries(services, [t["instance_id"] for t in tasks])
    now = services.clock.now()
    tz = ZoneInfo(services.settings.timezone)
    return [{**task, **summaries.get(task["instance_id"], {}),
             "deadline": deadline_status(task["due_at"], now, services.calendar, tz)} for task in tasks]


@calendar_per_command
def next_task_for(services, principal: Principal, instance_id: str) -> dict | None:
    """Where a person goes once they completed a step: an open task of the same case they may act on (the
    officer who proposed now sends the notice), else the task they hold that is due first; None: the inbox,
    where they choose among the tasks they may claim. The web pages go there after a completion, and the
    API's completion answers with it (`next_task`).

    Two statements at most, read without a transaction: the case's two lookups as one (a task of one case:
    its index whatever the values, so PostgreSQL may plan it once), then, when the case has nothing for the
    person, their own first task, a page of "my tasks" planned for its values at every run like the inbox's.
    Asked in one statement, the three cost a plan at every run (2 ms); asked in turn, a transaction each."""
    pages, params = [], {}
    for scope in ("mine", "claimable"):
        page, _, values = inbox_statements(services, principal, scope, limit=1, instance_id=instance_id)
        pages.append(page)
        params.update(values)  # the same names, the same values: the person, the case, a page of one
    with services.uow(write=False, snapshot=False) as uow:
        connection = uow.session.connection()
        row = connection.execute(_first_of(*pages), params).first()
        if row is None:
            page, _, values = inbox_statements(services, principal, "mine", limit=1)
            row = connection.execute(page, values).first()
    return with_urgency(services, [task_view(row, row.business_key)])[0] if row is not None else None


@lru_cache(maxsize=64)
def _first_of(*pages):
    """The first row of the first of `pages` (each a page of one row) that has one; prepared like any lookup
    by key (its pages' own planning option does not reach the union)."""
    ranked = [select(literal(rank).label("lookup"), *page.subquery().c) for rank, page in enumerate(pages)]
    return union_all(*ranked).order_by(literal_column("lookup")).limit(1)
