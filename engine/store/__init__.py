"""Persistence: tables, the database connection, the unit of work and migrations.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .migrate import upgrade

__all__ = ["upgrade"]
