"""The inbox's lists: a page of tasks with their count, for each scope (mine, those my roles may claim,
everything of my roles) and filter, read from the inbox indexes."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import and_, bindparam, func, or_, select

from ..calendar.urgency import filter_by_urgency, urgency_parameters, with_urgency
from ..core.principal import Principal
from ..core.roles import AUDITOR
from ..core.status import TaskStatus
from ..people.scope import acting_rule, commune_rule, scope_values, scoped_by_rule
from ..store.postgres_pool import CUSTOM_PLAN
from ..store.tables import Case, Task
from ..trust.exclusions import excluded_for
from .views import task_view
from .visible_inbox import role_parameters, visible_statements

SCOPES = ("mine", "claimable", "visible")
COUNT_LIMIT = 1000
"""An inbox is counted up to this many tasks past its page. `visible` spans the commune's whole history (tens
of thousands of tasks after a few years, 11 ms of counting at 100,000 cases); nobody pages through that, and
a page only needs to know that more follows. Past the limit the answer says "at least" (`total_exact`)."""


class TaskList(NamedTuple):
    items: list[dict]
    total: int
    total_exact: bool  # False: there are more than `total` tasks


def list_tasks(services, principal: Principal, *, scope: str = "visible", limit: int = 50, offset: int = 0,
               **filters) -> TaskList:
    """A page of the inbox and the count of all it holds (up to `COUNT_LIMIT` past the page). Every filter
    is on `tasks` alone (a task carries its case's commune), so the count and the page read the inbox
    indexes; only the page's rows join their case, for its business key. Plain rows, not ORM objects: the
    inbox is the most frequent read. The page and the count are read without a transaction around them
    (each a statement of its own). `filters`: those of `inbox_statements`."""
    page, count, params = inbox_statements(services, principal, scope, limit=limit, offset=offset, **filters)
    with services.uow(write=False, snapshot=False) as uow:
        connection = uow.session.connection()  # rows, not objects: no ORM loading to go through
        rows = connection.execute(page, params).all()
        items = with_urgency(services, [task_view(row, row.business_key) for row in rows])
        if offset == 0 and len(rows) < limit:
            return TaskList(items, len(rows), True)  # the whole inbox fits on this page: no count needed
        cap = max(COUNT_LIMIT, offset + limit)
        counted = connection.scalar(count, {**params, "cap": cap + 1})
        return TaskList(items, min(counted, cap), counted <= cap)


def inbox_statements(services, principal: Principal, scope: str, *, process_model: str | None = None,
                     status: str | None = None, due_before: datetime | None = None, instance_id: str | None = None,
                     overdue: bool | None = None, due_within: int | None = None, limit: int = 50, offset: int = 0):
    """The page and count statements of an inbox request and the values they are run with."""
    auditor = principal.has_role(AUDITOR)
    page, count = _inbox_statements(
        scope, commune_rule(principal), acting_rule(principal), auditor, process_model is not None,
        status is not None, due_before is not None, instance_id is not None, overdue, due_within is not None,
        services.database.is_sqlite, len(principal.roles) if scope == "visible" and not auditor else 0)
    params = {**scope_values(principal), "roles": sorted(principal.roles), "username": principal.username,
              **role_parameters(principal.roles), "window": offset + limit,
              "acting_unit": principal.acting_unit, "process_model": process_model,
              "status": status, "due_before": due_before, "instance_id": instance_id, "limit": limit,
              "offset": offset, **urgency_parameters(services, overdue=overdue, due_within=due_within)}
    return page, count, params


@lru_cache(maxsize=256)
def _inbox_statements(scope: str, communes: str, acting: str, auditor: bool, by_model: bool, by_status: bool,
                      by_due: bool, by_case: bool, overdue: bool | None, due_within: bool, sqlite: bool,
                      roles: int):
    """The page and count statements of one shape of inbox request, built once; every value is a bound
    parameter (building the statement cost more than running it).

    A commune's user sees the tasks of the cases their commune handles, a province's user those of its
    communes; a role's tasks are claimable by the holders of the unit handling the case (`acting`); a case
    that excludes the user (the person it denounces) has no task for them (`engine.trust.exclusions`).
    Everything of a user's `roles` roles is a union read branch by branch (`visible_inbox`)."""
    query = scoped_by_rule(_INBOX, communes, Task.commune_id).where(~excluded_for(Task.instance_id))
    if acting == "commune":
        query = query.where(Task.handling_unit_id.is_(None))
    mine = Task.role.in_(bindparam("roles", expanding=True))
    if acting == "unit":
        mine = and_(mine, Task.handling_unit_id == bindparam("acting_unit"))
    if scope == "mine":
        query = query.where(Task.assignee == bindparam("username"), Task.status == TaskStatus.CLAIMED)
    elif scope == "claimable":
        query = query.where(Task.status == TaskStatus.READY, mine)
    if by_model:
        query = query.where(Task.process_model_id == bindparam("process_model"))
    if by_status:
        query = query.where(Task.status == bindparam("status"))
    if by_due:
        query = query.where(Task.due_at.is_not(None), Task.due_at < bindparam("due_before"))
    if by_case:
        query = query.where(Task.instance_id == bindparam("instance_id"))
    query = filter_by_urgency(query, overdue=overdue, due_within=due_within)
    if scope == "visible" and not auditor and by_case:  # a case's few tasks: its index, then the rule
        query = query.where(or_(mine, Task.assignee == bindparam("username"),
                                Task.completed_by == bindparam("username")))
    elif scope == "visible" and not auditor:  # auditors see every task in their scope
        return visible_statements(query, roles, acting == "unit", sqlite)
    # Tasks without a deadline come last; PostgreSQL sorts NULLs last by itself, so its index gives the order.
    order = (Task.due_at, Task.created_at, Task.id)
    if sqlite:
        order = (Task.due_at.is_(None), *order)
    page = (query.add_columns(Case.business_key).join(Case, Case.id == Task.instance_id)
            .order_by(*order).limit(bindparam("limit")).offset(bindparam("offset")))
    count = select(func.count()).select_from(query.limit(bindparam("cap")).subquery())
    return (page, count) if by_case else _each_run_planned(page, count)


def _each_run_planned(*statements):
    """Planned for the values of each run: the best index for a page depends on whose inbox it is
    (`engine.store.postgres_pool`). Not a case's own tasks: they are read by the case's index whatever the
    person, so PostgreSQL may plan them once."""
    return tuple(statement.execution_options(**{CUSTOM_PLAN: True}) for statement in statements)


_INBOX = select(*Task.__table__.columns)
