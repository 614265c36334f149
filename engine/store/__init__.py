"""Persistence: tables, the database connection, the unit of work and migrations.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from . import schedule_tables, worker_tables  # noqa: F401 - their tables belong to the model every reader sees
from .migrate import upgrade

__all__ = ["upgrade"]
