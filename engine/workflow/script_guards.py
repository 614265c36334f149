"""The guards a compiled script calls: every attribute, item, loop step, operator and call it makes.

RestrictedPython rewrites a script so that attribute access, subscripts, iteration, in-place operators and
the sized operators call names the namespace supplies (`_getattr_`, `_getiter_`, `BINOP_GUARD`...; the
policy is `engine.workflow.scripting_checks.ScriptPolicy`). This module supplies them, bound to one run's
`MeteredDeadline`: each checks the clock and counts what it builds. The counting is written inline in each
guard rather than in a helper: under the call tracer each Python call costs about a microsecond.
"""
from __future__ import annotations

import functools
import time

from RestrictedPython.Guards import full_write_guard, guarded_iter_unpack_sequence, guarded_unpack_sequence

from .bounded_operations import BOUNDED_METHODS, SCRIPT_BUILTINS, bounded_binop, bounded_inplace
from .script_limits import MAX_BUILT, STEP_COST, MeteredDeadline, ScriptRefused, overbuilt
from .script_values import NOT_PLAIN, check_size, plain_copy
from .scripting_checks import BINOP_GUARD, FORMAT_GUARD, SCRIPT_ATTRIBUTES, TICK

_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_COPYING_FUNCTIONS = ("str", "sorted", "list", "dict", "set", "tuple")


def guarded_loop(deadline: MeteredDeadline, iterable):
    """Every loop of a script (`_getiter_`): the clock is checked, and the step counted, at each item
    (inline: under the call tracer each Python call costs about a microsecond)."""
    for item in iterable:
        if deadline.armed and time.monotonic() > deadline.end:
            deadline.check()
        deadline.built += STEP_COST
        if deadline.built > MAX_BUILT:
            overbuilt()
        yield item


def call_tracer(deadline: MeteredDeadline):
    """The clock checked at every Python call the script makes. Not in a loop guard's own frame: it checks
    at each item already, and a guard that a stopped script left suspended (the outer of two nested loops)
    is resumed only to be closed, maybe while a later script has overrun; raising there would be lost in a
    finalizer ("Exception ignored") instead of stopping anything."""
    def trace(frame, event, arg):
        if frame.f_code is not _GUARDED_LOOP:
            deadline.check()
    return trace


_GUARDED_LOOP = guarded_loop.__code__


def script_guards(deadline: MeteredDeadline) -> dict:
    """The names a compiled script calls, bound to this run's deadline and meter."""
    metered = functools.partial
    builtins = dict(SCRIPT_BUILTINS)
    builtins.update({name: metered(_metered_call, deadline, SCRIPT_BUILTINS[name]) for name in _COPYING_FUNCTIONS})
    return {
        "__builtins__": builtins,
        "__name__": "danchu_script",
        "_getattr_": metered(_script_getattr, deadline),
        "_getitem_": metered(_metered_getitem, deadline),
        "_getiter_": metered(guarded_loop, deadline),
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": full_write_guard,
        "_inplacevar_": metered(_metered_call, deadline, bounded_inplace),
        "_apply_": _apply,
        BINOP_GUARD: metered(_metered_call, deadline, bounded_binop),
        FORMAT_GUARD: metered(_format_value, deadline),
        TICK: deadline.step,
    }


# What a new value costs the meter: its length (a copy is shallow: the items it shares are not new).

def _metered_call(deadline: MeteredDeadline, function, *args, **kwargs):
    result = function(*args, **kwargs)
    if isinstance(result, _SIZED):
        deadline.built += len(result)
        if deadline.built > MAX_BUILT:
            overbuilt()
    return result


def _metered_getitem(deadline: MeteredDeadline, container, key):
    result = container[key]
    if type(key) is slice and isinstance(result, _SIZED):  # a slice of a list is a copy; an item a reference
        deadline.built += len(result)
        if deadline.built > MAX_BUILT:
            overbuilt()
    return result


def _metered_method(deadline: MeteredDeadline, owner, method, *args, **kwargs):
    """A method's new value (`upper`, `split`...), or how much a changing method grew its object."""
    before = len(owner)
    result = method(*args, **kwargs)
    deadline.built += (len(result) if isinstance(result, _SIZED) else 0) + max(len(owner) - before, 0)
    if deadline.built > MAX_BUILT:
        overbuilt()
    return result


def _apply(function, *args, **kwargs):
    return function(*args, **kwargs)


def _format_value(deadline: MeteredDeadline, value):
    deadline.built += check_size(value, "a value written into an f-string")
    if deadline.built > MAX_BUILT:
        overbuilt()
    return value


def _script_getattr(deadline: MeteredDeadline, obj, name):
    allowed = SCRIPT_ATTRIBUTES.get(type(obj), ())
    if not isinstance(name, str) or name not in allowed:
        raise ScriptRefused(f"attribute '{name}' is not allowed on {type(obj).__name__}")
    bounded = BOUNDED_METHODS.get((type(obj), name))
    method = functools.partial(bounded, obj) if bounded else getattr(obj, name)
    return functools.partial(_metered_method, deadline, obj, method)


def keep_plain_data(namespace, context, external_context, exposed, guards) -> None:
    """Copy the script's results into the task data: plain data only, deep-copied, within size limits."""
    results = {}
    for name, value in namespace.items():
        if name in guards or name.startswith("_") or (name in external_context and name not in context):
            continue
        check_size(value, f"variable '{name}'")
        results[name] = plain_copy(value)
    for name in exposed - results.keys():
        context.pop(name, None)
    for name, value in results.items():
        if value is NOT_PLAIN:
            context.pop(name, None)
        else:
            context[name] = value
