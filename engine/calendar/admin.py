"""Calendar verbs: compute a legal deadline, list a year's holidays, and edit the override table.

Anyone signed in may ask; only an administrator above the communes (`engine.trust.access.may_change_shared`: the
province's or a national one, or the `danchu` command acting as the system) changes the override table,
which moves every commune's statutory dates. Each edit is audited as a shared action, which every auditor
and administrator sees whatever their commune, and bumps the calendar version in the same transaction, so
every server and worker uses the new calendar from its next question on.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import extract, select

from ..core.errors import InvalidInput, NotFound
from ..core.principal import Principal
from ..core.timezone import commune_tz
from ..store.tables import CalendarOverrideRow
from ..trust.access import changes_data, ensure_may_change_shared, may_change_shared
from ..trust.audit import record_event
from .business_calendar import DAY_KINDS
from .store import bump_calendar_version, calendar_snapshot

MAX_DAYS = 3650


def compute_deadline(services, start: date, days: int, kind: str) -> dict:
    """The last day of a period (Civil Code counting) and the instant it expires."""
    if kind not in DAY_KINDS:
        raise InvalidInput("Loại ngày không hợp lệ.", {"kind": "Phải là 'calendar' hoặc 'working'."})
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput("Số ngày không hợp lệ.", {"days": f"Từ 0 đến {MAX_DAYS}."})
    calendar = calendar_snapshot(services.calendar)
    due = calendar.deadline(start, days, kind)
    return {"start": start, "days": days, "kind": kind, "due": due,
            "ends_at": calendar.deadline_end(start, days, kind, commune_tz(services))}


def list_holidays(services, year: int) -> list[dict]:
    _check_year(year)
    return [{"day": h.day, "name": h.name, "source": h.source, "working": h.working}
            for h in calendar_snapshot(services.calendar).holidays(year)]


def list_overrides(services, year: int | None = None) -> list[dict]:
    query = select(CalendarOverrideRow).order_by(CalendarOverrideRow.day)
    if year is not None:
        _check_year(year)
        query = query.where(extract("year", CalendarOverrideRow.day) == year)
    with services.uow(write=False) as uow:
        return [_override_view(row) for row in uow.session.scalars(query)]


@changes_data
def put_override(services, principal: Principal, day: date, working: bool, name: str) -> tuple[dict, bool]:
    """Create or replace the decision for `day`; returns the row and whether it was created."""
    with services.uow() as uow:
        session = uow.session
        ensure_may_change_shared(session, principal)
        name = (name or "").strip()
        if not name:
            raise InvalidInput("Thiếu tên quyết định.", {"name": "Bắt buộc."})
        _check_year(day.year)
        row = session.get(CalendarOverrideRow, day, with_for_update=uow.for_update)
        created = row is None
        now = services.clock.now()
        if created:
            row = CalendarOverrideRow(day=day, created_by=principal.username, created_at=now)
            session.add(row)
        row.working, row.name = bool(working), name[:200]
        row.created_by, row.created_at = principal.username, now
        bump_calendar_version(session)
        record_event(session, at=now, actor=principal.username, action="calendar_override_set",
                     data={"day": day.isoformat(), "working": bool(working), "name": row.name})
        uow.commit()
        return _override_view(row), created


@changes_data
def delete_override(services, principal: Principal, day: date) -> None:
    with services.uow() as uow:
        session = uow.session
        ensure_may_change_shared(session, principal)
        row = session.get(CalendarOverrideRow, day, with_for_update=uow.for_update)
        if row is None:
            raise NotFound("Không có quyết định cho ngày này.")
        session.delete(row)
        bump_calendar_version(session)
        record_event(session, at=services.clock.now(), actor=principal.username,
                     action="calendar_override_deleted", data={"day": day.isoformat()})
        uow.commit()


def may_edit_calendar(services, principal: Principal) -> bool:
    """Whether the calendar page should offer this user its forms (the verbs refuse them anyway)."""
    with services.uow(write=False) as uow:
        return may_change_shared(uow.session, principal)


def _override_view(row: CalendarOverrideRow) -> dict:
    return {"day": row.day, "working": row.working, "name": row.name, "created_by": row.created_by,
            "created_at": row.created_at}


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2200:
        raise InvalidInput("Năm không hợp lệ.", {"year": "Từ 1900 đến 2200."})
