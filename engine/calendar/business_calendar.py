"""Working days and legal deadlines for Vietnamese communes.

The Civil Code 2015 (Arts. 144-148) counts a period from the day after the triggering event (the first day
is not counted), ends it at 24:00 of its last day, and moves a last day that falls on a rest day or holiday to
the end of the next working day. Rules that speak of working days (Law on Denunciations Arts. 24 and 38,
Decree 59 Art. 14) count only working days. Saturday and Sunday are rest days.

Which days are holidays comes from two layers:

1. a *holiday provider*, by default the `holidays` package for "VN" (Labour Code Art. 112: New Year, the five
   Tết days, Hùng Kings, 30/4, 1/5, 2/9 and its adjacent day, weekend holidays made up on the next working
   day, and the government's swaps it already knows);
2. *overrides*: the government's yearly decisions (extra days off, Saturdays made working) kept in a table by
   the commune's administrator. An override always wins over the provider, so a decision the package does
   not know yet, or knows wrongly, is fixed by adding a row, without a release.

The module is pure: no database, no clock. The store loads the override table and passes it in.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_package

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR_DAYS = "calendar"
WORKING_DAYS = "working"
DAY_KINDS = (CALENDAR_DAYS, WORKING_DAYS)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CalendarOverride:
    """One government decision: `working=False` adds a day off, `working=True` makes a rest day worked."""

    day: date
    working: bool
    name: str


@dataclass(frozen=True)
class Holiday:
    """A day that does not follow the weekly rule, as reported by `BusinessCalendar.holidays`.

    `source` is "holidays" (the provider) or "override" (the override table). `working` is True for a rest
    day made a working day, such as a Saturday worked in exchange for a day off elsewhere.
    """

    day: date
    name: str
    source: str
    working: bool = False


HolidayProvider = Callable[[int], Iterable[Holiday]]


def vietnam_public_holidays(year: int) -> list[Holiday]:
    """Vietnam's public holidays and swapped working Saturdays of `year`, named in Vietnamese.

    The neighbouring years are loaded too because a swap can cross the new year (in 2018 the day off of
    31 December was worked on Saturday 5 January 2019). The `getattr` guards against versions of the
    package without `weekend_workdays`.
    """
    known = holidays_package.country_holidays(
        "VN", years=range(year - 1, year + 2), language="vi", categories=holidays_package.PUBLIC
    )
    days_off = [Holiday(day, name, "holidays") for day, name in known.items() if day.year == year]
    worked = [
        Holiday(day, "Ngày làm việc bù", "holidays", working=True)
        for day in getattr(known, "weekend_workdays", ())
        if day.year == year
    ]
    return sorted(days_off + worked, key=lambda holiday: holiday.day)


VIETNAM_OVERRIDES_KNOWN: tuple[CalendarOverride, ...] = (
    # Seed data for the override table, not read by the calendar on its own. The 2025 swap for 30/4-1/5 is
    # also in holidays 0.109, but pyproject allows holidays>=0.60, which predates it. Tết 2026 (civil
    # servants off 14-22 February) needs no row: 16-20 February are the five Tết days and the rest is weekend.
    CalendarOverride(date(2025, 4, 26), True, "Làm việc bù cho ngày nghỉ 02/05/2025"),
    CalendarOverride(date(2025, 5, 2), False, "Ngày nghỉ (hoán đổi với thứ Bảy 26/04/2025)"),
)


class BusinessCalendar:
    """Answers "is this a working day?" and "when is this deadline due?" for one override table.

    Each year's exceptions are computed once and cached; build a new calendar when the table changes.
    """

    def __init__(
        self,
        overrides: Iterable[CalendarOverride] = (),
        holiday_provider: HolidayProvider = vietnam_public_holidays,
    ):
        self._overrides: dict[date, CalendarOverride] = {}
        for override in overrides:
            earlier = self._overrides.get(override.day)
            if earlier is not None and earlier.working != override.working:
                raise ValueError(f"Contradictory overrides for {override.day.isoformat()}")
            self._overrides[override.day] = override
        self._provider = holiday_provider
        self._by_year: dict[int, dict[date, Holiday]] = {}

    def _exceptions(self, year: int) -> dict[date, Holiday]:
        if year not in self._by_year:
            days = {holiday.day: holiday for holiday in self._provider(year)}
            days.update(
                (day, Holiday(day, o.name, "override", o.working))
                for day, o in self._overrides.items()
                if day.year == year
            )
            self._by_year[year] = days
        return self._by_year[year]

    def holidays(self, year: int) -> list[Holiday]:
        """Days off and worked rest days of `year`, by date; an override replaces the provider's entry."""
        return sorted(self._exceptions(year).values(), key=lambda holiday: holiday.day)

    def is_working_day(self, day: date) -> bool:
        exception = self._exceptions(day.year).get(day)
        if exception is not None:
            return exception.working
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it (Art. 148)."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`, never counting `start` itself.

        Negative `days` count backwards ("send the plan 5 working days before the meeting"). Zero gives
        `start` moved to a working day, like `deadline(start, 0, ...)`.
        """
        if days == 0:
            return self.next_working_day(start)
        step = ONE_DAY if days > 0 else -ONE_DAY
        day, left = start, abs(days)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`, negative when `end` is before `start`.

        It counts like `deadline`: for n >= 1, `working_days_between(s, deadline(s, n, "working")) == n`, so
        it tells how many working days of a period are used up, or how many days a case is overdue.
        """
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_working_day(start + n * ONE_DAY) for n in range(1, (end - start).days + 1))

    def deadline(self, start: date, days: int, kind: str) -> date:
        """The last day of a period of `days` `kind` days that begins the day after `start`.

        Calendar periods end `days` days after `start`, moved to the next working day if that is a rest day
        or holiday. Working periods end on the `days`-th working day after `start`. A period of 0 days ends on
        `start` itself, moved to the next working day if `start` is not one: Art. 148 lets no period end on a
        rest day.
        """
        if kind not in DAY_KINDS:
            raise ValueError(f"Unknown kind of days {kind!r}; expected one of {DAY_KINDS}")
        if days < 0:
            raise ValueError("A period cannot have a negative number of days")
        if kind == WORKING_DAYS:
            return self.add_working_days(start, days)
        return self.next_working_day(start + days * ONE_DAY)

    def deadline_end(self, start: date, days: int, kind: str, tz: ZoneInfo = VIETNAM_TZ) -> datetime:
        """The instant a period expires: 24:00 of its last day, written as 00:00 of the next day in `tz`.

        An act is on time while `now < deadline_end(...)`. Vietnam has no daylight saving, so the instant is
        never ambiguous.
        """
        due = self.deadline(start, days, kind)
        return datetime.combine(due + ONE_DAY, time.min, tzinfo=tz)
