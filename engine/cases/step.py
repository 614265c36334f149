"""One step of a case, written back as a pipeline in a fixed order, stated once in `persist_case`.

After a command changed a case's workflow (opened it, completed a task, delivered a message, fired a timer,
cancelled it), the step is written in the command's transaction:

1. **task rows** (`sync_task_rows`): rows whose task vanished from the workflow (a withdrawal, a boundary
   timer, a cancellation) are cancelled; new ready user tasks get rows with their legal due dates;
2. **the case row** (`write_case_row`): the new state, sealed, guarded by the row's revision (a lost lock
   would surface as `StaleCase`, never as a silent overwrite); the path taken so far (what the task tree
   shows now added to what the row kept, since a case sent back loses the tree's later passes); status and
   outcome when the workflow ended; then the new task rows (a new case's rows refer to its row);
3. **projections**, each a function of the package it belongs to, in the order of `PROJECTIONS`: the audit
   event of the end, the statutory deadline and its history, the case's sector, the report figures, the
   timer rows the worker fires, the accounts the case excludes (the person it denounces), and the
   notifications the step decided (last: they are addressed to the holders of the task rows written above,
   never to an excluded account).

The case row and the task rows are written with statements built once, not through the ORM's unit of work
(which cost a sixth of a command's CPU), together (`engine.cases.step_writes`: one statement on PostgreSQL);
the loaded rows are told what was written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy.orm.attributes import set_committed_value

from ..calendar.deadlines import task_due_at
from ..core.budget import budgeted
from ..core.status import CaseStatus, TaskStatus
from ..notifications.operator import project_notifications
from ..store.tables import Case
from ..trust.audit import record_event
from ..trust.confidential import REDACTED, case_memo, command_secrets, seal_state
from ..trust.secret_text import holds_secret
from .assignment import assign_new_rows, notify_assignees
from .deadlines import OPEN_TASKS_OF_CASE, project_deadline
from .exclusions import project_exclusions
from .figures import project_figures
from .path import merge_paths
from .sector import project_sector
from .state import case_data
from .step_writes import insert_task_rows, write_step_rows
from .timer_rows import project_timers

OUTCOME_VARIABLE = "ket_qua_vu_viec"


@dataclass
class CaseStep:
    """What a step's writers and projections read: the case, its version, its live workflow, who acted, when."""

    services: object
    session: object
    case: Case
    version: object
    parsed: object
    workflow: object
    actor: str
    now: datetime
    completed_task_id: str | None
    ready_tasks: list
    new: bool = False  # the case opens in this step: it has no rows of its own to read yet
    pending_timers: list | None = None  # its pending timer rows, when the command read them under the lock
    deadline_history: list | None = None  # its deadline changes (`kind`, `days`, by id), likewise
    ended: bool = False
    new_rows: list = field(default_factory=list)  # the task rows this step inserted
    assigned: list = field(default_factory=list)  # (username, task title) given a new step (`assignment`)
    _data: dict | None = field(default=None, repr=False)

    @property
    def data(self) -> dict:
        """What the case knows now (`case_data`), computed once for every projection."""
        if self._data is None:
            self._data = case_data(self.services.runner, self.workflow, self.ready_tasks)
        return self._data


def record_end(step: CaseStep) -> None:
    """The `ended` audit event of a case whose workflow ended in this step."""
    if step.ended:
        record_event(step.session, at=step.now, actor=step.actor, action="ended", case=step.case,
                     data={"outcome": step.case.outcome})


PROJECTIONS = (record_end, project_deadline, project_sector, project_figures, project_timers,
               project_exclusions, notify_assignees, project_notifications)


@budgeted  # the expressions of derived values (due dates, case figures) share one budget too
def persist_case(services, uow, case: Case, parsed, workflow, *, actor: str,
                 completed_task_id: str | None = None, new: bool = False, open_tasks: list | None = None,
                 pending_timers: list | None = None, deadline_history: list | None = None,
                 completion=None) -> CaseStep:
    """`new`: the case is being opened in this transaction, so it has no rows (tasks, timers, deadline
    history, figures, exclusions) to compare with yet, and none is read. `open_tasks`: the case's open task
    rows (but the one completed), when the caller read them under the case's lock; otherwise they are read
    here; `pending_timers` and `deadline_history` likewise (`engine.cases.tasks` reads all three with the task).
    `completion`: the completed task's conditional write (statement, parameters), sent with the case row's
    (`engine.cases.step_writes`). The step is returned: what it wrote (`new_rows`) answers the command
    without reading it back."""
    session = uow.session
    step = CaseStep(services, session, case, services.specs.version(session, case.version_id), parsed, workflow,
                    actor, services.clock.now(), completed_task_id, services.runner.ready_user_tasks(workflow),
                    new=new, pending_timers=pending_timers, deadline_history=deadline_history)
    new_rows, gone = sync_task_rows(step, [] if new else open_tasks)
    step.new_rows = new_rows
    assign_new_rows(step, new_rows)
    write_case_row(step, new=new, completion=completion, gone=gone)
    for project in PROJECTIONS:
        project(step)
    session.flush()
    return step


def sync_task_rows(step: CaseStep, open_rows: list | None) -> tuple[list[dict], list[str]]:
    """The rows of new ready tasks, to insert after the case's, and the ids of the open rows whose task
    vanished, to cancel with it. `open_rows`: the case's open rows (but the completed one) when known; None:
    read them here."""
    if open_rows is None:
        open_rows = step.session.scalars(OPEN_TASKS_OF_CASE, {"instance_id": step.case.id}).all()
    ready = {str(task.id): task for task in step.ready_tasks}
    known = {row.id for row in open_rows}
    gone = [row for row in open_rows if row.id not in ready and row.id != step.completed_task_id]
    for row in gone:
        loaded_as(row, status=TaskStatus.CANCELLED, completed_at=step.now)  # written with the case row
    tz = ZoneInfo(step.services.settings.timezone)
    return ([_task_row(step, task_id, task, tz) for task_id, task in ready.items() if task_id not in known],
            [row.id for row in gone])


def _task_row(step: CaseStep, task_id: str, task, tz) -> dict:
    info = step.parsed.user_tasks[task.task_spec.name]
    case = step.case
    return {
        "id": task_id, "instance_id": case.id, "commune_id": case.commune_id,
        "process_model_id": case.process_model_id, "name": info.name, "title": info.title,
        "role": info.lane or "", "form": info.properties.get("formJsonSchemaFilename"), "assignee": None,
        "status": TaskStatus.READY, "created_at": step.now, "claimed_at": None, "completed_at": None,
        "completed_by": None, "due_at": task_due_at(info.properties, task.data, step.now, step.services.calendar, tz),
        "handling_unit_id": case.handling_unit_id,
    }


def write_case_row(step: CaseStep, *, new: bool, completion=None, gone: list[str] = ()) -> None:
    """The case's new state (sealed), and its status and outcome when the workflow ended in this step; with
    it the step's task rows (`engine.cases.step_writes`): the completion, the rows cancelled, the new ones."""
    runner, session, case = step.services.runner, step.session, step.case
    state = runner.dumps(step.workflow, step.parsed)
    values = {"state": seal_state(step.services.cipher, step.version.confidential, state,
                                  case_memo(session, case.id)),
              "updated_at": step.now}
    path = merge_paths(case.path_taken, runner.path_taken(step.workflow, step.parsed))
    if path != case.path_taken:
        values["path_taken"] = path
    step.ended = case.status == CaseStatus.RUNNING and runner.is_completed(step.workflow)
    if step.ended:
        outcome = runner.data(step.workflow).get(OUTCOME_VARIABLE)
        values.update(status=CaseStatus.COMPLETED, ended_at=step.now,
                      outcome=_outcome_text(session, case.id, outcome))
    if new:
        for name, value in values.items():
            setattr(case, name, value)
        project_sector(step)  # a column of the row: in its INSERT, not in an UPDATE after it (and again below)
        session.flush()  # the case row first: its task rows refer to it
        insert_task_rows(session, step.new_rows)
        return
    write_step_rows(session, case, values, completion=completion, gone=gone, new_rows=step.new_rows, now=step.now)
    loaded_as(case, revision=case.revision + 1, **values)


def _outcome_text(session, case_id: str, outcome) -> str | None:
    """The outcome as the case row keeps it (the public tracking page shows it): never a confidential value."""
    if outcome is None:
        return None
    text = str(outcome)
    return REDACTED if holds_secret(text, command_secrets(session, case_id)) else text[:64]


def loaded_as(row, **values) -> None:
    """Set what a statement just wrote on the loaded row: on a mapped object as committed state (the ORM
    writes nothing), on a plain row (a namespace, as `engine.cases.tasks` reads tasks) as its attributes."""
    if isinstance(row, SimpleNamespace):
        vars(row).update(values)
        return
    for name, value in values.items():
        set_committed_value(row, name, value)
