"""The background worker: opens the cases of the communes' schedules, fires due timers and sends queued emails,
polling the database.

`run_worker` polls every `poll_seconds` (1 s by default, so a timer fires within about a second of its due
time on an idle system) and goes straight on while there was work, so a backlog (a worker that was down)
drains at full speed. Time is read from `services.clock`; the pause between polls goes through `wait`,
which tests replace to step the loop without sleeping. Any number of workers may run against one
PostgreSQL: see `engine.worker.timers` for why they never fire a timer twice.
"""
from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from time import perf_counter
from typing import Callable

from ..core.request_context import current_request_id

from ..notifications.outbox import send_due_emails
from ..schedules.openings import open_scheduled_cases
from .heartbeat import Heartbeat
from .timers import fire_due_timers

log = logging.getLogger("danchu.worker")


@dataclass
class PollResult:
    timers_fired: int
    emails_sent: int
    failures: int = 0  # parts of the round that failed (logged)
    seconds: float = 0.0
    cases_opened: int = 0  # periods of the communes' schedules (engine.schedules)

    @property
    def busy(self) -> bool:
        return bool(self.timers_fired or self.emails_sent or self.cases_opened)


def poll_once(services, limit: int = 100) -> PollResult:
    """One round: open the schedules' cases due now, fire due timers, then send due emails. Errors of one round
    are logged, not raised.

    The round has a request id of its own (`worker-…`): what its steps leave for a later round (a reminder's
    notification, a re-armed timer) carries it, as a request's do."""
    started = perf_counter()
    token = current_request_id.set(f"worker-{uuid.uuid4().hex[:16]}")
    fired = sent = failures = opened = 0
    try:
        try:
            opened = open_scheduled_cases(services)
        except Exception:  # noqa: BLE001 - the worker must outlive a bad round
            failures += 1
            log.exception("opening scheduled cases failed")
        try:
            fired = fire_due_timers(services, limit)
        except Exception:  # noqa: BLE001 - the worker must outlive a bad round (database restart, ...)
            failures += 1
            log.exception("firing timers failed")
        try:
            sent = send_due_emails(services, limit)
        except Exception:  # noqa: BLE001
            failures += 1
            log.exception("sending emails failed")
        if fired or sent or opened:
            log.info("round", extra={"timers_fired": fired, "emails_sent": sent, "cases_opened": opened})
    finally:
        current_request_id.reset(token)
    return PollResult(fired, sent, failures, perf_counter() - started, opened)


def run_worker(services, *, poll_seconds: float = 1.0, limit: int = 100, stop: threading.Event | None = None,
               wait: Callable[[float], bool] | None = None,
               observe: Callable[[PollResult], None] | None = None) -> None:
    """Poll until `stop` is set. `wait(seconds)` returns True to stop (default: `stop.wait`); `observe` sees
    each round's result (the command line's metrics)."""
    stop = stop or threading.Event()
    wait = wait or stop.wait
    heartbeat = Heartbeat()
    while not stop.is_set():
        result = poll_once(services, limit)
        if heartbeat.due(services.clock.now()):
            _beat(services, heartbeat)
        if observe is not None:
            observe(result)
        if result.busy:
            continue
        if wait(poll_seconds):
            break


def _beat(services, heartbeat: Heartbeat) -> None:
    """A heartbeat that fails (the database restarting) is logged; the round's work is what matters."""
    try:
        heartbeat.beat(services)
    except Exception:  # noqa: BLE001 - the worker must outlive a bad round
        log.exception("writing the heartbeat failed")
