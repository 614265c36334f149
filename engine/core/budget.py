"""Time budgets: how long one evaluation may run, and all the evaluations of one command together.

A single request must not hold a worker, or SQLite's one write lock, for longer than an administrator
allows (`Settings.eval_budget_seconds`, `DANCHU_EVAL_BUDGET_SECONDS`). Checking the clock is the only
interruption Python offers that costs nothing when nothing overruns: each evaluator checks a `Deadline` at
its own steps (the expression evaluator at every node, scripts at every call and loop pass, the engine
before every task it runs, form validation at every keyword, instructions at every template line).

`command_budget` sets the budget of what one command runs; an evaluation inside it gets the tighter of its
own limit and what is left of the command's (`Deadline.within`), so nesting never extends a budget.
"""
from __future__ import annotations

import contextvars
import functools
import time
from contextlib import contextmanager

DEFAULT_BUDGET_SECONDS = 5.0


class TimeBudgetExceeded(Exception):
    """An evaluation ran past its deadline."""


class Deadline:
    """The time limit of one evaluation. Once the evaluation is over it is disarmed: a generator the
    evaluation left suspended keeps its frame's trace function and may run it when collected later."""

    __slots__ = ("limit", "end", "armed", "error")

    def __init__(self, seconds: float, error: type[Exception] = TimeBudgetExceeded, *, end: float | None = None):
        self.limit = seconds
        self.end = time.monotonic() + seconds if end is None else end
        self.armed = True
        self.error = error

    @classmethod
    def within(cls, seconds: float, *args) -> "Deadline":
        """`seconds` from now, or less: no later than the running command's budget."""
        deadline = cls(seconds, *args)
        command = _command.get()
        if command is not None and command.end < deadline.end:
            deadline.end, deadline.limit = command.end, command.limit
        return deadline

    def check(self, *_ignored):
        if self.armed and time.monotonic() > self.end:
            raise self.error(f"stopped: ran longer than the {self.limit:g} s limit")


_command: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("danchu_command_budget", default=None)


@contextmanager
def command_budget(seconds: float):
    """Everything evaluated inside shares `seconds` (less, inside a command that has less left)."""
    deadline = Deadline.within(seconds)
    token = _command.set(deadline)
    try:
        yield deadline
    finally:
        deadline.armed = False
        _command.reset(token)


def check_command_budget(*_ignored) -> None:
    """Raise `TimeBudgetExceeded` when the running command's budget is spent (nothing outside a command)."""
    deadline = _command.get()
    if deadline is not None:
        deadline.check()


def budgeted(command):
    """`command(services, ...)` with everything it evaluates under `services.settings.eval_budget_seconds`."""
    @functools.wraps(command)
    def run(services, *args, **kwargs):
        with command_budget(services.settings.eval_budget_seconds):
            return command(services, *args, **kwargs)
    return run
