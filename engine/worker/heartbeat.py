"""The worker's heartbeat in the shared database (`worker_heartbeats`): every API server's health check reads
it (`engine.health.service_health`), so a load balancer or an operator asking any server learns whether some
worker is firing the timers and sending the emails.

A beat is one upsert, written after a round at most every `BEAT_SECONDS`: a worker polling every second
does not commit a row every second."""
from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..store.worker_tables import WorkerHeartbeat

BEAT_SECONDS = 15.0
FORGOTTEN_AFTER = timedelta(days=7)  # a worker stopped that long ago is history, not a worker that is late

_BEATS = WorkerHeartbeat.__table__


def _upsert(insert):
    statement = insert(_BEATS).values(worker_id=bindparam("worker_id"), host=bindparam("host"), pid=bindparam("pid"),
                                      started_at=bindparam("now"), beat_at=bindparam("now"))
    return statement.on_conflict_do_update(index_elements=[_BEATS.c.worker_id], set_={"beat_at": bindparam("now")})


_UPSERT = {"postgresql": _upsert(pg_insert), "sqlite": _upsert(sqlite_insert)}  # built once
_FORGET = delete(_BEATS).where(_BEATS.c.beat_at < bindparam("before"))


class Heartbeat:
    """This worker process's beat; `due(now)` says whether the next round's end should write one."""

    def __init__(self) -> None:
        self.host = socket.gethostname()[:100]
        self.pid = os.getpid()
        self.worker_id = f"{self.host}:{self.pid}"
        self.last: datetime | None = None

    def due(self, now: datetime) -> bool:
        return self.last is None or (now - self.last).total_seconds() >= BEAT_SECONDS

    def beat(self, services) -> None:
        now = services.clock.now()
        with services.uow() as uow:
            connection = uow.session.connection()
            connection.execute(_UPSERT[connection.dialect.name],
                               {"worker_id": self.worker_id, "host": self.host, "pid": self.pid, "now": now})
            connection.execute(_FORGET, {"before": now - FORGOTTEN_AFTER})
            uow.commit()
        self.last = now
