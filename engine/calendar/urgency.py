"""How urgent open work is: "quá hạn" (past due) and "sắp đến hạn" (due within 2 working days).

A deadline ends at 24:00 of its last day (`due_at` is 00:00 of the next day, commune time): the work is
overdue from `due_at` on, and "sắp đến hạn" while its last day is at most `SOON_WORKING_DAYS` working days
after today (today itself included). The inbox filters use the same rules in SQL.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam

from ..core.status import OPEN_TASK_STATUSES as OPEN_TASKS
from ..core.timezone import commune_tz
from ..store.tables import Task
from .store import calendar_snapshot

OVERDUE = "qua_han"
DUE_SOON = "sap_den_han"
SOON_WORKING_DAYS = 2


def urgency_of(due_at: datetime | None, is_open: bool, now: datetime, tz, soon_limit: date | None) -> str | None:
    """`soon_limit`: `soon_limit_of(calendar, today)`, computed once for a whole list (needed only for an
    open item whose deadline is still ahead)."""
    if due_at is None or not is_open:
        return None
    if now >= due_at:
        return OVERDUE
    last_day = (due_at.astimezone(tz) - timedelta(microseconds=1)).date()
    return DUE_SOON if last_day < soon_limit else None


def soon_limit_of(calendar, today: date) -> date:
    """The first day a deadline may end on without being "sắp đến hạn": the (SOON_WORKING_DAYS + 1)-th
    working day after today. A last day before it leaves at most SOON_WORKING_DAYS working days, so one
    comparison per task replaces counting the working days up to each deadline."""
    return calendar.deadline(today, SOON_WORKING_DAYS + 1, "working")


def with_urgency(services, views: list[dict], open_statuses=OPEN_TASKS) -> list[dict]:
    """Add `urgency` to task (or case) views; one calendar snapshot for the whole list, and none when no
    open item has a deadline still ahead (the snapshot checks the calendar's version in the database)."""
    now = services.clock.now()
    tz = soon_limit = None
    for view in views:
        due_at, is_open = view.get("due_at"), view.get("status") in open_statuses
        if soon_limit is None and due_at is not None and is_open and now < due_at:
            tz = commune_tz(services)
            soon_limit = soon_limit_of(calendar_snapshot(services.calendar), now.astimezone(tz).date())
        view["urgency"] = urgency_of(due_at, is_open, now, tz, soon_limit)
    return views


def due_window_end(services, working_days: int) -> datetime:
    """The end (24:00) of the `working_days`-th working day from today: work due by then is due within it."""
    tz = commune_tz(services)
    today = services.clock.now().astimezone(tz).date()
    last_day = calendar_snapshot(services.calendar).add_working_days(today, working_days)
    return datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=tz)


def filter_by_urgency(query, *, overdue: bool | None = None, due_within: bool = False):
    """Inbox filters: `overdue` (open tasks past due, or with false not past due), `due_within` (open tasks
    due by a window's end). The moments are bound parameters (`urgency_parameters`), so the statement is
    built once per shape of filters."""
    if overdue is None and not due_within:
        return query
    query = query.where(Task.status.in_(OPEN_TASKS))
    if overdue is True:
        query = query.where(Task.due_at.is_not(None), Task.due_at <= bindparam("now"))
    elif overdue is False:
        query = query.where((Task.due_at.is_(None)) | (Task.due_at > bindparam("now")))
    if due_within:
        query = query.where(Task.due_at.is_not(None), Task.due_at <= bindparam("window_end"))
    return query


def urgency_parameters(services, *, overdue: bool | None = None, due_within: int | None = None) -> dict:
    """The values of `filter_by_urgency`'s parameters now."""
    values = {}
    if overdue is not None:
        values["now"] = services.clock.now()
    if due_within is not None:
        values["window_end"] = due_window_end(services, due_within)
    return values
