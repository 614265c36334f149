"""A step redone after a send-back opens with what its last pass recorded, to be corrected, not retyped.

When the Chairman sends a case back (`engine.cases.sending_back`), the step made ready again is a new task;
its `sent_back` audit event names both (`task_id`: the pass sent back, `data.new_task_id`: the redo). The
steps the send-back undid come up again after it, each a new task too: each opens with its pass the
send-back undid (the last `completed` event of its step between the step sent back to and the `sent_back`
event). The values a pass was completed with are those of its `completed` event, what was then submitted,
kept to the fields its form declares and a person types: the number and date the register gave a document
the step issued (`document.numberField`, `document.dateField`) and the generated file (`document.field`)
are left out, since the redo issues its own; files sent with the form are too (a file is sent again, never
named). Confidential values are given only to who may read them (`disclose`), and giving them is recorded
as a confidential read by the caller; for anyone else they are left out, never replaced by a mask.
"""
from __future__ import annotations

from sqlalchemy import bindparam, exists, select

from ..files.issued import FIELD
from ..files.kinds import file_fields
from ..definitions.document_codes import DATE_FIELD, NUMBER_FIELD, documents_of
from ..store.tables import AuditEvent, Task
from ..trust.confidential import disclose, may_read


def last_pass(session, principal, case, version, task) -> tuple[dict | None, set]:
    """`{task_id, completed_at, completed_by, data}` of the pass of `task`'s step that the case was sent back
    from, when `task` is such a redo (else None), and the confidential fields its data reveals."""
    completed = _pass_undone(session, case, task)
    if completed is None:
        return None, set()
    schema = version.form(task.form) if task.form else {}
    reader = may_read(session, principal, case)
    data, revealed = disclose(session, principal, case, completed.data or {}, reader)
    kept = _typed_fields(version, task, schema) - (set() if reader else set(version.confidential))
    values = {name: value for name, value in data.items() if name in kept}
    return ({"task_id": completed.task_id, "completed_at": completed.occurred_at, "completed_by": completed.actor,
             "data": values}, {name for name in revealed if name in values})


def _pass_undone(session, case, task):
    """The `completed` event of the pass of `task`'s step that a send-back undid: the pass sent back when
    `task` redoes it, else the last pass of its step completed after the step sent back to and before the
    latest send-back that preceded `task` (a step the case comes to again after the redo)."""
    sends = list(session.scalars(_SENT_BACK, {"instance_id": case.id}))
    direct = next((e for e in sends if (e.data or {}).get("new_task_id") == task.id), None)
    if direct is not None:
        return session.scalars(_COMPLETED, {"instance_id": case.id, "task_id": direct.task_id}).first()
    sent = next((e for e in sends if task.created_at is None or e.occurred_at <= task.created_at), None)
    if sent is None:
        return None
    target = session.scalars(_COMPLETED, {"instance_id": case.id, "task_id": sent.task_id}).first()
    if target is None:
        return None
    passes = {"instance_id": case.id, "name": task.name, "task_id": task.id}
    if session.scalars(_UNDONE, {**passes, "after": sent.id, "before": _LAST}).first() is not None:
        return None  # the step was done again since the send-back: this is a later round, not the redo
    return session.scalars(_UNDONE, {**passes, "after": target.id, "before": sent.id}).first()


def step_sent_back(tasks):
    """Whether the case of the `tasks` row was sent back and its step has an earlier pass (another task of
    its case with its name): a column read with the task (`engine.cases.tasks.visible_task`), so that a task
    page pays for looking up its last pass only when there may be one (a task page is two statements)."""
    audit, other = AuditEvent.__table__, tasks.alias("pass_sent_back")
    return exists(select(audit.c.id).where(
        audit.c.instance_id == tasks.c.instance_id, audit.c.action == "sent_back")) & exists(
        select(other.c.id).where(other.c.instance_id == tasks.c.instance_id, other.c.name == tasks.c.name,
                                 other.c.id != tasks.c.id))


def _typed_fields(version, task, schema: dict) -> set[str]:
    """The fields of the step's form a person types: not a file, nor what the register gives the step."""
    declared = set((schema or {}).get("properties") or {}) - set(file_fields(schema))
    info = version.parsed.user_tasks.get(task.name)
    properties = info.properties if info is not None else {}
    for document in documents_of(properties):
        declared -= {document.get(NUMBER_FIELD) or "so_ky_hieu", document.get(DATE_FIELD) or "ngay_ban_hanh",
                     document.get(FIELD) or "van_ban"}
    return declared


_SENT_BACK = (select(AuditEvent).where(AuditEvent.instance_id == bindparam("instance_id"),
                                       AuditEvent.action == "sent_back").order_by(AuditEvent.id.desc()))
_COMPLETED = (select(AuditEvent).where(AuditEvent.instance_id == bindparam("instance_id"),
                                       AuditEvent.action == "completed",
                                       AuditEvent.task_id == bindparam("task_id")).order_by(AuditEvent.id))
_LAST = 2 ** 62
_UNDONE = (select(AuditEvent).where(
    AuditEvent.instance_id == bindparam("instance_id"), AuditEvent.action == "completed",
    AuditEvent.id > bindparam("after"), AuditEvent.id < bindparam("before"),
    AuditEvent.task_id.in_(select(Task.id).where(Task.instance_id == bindparam("instance_id"),
                                                 Task.name == bindparam("name"), Task.id != bindparam("task_id"))))
           .order_by(AuditEvent.id.desc()))
