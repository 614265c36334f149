"""Legal deadlines of user tasks, from the `deadlineDays`/`deadlineKind`/`deadlineFrom` properties.

A deadline the data cannot yet determine (a variable not filled in) leaves the task without a due date
rather than stopping the case: the case must go on, and the missing date shows in the inbox.

`deadlineKind` is `calendar`, `working`, or the name of a process parameter holding one of them: where the
law does not say which kind of days applies (letters, Circular 05/2021), the commune chooses per version.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..workflow.scripting import evaluate_expression
from .business_calendar import CALENDAR_DAYS, DAY_KINDS, BusinessCalendar


def task_due_at(properties: dict, data: dict, created_at: datetime, calendar: BusinessCalendar,
                tz: ZoneInfo) -> datetime | None:
    if "deadlineDays" not in properties:
        return None
    try:
        days = int(evaluate_expression(properties["deadlineDays"], data))
        start = created_at.astimezone(tz).date()
        if properties.get("deadlineFrom"):
            start = as_date(evaluate_expression(properties["deadlineFrom"], data))
        return calendar.deadline_end(start, days, deadline_kind(properties, data), tz)
    except Exception:  # noqa: BLE001 - any failure of the data means "not determinable yet"
        return None


def as_date(value) -> date:
    """A date from a form value: a date, a datetime, or an ISO text (its first 10 characters)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def deadline_kind(properties: dict, data: dict) -> str:
    kind = properties.get("deadlineKind", CALENDAR_DAYS)
    return kind if kind in DAY_KINDS else str(data.get(kind))
