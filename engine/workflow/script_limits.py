"""What one evaluation of diagram text may spend, the errors past it, and the meter that keeps the count.

Expressions, scripts and task instructions all spend against these same limits and stop with these same
errors, so the limits are read in one place and a caller catches one `ScriptError` whichever part of the
sandbox stopped the diagram. The meter is a `Deadline` (`engine.core.budget`) that also counts what the
evaluation has built: memory is bounded by that count, not by time (a loop can keep gigabytes in two
seconds).
"""
from __future__ import annotations

import time

import simpleeval

from ..core.budget import Deadline, TimeBudgetExceeded

DEFAULT_TIMEOUT_SECONDS = 2.0
MAX_STRING_LENGTH = simpleeval.MAX_STRING_LENGTH  # characters in one string built by + or *
MAX_VALUE_SIZE = 10 * MAX_STRING_LENGTH  # characters + items of one value, shared parts counted each time
MAX_INT_BITS = 10_000
MAX_RANGE = 100_000
MAX_ROUND_DIGITS = 100
MAX_BUILT = 4 * MAX_VALUE_SIZE  # characters + items one evaluation may build in all (about 150 MB at most)
STEP_COST = 4  # what one loop step counts against MAX_BUILT: it may make an object the meter cannot see


class ScriptError(Exception):
    """An expression or script of a diagram was stopped by the sandbox."""


class ScriptRefused(ScriptError):
    """It used something the sandbox forbids, or tried to build a value over the size limits."""


class ScriptTimeout(ScriptError, TimeBudgetExceeded):
    """It ran longer than its time limit (its own, or what was left of its command's budget)."""


class MeteredDeadline(Deadline):
    """The time limit of one evaluation (`engine.core.budget`), with the meter of what it has built."""

    __slots__ = ("built",)

    def __init__(self, seconds: float, error: type[Exception] = ScriptTimeout, *, end: float | None = None):
        super().__init__(seconds, error, end=end)
        self.built = 0

    def add(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            overbuilt()

    def step(self) -> None:
        """One `while` pass (loop items are counted by the loop guard itself: a call each is a cost)."""
        if self.armed and time.monotonic() > self.end:
            self.check()
        self.built += STEP_COST
        if self.built > MAX_BUILT:
            overbuilt()


def overbuilt():
    raise ScriptRefused(f"built more than {MAX_BUILT} characters and items in all")
