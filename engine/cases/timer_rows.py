"""The `timers` table mirrors what each workflow waits for: one row per timer, kept in line on every step.

Every step of a case (`engine.cases.step`, in the command's transaction) calls `sync_timers`: a timer the
workflow now waits for gets a `pending` row with its due instant; a pending row the workflow no longer waits
for became `fired` (its event ran, or a cycle re-armed with a new due time: a new row) or `cancelled` (its
activity ended first, the case ended). A timer that fired is audited as `timer_fired`, whichever command let it
fire: the worker (`engine.worker.timers`), or a person's command that came after the due time. A timer
waited for again with the due instant of a row it ended (a case sent back into a stage whose boundary timers
were cancelled when it left it: `engine.cases.sending_back`) takes that row back, `pending` again.
"""
from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..core.request_context import current_request_id
from ..core.status import CaseStatus, TimerStatus
from ..store.tables import Case, Timer
from ..trust.audit import record_event


def project_timers(step) -> None:
    """The case-step projection (`engine.cases.step`); a process with no timer anywhere has no rows to keep."""
    if step.parsed.has_timers:
        sync_timers(step.services, step.session, step.case, step.workflow, actor=step.actor, new=step.new,
                    rows=step.pending_timers)


def sync_timers(services, session, case: Case, workflow, *, actor: str, new: bool = False, rows=None) -> None:
    """`new`: the case opens in this transaction, so it has no rows yet to read. `rows`: its pending rows,
    when the caller read them under the case's lock (plain rows); otherwise they are read here. The rows that
    ended are written in one statement, and the loaded ones told (the worker reads which fired)."""
    now = services.clock.now()
    runner = services.runner
    waiting = {(t.task_id, t.due_at): t for t in runner.pending_timers(workflow)}
    if rows is None:
        rows = [] if new else session.scalars(_PENDING, {"instance_id": case.id}).all()
    known, ended = set(), []
    for row in rows:
        key = (row.task_id, row.due_at)
        if key in waiting:
            known.add(key)
            continue
        status = TimerStatus.CANCELLED
        if runner.timer_fired(workflow, row.task_id) and row.due_at < now:
            status = TimerStatus.FIRED
            record_event(session, at=now, actor=actor, action="timer_fired", case=case,
                         data={"element": row.element, "due_at": row.due_at.isoformat(), "kind": row.kind})
        ended.append({"timer_id": row.id, "new_status": status, "now": now})
        _ended(row, status, now)
    if ended:
        session.connection().execute(_END, ended)
    added = [t for key, t in waiting.items() if key not in known and case.status == CaseStatus.RUNNING]
    if added:
        session.flush()  # a new case's row first: timer rows refer to it
        if not new:  # a new case has no ended row to take back
            added = _rearmed(session, case, added)
    if added:
        session.connection().execute(_INSERT, [  # one statement for them all (the ORM sends one per row on SQLite)
            {"instance_id": case.id, "task_id": timer.task_id, "element": timer.element, "kind": timer.kind,
             "due_at": timer.due_at, "status": TimerStatus.PENDING, "created_at": now, "fired_at": None,
             "request_id": current_request_id.get()} for timer in added])


def _rearmed(session, case: Case, timers: list) -> list:
    """The timers of `timers` with no ended row of the same task and due instant; those rows are pending again."""
    ended = {(row.task_id, row.due_at): row for row in session.scalars(
        select(Timer).where(Timer.instance_id == case.id, Timer.status != TimerStatus.PENDING,
                            Timer.task_id.in_([t.task_id for t in timers])))}
    fresh = []
    for timer in timers:
        row = ended.get((timer.task_id, timer.due_at))
        if row is None:
            fresh.append(timer)
        else:
            row.status, row.fired_at = TimerStatus.PENDING, None
    return fresh


def _ended(row, status: str, now) -> None:
    """Tell a loaded row what the statement wrote: a mapped one as committed state (the ORM writes nothing)."""
    if isinstance(row, Timer):
        set_committed_value(row, "status", status)
        set_committed_value(row, "fired_at", now)
    else:
        row.status, row.fired_at = status, now


_TIMERS = Timer.__table__
_INSERT = insert(_TIMERS)
_END = (update(_TIMERS).where(_TIMERS.c.id == bindparam("timer_id"))
        .values(status=bindparam("new_status"), fired_at=bindparam("now")))
_PENDING = select(Timer).where(Timer.instance_id == bindparam("instance_id"), Timer.status == TimerStatus.PENDING)
