"""The worker opens the case of each period of a commune's schedules, once, whatever number of workers run.

`open_scheduled_cases` reads, at the engine's clock, the active schedules and the periods due now: a reception
day when today (in the commune's time zone) is one of the schedule's weekdays and a working day of the
calendar (a public holiday is no reception day), whose case opens at 00:00 so the Chairman finds the day's task
in the inbox; the year's dialogue conference once the schedule's day of the year is reached (a worker that was
down opens it when it comes back, within the same year). Past reception days are not opened afterwards: a day
gone by is not a task to do.

Each period is opened in its own transaction: the case (`engine.cases.lifecycle.open_case`, by the system, in
the schedule's commune) and the row of `scheduled_openings` whose unique key (commune, kind, period) a second
worker's insert violates; that worker rolls its case back. A period already opened is skipped before any
work, so the usual poll costs one query.
"""
from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..calendar.store import calendar_snapshot
from ..cases.lifecycle import open_case
from ..core.errors import DanchuError
from ..core.principal import SYSTEM
from ..core.timezone import commune_tz
from ..processes.catalogue import latest_version
from ..store.schedule_tables import RecurringSchedule, ScheduledOpening
from ..workflow.spiff_adapter import RuntimeFault

log = logging.getLogger("danchu.worker")
PROCESSES = {"tiep_cong_dan": "tiep_dinh_ky", "doi_thoai": "doi_thoai"}


def open_scheduled_cases(services) -> int:
    """Open the cases of the periods due now that no worker opened yet; returns how many were opened."""
    now = services.clock.now()
    today = now.astimezone(commune_tz(services)).date()
    with services.uow(write=False) as uow:
        due = [item for row in uow.session.scalars(select(RecurringSchedule).where(RecurringSchedule.active))
               if (item := _due_period(services, row, today)) is not None]
        if not due:
            return 0
        opened = set(uow.session.execute(select(ScheduledOpening.commune_id, ScheduledOpening.kind,
                                                ScheduledOpening.period)
                                         .where(ScheduledOpening.period.in_({p for _, _, p, _ in due}))).all())
    return sum(_open_period(services, commune_id, kind, period, data, now)
               for commune_id, kind, period, data in due if (commune_id, kind, period) not in opened)


def _due_period(services, row: RecurringSchedule, today: date):
    """(commune, kind, period, start data) of the schedule's period due today, or None."""
    if row.kind == "tiep_cong_dan":
        weekdays = {int(d) for d in row.weekdays.split(",") if d}
        if today.isoweekday() not in weekdays or not calendar_snapshot(services.calendar).is_working_day(today):
            return None
        return (row.commune_id, row.kind, today.isoformat(),
                {"ngay_tiep": today.isoformat(), "gio_tiep": row.start_time, "dia_diem": "Trụ sở UBND xã"})
    if row.kind == "doi_thoai" and row.month and row.day and today >= date(today.year, row.month, row.day):
        return (row.commune_id, row.kind, str(today.year),
                {"chu_de": f"Hội nghị đối thoại định kỳ năm {today.year} giữa Chủ tịch UBND xã và Nhân dân",
                 "can_cu": "dinh_ky_hang_nam", "pham_vi": "Toàn xã"})
    return None


def _open_period(services, commune_id: int, kind: str, period: str, data: dict, now) -> int:
    with services.uow() as uow:
        session = uow.session
        taken = select(ScheduledOpening.id).where(ScheduledOpening.commune_id == commune_id,
                                                   ScheduledOpening.kind == kind, ScheduledOpening.period == period)
        if session.scalar(taken) is not None:
            return 0  # another worker opened it since the read
        try:
            version = latest_version(session, PROCESSES[kind])
            case = open_case(services, uow, SYSTEM, version, data, commune_id=commune_id, typed=False)
            session.add(ScheduledOpening(commune_id=commune_id, kind=kind, period=period, instance_id=case.id,
                                         opened_at=now))
            session.flush()
        except IntegrityError:
            uow.rollback()  # another worker's row committed first: its case stands, this one is undone
            return 0
        except (DanchuError, RuntimeFault):
            uow.rollback()
            log.exception("opening the %s case of %s for commune %s failed", kind, period, commune_id)
            return 0
        uow.commit()
        return 1
