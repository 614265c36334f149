"""Timers that fire: the `timers` table mirrors what each workflow waits for, the worker fires due ones.

Lifecycle of a row:
- `persist_case` (every command that changes a case, in its transaction) calls `sync_timers`: a timer the
  workflow now waits for gets a `pending` row with its due instant; a pending row the workflow no longer
  waits for became `fired` (its event ran, or a cycle re-armed with a new due time: a new row) or
  `cancelled` (its activity ended first, the case ended). A timer that fired is audited as `timer_fired`,
  whichever command let it fire: the worker, or a person's command that came after the due time.
- `fire_due_timers` (the worker) finds cases with pending rows due before now, locks each case with
  `FOR UPDATE SKIP LOCKED` on PostgreSQL (a case another worker or a person is changing is left for the
  next poll), re-reads its due rows under the lock, lets the workflow fire them at that same instant, and
  persists. All writers of a case's timer rows hold the case's lock, so two workers never fire the same
  timer: the second finds the rows fired, or skips the locked case. A crash before commit leaves the rows
  pending and the next poll fires them again (at least once, and exactly once per committed step).
  A worker that was down fires everything overdue on its first poll.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from .audit import record_event
from .principal import SYSTEM
from .store.tables import Instance, Timer

WORKER = SYSTEM.username


def sync_timers(services, session, instance: Instance, workflow, *, actor: str) -> None:
    now = services.clock.now()
    runner = services.runner
    waiting = {(t.task_id, t.due_at): t for t in runner.pending_timers(workflow)}
    rows = session.scalars(select(Timer).where(Timer.instance_id == instance.id,
                                               Timer.status == "pending")).all()
    known = set()
    for row in rows:
        key = (row.task_id, row.due_at)
        if key in waiting:
            known.add(key)
            continue
        if runner.timer_fired(workflow, row.task_id) and row.due_at < now:
            row.status, row.fired_at = "fired", now
            record_event(session, at=now, actor=actor, action="timer_fired", instance=instance,
                         data={"element": row.element, "due_at": row.due_at.isoformat(), "kind": row.kind})
        else:
            row.status, row.fired_at = "cancelled", now
    new = [t for key, t in waiting.items() if key not in known and instance.status == "running"]
    if new:
        session.flush()  # a new case's row first: timer rows refer to it
    for timer in new:
        session.add(Timer(instance_id=instance.id, task_id=timer.task_id, element=timer.element,
                          kind=timer.kind, due_at=timer.due_at, status="pending", created_at=now))


def fire_due_timers(services, limit: int = 100) -> int:
    """Fire the timers due now, case by case; returns how many fired."""
    now = services.clock.now()
    with services.uow(write=False) as uow:
        rows = uow.session.execute(select(Timer.instance_id).where(
            Timer.status == "pending", Timer.due_at < now).order_by(Timer.due_at).limit(limit)).all()
    fired = 0
    for instance_id in dict.fromkeys(r[0] for r in rows):
        fired += _fire_case(services, instance_id, now)
    return fired


def next_due_at(services):
    """When the earliest pending timer is due (for the worker's log and for tests)."""
    with services.uow(write=False) as uow:
        return uow.session.scalar(select(Timer.due_at).where(Timer.status == "pending")
                                  .order_by(Timer.due_at).limit(1))


def _fire_case(services, instance_id: str, now) -> int:
    from .case_state import persist_case, record_fault, restore_workflow, running_case
    from .spiff_adapter import RuntimeFault

    with services.uow() as uow:
        session = uow.session
        query = select(Instance).where(Instance.id == instance_id)
        if uow.for_update:
            query = query.with_for_update(skip_locked=True)
        instance = session.scalars(query).first()
        if instance is None:
            return 0  # another worker or a person holds the case: the next poll comes back
        due = session.scalars(select(Timer).where(Timer.instance_id == instance_id, Timer.status == "pending",
                                                  Timer.due_at < now)).all()
        if not due:
            return 0  # fired meanwhile by another worker
        if instance.status != "running":
            for row in due:
                row.status, row.fired_at = "cancelled", now
            uow.commit()
            return 0
        version, parsed, workflow = restore_workflow(services, session, instance)
        try:
            with running_case(services, uow, SYSTEM, instance):
                services.runner.fire_timers(workflow, now)
        except RuntimeFault as fault:
            uow.rollback()
            record_fault(services, SYSTEM, instance_id, fault)
            return 0
        persist_case(services, uow, instance, parsed, workflow, actor=WORKER)
        fired = sum(1 for row in due if row.status == "fired")
        try:
            uow.commit()
        except StaleDataError:
            return 0
        return fired
