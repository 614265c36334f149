"""Persistence: tables, the database connection, the unit of work and migrations.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from . import schedule_tables  # noqa: F401 - its tables belong to the model every reader of it sees
from .migrate import upgrade

__all__ = ["upgrade"]
