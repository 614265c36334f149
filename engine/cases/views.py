"""Plain-dict views of rows, the shape the API serializes. No personal data is added here.

Instants are given in UTC, as the database gives them back: a view built inside the transaction that set
a value (a new case's deadline, computed in commune time) reads the same as one built from a later read.
"""
from datetime import datetime, timezone
from types import SimpleNamespace

from ..store.tables import Instance, Task

# A task or a case as the views read it: a mapped object, or a plain row of its columns (a namespace or a
# Row). The inbox, claims and completions read plain rows: mapped objects were a third of a claim's CPU.
TaskRow = Task | SimpleNamespace
CaseRow = Instance | SimpleNamespace


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(timezone.utc) if value is not None else None


def instance_view(instance: Instance) -> dict:
    return {
        "id": instance.id,
        "business_key": instance.business_key,
        "process_model": instance.process_model_id,
        "version": instance.version,
        "status": instance.status,
        "outcome": instance.outcome,
        "created_by": instance.created_by,
        "created_at": _utc(instance.created_at),
        "updated_at": _utc(instance.updated_at),
        "ended_at": _utc(instance.ended_at),
        "due_at": _utc(instance.due_at),
    }


def task_view(task: TaskRow, business_key: str | None = None) -> dict:
    return {
        "id": task.id,
        "instance_id": task.instance_id,
        "business_key": business_key,
        "process_model": task.process_model_id,
        "name": task.name,
        "title": task.title,
        "role": task.role,
        "assignee": task.assignee,
        "status": task.status,
        "created_at": _utc(task.created_at),
        "claimed_at": _utc(task.claimed_at),
        "completed_at": _utc(task.completed_at),
        "completed_by": task.completed_by,
        "due_at": _utc(task.due_at),
    }
