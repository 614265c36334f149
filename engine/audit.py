"""The audit log: one appended event per change, written in the same transaction as the change.

An event says who did what, when, to which case and task, on which version, with which data. Events are
only ever inserted; nothing in the engine updates or deletes them.
"""
import copy
from datetime import datetime

from sqlalchemy.orm import Session

from .store.tables import AuditEvent


def record_event(session: Session, *, at: datetime, actor: str | None, action: str,
                 instance=None, task_id: str | None = None, process_model_id: str | None = None,
                 version: int | None = None, data: dict | None = None) -> AuditEvent:
    event = AuditEvent(
        occurred_at=at,
        actor=actor,
        action=action,
        instance_id=instance.id if instance is not None else None,
        task_id=task_id,
        process_model_id=instance.process_model_id if instance is not None else process_model_id,
        version=instance.version if instance is not None else version,
        data=copy.deepcopy(data or {}),
    )
    session.add(event)
    return event
