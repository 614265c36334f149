"""SpiffWorkflow's timers under danchu's clock: when a timer is due, and cycles that would never stop.

SpiffWorkflow's timer event definitions read `datetime.now(timezone.utc)` to fix a timer's due time when it
is reached and to decide whether it has fired. danchu's time comes from the injected clock (tests freeze and
move it), so this module replaces the `datetime` name inside SpiffWorkflow's timer module with
`_ClockedDatetime`, whose `now()` answers from the clock the `WorkflowRunner` puts in a context variable
around every engine call (`clock_scope`). Outside such a call (or in another thread) it is the real time;
nothing else of SpiffWorkflow sees a difference. `tests/engine/test_timers.py` pins this behaviour, so an
upgrade of SpiffWorkflow that moves the call fails a test instead of silently using the wall clock.

The due instants of waiting timers are read from what SpiffWorkflow stored, so that `danchu worker` can find
due timers by an index instead of restoring every waiting case.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from .script_limits import ScriptRefused
from .scripting_checks import MAX_TIMER_CYCLES, MIN_TIMER_PERIOD_SECONDS

_now_source: contextvars.ContextVar[Callable[[], datetime] | None] = contextvars.ContextVar(
    "danchu_timer_clock", default=None)


class _ClockedDatetime(datetime):
    """`datetime` whose `now()` is the injected clock while a `WorkflowRunner` call runs."""

    @classmethod
    def now(cls, tz=None):
        source = _now_source.get()
        if source is None:
            return datetime.now(tz)
        moment = source()
        return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)


spiff_timer.datetime = _ClockedDatetime


@contextmanager
def clock_scope(source: Callable[[], datetime]):
    token = _now_source.set(source)
    try:
        yield
    finally:
        _now_source.reset(token)


@dataclass(frozen=True)
class PendingTimer:
    """A timer event a workflow waits for: its SpiffWorkflow task, BPMN element and due instant (UTC)."""

    task_id: str
    element: str
    kind: str  # date | duration | cycle | cycle_end
    due_at: datetime


def waiting_timers(workflow: BpmnWorkflow) -> list[PendingTimer]:
    """The timers the workflow waits for now, with their due instants as SpiffWorkflow fixed them."""
    timers = []
    for task in list(workflow.event_manager.tasks.values()):
        definition = getattr(task.task_spec, "event_definition", None)
        if task.state != TaskState.WAITING or not isinstance(definition, TimerEventDefinition):
            continue
        due, kind = _timer_due(definition, task._get_internal_data("event_value"))
        if due is not None:
            timers.append(PendingTimer(str(task.id), task.task_spec.name, kind, due))
    return timers


def refuse_runaway_cycles(workflow: BpmnWorkflow) -> None:
    """A cycle armed before cycles were checked (`cycle_problems`) may be stored without an end or with no
    pause between firings: the worker would fire it on every poll. Such a case stops with a fault."""
    for task in list(workflow.event_manager.tasks.values()):
        value = task._get_internal_data("event_value")
        if isinstance(getattr(task.task_spec, "event_definition", None), CycleTimerEventDefinition) \
                and isinstance(value, dict) and value.get("cycles") != 0:
            seconds = value.get("duration") or 0
            if seconds < MIN_TIMER_PERIOD_SECONDS or not 0 < value.get("cycles", -1) <= MAX_TIMER_CYCLES:
                raise ScriptRefused(f"timer cycle of {task.task_spec.name} refused")


def _timer_due(definition, value) -> tuple[datetime | None, str]:
    """The due instant (UTC) of a waiting timer from its stored `event_value`, and the timer's kind."""
    try:
        if isinstance(definition, CycleTimerEventDefinition):
            if not isinstance(value, dict):
                return None, "cycle"
            kind = "cycle" if value.get("cycles") != 0 else "cycle_end"  # the last period closes the cycle
            return datetime.fromisoformat(value["next"]).astimezone(timezone.utc), kind
        if value is None:
            return None, "date"
        if isinstance(definition, DurationTimerEventDefinition):
            return TimerEventDefinition.get_datetime(value).astimezone(timezone.utc), "duration"
        if isinstance(definition, TimeDateEventDefinition):
            due = TimerEventDefinition.parse_time_or_duration(value)
            return (due.astimezone(timezone.utc), "date") if isinstance(due, datetime) else (None, "date")
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    return None, "date"
