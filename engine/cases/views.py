"""Plain-dict views of rows, the shape the API serializes. No personal data is added here.

Instants are given in UTC, as the database gives them back: a view built inside the transaction that set
a value (a new case's deadline, computed in commune time) reads the same as one built from a later read.
"""
from datetime import datetime, timezone
from types import SimpleNamespace

from ..store.tables import Case, Task

# A task or a case as the views read it: a mapped object, or a plain row of its columns (a namespace or a
# Row). The inbox, claims and completions read plain rows: mapped objects were a third of a claim's CPU.
TaskRow = Task | SimpleNamespace
CaseRow = Case | SimpleNamespace


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(timezone.utc) if value is not None else None


def case_view(case: Case) -> dict:
    return {
        "id": case.id,
        "business_key": case.business_key,
        "process_model": case.process_model_id,
        "version": case.version,
        "status": case.status,
        "outcome": case.outcome,
        "created_by": case.created_by,
        "created_at": _utc(case.created_at),
        "updated_at": _utc(case.updated_at),
        "ended_at": _utc(case.ended_at),
        "due_at": _utc(case.due_at),
        "sector": case.sector,
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
