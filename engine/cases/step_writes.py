"""The rows a step of a running case writes, sent together: its task rows and its case row.

A completion marks its task completed (only if it is still open to the person: a colleague's claim
committed since the read wins), cancels the rows whose task vanished, writes the case row under its
revision guard and inserts the rows of the new ready tasks. On PostgreSQL these are one statement: the
task writes are data-modifying `WITH`s of the case row's `UPDATE`, whose `RETURNING` says whether the
revision held and how many rows the completion changed (a round trip each had been 40 % of a completion's).
SQLite runs them one after another, in the same order; a statement there is a call into the library.

The completed task's row is thus written after the workflow ran: a service task of the step that changes
the case's open task rows (`danchu.transfer_case` moving them to the province) leaves out the one being
completed (`completing_task`), which is no longer open to the step.

Either way the guards are those of separate statements: `StaleDataError` when the case row was not at the
revision read (the ORM's own error for its version counter), `TaskNotOpen` when the task was no longer open
to the person; the command then rolls back, whatever else the statement wrote.
"""
from __future__ import annotations

from sqlalchemy import bindparam, func, insert, literal, select, update
from sqlalchemy.orm.exc import StaleDataError

from ..core.errors import TaskNotOpen
from ..core.status import TaskStatus
from ..store.tables import Case, Task

_CASES = Case.__table__
_TASKS = Task.__table__
_CASE_WRITES: dict = {}  # the set of columns written -> its UPDATE (a handful of shapes)
_INSERT_TASKS = insert(_TASKS)
_CANCEL_TASK = (update(_TASKS).where(_TASKS.c.id == bindparam("task_id"))
                .values(status=TaskStatus.CANCELLED, completed_at=bindparam("now")))
NOT_OPEN = "Công việc vừa được người khác nhận."
COMPLETING = "danchu_completing_task"  # where a completion names its task for the step's service tasks


def completing_task(session) -> str:
    """The id of the task this transaction is completing ('' when none): open in the table until the step's
    rows are written, yet done."""
    return session.info.get(COMPLETING) or ""


def write_step_rows(session, case: Case, values: dict, *, completion=None, gone: list[str] = (),
                    new_rows: list[dict] = (), now=None) -> None:
    """`values`: the case row's new columns; `completion`: (the task's conditional UPDATE, its parameters);
    `gone`: ids of open rows to cancel; `new_rows`: task rows to insert."""
    params = {"case_id": case.id, "expected_revision": case.revision,
              **{f"new_{name}": value for name, value in values.items()}}
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _written_together(connection, case, values, params, completion, gone, new_rows, now)
        return
    if completion is not None and connection.execute(*completion).rowcount != 1:
        raise TaskNotOpen(NOT_OPEN)  # a claim that committed since the read
    if gone:
        connection.execute(_CANCEL_TASK, [{"task_id": task_id, "now": now} for task_id in gone])
    if connection.execute(_case_write(values), params).rowcount != 1:
        _stale(case)
    if new_rows:
        connection.execute(_INSERT_TASKS, new_rows)


def _written_together(connection, case, values, params, completion, gone, new_rows, now) -> None:
    statement, completed = _case_write(values), literal(1)
    if completion is not None:
        done = completion[0].returning(_TASKS.c.id).cte("completed_task")
        statement = statement.add_cte(done)
        completed = select(func.count()).select_from(done).scalar_subquery()
        params.update(completion[1])
    if gone:
        statement = statement.add_cte(update(_TASKS).where(_TASKS.c.id.in_(gone)).values(
            status=TaskStatus.CANCELLED, completed_at=now).cte("cancelled_tasks"))
    if new_rows:
        statement = statement.add_cte(insert(_TASKS).values(list(new_rows)).cte("new_tasks"))
    row = connection.execute(statement.returning(completed), params).first()
    if row is None:
        _stale(case)
    if row[0] != 1:
        raise TaskNotOpen(NOT_OPEN)


def _case_write(values: dict):
    """The case row's UPDATE for this set of columns, guarded by its revision, built once per shape."""
    statement = _CASE_WRITES.get(frozenset(values))
    if statement is None:
        statement = _CASE_WRITES.setdefault(frozenset(values), update(_CASES).where(
            _CASES.c.id == bindparam("case_id"), _CASES.c.revision == bindparam("expected_revision")).values(
            revision=_CASES.c.revision + 1, **{name: bindparam(f"new_{name}") for name in values}))
    return statement


def _stale(case: Case):
    raise StaleDataError(f"case {case.id}: revision {case.revision} is no longer the stored one")


def insert_task_rows(session, rows: list[dict]) -> None:
    """The rows of a new case's first tasks, after its row (the ORM's INSERT)."""
    if rows:
        session.connection().execute(_INSERT_TASKS, rows)
