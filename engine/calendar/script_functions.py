"""Calendar functions a diagram's expressions may call, for deadlines ISO 8601 cannot express.

An ISO duration counts calendar time from the moment a timer is reached; the law counts days from an
event (receipt, acceptance), skips the first day, ends at 24:00 and, for working days, skips rest days and
holidays. These functions count the law's way with the deployment's calendar (holidays + override table):

- `han_cuoi(bat_dau, so_ngay, loai='calendar')`: the instant a period of `so_ngay` days (`'calendar'` or
  `'working'`) starting after the date `bat_dau` expires, as an ISO datetime (00:00 after the last day,
  commune time). Used as a `timeDate`, the timer fires when the task becomes overdue.
- `nhac_truoc_han(bat_dau, so_ngay, loai='calendar', truoc=2)`: 00:00 of the working day `truoc` working
  days before the last day of that period: when a task becomes "sắp đến hạn".
- `hom_nay()`: today's date (ISO) in the commune, by the injected clock.
- `ngay_cuoi(bat_dau, so_ngay, loai='calendar', khong_tinh=None)`: the last day (ISO date) of that period,
  for a date the law gives people rather than a timer (a complaint's limitation period, Law on Complaints
  Art. 9); the days of the periods in `khong_tinh` (`{'tu_ngay': ..., 'den_ngay': ...}`, both days included:
  illness, a natural disaster, work far away) are not counted, so the period ends that much later.
- `ngay_cuoi_nam(bat_dau, so_nam)`: the last day of a period of `so_nam` years (a lawsuit's one year, Law on
  Administrative Procedure Art. 116): the same day of the same month, 28 February for a 29th, moved to the
  next working day when it is a rest day (Civil Code Arts. 147-148).

They need the case's services (calendar, clock, time zone), available while a command runs the case's
workflow (`engine.workflow.service_tasks.service_scope`); anywhere else they refuse.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..core.timezone import commune_tz
from ..workflow.service_tasks import current_context
from .business_calendar import CALENDAR_DAYS, DAY_KINDS
from .store import calendar_snapshot

MAX_DAYS = 3650
MAX_YEARS = 10
MAX_PERIODS = 10
ONE_DAY = timedelta(days=1)


class CalendarUnavailable(Exception):
    """A calendar function was evaluated outside a running case."""


def han_cuoi(bat_dau, so_ngay, loai: str = "calendar") -> str:
    services = _services()
    start, days = _date(bat_dau), _days(so_ngay)
    _check_kind(loai)
    return calendar_snapshot(services.calendar).deadline_end(start, days, loai, commune_tz(services)).isoformat()


def nhac_truoc_han(bat_dau, so_ngay, loai: str = "calendar", truoc: int = 2) -> str:
    services = _services()
    start, days, before = _date(bat_dau), _days(so_ngay), _days(truoc)
    _check_kind(loai)
    calendar = calendar_snapshot(services.calendar)
    last_day = calendar.deadline(start, days, loai)
    day = calendar.add_working_days(last_day, -before) if before else last_day
    return datetime.combine(day, time.min, tzinfo=commune_tz(services)).isoformat()


def hom_nay() -> str:
    services = _services()
    return services.clock.now().astimezone(commune_tz(services)).date().isoformat()


def ngay_cuoi(bat_dau, so_ngay, loai: str = "calendar", khong_tinh=None) -> str:
    services = _services()
    start, days = _date(bat_dau), _days(so_ngay)
    _check_kind(loai)
    calendar = calendar_snapshot(services.calendar)
    excluded = _excluded_days(start, khong_tinh)
    if not excluded:
        return calendar.deadline(start, days, loai).isoformat()
    day, counted = start, 0
    while counted < days:
        day += ONE_DAY
        if day not in excluded and (loai == CALENDAR_DAYS or calendar.is_working_day(day)):
            counted += 1
    return calendar.next_working_day(day).isoformat()


def ngay_cuoi_nam(bat_dau, so_nam) -> str:
    services = _services()
    start, years = _date(bat_dau), _days(so_nam)
    if years > MAX_YEARS:
        raise ValueError(f"the number of years must be between 0 and {MAX_YEARS}")
    year = start.year + years
    day = start.replace(year=year) if not (start.month == 2 and start.day == 29) else date(year, 2, 28)
    return calendar_snapshot(services.calendar).next_working_day(day).isoformat()


CALENDAR_FUNCTIONS = {"han_cuoi": han_cuoi, "nhac_truoc_han": nhac_truoc_han, "hom_nay": hom_nay,
                      "ngay_cuoi": ngay_cuoi, "ngay_cuoi_nam": ngay_cuoi_nam}


def _excluded_days(start: date, periods) -> set[date]:
    """The days after `start` that the periods cover. A period without both dates, or ending before it
    begins, covers nothing: the form's checks refuse it, and a case never fails on what a person typed."""
    if not periods:
        return set()
    if not isinstance(periods, (list, tuple)):
        raise ValueError("the periods not counted must be a list")
    days: set[date] = set()
    for period in periods[:MAX_PERIODS]:
        try:
            first, last = _date(period.get("tu_ngay")), _date(period.get("den_ngay"))
        except (AttributeError, ValueError, TypeError):
            continue
        first = max(first, start + ONE_DAY)
        span = (last - first).days + 1
        days.update(first + n * ONE_DAY for n in range(min(max(span, 0), MAX_DAYS)))
    return days


def _services():
    context = current_context()
    if context is None:
        raise CalendarUnavailable("calendar functions run only while a case runs")
    return context.services


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("the start must be an ISO date (YYYY-MM-DD)")
    return date.fromisoformat(value.strip()[:10])


def _days(value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("the number of days must be an integer")
    days = int(value)
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"the number of days must be between 0 and {MAX_DAYS}")
    return days


def _check_kind(kind) -> None:
    if kind not in DAY_KINDS:
        raise ValueError("the kind of days must be 'calendar' or 'working'")
