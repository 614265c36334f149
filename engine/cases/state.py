"""Reaching a case: in scope or not, locked for a command, its workflow restored, its links; a fault recorded.

Every command that changes a case follows the same path: lock the case row (PostgreSQL `SELECT ... FOR
UPDATE`; SQLite holds its write lock from `BEGIN IMMEDIATE`), restore the workflow from its stored state,
change it, then write the step back (`engine.cases.step.persist_case`).
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

from sqlalchemy import bindparam, or_, select

from ..core.errors import CaseNotFound, CaseNotRunning, CaseUnreadable
from ..core.principal import Principal
from ..core.status import CaseStatus
from ..store.tables import Case, CaseLink
from ..trust.access import own_action
from ..trust.audit import record_event
from ..trust.confidential import case_memo, open_state
from ..trust.exclusions import is_excluded
from ..trust.field_crypto import FieldKeyError
from ..workflow.service_tasks import ServiceContext, service_scope
from ..workflow.spiff_adapter import UnreadableState

UNREADABLE = "Không đọc được dữ liệu đã lưu của hồ sơ này; hãy báo quản trị viên."
log = logging.getLogger("danchu.cases")


def in_scope(principal: Principal, case) -> bool:
    """A user sees the cases of their commune (a province user: of its communes, and those moved to it); no
    unit: every commune (`Principal.sees_case`). Exclusions are read apart (`visible_case`)."""
    return principal.sees_case(case.commune_id, case.handling_unit_id)


def visible_case(session, principal: Principal, instance_id: str) -> Case:
    """The case, or CaseNotFound when it is unknown, outside the user's scope or excludes them (the same
    answer: an excluded person must not learn that the case exists)."""
    return _in_scope_or_not_found(session, principal, session.get(Case, instance_id))


def _in_scope_or_not_found(session, principal: Principal, case: Case | None) -> Case:
    if case is None or not in_scope(principal, case) or is_excluded(session, principal.username, case.id):
        raise CaseNotFound("Không tìm thấy hồ sơ.")
    return case


def lock_case(uow, principal: Principal, instance_id: str, *, running: bool = True) -> Case:
    case = _in_scope_or_not_found(uow.session, principal, lock_case_row(uow, instance_id))
    if running and case.status != CaseStatus.RUNNING:
        raise CaseNotRunning("Hồ sơ không còn đang xử lý.")
    return case


def lock_case_row(uow, instance_id: str) -> Case | None:
    """The case row, locked for this transaction (PostgreSQL; SQLite's writer already holds the database)."""
    return uow.session.scalars(_CASE_FOR_UPDATE if uow.for_update else _CASE, {"instance_id": instance_id}).first()


_CASE = select(Case).where(Case.id == bindparam("instance_id"))
_CASE_FOR_UPDATE = _CASE.with_for_update()


@contextmanager
def running_case(services, uow, principal: Principal, case: Case):
    """While a case's workflow runs, its service tasks act in this command's unit of work."""
    with service_scope(ServiceContext(services, uow, principal, case)):
        yield


def calendar_scope(services, principal: Principal):
    """Outside a running case (validating a form before the case is locked), the calendar functions a form's
    checks may call (`hom_nay`, `han_cuoi`) read these services; no service task runs without a unit of work."""
    return service_scope(ServiceContext(services, None, principal, None))


def case_links(session, principal: Principal, instance_id: str, *, opened: bool = False) -> list[dict]:
    """Linked cases seen from this one, both directions, limited to what the user may see. `opened`: the case
    opened in this session's transaction, so its links are the ones the session added (nothing to read)."""
    if opened:
        rows = [link for link in session.info.get(LINKS_ADDED, ())
                if instance_id in (link.from_instance_id, link.to_instance_id)]
    else:
        rows = session.connection().execute(_LINKS, {"instance_id": instance_id}).all()  # rows: no ORM loading
    links = []
    for link in rows:
        outgoing = link.from_instance_id == instance_id
        other = session.get(Case, link.to_instance_id if outgoing else link.from_instance_id)
        if other is None or not in_scope(principal, other) or is_excluded(session, principal.username, other.id):
            continue
        links.append({"relation": link.relation, "direction": "outgoing" if outgoing else "incoming",
                      "instance_id": other.id, "business_key": other.business_key,
                      "process_model": other.process_model_id, "status": other.status})
    return links


LINKS_ADDED = "danchu_case_links"  # the links this transaction made, in order (`case_links`)
_LINKS = (select(CaseLink).where(or_(CaseLink.from_instance_id == bindparam("instance_id"),
                                         CaseLink.to_instance_id == bindparam("instance_id")))
          .order_by(CaseLink.id))


def record_confirmed_warnings(session, *, at, actor: str, case: Case, confirmed: dict,
                              task_id: str | None = None) -> None:
    """The warnings of a form's checks the person confirmed (`confirm_warnings`) go into the audit log beside
    the step: an inspector sees who vouched for figures the form questioned."""
    if confirmed:
        record_event(session, at=at, actor=actor, action="warnings_confirmed", case=case, task_id=task_id,
                     data={"canh_bao": dict(confirmed)})


def case_data(runner, workflow, ready_tasks=None) -> dict:
    """What the case knows now: the workflow's data, the last completed task's and that of the open tasks
    (`ready_tasks`: the workflow's ready user tasks, when the caller has them already)."""
    data = runner.data(workflow)
    for task in runner.ready_user_tasks(workflow) if ready_tasks is None else ready_tasks:
        data.update(task.data)
    return data


def restore_workflow(services, session, case: Case):
    """The case's deployed version (cached, read-only), its parsed spec and its live workflow."""
    version = services.specs.version(session, case.version_id)
    return version, version.parsed, load_workflow(services, case, version.parsed, session)


def load_workflow(services, case: Case, parsed, session=None):
    """The one door from stored state to a live workflow: confidential values are opened here. With the
    command's `session`, what was opened is remembered so that `persist_case` re-seals only what changed.
    A state that cannot be restored is `CaseUnreadable` (409), never an unexpected error."""
    memo = case_memo(session, case.id) if session is not None else None
    try:
        return services.runner.loads(open_state(services.cipher, case.state, memo), parsed)
    except (UnreadableState, FieldKeyError) as exc:
        log.error("case %s: its stored state cannot be restored (%s)", case.id,
                  getattr(exc, "kind", type(exc).__name__))
        raise CaseUnreadable(UNREADABLE) from None


@own_action
def record_fault(services, principal, instance_id, fault, process_model_id=None, version=None):
    """Mark the case as failed, in its own transaction, after the command was rolled back."""
    with services.uow() as uow:
        case = None
        if instance_id is not None:
            case = uow.session.get(Case, instance_id)
            if case is not None:
                case.status = CaseStatus.ERROR
                case.updated_at = services.clock.now()
        record_event(uow.session, at=services.clock.now(), actor=principal.username, action="error",
                     case=case, process_model_id=process_model_id, version=version,
                     data={"element": fault.element, "kind": fault.kind})
        uow.commit()
