"""Plain-dict views of rows, the shape the API serializes. No personal data is added here."""
from .store.tables import Instance, Task


def instance_view(instance: Instance) -> dict:
    return {
        "id": instance.id,
        "business_key": instance.business_key,
        "process_model": instance.process_model_id,
        "version": instance.version,
        "status": instance.status,
        "outcome": instance.outcome,
        "created_by": instance.created_by,
        "created_at": instance.created_at,
        "updated_at": instance.updated_at,
        "ended_at": instance.ended_at,
        "due_at": instance.due_at,
    }


def task_view(task: Task, business_key: str | None = None) -> dict:
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
        "created_at": task.created_at,
        "claimed_at": task.claimed_at,
        "completed_at": task.completed_at,
        "completed_by": task.completed_by,
        "due_at": task.due_at,
    }
