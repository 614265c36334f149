"""Working days the law's way (Vietnamese holidays and the override table), statutory deadlines, urgency,
and the calendar functions and operator diagrams may call.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .admin import compute_deadline, delete_override, list_holidays, list_overrides, may_edit_calendar, put_override

__all__ = ["compute_deadline", "delete_override", "list_holidays", "list_overrides", "may_edit_calendar",
    "put_override"]
