"""Counting recent events in the shared database to refuse the next one: login attempts (`engine.people.login`) and
the public portal's letters and comments (`engine.portal.public`).

Every server process counts the same rows, so the limit holds across a province's servers. A count and the
row it lets in are one transaction, serialised with every other transaction counting the same thing
(`serialise`): PostgreSQL advisory locks per counted key, SQLite's write transaction (`BEGIN IMMEDIATE`),
so requests arriving at the same instant cannot all pass the limit.
"""
from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, select, text


def serialise(session, *keys: str) -> None:
    """Hold, until the caller's write transaction ends, the locks of `keys` (e.g. `login-account:chu_tich`),
    in the order given: every caller takes its keys in one documented order, so none waits in a cycle.
    On SQLite the write transaction already excludes every other writer."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in keys:
        session.execute(_ADVISORY_LOCK, {"key": _lock_number(key)})


_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)").bindparams(bindparam("key"))


def _lock_number(key: str) -> int:
    """A stable signed 64-bit number per key, the same in every process (Python's `hash` is not)."""
    return int.from_bytes(hashlib.sha256(f"danchu-throttle:{key}".encode("utf-8")).digest()[:8], "big", signed=True)


def retry_after(session, at_column, condition, now: datetime, window_seconds: int, limit: int) -> int | None:
    """Seconds until one more event is allowed, when `limit` events matching `condition` (at `at_column`)
    fall within the window ending now; None while under the limit."""
    since = now - timedelta(seconds=window_seconds)
    recent = (at_column > since, condition)
    count = session.scalar(select(func.count()).select_from(at_column.table).where(*recent))
    if count < limit:
        return None
    leaving = session.scalar(select(at_column).where(*recent).order_by(at_column).offset(count - limit).limit(1))
    return seconds_until(leaving + timedelta(seconds=window_seconds), now)


def doubling_wait(session, at_column, condition, now: datetime, window_seconds: int, first_delay: int) -> int | None:
    """Seconds to wait, when the n-th event matching `condition` within the window (the latest at `last`)
    holds back the next one until `last + first_delay * 2**(n-1)`, at most the window; None if no wait."""
    if first_delay <= 0:
        return None
    since = now - timedelta(seconds=window_seconds)
    count, last = session.execute(select(func.count(), func.max(at_column)).where(at_column > since, condition)).one()
    if not count:
        return None
    delay = min(window_seconds, first_delay * 2 ** min(count - 1, 32))
    until = last + timedelta(seconds=delay)
    return seconds_until(until, now) if until > now else None


def seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def record(session, row, at_column, now: datetime, window_seconds: int) -> None:
    """Count one more event (`row`, at `now`) and forget those that left the window, in the caller's
    transaction: the table holds no more than a window's events."""
    session.add(row)
    session.execute(delete(at_column.table).where(at_column < now - timedelta(seconds=window_seconds)))
