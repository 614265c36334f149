"""A few rows of another table as one JSON column of a statement a command sends anyway.

A completion reads, under its case's lock, the case's open tasks, its pending timers and its deadline
history: three statements, three round trips to PostgreSQL, for a handful of rows. `json_rows` turns the
rows of a table that a condition selects into one scalar column (`json_agg` on PostgreSQL, `json_group_array`
on SQLite), so they come with the first statement; `rows_of` gives them back as plain rows, with the instants
of `UtcDateTime` columns as aware datetimes, as a select of the table would have.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import func, literal_column, select

from .column_types import UtcDateTime


def json_rows(dialect: str, table, columns: tuple[str, ...], *where):
    """The rows of `table` matching `where`, as a JSON array of objects of `columns` (unordered)."""
    pairs = [part for name in columns for part in (literal_column(f"'{name}'"), table.c[name])]
    if dialect == "postgresql":
        rows = func.coalesce(func.json_agg(func.json_build_object(*pairs)), literal_column("'[]'::json"))
    else:
        rows = func.json_group_array(func.json_object(*pairs))
    return select(rows).where(*where).scalar_subquery()


def rows_of(value, table) -> list[SimpleNamespace]:
    """The rows a `json_rows` column holds (psycopg parses JSON itself; SQLite gives its text)."""
    items = json.loads(value) if isinstance(value, str) else (value or [])
    return [SimpleNamespace(**{name: _value(table.c[name], item[name]) for name in item}) for item in items]


def _value(column, value):
    if value is None or not isinstance(column.type, UtcDateTime):
        return value
    instant = datetime.fromisoformat(value)  # PostgreSQL's with its offset; SQLite's stored text in UTC
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant.astimezone(timezone.utc)
