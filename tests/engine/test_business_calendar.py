"""Specification of the business calendar: every expected date below was counted by hand.

Unless a test says otherwise it uses the `holidays` package for VN plus the built-in seed overrides, i.e. the
calendar of a commune whose override table holds the 2025 swap (Sat 26/4 worked, Fri 2/5 off).
"""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from engine.calendar.business_calendar import (
    VIETNAM_OVERRIDES_KNOWN,
    VIETNAM_TZ,
    BusinessCalendar,
    CalendarOverride,
    Holiday,
)

day = date.fromisoformat
calendar = BusinessCalendar(VIETNAM_OVERRIDES_KNOWN)


def only(*holidays: Holiday):
    """A provider that knows exactly these days: the law's fixed holidays, no swaps, no made-up days."""
    return lambda year: [holiday for holiday in holidays if holiday.day.year == year]


LABOUR_DAY_2025_ONLY = only(
    Holiday(day("2025-04-30"), "Ngày Chiến thắng", "holidays"),
    Holiday(day("2025-05-01"), "Ngày Quốc tế Lao động", "holidays"),
)


def days_from(first: str, last: str) -> list[date]:
    start, end = day(first), day(last)
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# The worked example and the 2025 swap

def test_acceptance_seven_working_days_from_25_april_2025_end_on_8_may():
    # Fri 25/4 +7 working: 26/4(Sat, swapped working)=1, 28/4=2, 29/4=3, [30/4,1/5 holiday, 2/5 off,
    # 3-4/5 weekend], 5/5=4, 6/5=5, 7/5=6, 8/5=7
    assert calendar.deadline(day("2025-04-25"), 7, "working") == day("2025-05-08")


def test_worked_example_holds_when_the_provider_knows_no_swap():
    # Same count as above; the override rows alone supply 26/4 working and 2/5 off.
    bare = BusinessCalendar(VIETNAM_OVERRIDES_KNOWN, holiday_provider=LABOUR_DAY_2025_ONLY)
    assert bare.deadline(day("2025-04-25"), 7, "working") == day("2025-05-08")
    assert bare.is_working_day(day("2025-04-26"))
    assert not bare.is_working_day(day("2025-05-02"))


def test_override_makes_a_saturday_a_working_day():
    # Fri 25/4/2025 +1 working: Sat 26/4 counts only when the override says it is worked; else Mon 28/4.
    swapped = [CalendarOverride(day("2025-04-26"), True, "Làm việc bù")]
    with_swap = BusinessCalendar(swapped, holiday_provider=LABOUR_DAY_2025_ONLY)
    without_swap = BusinessCalendar(holiday_provider=LABOUR_DAY_2025_ONLY)
    assert with_swap.deadline(day("2025-04-25"), 1, "working") == day("2025-04-26")
    assert without_swap.deadline(day("2025-04-25"), 1, "working") == day("2025-04-28")


def test_override_wins_over_the_provider():
    # The provider says 30/4/2025 is a holiday; an (imaginary) decision to work that day must prevail.
    worked = BusinessCalendar(
        [CalendarOverride(day("2025-04-30"), True, "Làm việc")], holiday_provider=LABOUR_DAY_2025_ONLY
    )
    assert worked.is_working_day(day("2025-04-30"))
    assert worked.holidays(2025)[0] == Holiday(day("2025-04-30"), "Làm việc", "override", working=True)


def test_contradictory_overrides_for_one_day_are_refused():
    with pytest.raises(ValueError):
        BusinessCalendar(
            [
                CalendarOverride(day("2025-05-02"), False, "Nghỉ"),
                CalendarOverride(day("2025-05-02"), True, "Làm"),
            ]
        )


# Tết

def test_acceptance_deadline_skips_tet_2025():
    # Civil servants off Sat 25/1 - Sun 2/2/2025: 27/1 (29 Tết) to 31/1 (mùng 3), Sat 1/2 (mùng 4), weekends.
    assert not any(calendar.is_working_day(d) for d in days_from("2025-01-25", "2025-02-02"))
    assert calendar.is_working_day(day("2025-01-24")) and calendar.is_working_day(day("2025-02-03"))
    # Thu 23/1 +3 working: 24/1=1, [25/1-2/2 Tết and weekends], 3/2=2, 4/2=3
    assert calendar.deadline(day("2025-01-23"), 3, "working") == day("2025-02-04")
    # Mon 20/1 +10 calendar = Thu 30/1 (mùng 2 Tết) -> past 31/1, Sat 1/2 (mùng 4), Sun 2/2 -> Mon 3/2
    assert calendar.deadline(day("2025-01-20"), 10, "calendar") == day("2025-02-03")


def test_acceptance_deadline_skips_tet_2026():
    # Civil servants off Sat 14/2 - Sun 22/2/2026 (processes.md): Mon 16/2 (29 Tết) to Fri 20/2 (mùng 4).
    assert not any(calendar.is_working_day(d) for d in days_from("2026-02-14", "2026-02-22"))
    # Thu 12/2 +2 working: 13/2=1, [14/2-22/2 Tết and weekends], Mon 23/2=2
    assert calendar.deadline(day("2026-02-12"), 2, "working") == day("2026-02-23")
    # Fri 13/2 -> Mon 23/2: only 23/2 is a working day after the start
    assert calendar.working_days_between(day("2026-02-13"), day("2026-02-23")) == 1


# 30/4 - 1/5, 2/9 and days made up for weekend holidays

def test_30_april_and_1_may_2026_need_no_swap():
    # Wed 29/4/2026 +1 working: [Thu 30/4, Fri 1/5 holidays, 2-3/5 weekend] Mon 4/5=1
    assert calendar.deadline(day("2026-04-29"), 1, "working") == day("2026-05-04")


def test_hung_kings_day_on_sunday_is_made_up_on_monday_2026():
    # Fri 24/4/2026 +1 working: [25/4 Sat, 26/4 Sun = Giỗ Tổ, 27/4 made-up day off] Tue 28/4=1
    assert calendar.deadline(day("2026-04-24"), 1, "working") == day("2026-04-28")


def test_30_april_and_1_may_on_a_weekend_are_made_up_on_monday_and_tuesday_2022():
    # Fri 29/4/2022 +1 working: [Sat 30/4, Sun 1/5 holidays, Mon 2/5 and Tue 3/5 made up] Wed 4/5=1
    assert calendar.deadline(day("2022-04-29"), 1, "working") == day("2022-05-04")


def test_national_day_2025_is_1_and_2_september():
    # 2/9/2025 is a Tuesday; its adjacent day is Mon 1/9.
    assert not calendar.is_working_day(day("2025-09-01"))
    assert not calendar.is_working_day(day("2025-09-02"))
    # Fri 29/8 +1 working: [30-31/8 weekend, 1/9, 2/9] Wed 3/9=1
    assert calendar.deadline(day("2025-08-29"), 1, "working") == day("2025-09-03")
    # Sat 2/8 +30 calendar = Mon 1/9 (holiday) -> past 2/9 -> Wed 3/9
    assert calendar.deadline(day("2025-08-02"), 30, "calendar") == day("2025-09-03")


def test_national_day_on_saturday_is_made_up_on_monday_2023():
    # 2/9/2023 is a Saturday: adjacent Fri 1/9 off, made-up Mon 4/9 off.
    # Thu 31/8 +1 working: [1/9, 2-3/9 weekend, 4/9] Tue 5/9=1
    assert calendar.deadline(day("2023-08-31"), 1, "working") == day("2023-09-05")


# Year ends

def test_working_days_cross_new_year_2025():
    # Tue 31/12/2024 +1 working: [Wed 1/1/2025 New Year] Thu 2/1=1
    assert calendar.deadline(day("2024-12-31"), 1, "working") == day("2025-01-02")
    # Mon 30/12/2024 +2 calendar = Wed 1/1/2025 (holiday) -> Thu 2/1
    assert calendar.deadline(day("2024-12-30"), 2, "calendar") == day("2025-01-02")


def test_period_starting_on_new_years_day_does_not_count_it():
    # Wed 1/1/2025 +1 working: the start is not counted (and is a holiday anyway), Thu 2/1=1
    assert calendar.deadline(day("2025-01-01"), 1, "working") == day("2025-01-02")


def test_new_year_on_sunday_is_made_up_on_monday_2023():
    # Fri 30/12/2022 +1 working: [31/12 Sat, 1/1/2023 Sun = New Year, Mon 2/1 made up] Tue 3/1=1
    assert calendar.deadline(day("2022-12-30"), 1, "working") == day("2023-01-03")


def test_swap_across_new_year_2019_is_known():
    # Off Mon 31/12/2018, worked Sat 5/1/2019 in exchange.
    # Fri 28/12/2018 +2 working: [29-30/12 weekend, 31/12 swapped off, 1/1 New Year] 2/1=1, 3/1=2
    assert calendar.deadline(day("2018-12-28"), 2, "working") == day("2019-01-03")
    # Fri 4/1/2019 +1 working: Sat 5/1 is worked = 1
    assert calendar.deadline(day("2019-01-04"), 1, "working") == day("2019-01-05")


# Counting rules

def test_calendar_deadline_ending_on_sunday_moves_to_monday():
    # Mon 3/3/2025 +6 calendar = Sun 9/3 -> Mon 10/3; +5 = Sat 8/3 -> Mon 10/3
    assert calendar.deadline(day("2025-03-03"), 6, "calendar") == day("2025-03-10")
    assert calendar.deadline(day("2025-03-03"), 5, "calendar") == day("2025-03-10")


def test_calendar_deadline_ending_on_a_holiday_moves_past_it():
    # Sun 20/4/2025 +10 calendar = Wed 30/4 -> past 1/5, 2/5 (off), 3-4/5 weekend -> Mon 5/5
    assert calendar.deadline(day("2025-04-20"), 10, "calendar") == day("2025-05-05")


def test_working_day_counting_never_counts_the_start_day():
    # Mon 3/3/2025 +1 working: Tue 4/3=1. Sat 8/3 +1 working: [Sun 9/3] Mon 10/3=1.
    assert calendar.deadline(day("2025-03-03"), 1, "working") == day("2025-03-04")
    assert calendar.deadline(day("2025-03-08"), 1, "working") == day("2025-03-10")
    assert calendar.working_days_between(day("2025-03-03"), day("2025-03-03")) == 0
    assert calendar.working_days_between(day("2025-03-03"), day("2025-03-04")) == 1


def test_working_days_between_counts_like_deadline():
    start = day("2025-04-25")
    for n in range(1, 40):
        assert calendar.working_days_between(start, calendar.deadline(start, n, "working")) == n
    # Backwards it is negative: 25/4 -> 8/5 is 7 working days, so 8/5 -> 25/4 is -7.
    assert calendar.working_days_between(day("2025-05-08"), start) == -7


def test_add_working_days_counts_backwards_for_negative_days():
    # Mon 5/5/2025 -1 working: [4/5 Sun, 3/5 Sat, 2/5 off, 1/5, 30/4 holidays] Tue 29/4=1
    assert calendar.add_working_days(day("2025-05-05"), -1) == day("2025-04-29")
    # Mon 10/3/2025 -5 working: 7/3=1, 6/3=2, 5/3=3, 4/3=4, 3/3=5
    assert calendar.add_working_days(day("2025-03-10"), -5) == day("2025-03-03")


def test_zero_day_period_ends_on_the_start_moved_to_a_working_day():
    # Sat 8/3/2025: no period may end on a rest day, so Mon 10/3; Mon 10/3 itself stays.
    assert calendar.deadline(day("2025-03-08"), 0, "calendar") == day("2025-03-10")
    assert calendar.deadline(day("2025-03-10"), 0, "working") == day("2025-03-10")


@pytest.mark.parametrize("kind", ["business", "", "Working", None])
def test_unknown_kind_of_days_is_refused(kind):
    with pytest.raises(ValueError):
        calendar.deadline(day("2025-03-03"), 5, kind)


@pytest.mark.parametrize("kind", ["calendar", "working"])
def test_negative_period_is_refused(kind):
    with pytest.raises(ValueError):
        calendar.deadline(day("2025-03-03"), -1, kind)


# End instant and holiday list

def test_deadline_ends_at_midnight_vietnam_time_after_the_due_day():
    # Due Thu 8/5/2025 (worked example), so the period expires at 24:00 on 8/5 = 00:00 on 9/5, UTC+7.
    due_at = calendar.deadline_end(day("2025-04-25"), 7, "working")
    assert due_at == datetime(2025, 5, 9, 0, 0, tzinfo=VIETNAM_TZ)
    assert due_at == datetime(2025, 5, 8, 17, 0, tzinfo=timezone.utc)
    paris = ZoneInfo("Europe/Paris")
    assert calendar.deadline_end(day("2025-04-25"), 7, "working", paris) == datetime(2025, 5, 9, tzinfo=paris)


def test_holidays_lists_days_off_and_worked_saturdays_with_their_source():
    by_day = {holiday.day: holiday for holiday in calendar.holidays(2025)}
    assert by_day[day("2025-04-30")] == Holiday(day("2025-04-30"), "Ngày Chiến thắng", "holidays")
    assert by_day[day("2025-04-26")].working and by_day[day("2025-04-26")].source == "override"
    assert not by_day[day("2025-05-02")].working and by_day[day("2025-05-02")].source == "override"
    assert list(by_day) == sorted(by_day)
    assert all(d.year == 2025 for d in by_day)


def test_each_year_is_asked_of_the_provider_once():
    asked = []

    def provider(year):
        asked.append(year)
        return []

    counting = BusinessCalendar(holiday_provider=provider)
    counting.deadline(day("2025-12-20"), 30, "calendar")
    counting.working_days_between(day("2025-01-01"), day("2026-03-01"))
    assert sorted(asked) == [2025, 2026]
