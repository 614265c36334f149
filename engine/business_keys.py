"""Case numbers people can read out on the phone: `KN-2026-000123`.

The counter row for a prefix and year is incremented under a row lock (PostgreSQL `FOR UPDATE`, SQLite's
write lock), so two servers never hand out the same number.
"""
import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .store.tables import Counter


def default_prefix(process_model_id: str) -> str:
    return "".join(part[0] for part in re.split(r"_+", process_model_id) if part).upper()[:8] or "HS"


def next_business_key(uow, prefix: str, when: datetime) -> str:
    name = f"business_key:{prefix}:{when.year}"
    query = select(Counter).where(Counter.name == name)
    if uow.for_update:
        # The first case of a year: two servers may both find no row; create it without a conflict.
        uow.session.execute(pg_insert(Counter).values(name=name, value=0).on_conflict_do_nothing())
        query = query.with_for_update()
    counter = uow.session.scalars(query.execution_options(populate_existing=True)).first()
    if counter is None:
        counter = Counter(name=name, value=0)
        uow.session.add(counter)
    counter.value += 1
    uow.session.flush()
    return f"{prefix}-{when.year}-{counter.value:06d}"
