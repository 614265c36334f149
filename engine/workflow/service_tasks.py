"""Service tasks: the few engine operations a diagram may call, by name.

A BPMN service task with `spiffworkflow:serviceTaskOperator id="danchu.start_case"` asks the engine to do
something the restricted evaluator must not: open a linked case, read figures from the database. The
operation runs inside the unit of work of the command that reached the task (set with `service_scope`),
so its effects commit or roll back with the case that asked for them. Unknown operators are refused at
deploy; there is no way to call arbitrary code.
"""
from __future__ import annotations

import contextvars
import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable


@dataclass
class ServiceContext:
    services: object
    uow: object
    principal: object
    case: object  # the case whose task is running


OPERATORS: dict[str, Callable[[ServiceContext, dict], dict]] = {}
_current: contextvars.ContextVar[ServiceContext | None] = contextvars.ContextVar("danchu_service", default=None)


class ServiceUnavailable(Exception):
    """A service task ran outside a command (no unit of work to act in), or named an unknown operator."""


def registered_operators() -> dict[str, Callable[[ServiceContext, dict], dict]]:
    """Every operator diagrams may call: those the composition root registered (`engine.services`)."""
    return OPERATORS


def register_operators(operators: dict[str, Callable[[ServiceContext, dict], dict]]) -> None:
    """Make operations callable under the names diagrams use. The modules that define them import the engine's
    verbs, so they are registered from above, by the composition root, never from here."""
    OPERATORS.update(operators)


@contextmanager
def service_scope(context: ServiceContext):
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)


def current_context() -> ServiceContext | None:
    """The command running a case's workflow now, if any (calendar functions read its services)."""
    return _current.get()


def call_operator(operation_name: str, operation_params: dict) -> str:
    """Entry point from the script environment: returns JSON, as SpiffWorkflow expects."""
    context = _current.get()
    function = registered_operators().get(operation_name)
    if context is None or function is None:
        raise ServiceUnavailable(f"service {operation_name!r} is not available")
    params = {name: spec.get("value") for name, spec in operation_params.items()}
    return json.dumps(function(context, params))
