"""What operators watch: a cheap round trip to the database (load balancers, `make run`'s readiness wait), and
the figures the metrics endpoint exposes that only the database knows.

The figures are read from the shared database at scrape time rather than counted in a server process: with
several API servers and workers over one PostgreSQL, no process sees every case start, every task or every
queued email, but each one reading the tables gives the same answer."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from .core.status import EmailStatus, TaskStatus, TimerStatus
from .store.tables import Case, LoginAttempt, Notification, OrgUnit, Task, Timer
from .store.worker_tables import WorkerHeartbeat


@dataclass(frozen=True)
class ServiceHealth:
    """What a load balancer and an operator ask of any server, in words and nothing else (no count, no name, no
    address: the answer needs no login). `database`: "ok" or "unreachable"; `worker`: "ok", "late" (no
    heartbeat for `worker_late_seconds`) or "absent" (no worker ever beat); `outbox`: "ok" or "late" (an email
    due for `outbox_late_seconds` and not sent); "unknown" when the database could not say."""
    database: str
    worker: str
    outbox: str

    @property
    def status(self) -> str:
        """"ok"; "degraded": this server answers but timers or emails wait; "down": it cannot reach its data."""
        if self.database != "ok":
            return "down"
        return "ok" if self.worker == "ok" and self.outbox == "ok" else "degraded"


def service_health(services) -> ServiceHealth:
    """One read-only transaction of two index reads; a database that cannot be reached is an answer, not an
    error (the load balancer takes this server out, the operator sees why)."""
    now = services.clock.now()
    settings = services.settings
    try:
        with services.uow(write=False) as uow:
            last_beat, stuck_email = uow.session.execute(select(
                select(func.max(WorkerHeartbeat.beat_at)).scalar_subquery(),
                select(Notification.id).where(
                    Notification.email_status == EmailStatus.PENDING,
                    Notification.email_next_at < now - timedelta(seconds=settings.outbox_late_seconds))
                .limit(1).scalar_subquery())).one()
    except SQLAlchemyError:
        return ServiceHealth("unreachable", "unknown", "unknown")
    if last_beat is None:
        worker = "absent"
    else:
        worker = "ok" if (now - last_beat).total_seconds() <= settings.worker_late_seconds else "late"
    return ServiceHealth("ok", worker, "late" if stuck_email is not None else "ok")


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


__all__ = ["OperationalFigures", "ServiceHealth", "operational_figures", "service_health"]
