"""How close a task is to its legal deadline, as the inbox badge shows it.

A task's `due_at` is the instant its period expires (24:00 of the last day, see `business_calendar`). The
badge counts from today in the commune's time zone: "quá hạn" once that instant has passed, "sắp đến hạn"
when at most `SOON_WORKING_DAYS` working days are left (staff do not work on the weekend, so a deadline on
Monday is close on Friday), otherwise the number of calendar days left.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .business_calendar import BusinessCalendar
from .urgency import SOON_WORKING_DAYS  # one rule for the web badge and the API's `urgency`

OVERDUE, SOON, ON_TIME = "overdue", "soon", "on_time"


@dataclass(frozen=True)
class DeadlineStatus:
    kind: str  # overdue | soon | on_time
    days_left: int  # calendar days from today to the last day (negative when overdue)
    working_days_left: int
    last_day: str  # ISO date of the last day of the period


def deadline_status(due_at: datetime | None, now: datetime, calendar: BusinessCalendar,
                    tz: ZoneInfo) -> DeadlineStatus | None:
    if due_at is None:
        return None
    today = now.astimezone(tz).date()
    last_day = (due_at.astimezone(tz) - timedelta(microseconds=1)).date()
    days_left = (last_day - today).days
    working_left = calendar.working_days_between(today, last_day)
    if now >= due_at:
        kind = OVERDUE
    elif working_left <= SOON_WORKING_DAYS:
        kind = SOON
    else:
        kind = ON_TIME
    return DeadlineStatus(kind, days_left, working_left, last_day.isoformat())
