"""The periods of the periodic reports, counted by hand (engine.reports.periods)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from engine.core.errors import InvalidInput
from engine.reports.periods import report_period

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("kind, last_day, heading", [
    ("q1", date(2026, 3, 31), "BÁO CÁO QUÝ I NĂM 2026"),
    ("6_thang", date(2026, 6, 30), "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2026"),
    ("9_thang", date(2026, 9, 30), "BÁO CÁO 9 THÁNG NĂM 2026"),
    ("nam", date(2026, 12, 31), "BÁO CÁO TỔNG KẾT NĂM 2026"),
])
def test_calendar_periods_run_from_the_first_of_january(kind, last_day, heading):
    period = report_period(kind, 2026, VN)
    assert (period.first_day, period.last_day, period.heading) == (date(2026, 1, 1), last_day, heading)


def test_period_instants_are_commune_midnights_around_the_days():
    period = report_period("6_thang", 2026, VN)
    assert period.start == datetime(2026, 1, 1, tzinfo=VN)
    assert period.end == datetime(2026, 7, 1, tzinfo=VN)  # 24:00 of 30 June


def test_q1_of_a_leap_year_also_ends_on_the_thirty_first_of_march():
    assert report_period("q1", 2028, VN).last_day == date(2028, 3, 31)


@pytest.mark.parametrize("kind, first_day, last_day", [
    ("q1", date(2025, 12, 15), date(2026, 3, 14)),
    ("6_thang", date(2025, 12, 15), date(2026, 6, 14)),
    ("nam", date(2025, 12, 15), date(2026, 12, 14)),
])
def test_a_cut_off_day_moves_the_periods_to_the_fifteenth_of_december(kind, first_day, last_day):
    period = report_period(kind, 2026, VN, cutoff_day=14)
    assert (period.first_day, period.last_day) == (first_day, last_day)


@pytest.mark.parametrize("kind, year, cutoff", [
    ("quy_2", 2026, 0), ("q1", 1999, 0), ("q1", True, 0), ("q1", "2026", 0), ("q1", 2026, 29), ("q1", 2026, -1),
])
def test_unknown_kinds_years_and_cut_off_days_are_refused(kind, year, cutoff):
    with pytest.raises(InvalidInput):
        report_period(kind, year, VN, cutoff_day=cutoff)


@pytest.mark.parametrize("kind, first_day, last_day, heading", [
    ("q2", date(2026, 3, 15), date(2026, 6, 14), "BÁO CÁO QUÝ II NĂM 2026"),
    ("q3", date(2026, 6, 15), date(2026, 9, 14), "BÁO CÁO QUÝ III NĂM 2026"),
    ("q4", date(2026, 9, 15), date(2026, 12, 14), "BÁO CÁO QUÝ IV NĂM 2026"),
])
def test_a_later_quarter_runs_from_the_previous_quarters_cut_off(kind, first_day, last_day, heading):
    """Circular 01/2024/TT-TTCP, Art. 7: Q2, Q3, Q4 from the 15th of the previous quarter's last month to the 14th
    of the quarter's last month."""
    period = report_period(kind, 2026, VN, cutoff_day=14)
    assert (period.first_day, period.last_day, period.heading) == (first_day, last_day, heading)


def test_a_later_quarter_in_calendar_months():
    period = report_period("q3", 2026, VN)
    assert (period.first_day, period.last_day) == (date(2026, 7, 1), date(2026, 9, 30))
