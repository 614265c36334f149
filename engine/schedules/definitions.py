"""Each commune's schedules of recurring work, as its administrator keeps them.

Two kinds, each opening a case of a process by itself (the worker, `engine.schedules.openings`):
- `tiep_cong_dan`: the Chairman's citizen-reception days, at least one day a week at commune level (Law on
  Citizen Reception 2013, Art. 15; from 1 July 2026 at least two days a month, Law 136/2025/QH15, which a weekly
  day still meets): ISO weekdays (1 = Monday ... 7 = Sunday) and the starting time; each reception day opens a
  `tiep_dinh_ky` case whose task is in the Chairman's inbox that day.
- `doi_thoai`: the yearly dialogue conference with the people (at least once a year, Law 10/2022/QH15 and the
  commune's plan): the day of the year (month, day) on which the year's `doi_thoai` case is opened for the
  Office to plan it.
A commune's administrator edits the schedules of their commune; a province's, those of its communes (named
by code). Every change is audited.
"""
from __future__ import annotations

import re

from sqlalchemy import select

from ..core.errors import Forbidden, InvalidInput, NotFound
from ..core.messages import N_
from ..core.principal import Principal
from ..core.roles import ADMINISTRATOR
from ..store.schedule_tables import RecurringSchedule
from ..store.tables import OrgUnit
from ..trust.access import changes_data
from ..trust.audit import record_event

KINDS = {"tiep_cong_dan": "Lịch tiếp công dân định kỳ của Chủ tịch UBND xã",
         "doi_thoai": "Hội nghị đối thoại định kỳ hằng năm với Nhân dân"}
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def list_schedules(services, principal: Principal, commune: str | None = None) -> dict:
    """The commune's schedule of each kind, `None` where none was set."""
    with services.uow(write=False) as uow:
        unit = _commune(uow.session, principal, commune)
        rows = {r.kind: r for r in uow.session.scalars(
            select(RecurringSchedule).where(RecurringSchedule.commune_id == unit.id))}
        return {"commune": unit.code, "commune_name": unit.name,
                "items": [view(kind, rows.get(kind)) for kind in KINDS]}


@changes_data
def put_schedule(services, principal: Principal, kind: str, values: dict, commune: str | None = None) -> dict:
    """Create or replace the commune's schedule of `kind` (its administrator only)."""
    if kind not in KINDS:
        raise NotFound("Không có loại lịch này.")
    if not principal.has_role(ADMINISTRATOR):
        raise Forbidden("Chỉ quản trị viên được sửa lịch định kỳ của xã.")
    fields = _checked(kind, values)
    now = services.clock.now()
    with services.uow() as uow:
        session = uow.session
        unit = _commune(session, principal, commune)
        row = session.scalars(select(RecurringSchedule).where(
            RecurringSchedule.commune_id == unit.id, RecurringSchedule.kind == kind)).first()
        if row is None:
            row = RecurringSchedule(commune_id=unit.id, kind=kind)
            session.add(row)
        for name, value in fields.items():
            setattr(row, name, value)
        row.updated_by, row.updated_at = principal.username, now
        session.flush()
        result = view(kind, row)
        record_event(session, at=now, actor=principal.username, action="schedule_changed", commune_id=unit.id,
                     data={"kind": kind, **{k: v for k, v in result.items() if k not in ("updated_at",)}})
        uow.commit()
    return result


def view(kind: str, row: RecurringSchedule | None) -> dict:
    base = {"kind": kind, "title": KINDS[kind]}
    if row is None:
        return {**base, "active": False, "weekdays": [], "start_time": None, "month": None, "day": None,
                "updated_by": None, "updated_at": None}
    return {**base, "active": row.active, "weekdays": [int(d) for d in row.weekdays.split(",") if d],
            "start_time": row.start_time or None, "month": row.month, "day": row.day,
            "updated_by": row.updated_by, "updated_at": row.updated_at}


def _checked(kind: str, values: dict) -> dict:
    active = bool(values.get("active", True))
    if kind == "tiep_cong_dan":
        weekdays = values.get("weekdays") or []
        problems = {}
        if not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in weekdays):
            problems["weekdays"] = N_("Thứ trong tuần: số từ 1 (thứ Hai) đến 7 (Chủ nhật).")
        elif active and not weekdays:
            problems["weekdays"] = N_("Chủ tịch UBND xã tiếp công dân ít nhất 1 ngày mỗi tuần (Luật Tiếp công dân, Điều 15).")
        start_time = values.get("start_time") or ""
        if not isinstance(start_time, str) or not TIME.match(start_time):
            problems["start_time"] = N_("Giờ bắt đầu dạng giờ:phút, ví dụ 07:30.")
        if problems:
            raise InvalidInput("Lịch tiếp công dân không hợp lệ.", problems)
        return {"active": active, "weekdays": ",".join(str(d) for d in sorted(set(weekdays))),
                "start_time": start_time, "month": None, "day": None}
    month, day = values.get("month"), values.get("day")
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        raise InvalidInput("Lịch hội nghị đối thoại không hợp lệ.", {"month": "Tháng từ 1 đến 12."})
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= min(DAYS_IN_MONTH[month - 1], 28 if month == 2 else 31):
        raise InvalidInput("Lịch hội nghị đối thoại không hợp lệ.", {"day": "Ngày không có trong tháng đó."})
    return {"active": active, "weekdays": "", "start_time": "", "month": month, "day": day}


def _commune(session, principal: Principal, code: str | None) -> OrgUnit:
    """The commune whose schedules are meant: the principal's own, or one they see named by its code."""
    if code is None:
        if principal.commune_id is None:
            raise InvalidInput("Chọn xã.", {"commune": "Mã xã (bắt buộc với người dùng cấp tỉnh)."})
        unit = session.get(OrgUnit, principal.commune_id)
    else:
        unit = session.scalars(select(OrgUnit).where(OrgUnit.code == code, OrgUnit.kind == "commune")).first()
        if unit is None or not principal.sees_commune(unit.id):
            raise NotFound("Không tìm thấy xã.")
    return unit
