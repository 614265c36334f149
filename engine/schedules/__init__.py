"""Recurring work the worker opens by itself: each commune's schedules (the Chairman's reception days, the
yearly dialogue conference) and the opening of each period's case.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .definitions import KINDS, list_schedules, put_schedule
from .openings import open_scheduled_cases

__all__ = ["KINDS", "list_schedules", "open_scheduled_cases", "put_schedule"]
