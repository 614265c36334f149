"""Column types that behave the same on SQLite (demo, tests) and PostgreSQL (production).

The tables are declared once for both databases, so what differs between them is settled here: JSON is
`JSONB` on PostgreSQL, big integer keys are SQLite's `INTEGER` (the only type its rowid autoincrement
takes), and instants are stored in UTC and always read back aware, though SQLite keeps no zone. The
migrations declare the same types (0004 imports two of them through `engine.store.tables`, as written then).
"""
from datetime import timezone

from sqlalchemy import JSON, BigInteger, DateTime, Integer, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB

JsonDoc = JSON().with_variant(JSONB(), "postgresql")
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator):
    """Stores UTC and always returns aware datetimes, on SQLite (which keeps no zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
