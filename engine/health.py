"""What operators watch: a cheap round trip to the database (load balancers, `make run`'s readiness wait), and
the figures the metrics endpoint exposes that only the database knows.

The figures are read from the shared database at scrape time rather than counted in a server process: with
several API servers and workers over one PostgreSQL, no process sees every case start, every task or every
queued email, but each one reading the tables gives the same answer."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select, text

from .core.status import EmailStatus, TaskStatus, TimerStatus
from .store.tables import Case, LoginAttempt, Notification, OrgUnit, Task, Timer


def check_database(services) -> str:
    with services.uow(write=False) as uow:
        uow.session.execute(text("SELECT 1"))
    return "ok"


@dataclass
class OperationalFigures:
    """One reading of the database's figures; commune keys are unit codes ('-' for tasks of no commune)."""
    cases_by_process_status: dict[tuple[str, str], int] = field(default_factory=dict)
    open_tasks_by_commune: dict[str, int] = field(default_factory=dict)
    overdue_tasks_by_commune: dict[str, int] = field(default_factory=dict)
    timers_due: int = 0
    timer_lag_seconds: float = 0.0  # how long the oldest timer that should have fired has been waiting
    emails_pending: int = 0
    login_failures_recent: int = 0  # failures still inside the throttling window


def operational_figures(services) -> OperationalFigures:
    """Read every figure in one read-only transaction; each query reads an index the engine already keeps."""
    now = services.clock.now()
    figures = OperationalFigures()
    with services.uow(write=False) as uow:
        session = uow.session
        for process, status, count in session.execute(
                select(Case.process_model_id, Case.status, func.count()).group_by(Case.process_model_id, Case.status)):
            figures.cases_by_process_status[(process, status)] = count
        commune = func.coalesce(OrgUnit.code, "-")
        open_tasks = (select(commune, func.count(), func.count().filter(Task.due_at < now))
                      .select_from(Task).outerjoin(OrgUnit, OrgUnit.id == Task.commune_id)
                      .where(Task.status.in_(TaskStatus.OPEN)).group_by(commune))
        for code, count, overdue in session.execute(open_tasks):
            figures.open_tasks_by_commune[code] = count
            figures.overdue_tasks_by_commune[code] = overdue
        due_count, oldest = session.execute(
            select(func.count(), func.min(Timer.due_at))
            .where(Timer.status == TimerStatus.PENDING, Timer.due_at <= now)).one()
        figures.timers_due = due_count
        figures.timer_lag_seconds = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
        figures.emails_pending = session.scalar(
            select(func.count()).select_from(Notification).where(Notification.email_status == EmailStatus.PENDING))
        window = now - timedelta(seconds=services.settings.login_window_seconds)
        figures.login_failures_recent = session.scalar(
            select(func.count()).select_from(LoginAttempt)
            .where(LoginAttempt.pending.is_(False), LoginAttempt.attempted_at >= window))
    return figures


__all__ = ["OperationalFigures", "check_database", "operational_figures"]
