"""Case numbers people can read out on the phone: `KN-2026-000123`.

The counter row for a prefix and year is incremented under a row lock (the upsert's on PostgreSQL, SQLite's
write lock), so two servers never hand out the same number.
"""
import re
from datetime import datetime

from ..store.counters import next_counter_value


def default_prefix(process_model_id: str) -> str:
    return "".join(part[0] for part in re.split(r"_+", process_model_id) if part).upper()[:8] or "HS"


def next_business_key(uow, prefix: str, when: datetime) -> str:
    """One statement takes the row lock and the next number at once, creating the year's row for its first
    case (`engine.store.counters`)."""
    value = next_counter_value(uow.session, f"business_key:{prefix}:{when.year}")
    return f"{prefix}-{when.year}-{value:06d}"
