"""Correcting a mistake: the Chairman of the case's commune sends a running case back to an earlier step.

Who may is the process's `sendBackRoles` (default `chu_tich`): a body independent of the committee names its
own (the People's Inspection Board's case about the committee: the Front, which directs the Board; the Front's
supervision: the Front), so the Chairman whose committee is inspected or supervised cannot undo the Board's plan
or findings by sending the case back, as he cannot cancel it (Law 10/2022/QH15 Arts. 35-38; Law on the
Vietnam Fatherland Front Arts. 25-27).

The workflow is reset to that completed user task (`engine.workflow.spiff_resets`); the task becomes ready
again under a new id, so its first pass (its row, its `completed` event with the data then submitted) stays
as it was, and so do the rows and events of the steps undone: the history keeps both passes. Nothing issued
is taken back: a document number recorded in the first pass stays recorded (the redo records a new one), the
case's business key and its statutory date do not change (the deadline projection keeps the date the data no
longer determines, and the step redone keeps the due date of its first pass). The diagram shows both passes:
the case row keeps the path taken (`instances.path_taken`) beyond what the reset cut from the tree.

The step may lie in another stage (sub-process, embedded or a call activity) than the one the case is in: a
stage the case has left is entered again, one it entered since is left (its open steps cancelled), the
reset mended where SpiffWorkflow 3.2.0 leaves it half-done (`engine.workflow.spiff_resets`); a boundary
timer re-armed with its first due date takes its row back (`engine.cases.timer_rows`).

What cannot be undone refuses the whole send-back, saying why and what the Chairman can do instead: a timer
that fired or a message received after the step (or on the stage re-entered), a notice sent or a case opened
by a service task, a step open on another branch. The audit log records a `sent_back` event with the reason.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm.exc import StaleDataError

from ..core.errors import CannotSendBack, InvalidInput, ProcessFault, RoleNotAllowed, StaleCase, TaskNotOpen
from ..core.messages import N_
from ..core.principal import Principal
from ..core.status import CaseStatus, TaskStatus
from ..definitions.validation import split_roles
from ..store.tables import Task
from ..trust.access import changes_data
from ..trust.audit import record_event
from ..workflow.spiff_adapter import RuntimeFault
from .lifecycle import get_case
from .prevalidation import check_acts_for_case
from .state import lock_case, record_fault, restore_workflow, running_case, visible_case
from .step import persist_case

SEND_BACK_ROLES = "chu_tich"  # the default of the process property `sendBackRoles`
MAX_REASON = 2000
WHY_NOT = {  # ResetRefusal.kind -> what the Chairman reads: why not, and what to do instead
    "timer": N_("Sau bước này (hoặc trong giai đoạn chứa bước này) đã có một mốc thời gian (nhắc hạn, quá hạn) "
                "xảy ra; không thể quay lại. Hãy trả về một bước sau mốc đó, hoặc ghi việc đính chính ở bước "
                "đang làm."),
    "message": N_("Sau bước này hồ sơ đã nhận một thông điệp (ví dụ đơn rút); không thể quay lại. Hãy xử lý "
                  "thông điệp đó ở bước đang làm."),
    "service": N_("Sau bước này hệ thống đã gửi thông báo hoặc mở hồ sơ khác; không thể quay lại. Hãy trả về "
                  "một bước sau việc đó, hoặc ghi việc đính chính ở bước đang làm."),
    "parallel": N_("Một bước song song khác đang mở; không thể quay lại. Hãy ghi việc đính chính ở bước đang "
                   "làm."),
    "not_a_step": N_("Chỉ trả về được một bước đã hoàn thành."),
}


def send_back_targets(services, principal: Principal, instance_id: str) -> list[dict]:
    """The completed steps of the case's current pass, newest first, each `{task_id, name, title, completed_at,
    completed_by, allowed, why}`: tried one by one on a copy of the workflow, so that the page offers only
    what the send-back would accept and says why not for the rest. Empty for who may not send back."""
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        if case.status != CaseStatus.RUNNING:
            return []
        version, parsed, _workflow = restore_workflow(services, uow.session, case)
        if not may_send_back(principal, case, version.properties):
            return []
        rows = uow.session.scalars(_COMPLETED_STEPS, {"instance_id": case.id}).all()
        targets = []
        for row in rows:
            workflow = services.runner.loads(services.runner.dumps(_workflow, parsed), parsed)
            if services.runner.task_state(workflow, row.id) != "COMPLETED":
                continue  # a pass already sent back: its task is no longer in the workflow
            try:
                with running_case(services, uow, principal, case):  # timers re-armed read the calendar
                    _new, refusal = services.runner.send_back(workflow, row.id, dry_run=True)
            except RuntimeFault:
                continue  # the diagram would fail on the way back: not offered
            targets.append({"task_id": row.id, "name": row.name, "title": row.title, "completed_at": row.completed_at,
                            "completed_by": row.completed_by, "allowed": refusal is None,
                            "why": None if refusal is None else WHY_NOT[refusal.kind]})
        return targets


def send_back_roles(properties: dict) -> list[str]:
    """The roles the process lets send its cases back (`sendBackRoles`, default the Chairman)."""
    return split_roles((properties or {}).get("sendBackRoles") or SEND_BACK_ROLES)


def may_send_back(principal: Principal, case, properties: dict) -> bool:
    return (principal.has_role(*send_back_roles(properties))
            and principal.acts_for(case.handling_unit_id, case.commune_id))


@changes_data
def send_back(services, principal: Principal, instance_id: str, task_id: str, reason: str) -> dict:
    """Send the case back to its completed step `task_id`, with the Chairman's `reason`; the case as it is then."""
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput("Hãy ghi lý do trả hồ sơ về bước trước.",
                           {"reason": f"Bắt buộc, tối đa {MAX_REASON} ký tự."})
    with services.uow() as uow:
        session = uow.session
        case = lock_case(uow, principal, instance_id)
        roles = send_back_roles(services.specs.version(session, case.version_id).properties)
        if not principal.has_role(*roles) and roles == [SEND_BACK_ROLES]:
            raise RoleNotAllowed("Chỉ Chủ tịch UBND xã được trả hồ sơ về bước trước.")
        if not principal.has_role(*roles):  # a process naming another body (the Front)
            raise RoleNotAllowed("Vai trò của bạn không được trả hồ sơ này về bước trước.")
        check_acts_for_case(principal, case)
        row = session.scalars(_STEP, {"instance_id": case.id, "task_id": task_id}).first()
        if row is None or row.status != TaskStatus.COMPLETED:
            why = WHY_NOT["not_a_step"]
            raise InvalidInput("Không trả hồ sơ về được bước này.", {"task_id": why})
        version, parsed, workflow = restore_workflow(services, session, case)
        if services.runner.task_state(workflow, row.id) != "COMPLETED":
            raise TaskNotOpen("Lần làm này của bước đã được trả lại trước đó.")
        open_rows = session.scalars(_OPEN_STEPS, {"instance_id": case.id}).all()
        instance_id = case.id  # read before a rollback expires the row
        try:
            with running_case(services, uow, principal, case):
                new_id, refusal = services.runner.send_back(workflow, row.id)
        except RuntimeFault as fault:
            uow.rollback()
            record_fault(services, principal, instance_id, fault)
            raise ProcessFault("Quy trình gặp lỗi khi trả hồ sơ về bước trước; hồ sơ được đánh dấu lỗi.") from None
        if refusal is not None:
            why = WHY_NOT[refusal.kind]
            raise CannotSendBack("Không thể trả hồ sơ về bước này.", {"task_id": why})
        record_event(session, at=services.clock.now(), actor=principal.username, action="sent_back", case=case,
                     task_id=row.id, data={"reason": reason, "step": row.name, "new_task_id": new_id})
        try:
            persist_case(services, uow, case, parsed, workflow, actor=principal.username, open_tasks=open_rows)
            if row.due_at is not None:  # the step redone is due when its first pass was
                session.execute(_KEEP_DUE, {"task_id": new_id, "due_at": row.due_at})
            uow.commit()
        except StaleDataError:
            raise StaleCase("Hồ sơ vừa được người khác cập nhật; hãy tải lại.") from None
    return get_case(services, principal, instance_id)


_COMPLETED_STEPS = (select(Task).where(Task.instance_id == bindparam("instance_id"),
                                       Task.status == TaskStatus.COMPLETED)
                    .order_by(Task.completed_at.desc(), Task.id))
_STEP = select(Task).where(Task.instance_id == bindparam("instance_id"), Task.id == bindparam("task_id"))
_OPEN_STEPS = select(Task).where(Task.instance_id == bindparam("instance_id"),
                                 Task.status.in_((TaskStatus.READY, TaskStatus.CLAIMED)))
_KEEP_DUE = update(Task).where(Task.id == bindparam("task_id")).values(due_at=bindparam("due_at"))
