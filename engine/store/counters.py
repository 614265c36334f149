"""Counters handed out under a row lock: case numbers, the outgoing register's numbers.

One `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` takes the next value: it creates the row at 1 for the
first number of a year, and otherwise increments it, holding the row's lock (PostgreSQL; SQLite's writer
holds the database) until the caller's transaction ends, so two servers never hand out the same number. One
statement, where the first number of a year used to cost three (an update finding no row, an insert, the
update again).
"""
from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .tables import Counter

_COUNTERS = Counter.__table__


def _next_value(insert):
    statement = insert(_COUNTERS).values(name=bindparam("counter"), value=1)
    return statement.on_conflict_do_update(index_elements=[_COUNTERS.c.name],
                                           set_={"value": _COUNTERS.c.value + 1}).returning(_COUNTERS.c.value)


_NEXT = {"postgresql": _next_value(pg_insert), "sqlite": _next_value(sqlite_insert)}  # built once


def next_counter_value(session, name: str) -> int:
    """The counter `name`'s next value, taken in the caller's transaction."""
    statement = _NEXT[session.get_bind().dialect.name]
    return session.execute(statement, {"counter": name}).scalar_one()
