"""A check that what the database holds for each case agrees with itself, after a crash or at any time.

For every case: its stored workflow can be restored; while it runs (or stopped on an error), its open task
rows are exactly its workflow's ready user tasks, and once it has ended it has no open row; and for every task
row, the row says completed if and only if the workflow has completed that task if and only if the audit log has a
`completed` event for it, and never two. Finally no case row is still locked by a transaction.

A unit of work commits the workflow, the task rows and the audit event together, so a killed process can
only leave all of them or none: this check is how the crash run (`bench/crash.py`) and the tests prove it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from ..core.status import OPEN_TASK_STATUSES as OPEN
from ..core.status import CaseStatus, TaskStatus
from ..store.tables import AuditEvent, Case, Task
from .state import restore_workflow


@dataclass
class ConsistencyReport:
    cases: int = 0
    task_rows: int = 0
    partial: list[str] = field(default_factory=list)  # task ids whose row, workflow and audit disagree
    duplicated: list[str] = field(default_factory=list)  # task ids completed more than once in the audit
    stuck: list[str] = field(default_factory=list)  # case ids not restorable, out of step, or still locked
    completed_events: dict[str, int] = field(default_factory=dict)  # task id -> `completed` audit events

    @property
    def ok(self) -> bool:
        return not (self.partial or self.duplicated or self.stuck)


def check_consistency(services) -> ConsistencyReport:
    report = ConsistencyReport()
    runner = services.runner
    with services.uow(write=False) as uow:
        session = uow.session
        report.completed_events = dict(session.execute(
            select(AuditEvent.task_id, func.count()).where(AuditEvent.action == "completed",
                                                           AuditEvent.task_id.is_not(None))
            .group_by(AuditEvent.task_id)).all())
        rows_by_case: dict[str, list[Task]] = {}
        for row in session.scalars(select(Task)):
            rows_by_case.setdefault(row.instance_id, []).append(row)
        for case in session.scalars(select(Case).order_by(Case.created_at)):
            report.cases += 1
            rows = rows_by_case.get(case.id, [])
            report.task_rows += len(rows)
            try:
                _, _, workflow = restore_workflow(services, session, case)
            except Exception:  # noqa: BLE001 - a state that cannot be restored is exactly what we look for
                report.stuck.append(case.id)
                continue
            ready = {str(t.id) for t in runner.ready_user_tasks(workflow)}
            open_rows = {r.id for r in rows if r.status in OPEN}
            waiting = case.status in (CaseStatus.RUNNING, CaseStatus.ERROR)  # a failed case keeps its open tasks, visibly
            if (waiting and open_rows != ready) or (not waiting and open_rows):
                report.stuck.append(case.id)
            for row in rows:
                events = report.completed_events.get(row.id, 0)
                if events > 1:
                    report.duplicated.append(row.id)
                in_workflow = runner.task_state(workflow, row.id) == "COMPLETED"
                if not ((row.status == TaskStatus.COMPLETED) == in_workflow == (events >= 1)):
                    report.partial.append(row.id)
    report.stuck += _locked_cases(services)
    return report


def _locked_cases(services) -> list[str]:
    """Running cases whose row lock is held: none may be, once every command has ended."""
    with services.uow() as uow:
        query = select(Case.id).where(Case.status == CaseStatus.RUNNING)
        if uow.for_update:
            query = query.with_for_update(nowait=True)
        try:
            uow.session.execute(query).all()
        except OperationalError:
            return ["(a running case is locked)"]
    return []
