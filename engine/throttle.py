"""Counting recent events in the shared database to refuse the next one: failed logins (`engine.login`) and
the public portal's letters and comments (`engine.public_portal`).

Every server process counts the same rows, so the limit holds across a province's servers. Two requests
checked at the same instant may both pass and exceed a limit by one: a throttle against guessing and
flooding, not a quota.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select


def retry_after(session, at_column, condition, now: datetime, window_seconds: int, limit: int) -> int | None:
    """Seconds until one more event is allowed, when `limit` events matching `condition` (at `at_column`)
    fall within the window ending now; None while under the limit."""
    since = now - timedelta(seconds=window_seconds)
    recent = (at_column > since, condition)
    count = session.scalar(select(func.count()).select_from(at_column.table).where(*recent))
    if count < limit:
        return None
    leaving = session.scalar(select(at_column).where(*recent).order_by(at_column).offset(count - limit).limit(1))
    return max(1, math.ceil((leaving + timedelta(seconds=window_seconds) - now).total_seconds()))


def record(session, row, at_column, now: datetime, window_seconds: int) -> None:
    """Count one more event (`row`, at `now`) and forget those that left the window, in the caller's
    transaction: the table holds no more than a window's events."""
    session.add(row)
    session.execute(delete(at_column.table).where(at_column < now - timedelta(seconds=window_seconds)))
