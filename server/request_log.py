"""One structured log line per request, and the request's id.

The line (logger `danchu.request`, written as JSON by `danchu serve`) holds the route's template, never the
path as sent or its query: paths and queries may carry a citizen's tracking code or a searched name, the
template only says which page. It names the staff user by login, the status and the duration, and never a submitted
value. The request id comes from the proxy's `X-Request-Id` when it is a plain token (so the proxy's log and
ours join up), otherwise a new one; it is sent back in the answer and set as the engine's current request id,
so the timers and emails the request leaves for the worker carry it into the worker's log lines."""
from __future__ import annotations

import logging
import re
import uuid
from time import perf_counter

from flask import Flask, g, request

from engine.core import REQUEST_ID_LENGTH, current_request_id

log = logging.getLogger("danchu.request")
HEADER = "X-Request-Id"
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,%d}" % REQUEST_ID_LENGTH)


def _username() -> str | None:
    """The staff account's login (staff accounts are the ids the audit log uses too); None for the public."""
    principal = g.get("principal") or g.get("web_principal")
    return getattr(principal, "username", None)


def register_request_log(app: Flask) -> None:
    @app.before_request
    def _begin():
        sent = request.headers.get(HEADER, "")
        g.request_id = sent if ACCEPTED_ID.fullmatch(sent) else uuid.uuid4().hex
        g.request_id_token = current_request_id.set(g.request_id)
        g.request_started = perf_counter()

    @app.after_request
    def _log(response):
        request_id = g.get("request_id")
        if request_id is None:  # a request that failed before its first hook
            return response
        response.headers[HEADER] = request_id
        log.info("request", extra={
            "request_id": request_id, "method": request.method,
            "route": request.url_rule.rule if request.url_rule is not None else "<unmatched>",
            "status": response.status_code, "user": _username(),
            "duration_ms": round((perf_counter() - g.request_started) * 1000, 2)})
        return response

    @app.teardown_request
    def _end(_exc):
        token = g.pop("request_id_token", None)
        if token is not None:
            current_request_id.reset(token)
