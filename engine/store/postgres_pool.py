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
- A prepared statement is planned once for all values after five runs when PostgreSQL finds that plan no
  worse (`plan_cache_mode = auto`, the default): what a lookup by key wants, where planning each run cost
  more than running it (0.1 to 0.3 ms of planning against 0.04 ms of execution for the token check and a
  task's row). A list (an inbox page, a search, a report: every read that keeps a transaction, and the
  inbox's own statements but a case's, `CUSTOM_PLAN`) is never prepared, so it is planned for its values at every run:
  a generic plan of "my tasks" (commune, assignee, status) walked the assignee's index in deadline order
  through every task they ever completed (1.7 s at a million cases, against 0.4 ms for the plan of the
  values). Until 2026-12-06 every statement was planned at every run (`force_custom_plan`).
- The pool hands out the connection checked in last (`pool_use_lifo`): the few a worker's threads need stay
  warm with their prepared statements, the others idle.
"""
from __future__ import annotations

import time

from psycopg import ServerCursor
from sqlalchemy import event, exc
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

IDLE_PING_SECONDS = 10.0
PREPARE_THRESHOLD = 2  # the second run of a statement on a connection prepares it
PREPARED_MAX = 512  # danchu's distinct statements, with room: past it psycopg deallocates, a round trip each
CUSTOM_PLAN = "plan_each_run"  # the execution option of a statement planned for the values of each run


class PostgresDialect(PGDialect_psycopg):
    """psycopg 3, with the statements marked `CUSTOM_PLAN` sent unprepared: PostgreSQL plans an unnamed
    statement for the values it is bound with, every time. A dialect, not a `do_execute` event listener: an
    engine with a listener dispatches around every statement."""

    supports_statement_cache = True

    def do_execute(self, cursor, statement, parameters, context=None):
        if context is not None and context.execution_options.get(CUSTOM_PLAN) and \
                not isinstance(cursor, ServerCursor):  # a streamed read's DECLARE is planned for its values
            cursor.execute(statement, parameters, prepare=False)
        else:
            cursor.execute(statement, parameters)


def connect_args() -> dict:
    return {"prepare_threshold": PREPARE_THRESHOLD}


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
