"""How danchu holds its PostgreSQL connections: what a request costs beyond its statements.

Measured with libpq's trace of a three-step case walked over the API (`docs/performance.md`), PostgreSQL
paid for more than its statements:
- SQLAlchemy's `pool_pre_ping` sent an empty query at every checkout, two or three per request (the token
  check and the command each take a connection): one more round trip each. A connection is now pinged
  only when it sat idle in the pool for `IDLE_PING_SECONDS` or more (a server restarted overnight, a
  firewall dropping idle connections); one in use moments ago is taken as is. A connection found dead is
  replaced before the request uses it (`DisconnectionError` makes the pool retry).
- psycopg prepares a statement once a connection has run it `PREPARE_THRESHOLD` times, so PostgreSQL
  plans it once instead of at every run; but it forgets them all at every ROLLBACK, which every read
  ended with (`engine.store.uow` now ends a read with COMMIT), and keeps only `PREPARED_MAX` of them.
  What is kept is the parsed statement; each run is still planned for its values (`PLAN_CACHE_MODE`).
- The pool hands out the connection checked in last (`pool_use_lifo`): the few a worker's threads need stay
  warm with their prepared statements, the others idle.
"""
from __future__ import annotations

import time

from sqlalchemy import event, exc

IDLE_PING_SECONDS = 10.0
PREPARE_THRESHOLD = 2  # the second run of a statement on a connection prepares it
PREPARED_MAX = 512  # danchu's distinct statements, with room: past it psycopg deallocates, a round trip each
# Planned for the values of each run, never once for all: a generic plan of "my tasks" (commune, assignee,
# status) walked the assignee's index in deadline order through every task they ever completed (1.7 s at a
# million cases, against 0.4 ms for the plan of the values)
PLAN_CACHE_MODE = "force_custom_plan"


def connect_args() -> dict:
    return {"prepare_threshold": PREPARE_THRESHOLD, "options": f"-c plan_cache_mode={PLAN_CACHE_MODE}"}


def configure(engine) -> None:
    """Pool events only (checkout, checkin, connect): no dispatch around each statement."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "checkin", _on_checkin)
    event.listen(engine, "checkout", lambda conn, record, proxy: _on_checkout(engine, conn, record))


def _on_connect(dbapi_connection, record) -> None:
    dbapi_connection.prepared_max = PREPARED_MAX
    record.info["checked_in"] = time.monotonic()


def _on_checkin(_dbapi_connection, record) -> None:
    record.info["checked_in"] = time.monotonic()


def _on_checkout(engine, dbapi_connection, record) -> None:
    if time.monotonic() - record.info.get("checked_in", 0.0) < IDLE_PING_SECONDS:
        return
    try:
        engine.dialect.do_ping(dbapi_connection)
    except engine.dialect.loaded_dbapi.Error as error:
        raise exc.DisconnectionError("connection found closed after idling in the pool") from error
