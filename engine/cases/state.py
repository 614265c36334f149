"""Loading a case under lock, and writing back its workflow with the task read model, in one transaction.

Every command that changes a case follows the same path: lock the instance row (PostgreSQL
`SELECT ... FOR UPDATE`; SQLite holds its write lock from `BEGIN IMMEDIATE`), restore the workflow from
its stored state, change it, then `persist_case` writes the new state, bumps the row's revision (a second
guard: a lost lock would surface as `StaleInstance`, never as a silent overwrite), brings the task rows in
line with the workflow's ready user tasks, and marks the case ended when the workflow is.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ..calendar.deadlines import task_due_at
from ..core.budget import budgeted
from ..core.errors import CaseNotFound, CaseNotRunning, CaseUnreadable
from ..core.principal import Principal
from ..core.status import CaseStatus, TaskStatus
from ..definitions.figures import record_case_figures
from ..notifications.operator import deliver_notifications
from ..store.tables import Case, CaseLink, Task
from ..trust.access import own_action
from ..trust.audit import record_event
from ..trust.confidential import REDACTED, SEAL_MEMO, command_secrets, open_state, seal_state
from ..trust.field_crypto import FieldKeyError
from ..trust.secret_text import holds_secret
from ..workflow.service_tasks import ServiceContext, service_scope
from ..workflow.spiff_adapter import UnreadableState
from .deadlines import OPEN_TASKS_OF_CASE, update_case_deadline
from .timer_rows import sync_timers

OUTCOME_VARIABLE = "ket_qua_vu_viec"
UNREADABLE = "Không đọc được dữ liệu đã lưu của hồ sơ này; hãy báo quản trị viên."
log = logging.getLogger("danchu.cases")


def in_scope(principal: Principal, case: Case) -> bool:
    """A user sees the cases of their commune (a province user: of its communes); no unit: every commune."""
    return principal.sees_commune(case.commune_id)


def visible_case(session, principal: Principal, instance_id: str) -> Case:
    """The case, or InstanceNotFound when it is unknown or outside the user's scope (the same answer)."""
    return _in_scope_or_not_found(principal, session.get(Case, instance_id))


def _in_scope_or_not_found(principal: Principal, case: Case | None) -> Case:
    if case is None or not in_scope(principal, case):
        raise CaseNotFound("Không tìm thấy hồ sơ.")
    return case


def lock_case(uow, principal: Principal, instance_id: str, *, running: bool = True) -> Case:
    case = _in_scope_or_not_found(principal, lock_case_row(uow, instance_id))
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


def case_links(session, principal: Principal, instance_id: str) -> list[dict]:
    """Linked cases seen from this one, both directions, limited to what the user may see."""
    rows = session.connection().execute(_LINKS, {"instance_id": instance_id}).all()  # rows: no ORM loading
    links = []
    for link in rows:
        outgoing = link.from_instance_id == instance_id
        other = session.get(Case, link.to_instance_id if outgoing else link.from_instance_id)
        if other is None or not in_scope(principal, other):
            continue
        links.append({"relation": link.relation, "direction": "outgoing" if outgoing else "incoming",
                      "instance_id": other.id, "business_key": other.business_key,
                      "process_model": other.process_model_id, "status": other.status})
    return links


_LINKS = (select(CaseLink).where(or_(CaseLink.from_instance_id == bindparam("instance_id"),
                                         CaseLink.to_instance_id == bindparam("instance_id")))
          .order_by(CaseLink.id))


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
    memo = session.info.setdefault(SEAL_MEMO, {}) if session is not None else None
    try:
        return services.runner.loads(open_state(services.cipher, case.state, memo), parsed)
    except (UnreadableState, FieldKeyError) as exc:
        log.error("case %s: its stored state cannot be restored (%s)", case.id,
                  getattr(exc, "kind", type(exc).__name__))
        raise CaseUnreadable(UNREADABLE) from None


@budgeted  # the expressions of derived values (due dates, case figures) share one budget too
def persist_case(services, uow, case: Case, parsed, workflow, *, actor: str,
                 completed_task_id: str | None = None, new: bool = False, open_tasks: list | None = None) -> None:
    """`new`: the case is being opened in this transaction, so it has no task rows to compare with yet.
    `open_tasks`: the case's open task rows (but the one completed), when the caller read them under the
    case's lock; otherwise they are read here.

    The case row and the task rows are written with statements built once, not through the ORM's unit of
    work (which cost a sixth of a command's CPU); the loaded rows are told what was written."""
    now = services.clock.now()
    session = uow.session
    runner = services.runner
    ready_tasks = runner.ready_user_tasks(workflow)
    ready = {str(t.id): t for t in ready_tasks}
    if new:
        open_rows = []
    elif open_tasks is not None:
        open_rows = open_tasks
    else:
        open_rows = session.scalars(OPEN_TASKS_OF_CASE, {"instance_id": case.id}).all()
    known = {row.id for row in open_rows}
    gone = [row for row in open_rows if row.id not in ready and row.id != completed_task_id]
    if gone:
        session.connection().execute(_CANCEL_TASK, [{"task_id": row.id, "now": now} for row in gone])
        for row in gone:
            loaded_as(row, status=TaskStatus.CANCELLED, completed_at=now)
    tz = ZoneInfo(services.settings.timezone)
    new_rows = []
    for task_id, task in ready.items():
        if task_id in known:
            continue
        info = parsed.user_tasks[task.task_spec.name]
        new_rows.append({
            "id": task_id, "instance_id": case.id, "commune_id": case.commune_id,
            "process_model_id": case.process_model_id, "name": info.name, "title": info.title,
            "role": info.lane or "", "form": info.properties.get("formJsonSchemaFilename"), "assignee": None,
            "status": TaskStatus.READY, "created_at": now, "claimed_at": None, "completed_at": None, "completed_by": None,
            "due_at": task_due_at(info.properties, task.data, now, services.calendar, tz),
        })
    version = services.specs.version(session, case.version_id)
    values = {"state": seal_state(services.cipher, version.confidential, runner.dumps(workflow),
                                  session.info.setdefault(SEAL_MEMO, {})),
              "updated_at": now}
    ended = case.status == CaseStatus.RUNNING and runner.is_completed(workflow)
    if ended:
        outcome = runner.data(workflow).get(OUTCOME_VARIABLE)
        values.update(status=CaseStatus.COMPLETED, ended_at=now, outcome=_outcome_text(session, outcome))
    if new:
        for name, value in values.items():
            setattr(case, name, value)
        session.flush()  # the case row first: its task rows refer to it
    else:
        _write_case_row(session, case, values)
    if new_rows:
        session.connection().execute(_INSERT_TASKS, new_rows)
    if ended:
        record_event(session, at=now, actor=actor, action="ended", case=case,
                     data={"outcome": case.outcome})
    data = case_data(runner, workflow, ready_tasks)
    update_case_deadline(services, session, case, version, parsed, workflow, data, actor=actor,
                         completed_task_id=completed_task_id)
    record_case_figures(session, case, version.properties, data, now)
    if parsed.has_timers:
        sync_timers(services, session, case, workflow, actor=actor)
    deliver_notifications(services, session, case)
    session.flush()


def _outcome_text(session, outcome) -> str | None:
    """The outcome as the case row keeps it (the public tracking page shows it): never a confidential value."""
    if outcome is None:
        return None
    text = str(outcome)
    return REDACTED if holds_secret(text, command_secrets(session)) else text[:64]


def _write_case_row(session, case: Case, values: dict) -> None:
    """One UPDATE of the case row, guarded by its revision as the ORM's version counter guards its own
    writes: a row someone else changed since it was read raises `StaleDataError`, exactly as a flush would."""
    revision = case.revision
    statement = _CASE_WRITES.get(frozenset(values))
    if statement is None:
        statement = _CASE_WRITES.setdefault(frozenset(values), update(_CASES).where(
            _CASES.c.id == bindparam("case_id"), _CASES.c.revision == bindparam("expected_revision")).values(
            revision=_CASES.c.revision + 1, **{name: bindparam(f"new_{name}") for name in values}))
    written = session.connection().execute(statement, {"case_id": case.id, "expected_revision": revision,
                                          **{f"new_{name}": value for name, value in values.items()}}).rowcount
    if written != 1:
        raise StaleDataError(f"case {case.id}: revision {revision} is no longer the stored one")
    loaded_as(case, revision=revision + 1, **values)


def loaded_as(row, **values) -> None:
    """Set what a statement just wrote on the loaded row: on a mapped object as committed state (the ORM
    writes nothing), on a plain row (a namespace, as `engine.cases.tasks` reads tasks) as its attributes."""
    if isinstance(row, SimpleNamespace):
        vars(row).update(values)
        return
    for name, value in values.items():
        set_committed_value(row, name, value)


_CASES = Case.__table__
_CASE_WRITES: dict = {}  # the set of columns written -> its UPDATE (a handful of shapes)
_TASK_ROWS = Task.__table__
_INSERT_TASKS = insert(_TASK_ROWS)
_CANCEL_TASK = (update(_TASK_ROWS).where(_TASK_ROWS.c.id == bindparam("task_id"))
                .values(status=TaskStatus.CANCELLED, completed_at=bindparam("now")))


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
