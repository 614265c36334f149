"""Drafts of a task's form: saved on the server so a half-filled form survives a closed browser or a
change of computer. A draft is private to the user who saved it, is not case data (no audit event, no
effect on the workflow) and only keeps the fields the task's form declares.

Confidential values (every field of the case's version marked `x-confidential`, as for case data) are
sealed at rest like case data (`engine.trust.confidential.seal_tree`) and opened only for the draft's owner,
who typed them: reading one's own draft is not a confidential read. A draft no configured key opens any
more (its key was removed) is forgotten rather than shown."""
from __future__ import annotations

import json

from sqlalchemy import delete, select

from ..core.errors import InvalidInput, TaskNotOpen
from ..core.messages import N_
from ..core.principal import Principal
from ..core.status import OPEN_TASK_STATUSES as OPEN
from ..definitions.forms import MAX_TEXT_LENGTH, looks_sealed
from ..store.tables import TaskDraft
from ..trust.access import changes_data
from ..trust.confidential import cipher_of, open_tree, seal_tree
from ..trust.field_crypto import FieldKeyError
from .prevalidation import check_may_act
from .tasks import visible_task


@changes_data
def save_task_draft(services, principal: Principal, task_id: str, data: dict) -> None:
    with services.uow() as uow:
        task, case = visible_task(uow.session, principal, task_id)
        check_may_act(principal, task)
        if task.status not in OPEN:
            raise TaskNotOpen("Công việc đã xong hoặc đã hủy.")
        version = services.specs.version(uow.session, case.version_id)
        declared = version.form(task.form).get("properties", {}) if task.form else {}
        problems = {name: N_("Trường không có trong biểu mẫu.") for name in data if name not in declared}
        problems.update({name: N_("Giá trị không được phép.") for name, value in data.items()
                         if name in declared and looks_sealed(value)})
        if problems:
            raise InvalidInput("Dữ liệu biểu mẫu không hợp lệ.", problems)
        if len(json.dumps(data, ensure_ascii=False)) > MAX_TEXT_LENGTH * 4:
            raise InvalidInput("Bản nháp quá lớn.", {"data": "Quá dài."})
        draft = uow.session.get(TaskDraft, (task_id, principal.username))
        if draft is None:
            draft = TaskDraft(task_id=task_id, username=principal.username, data={}, saved_at=services.clock.now())
            uow.session.add(draft)
        draft.data = seal_tree(dict(data), version.confidential, cipher_of(uow.session))
        draft.saved_at = services.clock.now()
        uow.commit()


def get_task_draft(services, principal: Principal, task_id: str) -> dict | None:
    """`{"data", "saved_at"}` of my draft of an open task, or None."""
    with services.uow(write=False) as uow:
        task, _ = visible_task(uow.session, principal, task_id)
        if task.role not in principal.roles or task.status not in OPEN:
            return None
        draft = uow.session.scalars(select(TaskDraft).where(
            TaskDraft.task_id == task_id, TaskDraft.username == principal.username)).first()
        if draft is None:
            return None
        try:
            return {"data": open_tree(dict(draft.data), cipher_of(uow.session)), "saved_at": draft.saved_at}
        except FieldKeyError:
            return None


@changes_data
def discard_task_draft(services, principal: Principal, task_id: str) -> None:
    with services.uow() as uow:
        uow.session.execute(delete(TaskDraft).where(TaskDraft.task_id == task_id,
                                                    TaskDraft.username == principal.username))
        uow.commit()

