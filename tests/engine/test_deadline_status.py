"""The inbox badge: days left, "sắp đến hạn" within two working days, "quá hạn" once the period ended."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from engine.calendar.business_calendar import BusinessCalendar
from engine.calendar.deadline_status import ON_TIME, OVERDUE, SOON, deadline_status

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = BusinessCalendar()


def due(last_day: date) -> datetime:
    return CALENDAR.deadline_end(last_day, 0, "calendar", TZ)


def at(day: int, month: int = 3, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=TZ).astimezone(timezone.utc)


def test_task_due_in_ten_days_is_on_time_with_days_left():
    status = deadline_status(due(date(2026, 3, 12)), at(2), CALENDAR, TZ)
    assert (status.kind, status.days_left, status.last_day) == (ON_TIME, 10, "2026-03-12")


def test_monday_deadline_is_close_on_the_friday_before():
    status = deadline_status(due(date(2026, 3, 16)), at(13), CALENDAR, TZ)
    assert (status.kind, status.days_left, status.working_days_left) == (SOON, 3, 1)


def test_deadline_today_is_close_until_midnight_then_overdue():
    assert deadline_status(due(date(2026, 3, 12)), at(12, hour=23), CALENDAR, TZ).kind == SOON
    late = deadline_status(due(date(2026, 3, 12)), at(13, hour=0), CALENDAR, TZ)
    assert (late.kind, late.days_left) == (OVERDUE, -1)


def test_three_working_days_left_is_not_yet_close():
    assert deadline_status(due(date(2026, 3, 12)), at(9), CALENDAR, TZ).kind == ON_TIME


def test_task_without_deadline_has_no_badge():
    assert deadline_status(None, at(2), CALENDAR, TZ) is None
