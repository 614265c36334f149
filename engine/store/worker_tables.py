"""The worker's heartbeat: what tells an API server, and the load balancer asking it, that timers and emails
are being handled by some worker, on whatever machine it runs.

Kept beside `tables.py` (same `Base`), imported by the package so every reader of the model sees it.
"""
from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .column_types import UtcDateTime
from .tables import Base


class WorkerHeartbeat(Base):
    """One running worker (`host:pid`), with the last time it finished a round. A worker that stopped leaves
    its row behind; the next heartbeat of any worker forgets rows older than a week."""

    __tablename__ = "worker_heartbeats"
    worker_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    host: Mapped[str] = mapped_column(String(100))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    beat_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
