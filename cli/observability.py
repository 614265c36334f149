"""What the long-running commands (`serve`, `worker`) give operators: JSON log lines and Prometheus figures.

Every log line is one JSON object with the time, level, logger and message, the fields its caller named, and
the current request id (a request's, or a worker round's `worker-…`), so one grep follows a request from the
server's line to the worker's lines about the timers and emails it left (`origin_request_id`)."""
from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client import multiprocess
from pythonjsonlogger.json import JsonFormatter

from engine.core import current_request_id
from server.metrics import MULTIPROCESS_ENV, DatabaseFigures

LOG_FIELDS = ["asctime", "levelname", "name", "message"]


class RequestIdFilter(logging.Filter):
    """Adds the current request id to a line that did not name one itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


def configure_logging(fmt: str) -> None:
    """JSON lines (`json`, for log collectors) or the plain text a person reads on a terminal (`text`)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter(LOG_FIELDS, rename_fields={"levelname": "level", "name": "logger"},
                                           timestamp=False))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(request_id)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def ensure_multiprocess_metrics(var_dir: str) -> bool:
    """Make sure this process runs prometheus-client in multiprocess mode, which it decides when imported.

    Returns True when the caller must re-run itself: the variable was not set when this process started, so
    the command sets it (a fresh folder under `var_dir`) and starts again with it, before any metric exists."""
    if os.environ.get(MULTIPROCESS_ENV):
        folder = Path(os.environ[MULTIPROCESS_ENV])
        folder.mkdir(parents=True, exist_ok=True)
        return False
    folder = Path(var_dir).resolve() / "metrics"
    shutil.rmtree(folder, ignore_errors=True)  # figures of processes that no longer run
    folder.mkdir(parents=True)
    os.environ[MULTIPROCESS_ENV] = str(folder)
    return True


def worker_exited(_server, worker) -> None:
    """gunicorn's `child_exit` hook: a dead worker's live gauges leave the sums (prometheus-client's rule)."""
    multiprocess.mark_process_dead(worker.pid)


class WorkerMetrics:
    """The worker's own figures, served on its own port (bound to the loopback by default)."""

    def __init__(self, services):
        self.registry = CollectorRegistry()
        self.rounds = Histogram("danchu_worker_round_seconds", "Time of one worker round",
                                registry=self.registry)
        self.timers = Counter("danchu_worker_timers_fired_total", "Timers fired", registry=self.registry)
        self.emails = Counter("danchu_worker_emails_sent_total", "Emails sent", registry=self.registry)
        self.failures = Counter("danchu_worker_round_failures_total", "Parts of rounds that failed",
                                registry=self.registry)
        self.registry.register(DatabaseFigures(services))

    def observe(self, result) -> None:
        self.rounds.observe(result.seconds)
        self.timers.inc(result.timers_fired)
        self.emails.inc(result.emails_sent)
        self.failures.inc(result.failures)

    def serve(self, host: str, port: int):
        return start_http_server(port, addr=host, registry=self.registry)
