"""Case numbers people can read out on the phone: `KN-2026-000123`.

The counter row for a prefix and year is incremented under a row lock (the UPDATE's on PostgreSQL, SQLite's
write lock), so two servers never hand out the same number.
"""
import re
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..store.tables import Counter


def default_prefix(process_model_id: str) -> str:
    return "".join(part[0] for part in re.split(r"_+", process_model_id) if part).upper()[:8] or "HS"


def next_business_key(uow, prefix: str, when: datetime) -> str:
    """One `UPDATE ... RETURNING` takes the row lock and the next number at once; the first case of a
    year creates the row first (without a conflict when two servers both find none)."""
    name = f"business_key:{prefix}:{when.year}"
    value = uow.session.execute(_NEXT, {"counter": name}).scalar()
    if value is None:
        insert = pg_insert if uow.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        uow.session.execute(insert(_COUNTERS).values(name=name, value=0).on_conflict_do_nothing())
        value = uow.session.execute(_NEXT, {"counter": name}).scalar_one()
    return f"{prefix}-{when.year}-{value:06d}"


_COUNTERS = Counter.__table__
_NEXT = (update(_COUNTERS).where(_COUNTERS.c.name == bindparam("counter"))
         .values(value=_COUNTERS.c.value + 1).returning(_COUNTERS.c.value))
