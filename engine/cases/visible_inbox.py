""""Everything of my roles" (`scope=visible`) as statements that read each of its branches in order.

The inbox's OR (a task of one of my roles, or assigned to me, or completed by me) is answered by no single
index in deadline order: PostgreSQL either walked the commune's tasks in deadline order dropping those of
other people (every task of the commune's history behind the first page's) or gathered every match of the
OR and sorted it, both growing with the commune's past (p95 11 ms at 100,000 cases, 24 ms at a million).
Here each branch (one per role, the assignee, the completer) walks its own index in deadline order
(`ix_tasks_commune_role`, `ix_tasks_commune_assignee_due`, `ix_tasks_commune_completer_due`) and stops
after the rows a page can need (`window`: the page's offset plus its limit); the union drops a task found
by two branches, and the page is the first of those few rows. The count reads each branch up to the cap
and counts their union: a branch reaching the cap means the whole does too.
"""
from __future__ import annotations

from sqlalchemy import and_, bindparam, func, select, union

from ..store.tables import Case, Task


def visible_statements(query, roles: int, acting_unit: bool, sqlite: bool):
    """(page, count) for `query` (the inbox's filters, every task column) and a user with `roles` roles,
    bound as `role_0`... (`role_parameters`); `acting_unit`: a role's task counts only in the unit the user
    acts for (`acting_unit`)."""
    branches = []
    for i in range(roles):
        mine = Task.role == bindparam(f"role_{i}")
        branches.append(query.where(and_(mine, Task.handling_unit_id == bindparam("acting_unit"))
                                    if acting_unit else mine))
    branches.append(query.where(Task.assignee == bindparam("username")))
    branches.append(query.where(Task.completed_by == bindparam("username")))
    order = (Task.due_at, Task.created_at, Task.id)
    if sqlite:  # tasks without a deadline last, as PostgreSQL's index orders them
        order = (Task.due_at.is_(None), *order)
    found = union(*(_all_of(b.order_by(*order).limit(bindparam("window"))) for b in branches)).subquery()
    outer = (found.c.due_at, found.c.created_at, found.c.id)
    if sqlite:
        outer = (found.c.due_at.is_(None), *outer)
    page = (select(found, Case.business_key).join(Case, Case.id == found.c.instance_id)
            .order_by(*outer).limit(bindparam("limit")).offset(bindparam("offset")))
    counted = union(*(_all_of(b.with_only_columns(Task.id).limit(bindparam("cap"))) for b in branches)).subquery()
    count = select(func.count()).select_from(counted)
    return page, count


def role_parameters(roles) -> dict:
    return {f"role_{i}": role for i, role in enumerate(sorted(roles))}


def _all_of(branch):
    """A branch with its own ORDER BY / LIMIT as a member of a UNION (SQLite takes them only in a subquery)."""
    sub = branch.subquery()
    return select(*sub.c)
