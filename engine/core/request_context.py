"""The id of the request a command runs for, so what it leaves for later carries it.

The edge that received the request sets it; rows the command writes for the worker (a timer it armed, an
email it queued) keep it, and the worker's log lines about them name it: an operator follows one request from
the server's log line to the worker's. A context variable, not a global: a threaded server runs several
requests at once, each in its own context."""
from __future__ import annotations

from contextvars import ContextVar

REQUEST_ID_LENGTH = 64
current_request_id: ContextVar[str | None] = ContextVar("danchu_request_id", default=None)
