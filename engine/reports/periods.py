"""The periods of the periodic reports: each quarter, 6 months, 9 months and the year (Circular 01/2024/TT-TTCP,
Art. 7).

The cumulative reports cover the year from its beginning: the Q1 report its first three months, the 6-month
review (sơ kết) six, the 9-month report nine, the annual summary (tổng kết) twelve. The Q2, Q3 and Q4 reports
cover their quarter only: from the day after the cut-off of the previous quarter's last month to the cut-off
of the quarter's last month (15 March - 14 June for Q2 with the Circular's cut-off), or the quarter's calendar
months. Where the year begins is the
data cut-off day (`ngay_chot_so_lieu`), a parameter of the process version because the checked notes do not
confirm it: 0 (the default) means calendar months (1 January - 30 June for the 6-month review); a day D
from 1 to 28 means periods running from D+1 December of the year before to D of the closing month (14 gives
15 December - 14 June, the cut-off used by the government's reporting regime, Decree 09/2019/NĐ-CP Art. 12).

A period is the days from `first_day` to `last_day` inclusive, i.e. the instants from 00:00 of the first
day to 24:00 of the last day in the commune's time zone.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..core.errors import InvalidInput

MONTHS = {"q1": 3, "q2": 6, "q3": 9, "q4": 12, "6_thang": 6, "9_thang": 9, "nam": 12}
QUARTERS = {"q2", "q3", "q4"}  # the quarter only, not the year so far
HEADINGS = {
    "q1": "BÁO CÁO QUÝ I NĂM {year}",
    "q2": "BÁO CÁO QUÝ II NĂM {year}",
    "q3": "BÁO CÁO QUÝ III NĂM {year}",
    "q4": "BÁO CÁO QUÝ IV NĂM {year}",
    "6_thang": "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM {year}",
    "9_thang": "BÁO CÁO 9 THÁNG NĂM {year}",
    "nam": "BÁO CÁO TỔNG KẾT NĂM {year}",
}
MAX_CUTOFF_DAY = 28
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class ReportPeriod:
    kind: str
    year: int
    first_day: date
    last_day: date
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        """00:00 after the last day: the first instant outside the period."""
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=self.tz)

    @property
    def heading(self) -> str:
        return HEADINGS[self.kind].format(year=self.year)


def report_period(kind: str, year: int, tz: ZoneInfo, cutoff_day: int = 0) -> ReportPeriod:
    if kind not in MONTHS:
        raise InvalidInput("Kỳ báo cáo không hợp lệ.", {"ky_bao_cao": "Một trong: " + ", ".join(MONTHS)})
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput("Năm báo cáo không hợp lệ.", {"nam": f"Từ {MIN_YEAR} đến {MAX_YEAR}."})
    if isinstance(cutoff_day, bool) or not isinstance(cutoff_day, int) or not 0 <= cutoff_day <= MAX_CUTOFF_DAY:
        raise InvalidInput("Ngày chốt số liệu không hợp lệ.", {"ngay_chot_so_lieu": f"Từ 0 đến {MAX_CUTOFF_DAY}."})
    months = MONTHS[kind]
    if cutoff_day == 0:
        first = date(year, months - 2, 1) if kind in QUARTERS else date(year, 1, 1)
        last = date(year, months, calendar.monthrange(year, months)[1])
    else:
        first = date(year, months - 3, cutoff_day + 1) if kind in QUARTERS else date(year - 1, 12, cutoff_day + 1)
        last = date(year, months, cutoff_day)
    return ReportPeriod(kind, year, first, last, tz)
