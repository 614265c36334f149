"""The outbox: notifications written in a step's transaction, mailed later by the worker.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .outbox import count_unread, list_notifications, mark_all_read, mark_read

__all__ = ["count_unread", "list_notifications", "mark_all_read", "mark_read"]
