"""User tasks: the inbox, claiming, releasing and completing.

Claiming is one conditional UPDATE (`... WHERE status = 'ready'`), so of two people clicking at once exactly
one wins and the other gets `TaskNotOpen`. Completing locks the case row, re-reads the task under that lock,
writes the task only if it is still open to this user (a claim committed meanwhile wins), and writes the
workflow, the task rows and the audit event in one transaction. Completing a ready task of one's role claims
it in that transaction (an HTTP call fewer per step; the audit log records the claim, `with_completion`); a
task someone else holds stays theirs (`TaskNotOpen`).
"""
from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm.exc import StaleDataError

from ..calendar.store import VERSION_COLUMN, calendar_at_version, calendar_per_command
from ..calendar.urgency import with_urgency
from ..core.errors import NotYourTask, ProcessFault, StaleCase, TaskNotFound, TaskNotOpen
from ..core.principal import Principal
from ..core.roles import AUDITOR
from ..core.status import OPEN_TASK_STATUSES, TaskStatus, TimerStatus
from ..definitions.form_checks import CheckContext
from ..definitions.forms import form_defaults, validate_version_form
from ..files.issued import issue_documents, issued_documents
from ..files.uploads import uploads_of
from ..processes.register import number_documents
from ..files.writing import removed_on_failure, store_uploads
from ..store.json_rows import json_rows, rows_of
from ..store.tables import Case, CaseDeadlineChange, Task, Timer
from ..trust.access import changes_data
from ..trust.audit import record_event, record_reads
from ..trust.confidential import disclose
from ..trust.exclusions import excluded_for
from ..workflow.instructions import render_instructions
from ..workflow.spiff_adapter import RuntimeFault
from .assignment import assignee_roles, check_named_assignees
from .prevalidation import check_completable, check_may_act, completion_data
from .redo import last_pass, step_sent_back
from .state import in_scope, load_workflow, record_confirmed_warnings, record_fault, restore_workflow, running_case
from .step import loaded_as, persist_case
from .step_writes import COMPLETING
from .views import CaseRow, TaskRow, task_view

def get_task(services, principal: Principal, task_id: str) -> dict:
    with services.uow(write=False, snapshot=False) as uow:
        task, case = visible_task(uow.session, principal, task_id, services.calendar)
        if not may_see_task(principal, task):
            raise NotYourTask("Công việc này thuộc vai trò khác.")
        view, revealed, instructions = _task_detail(services, uow.session, principal, task, case)
    record_reads(services, principal, case, revealed, "task")
    return _with_instructions(services, view, instructions)


def _task_detail(services, session, principal: Principal, task: TaskRow, case: CaseRow, workflow=None):
    """The task as its page shows it (form, UI schema; for a step redone after a send-back, the values of the
    pass sent back, `last_pass`: `engine.cases.redo`), the confidential fields its instructions and those
    values reveal, and the instructions to render over the case data (text, data), which the caller renders once its
    transaction is over (`_with_instructions`): rendering may take up to the evaluation budget, and a
    claim's transaction holds the case. `workflow`: the live one, when the caller has it."""
    version = services.specs.version(session, case.version_id)
    view = with_urgency(services, [task_view(task, case.business_key)])[0]
    view["form"] = version.form(task.form)
    info = version.parsed.user_tasks.get(task.name)
    ui = info.properties.get("formUiSchemaFilename") if info else None
    view["ui_schema"] = version.form(ui) if ui and ui in version.files else None
    view["assignee_roles"] = assignee_roles(version, view["form"])  # pickers offer only the later step's role
    view["instructions"] = None
    redone = task.status in OPEN_TASK_STATUSES and getattr(task, "redone", True)  # read with the task, if it was
    view["last_pass"], revealed = last_pass(session, principal, case, version, task) if redone else (None, set())
    instructions = None
    if info and info.instructions:
        if workflow is None:
            workflow = load_workflow(services, case, version.parsed, session)
        spiff_task = services.runner.find_task(workflow, task.id)
        data, shown = disclose(session, principal, case, spiff_task.data if spiff_task else {})
        revealed |= {name for name in shown if name in info.instructions}
        instructions = (info.instructions, data)
    return view, revealed, instructions


def _with_instructions(services, view: dict, instructions) -> dict:
    if instructions is not None:
        view["instructions"] = render_instructions(*instructions, services.settings.eval_budget_seconds)
    return view


@changes_data
def claim_task(services, principal: Principal, task_id: str, *, detail: bool = True) -> dict:
    """`detail=False`: answer with the task row alone, for a caller that shows the task page next (the web
    UI redirects to it): no workflow restored to render instructions nobody would see, and no confidential
    read recorded for them."""
    with services.uow() as uow:
        task, case = visible_task(uow.session, principal, task_id, services.calendar)
        check_may_act(principal, task)
        now = services.clock.now()
        claimed = uow.session.connection().execute(
            _CLAIM, {"task_id": task_id, "username": principal.username, "now": now}).rowcount
        if claimed != 1:
            raise TaskNotOpen("Công việc đã được người khác nhận hoặc đã xong.")
        loaded_as(task, status=TaskStatus.CLAIMED, assignee=principal.username, claimed_at=now)
        record_event(uow.session, at=now, actor=principal.username, action="claimed", case=case,
                     task_id=task_id)
        view, revealed, instructions = _answer(services, uow.session, principal, task, case, detail)
        uow.commit()
    record_reads(services, principal, case, revealed, "task")
    return _with_instructions(services, view, instructions)


@changes_data
def unclaim_task(services, principal: Principal, task_id: str, *, detail: bool = True) -> dict:
    with services.uow() as uow:
        task, case = visible_task(uow.session, principal, task_id, services.calendar)
        now = services.clock.now()
        released = uow.session.connection().execute(
            _RELEASE, {"task_id": task_id, "username": principal.username}).rowcount
        if released != 1:
            if task.role not in principal.roles:
                raise NotYourTask("Công việc này thuộc vai trò khác.")
            raise TaskNotOpen("Bạn không giữ công việc này.")
        loaded_as(task, status=TaskStatus.READY, assignee=None, claimed_at=None)
        record_event(uow.session, at=now, actor=principal.username, action="unclaimed", case=case,
                     task_id=task_id)
        view, revealed, instructions = _answer(services, uow.session, principal, task, case, detail)
        uow.commit()
    record_reads(services, principal, case, revealed, "task")
    return _with_instructions(services, view, instructions)


def _answer(services, session, principal: Principal, task: TaskRow, case: CaseRow, detail: bool):
    if detail:
        return _task_detail(services, session, principal, task, case)
    return with_urgency(services, [task_view(task, case.business_key)])[0], set(), None


@changes_data
@calendar_per_command  # its validation before the lock reads the calendar's version for it
def complete_task(services, principal: Principal, task_id: str, data: dict | None, *,
                  confirm_warnings: bool = False, uploads=()) -> dict:
    """`confirm_warnings`: the person confirmed the warnings of the form's checks (`x-checks`); errors of
    the checks refuse the data whatever it says. `uploads`: the files sent with the form
    (`engine.files.Upload`), stored with the step or not at all."""
    data = completion_data(services, principal, task_id, data, confirm_warnings, uploads)  # before the lock
    with removed_on_failure(services, uploads_of(data)), issued_documents(services) as written, \
            services.uow() as uow:
        session = uow.session
        case, excluded, task, siblings, locked = _lock_case_of_task(uow, task_id, principal.username)
        if task is None or not in_scope(principal, case) or excluded:
            raise TaskNotFound("Không tìm thấy công việc.")
        check_completable(principal, task, case.status)
        version, parsed, workflow = restore_workflow(services, session, case)
        spiff_task = services.runner.find_task(workflow, task.id)
        if spiff_task is None or spiff_task not in services.runner.ready_user_tasks(workflow):
            raise TaskNotOpen("Công việc không còn ở trạng thái sẵn sàng.")
        confirmed = {}
        with running_case(services, uow, principal, case):  # a form's checks may read the calendar
            accepted = validate_version_form(version, task.form, data, services.settings.eval_budget_seconds,
                                             CheckContext(lambda: spiff_task.data, confirm_warnings, confirmed))
        check_named_assignees(session, version, task.form, accepted, case)
        accepted = {**form_defaults(version, task.form, spiff_task.data), **accepted}
        instance_id = case.id  # read before a rollback expires the row
        now = services.clock.now()
        claims = task.status == TaskStatus.READY  # nobody holds it: the completion claims it
        completion = (_CLAIM_AND_COMPLETE if claims else _COMPLETE,  # written with the case row: a claim that
                      {"task_id": task.id, "username": principal.username, "now": now})  # committed since wins
        session.info[COMPLETING] = task.id  # done, though open in the table until then
        try:
            with running_case(services, uow, principal, case):  # a `document.when` may read the calendar
                accepted, issuing = number_documents(services, session, case, task, _properties(parsed, task),
                                                     spiff_task.data, accepted, principal.username)
                services.runner.complete_user_task(workflow, spiff_task, accepted)
        except RuntimeFault as fault:
            uow.rollback()
            record_fault(services, principal, instance_id, fault)
            raise ProcessFault("Quy trình gặp lỗi sau bước này; hồ sơ được đánh dấu lỗi.") from None
        loaded_as(task, status=TaskStatus.COMPLETED, assignee=principal.username, completed_at=now,
                  completed_by=principal.username, claimed_at=now if claims else task.claimed_at)
        if claims:
            record_event(session, at=now, actor=principal.username, action="claimed", case=case,
                         task_id=task.id, data={"with_completion": True})
        record_event(session, at=now, actor=principal.username, action="completed", case=case,
                     task_id=task.id, data=accepted)
        record_confirmed_warnings(session, at=now, actor=principal.username, case=case, confirmed=confirmed,
                                  task_id=task.id)
        store_uploads(services, session, case, uploads_of(data), task_id=task.id, actor=principal.username)
        issue_documents(services, session, case, task, version, issuing, spiff_task.data, principal.username, written)
        try:
            persist_case(services, uow, case, parsed, workflow, actor=principal.username,
                         completed_task_id=task.id, open_tasks=siblings, completion=completion, **locked)
            uow.commit()
        except StaleDataError:
            raise StaleCase("Hồ sơ vừa được người khác cập nhật; hãy tải lại.") from None
        view = with_urgency(services, [task_view(task, case.business_key)])[0]
    return view


def _properties(parsed, task) -> dict:
    info = parsed.user_tasks.get(task.name)
    return info.properties if info is not None else {}


def _lock_case_of_task(uow, task_id: str, username: str):
    """The case of a task, locked (with `excluded`: whether it excludes `username`), then in one statement
    the task and the case's other open tasks (which `persist_case` compares with the workflow), with its
    pending timers and deadline history (`locked`, for `persist_case` too, as JSON columns:
    `engine.store.json_rows`), read after the lock so that none of them is older than the case row.

    The case is locked first, as every other command that changes a case locks it (a timer, a message), so
    that two of them never wait on each other's rows in opposite orders."""
    found = uow.session.execute(_CASE_OF_TASK_FOR_UPDATE if uow.for_update else _CASE_OF_TASK,
                                {"task_id": task_id, "username": username}).first()
    if found is None:
        return None, False, None, [], {}
    case = found[0]
    connection = uow.session.connection()
    rows = [row._asdict() for row in connection.execute(
        _task_and_open_siblings(connection.dialect.name), {"instance_id": case.id, "task_id": task_id})]
    locked = {"pending_timers": rows_of(rows[0]["pending_timers"], _TIMERS) if rows else [],
              "deadline_history": sorted(rows_of(rows[0]["deadline_changes"], _CHANGES), key=lambda row: row.id)
              if rows else []}
    rows = [SimpleNamespace(**{name: row[name] for name in _TASKS.c.keys()}) for row in rows]  # no ORM loading
    task = next((row for row in rows if row.id == task_id), None)
    return case, found.excluded, task, [row for row in rows if row.id != task_id], locked


@lru_cache(maxsize=2)
def _task_and_open_siblings(dialect: str):
    """The task, the case's other open tasks, each row with the case's pending timers and deadline changes
    (one JSON column each, the same on every row: PostgreSQL computes them once)."""
    case_id = bindparam("instance_id")
    timers = json_rows(dialect, _TIMERS, ("id", "task_id", "element", "kind", "due_at"),
                       _TIMERS.c.instance_id == case_id, _TIMERS.c.status == TimerStatus.PENDING)
    changes = json_rows(dialect, _CHANGES, ("id", "kind", "days"), _CHANGES.c.instance_id == case_id)
    return select(*_TASKS.c, timers.label("pending_timers"), changes.label("deadline_changes")).where(
        _TASKS.c.instance_id == case_id, or_(_TASKS.c.id == bindparam("task_id"),
                                             _TASKS.c.status.in_(OPEN_TASK_STATUSES)))


def visible_task(session, principal: Principal, task_id: str, calendar=None):
    """A task and its case, or TaskNotFound when either is unknown or outside the user's scope. `calendar`:
    the services' calendar, to take this command's snapshot at the version the statement read with the task.

    Both as plain rows (attribute namespaces), not ORM objects: a claim, a release and a task page only read
    them, and building mapped objects for them was about a third of a claim's CPU in a profile. The case's
    workflow (`state`) comes as the stored text, parsed only when instructions are rendered over its data."""
    found = session.connection().execute(_TASK_WITH_CASE, {"task_id": task_id, "username": principal.username}
                                         ).first()  # rows: no ORM loading
    if found is None:
        raise TaskNotFound("Không tìm thấy công việc.")
    values = found._asdict()
    version = values.pop("calendar_version")
    if calendar is not None:
        calendar_at_version(calendar, version)
    case = SimpleNamespace(**{name: values.pop(f"case_{name}") for name in _CASE_FIELDS})
    if not in_scope(principal, case) or values.pop("excluded"):
        raise TaskNotFound("Không tìm thấy công việc.")
    return SimpleNamespace(**values), case


# The statements of every claim, release and completion, built once (building one costs more than running it).
_CASE_OF_TASK = select(Case, excluded_for(Case.id).label("excluded")).where(Case.id == select(
    Task.instance_id).where(Task.id == bindparam("task_id")).scalar_subquery())
_CASE_OF_TASK_FOR_UPDATE = _CASE_OF_TASK.with_for_update()
_TASKS = Task.__table__
_CASES = Case.__table__
_TIMERS = Timer.__table__
_CHANGES = CaseDeadlineChange.__table__
_CASE_FIELDS = ("id", "business_key", "process_model_id", "version_id", "version", "commune_id", "created_by",
                "status", "state", "handling_unit_id")  # what a task's readers use: scope, audit event,
# confidentiality, instructions
_TASK_WITH_CASE = (select(*_TASKS.c, *(_CASES.c[name].label(f"case_{name}") for name in _CASE_FIELDS),
                          excluded_for(_TASKS.c.instance_id).label("excluded"),
                          step_sent_back(_TASKS).label("redone"), VERSION_COLUMN)
                   .join_from(_TASKS, _CASES, _CASES.c.id == _TASKS.c.instance_id)
                   .where(_TASKS.c.id == bindparam("task_id")))
_CLAIM = (update(_TASKS).where(_TASKS.c.id == bindparam("task_id"), _TASKS.c.status == TaskStatus.READY)
          .values(status=TaskStatus.CLAIMED, assignee=bindparam("username"), claimed_at=bindparam("now")))
_COMPLETE = (update(_TASKS).where(_TASKS.c.id == bindparam("task_id"), _TASKS.c.status == TaskStatus.CLAIMED,
                                  _TASKS.c.assignee == bindparam("username"))  # still theirs, under the case's lock
             .values(status=TaskStatus.COMPLETED, completed_at=bindparam("now"), completed_by=bindparam("username")))
_CLAIM_AND_COMPLETE = (update(_TASKS).where(_TASKS.c.id == bindparam("task_id"),
                                            _TASKS.c.status == TaskStatus.READY)  # still nobody's
                       .values(status=TaskStatus.COMPLETED, assignee=bindparam("username"), claimed_at=bindparam("now"),
                               completed_at=bindparam("now"), completed_by=bindparam("username")))
_RELEASE = (update(_TASKS).where(_TASKS.c.id == bindparam("task_id"), _TASKS.c.status == TaskStatus.CLAIMED,
                                 _TASKS.c.assignee == bindparam("username"))
            .values(status=TaskStatus.READY, assignee=None, claimed_at=None))


def may_see_task(principal: Principal, task: TaskRow) -> bool:
    return (task.role in principal.roles or principal.username in (task.assignee, task.completed_by)
            or principal.has_role(AUDITOR))

