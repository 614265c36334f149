"""Reading the audit log: search, export (CSV, JSON) and verification of the hash chain.

Auditors (`kiem_tra`) and administrators read the events of their scope: those of the communes they see,
plus the changes of what every commune shares: deployments (the process catalogue) and the working-day
calendar (every statutory date). Confidential values are stored sealed and are shown
as `[bảo mật]` here, to everyone: the log proves who did what, it does not hand out secrets. An export is
itself an audit event, so the log also records who took a copy of it.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from sqlalchemy import and_, func, or_, select

from ..core.cells import csv_text
from ..core.errors import Forbidden
from ..core.principal import Principal
from ..core.roles import ADMINISTRATOR, AUDITOR
from ..core.timezone import commune_tz
from ..store.tables import AuditEvent, Case, Task
from .access import own_action
from .audit import record_event
from .audit_chain import verify_chain
from .confidential import redact_tree
from .exclusions import not_excluded

READERS = (AUDITOR, ADMINISTRATOR)
SHARED_ACTIONS = ("deployed", "calendar_override_set", "calendar_override_deleted")  # they change every commune
EXPORT_LIMIT = 50_000
CSV_COLUMNS = ("id", "seq", "occurred_at", "actor", "action", "business_key", "instance_id", "task_id",
               "process_model", "version", "data", "hash")


def _require_reader(principal: Principal) -> None:
    if not principal.has_role(*READERS):
        raise Forbidden("Chỉ kiểm tra viên và quản trị viên được xem nhật ký kiểm tra.")


def _query(principal: Principal, *, actor=None, action=None, instance_id=None, business_key=None,
           occurred_from: datetime | None = None, occurred_to: datetime | None = None):
    query = select(AuditEvent, Case.business_key).outerjoin(Case, Case.id == AuditEvent.instance_id)
    if principal.communes is not None or principal.commune_id is not None:
        communes = sorted(principal.communes) if principal.communes is not None else [principal.commune_id]
        query = query.where(or_(AuditEvent.commune_id.in_(communes),
                                and_(AuditEvent.commune_id.is_(None), AuditEvent.instance_id.is_(None),
                                     AuditEvent.action.in_(SHARED_ACTIONS))))
    if principal.commune_id is not None:  # a commune's people: not the cases that moved to the province
        query = query.where(Case.handling_unit_id.is_(None))
    query = not_excluded(query, AuditEvent.instance_id, principal.username)  # nor those about them
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if action:
        query = query.where(AuditEvent.action == action)
    if instance_id:
        query = query.where(AuditEvent.instance_id == instance_id)
    if business_key:
        query = query.where(Case.business_key == business_key)
    if occurred_from:
        query = query.where(AuditEvent.occurred_at >= occurred_from)
    if occurred_to:
        query = query.where(AuditEvent.occurred_at <= occurred_to)
    return query


def _view(event: AuditEvent, business_key: str | None) -> dict:
    return {"id": event.id, "seq": event.seq, "occurred_at": event.occurred_at, "actor": event.actor,
            "action": event.action, "instance_id": event.instance_id, "business_key": business_key,
            "task_id": event.task_id, "process_model": event.process_model_id, "version": event.version,
            "data": redact_tree(event.data or {}, frozenset()), "hash": event.hash}


def _with_task_title(query):
    """The page's events with the title of the task each one is about ("Quyết định thụ lý"), which an auditor
    reads where the task id alone says nothing. Joined on the page only: the count needs no title."""
    return query.add_columns(Task.title).outerjoin(Task, Task.id == AuditEvent.task_id)


def search_events(services, principal: Principal, *, limit: int = 50, offset: int = 0, **filters) -> tuple[list, int]:
    _require_reader(principal)
    query = _query(principal, **filters)
    with services.uow(write=False) as uow:
        total = uow.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = uow.session.execute(_with_task_title(query).order_by(AuditEvent.occurred_at, AuditEvent.id)
                                   .limit(limit).offset(offset)).all()
        return [{**_view(e, key), "task_title": title} for e, key, title in rows], total


@own_action
def export_events(services, principal: Principal, fmt: str, **filters) -> str:
    """The matching events (at most EXPORT_LIMIT, oldest first) as CSV or JSON text."""
    _require_reader(principal)
    query = _query(principal, **filters).order_by(AuditEvent.occurred_at, AuditEvent.id).limit(EXPORT_LIMIT)
    with services.uow(write=False) as uow:
        items = [_view(e, key) for e, key in uow.session.execute(query).all()]
    with services.uow() as uow:
        record_event(uow.session, at=services.clock.now(), actor=principal.username, action="audit_exported",
                     commune_id=principal.commune_id,
                     data={"format": fmt, "count": len(items),
                           "filters": {k: str(v) for k, v in filters.items() if v is not None}})
        uow.commit()
    if fmt == "json":
        return json.dumps({"items": items, "total": len(items)}, ensure_ascii=False, default=_iso, indent=1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    tz = commune_tz(services)
    for item in items:
        row = {**item, "data": json.dumps(item["data"], ensure_ascii=False, sort_keys=True),
               "occurred_at": local_iso(item["occurred_at"], tz)}
        writer.writerow([csv_text(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def verify_audit(services, principal: Principal) -> dict:
    _require_reader(principal)
    with services.uow(write=False) as uow:
        return verify_chain(uow.session)


def local_iso(instant: datetime, tz) -> str:
    """An instant as a spreadsheet reader expects it: the commune's local time, ISO 8601 with its offset
    (2026-12-06T17:38:00+07:00); the JSON export keeps UTC, as the API does."""
    return instant.astimezone(tz).isoformat(timespec="seconds")


def _iso(value):
    return value.isoformat() if isinstance(value, datetime) else value


