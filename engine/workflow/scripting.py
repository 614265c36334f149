"""The restricted evaluator behind every expression and script a BPMN diagram carries.

SpiffWorkflow's default environment is plain `eval`/`exec` with the real builtins: a gateway condition, a
timer, a DMN cell or a script task could run `os.system` as the server's user, and emptying
`__builtins__` is bypassed through `().__class__.__base__.__subclasses__()`. This module replaces it.

- Expressions (conditions, timers, DMN cells, deadlines) are checked by `expression_problems` and then
  interpreted by simpleeval over a read-only, plain-data view of the case: no names starting with `_`,
  only whitelisted functions, only listed methods of str/dict/list/tuple/set.
- Scripts are compiled by RestrictedPython under `ScriptPolicy`; attribute access, iteration and the
  risky operators go through the guards below, and only plain data is copied back into the task.
- A single C call cannot be interrupted, so what can build a huge value in one call (repetition,
  concatenation, `**`, `<<`, `join`, `replace`, `str`, f-strings, `round`, `range`) is measured first.
  Everything else is bounded by time: expressions check the clock at every node, scripts at every
  Python function call (`sys.settrace`), every loop step (`_getiter_`) and every `while` pass (`_tick_`).
  The limit is the evaluation's own (`timeout_seconds`) or what is left of its command's budget
  (`engine.core.budget`), whichever ends first.
- Memory is bounded by a meter, not by time (a loop can keep gigabytes in two seconds): each evaluation
  counts what it builds, `MAX_BUILT` characters and items in all (values made by calls, methods and the
  sized operators, whether kept or not, and `STEP_COST` for each loop step), and is refused past it.
"""
from __future__ import annotations

import ast
import functools
import operator
import sys
import time
import types
from collections.abc import ItemsView, KeysView, Mapping, ValuesView

import simpleeval
from RestrictedPython import compile_restricted_exec
from RestrictedPython.Guards import full_write_guard, guarded_iter_unpack_sequence, guarded_unpack_sequence
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import BasePythonScriptEngineEnvironment, PythonScriptEngine
from SpiffWorkflow.bpmn.specs.event_definitions.timer import CycleTimerEventDefinition

from ..core.budget import Deadline, TimeBudgetExceeded
from .scripting_checks import (
    BINOP_GUARD,
    EXPRESSION_ATTRIBUTES,
    EXPRESSION_FUNCTIONS,
    FORMAT_GUARD,
    SCRIPT_ATTRIBUTES,
    SCRIPT_FUNCTIONS,
    TICK,
    ScriptPolicy,
    cycle_problems,
    expression_problems,
    format_spec_problem,
    script_problems,
    timer_expression_problems,
)

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS", "SafeScriptEnvironment", "ScriptError", "ScriptRefused", "ScriptTimeout",
    "evaluate_expression", "expression_problems", "make_script_engine", "script_problems",
    "timer_expression_problems",
]

DEFAULT_TIMEOUT_SECONDS = 2.0
MAX_STRING_LENGTH = simpleeval.MAX_STRING_LENGTH  # characters in one string built by + or *
MAX_VALUE_SIZE = 10 * MAX_STRING_LENGTH  # characters + items of one value, shared parts counted each time
MAX_INT_BITS = 10_000
MAX_RANGE = 100_000
MAX_ROUND_DIGITS = 100
MAX_BUILT = 4 * MAX_VALUE_SIZE  # characters + items one evaluation may build in all (about 150 MB at most)
STEP_COST = 4  # what one loop step counts against MAX_BUILT: it may make an object the meter cannot see
_MAX_DEPTH = 100
_CACHE_SIZE = 1024
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
_NOT_PLAIN = object()


class ScriptError(Exception):
    """An expression or script of a diagram was stopped by the sandbox."""


class ScriptRefused(ScriptError):
    """It used something the sandbox forbids, or tried to build a value over the size limits."""


class ScriptTimeout(ScriptError, TimeBudgetExceeded):
    """It ran longer than its time limit (its own, or what was left of its command's budget)."""


class SafeScriptEnvironment(BasePythonScriptEngineEnvironment):
    """The script environment SpiffWorkflow calls for every expression and script of a diagram.

    Contract kept from `TaskDataEnvironment`: `evaluate` reads the task data (`context`, winning over
    `external_context`); `execute` updates `context` in place and returns True (the task then completes).
    Differences: a failed script leaves `context` untouched; values that are not plain data (functions,
    sets, generators...) are dropped, as the base class drops functions; data that is not plain is
    invisible to expressions and scripts.
    """

    def __init__(self, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS):
        super().__init__({})
        if not timeout_seconds > 0:
            raise ValueError("timeout_seconds must be positive")
        self.timeout_seconds = float(timeout_seconds)

    def evaluate(self, expression, context, external_context=None):
        tree = _parse_expression(expression)
        evaluator = _Evaluator(_name_resolver(context, external_context or {}),
                               _Deadline.within(self.timeout_seconds))
        try:
            result = evaluator.eval(expression, previously_parsed=tree)
        except simpleeval.NameNotDefined as exc:
            raise NameError(f"name '{exc.name}' is not defined") from None
        except simpleeval.InvalidExpression as exc:
            raise ScriptRefused(str(exc)) from None
        plain = _plain_copy(result)
        if plain is _NOT_PLAIN:
            raise ScriptRefused(f"the expression gave a {type(result).__name__}, not plain data")
        return plain

    def execute(self, script, context, external_context=None):
        external_context = external_context or {}
        clash = set(context).intersection(external_context)
        if clash:  # as TaskDataEnvironment.check_for_overwrite: fail fast rather than shadow silently
            raise ValueError(f"task data overwrites names given by the engine: {sorted(clash)}")
        code = _compile_script(script)
        deadline = _Deadline.within(self.timeout_seconds)
        guards = _script_guards(deadline)
        namespace, exposed = {}, set()
        for scope in (external_context, context):
            for name, value in scope.items():
                copied = _NOT_PLAIN if name.startswith("_") else _plain_copy(value)
                if copied is not _NOT_PLAIN:
                    namespace[name] = copied
                    exposed.add(name)
        namespace.update(guards)
        previous_trace = sys.gettrace()
        sys.settrace(_call_tracer(deadline))
        try:
            exec(code, namespace)  # noqa: S102 - RestrictedPython-compiled, guarded namespace
        finally:
            sys.settrace(previous_trace)
            deadline.armed = False
        _keep_plain_data(namespace, context, external_context, exposed, guards)
        return True

    def call_service(self, context, operation_name=None, operation_params=None, **_kwargs):
        """Service tasks reach only the engine's registered operators, through the caller the composition root
        installed (`install_diagram_services`)."""
        if _service_caller is None:
            raise ScriptRefused("no service task can run here")
        return _service_caller(operation_name, operation_params or {})


class _DiagramScriptEngine(PythonScriptEngine):
    """SpiffWorkflow's script engine over the sandbox. A timer cycle computed by an expression is known only
    when its timer is reached: it is checked then, as a literal one is at deploy (`cycle_problems`)."""

    def evaluate(self, task, expression, external_context=None):
        value = super().evaluate(task, expression, external_context)
        definition = getattr(task.task_spec, "event_definition", None)
        for timer in getattr(definition, "event_definitions", None) or (definition,):
            if isinstance(timer, CycleTimerEventDefinition) and timer.expression == expression:
                problems = cycle_problems(value) if isinstance(value, str) else []
                if problems:
                    raise WorkflowTaskException("timer cycle refused", task=task,
                                                exception=ScriptRefused("; ".join(problems)))
        return value


def make_script_engine(timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> PythonScriptEngine:
    """The engine to give every BpmnWorkflow, again after each deserialization (it is never serialized)."""
    return _DiagramScriptEngine(environment=SafeScriptEnvironment(timeout_seconds))


def evaluate_expression(expression: str, data: dict, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS):
    """Evaluate one expression of a diagram (e.g. a deadline) outside SpiffWorkflow, in the same sandbox."""
    return SafeScriptEnvironment(timeout_seconds).evaluate(expression, data)


class _Deadline(Deadline):
    """The time limit of one evaluation (`engine.core.budget`), with the meter of what it has built."""

    __slots__ = ("built",)

    def __init__(self, seconds: float, error: type[Exception] = ScriptTimeout, *, end: float | None = None):
        super().__init__(seconds, error, end=end)
        self.built = 0

    def add(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            _overbuilt()

    def step(self) -> None:
        """One `while` pass (loop items are counted by `_guarded_loop` itself: a call each is a cost)."""
        if self.armed and time.monotonic() > self.end:
            self.check()
        self.built += STEP_COST
        if self.built > MAX_BUILT:
            _overbuilt()


def _overbuilt():
    raise ScriptRefused(f"built more than {MAX_BUILT} characters and items in all")


class _Evaluator(simpleeval.EvalWithCompoundTypes):
    """simpleeval with danchu's operators, functions and methods, a clock check at every node and a size
    check of every intermediate value (simpleeval's own limits stay in force)."""

    def __init__(self, names, deadline: _Deadline):
        super().__init__(operators=dict(_EXPRESSION_OPERATORS), functions=dict(_EXPRESSION_FUNCTIONS),
                         names=names, allowed_attrs=EXPRESSION_ATTRIBUTES)
        self.ATTR_INDEX_FALLBACK = False
        self.deadline = deadline

    def _eval(self, node):
        self.deadline.check()
        return super()._eval(node)

    def _check_disallowed_items(self, item):
        """Every node's value: counted by the meter (references too: an expression is small) and checked."""
        kind = type(item)
        if kind in _SCALAR_TYPES:
            if kind is str:
                self.deadline.add(len(item))
            return
        if isinstance(item, types.ModuleType) or any(item is f for f in simpleeval.DISALLOW_FUNCTIONS):
            raise ScriptRefused("modules and unsafe functions are not available")
        self.deadline.add(_check_size(item, "a value of the expression"))

    def _eval_attribute(self, node):
        method = super()._eval_attribute(node)
        bounded = _BOUNDED_METHODS.get((type(getattr(method, "__self__", None)), node.attr))
        return functools.partial(bounded, method.__self__) if bounded else method

    def _eval_formattedvalue(self, node):
        if format_spec_problem(node.format_spec):
            raise ScriptRefused("this f-string format is not allowed")
        return super()._eval_formattedvalue(node)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _parse_expression(expression: str) -> ast.expr:
    """Parsed once per text: the text is immutable, the tree is only read."""
    problems = expression_problems(expression)
    if problems:
        raise ScriptRefused("expression refused: " + "; ".join(problems))
    return ast.parse(expression.strip(), mode="eval").body


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _compile_script(script: str) -> types.CodeType:
    result = compile_restricted_exec(script or "", filename="<string>", policy=ScriptPolicy)
    if result.errors:
        raise ScriptRefused("script refused: " + "; ".join(result.errors))
    return result.code


def _name_resolver(context: Mapping, external_context: Mapping):
    def resolve(node):
        name = node.id
        if name.startswith("_"):
            raise ScriptRefused(f"name '{name}' is not allowed")
        for scope in (context, external_context):
            if name in scope:
                value = _plain_copy(scope[name])
                if value is _NOT_PLAIN:
                    raise ScriptRefused(f"variable '{name}' does not hold plain data")
                return value
        raise simpleeval.NameNotDefined(name, "")  # lets simpleeval fall back to the allowed functions
    return resolve


def _guarded_loop(deadline: _Deadline, iterable):
    """Every loop of a script (`_getiter_`): the clock is checked, and the step counted, at each item
    (inline: under the call tracer each Python call costs about a microsecond)."""
    for item in iterable:
        if deadline.armed and time.monotonic() > deadline.end:
            deadline.check()
        deadline.built += STEP_COST
        if deadline.built > MAX_BUILT:
            _overbuilt()
        yield item


def _call_tracer(deadline: _Deadline):
    """The clock checked at every Python call the script makes. Not in a loop guard's own frame: it checks
    at each item already, and a guard that a stopped script left suspended (the outer of two nested loops)
    is resumed only to be closed, maybe while a later script has overrun; raising there would be lost in a
    finalizer ("Exception ignored") instead of stopping anything."""
    def trace(frame, event, arg):
        if frame.f_code is not _GUARDED_LOOP:
            deadline.check()
    return trace


_GUARDED_LOOP = _guarded_loop.__code__


def _script_guards(deadline: _Deadline) -> dict:
    """The names a compiled script calls, bound to this run's deadline and meter."""
    metered = functools.partial
    builtins = dict(_SCRIPT_BUILTINS)
    builtins.update({name: metered(_metered_call, deadline, _SCRIPT_BUILTINS[name]) for name in _COPYING_FUNCTIONS})
    return {
        "__builtins__": builtins,
        "__name__": "danchu_script",
        "_getattr_": metered(_script_getattr, deadline),
        "_getitem_": metered(_metered_getitem, deadline),
        "_getiter_": metered(_guarded_loop, deadline),
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": full_write_guard,
        "_inplacevar_": metered(_metered_call, deadline, _inplace),
        "_apply_": _apply,
        BINOP_GUARD: metered(_metered_call, deadline, _binop),
        FORMAT_GUARD: metered(_format_value, deadline),
        TICK: deadline.step,
    }


# What a new value costs the meter: its length (a copy is shallow: the items it shares are not new).
# Inline in each guard rather than a helper: under the call tracer each Python call costs about a microsecond.

def _metered_call(deadline: _Deadline, function, *args, **kwargs):
    result = function(*args, **kwargs)
    if isinstance(result, _SIZED):
        deadline.built += len(result)
        if deadline.built > MAX_BUILT:
            _overbuilt()
    return result


def _metered_getitem(deadline: _Deadline, container, key):
    result = container[key]
    if type(key) is slice and isinstance(result, _SIZED):  # a slice of a list is a copy; an item a reference
        deadline.built += len(result)
        if deadline.built > MAX_BUILT:
            _overbuilt()
    return result


def _metered_method(deadline: _Deadline, owner, method, *args, **kwargs):
    """A method's new value (`upper`, `split`...), or how much a changing method grew its object."""
    before = len(owner)
    result = method(*args, **kwargs)
    deadline.built += (len(result) if isinstance(result, _SIZED) else 0) + max(len(owner) - before, 0)
    if deadline.built > MAX_BUILT:
        _overbuilt()
    return result


_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_COPYING_FUNCTIONS = ("str", "sorted", "list", "dict", "set", "tuple")


def _keep_plain_data(namespace, context, external_context, exposed, guards) -> None:
    """Copy the script's results into the task data: plain data only, deep-copied, within size limits."""
    results = {}
    for name, value in namespace.items():
        if name in guards or name.startswith("_") or (name in external_context and name not in context):
            continue
        _check_size(value, f"variable '{name}'")
        results[name] = _plain_copy(value)
    for name in exposed - results.keys():
        context.pop(name, None)
    for name, value in results.items():
        if value is _NOT_PLAIN:
            context.pop(name, None)
        else:
            context[name] = value


def _plain_copy(value, depth: int = 0):
    """A deep copy of JSON-like data (str, int, float, bool, None, list, tuple, dict), else `_NOT_PLAIN`."""
    kind = type(value)
    if kind in _SCALAR_TYPES:
        return value
    if depth > _MAX_DEPTH:
        return _NOT_PLAIN
    if kind is list or kind is tuple:
        items = [_plain_copy(item, depth + 1) for item in value]
        if any(item is _NOT_PLAIN for item in items):
            return _NOT_PLAIN
        return items if kind is list else tuple(items)
    if kind is dict:
        copied = {}
        for key, item in value.items():
            item = _plain_copy(item, depth + 1)
            if type(key) not in _SCALAR_TYPES or item is _NOT_PLAIN:
                return _NOT_PLAIN
            copied[key] = item
        return copied
    return _NOT_PLAIN


def _expanded_size(value, limit: int = MAX_VALUE_SIZE) -> int:
    """Characters plus items, shared parts counted every time they appear, as `str()` or JSON would write
    them; stops counting past `limit`, so a cycle or a doubling structure costs at most `limit` steps."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        total += 1
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, (Mapping, list, tuple, set, frozenset, KeysView, ValuesView, ItemsView)):
            total += len(item)
            if total <= limit:
                stack.extend(item.items() if isinstance(item, Mapping) else item)
    return total


def _check_size(value, what: str, limit: int = MAX_VALUE_SIZE) -> int:
    """The value's expanded size (0 for a number), or ScriptRefused past `limit`."""
    if type(value) in _SCALAR_TYPES:
        return len(value) if type(value) is str else 0
    size = _expanded_size(value, limit)
    if size > limit:
        raise ScriptRefused(f"{what} is over the size limit ({limit} characters and items)")
    return size


def _is_sequence(value) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def _check_add(a, b):
    if _is_sequence(a) and _is_sequence(b):
        if len(a) + len(b) > MAX_STRING_LENGTH:
            raise ScriptRefused(f"'+' would build a sequence over {MAX_STRING_LENGTH} long")
        _check_size((a, b), "the result of '+'")


def _check_mult(a, b):
    if isinstance(a, int) and isinstance(b, int):
        if a.bit_length() + b.bit_length() > MAX_INT_BITS:
            raise ScriptRefused(f"'*' would build a number over {MAX_INT_BITS} bits")
        return
    for sequence, times in ((a, b), (b, a)):
        if _is_sequence(sequence) and isinstance(times, int) and times > 0:
            if times * len(sequence) > MAX_STRING_LENGTH:
                raise ScriptRefused(f"'*' would build a sequence over {MAX_STRING_LENGTH} long")
            if times * _expanded_size(sequence) > MAX_VALUE_SIZE:
                raise ScriptRefused(f"'*' would build a value over {MAX_VALUE_SIZE} characters and items")


def _check_pow(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            (abs(a) > simpleeval.MAX_POWER or abs(b) > simpleeval.MAX_POWER):
        raise ScriptRefused(f"'**' is limited to numbers up to {simpleeval.MAX_POWER}")
    if isinstance(a, int) and isinstance(b, int) and b > 0 and b * (abs(a).bit_length() - 1) > MAX_INT_BITS:
        raise ScriptRefused(f"'**' would build a number over {MAX_INT_BITS} bits")


def _check_lshift(a, b):
    if isinstance(a, int) and isinstance(b, int) and (abs(b) > simpleeval.MAX_SHIFT or
                                                      a.bit_length() + b > MAX_INT_BITS):
        raise ScriptRefused(f"'<<' would build a number over {MAX_INT_BITS} bits")


def _check_mod(a, b):
    if isinstance(a, (str, bytes)):
        raise ScriptRefused("'%' string formatting is not allowed; use an f-string")


_OPERATOR_CHECKS = {"+": _check_add, "*": _check_mult, "**": _check_pow, "<<": _check_lshift, "%": _check_mod}
_BINARY = {"+": operator.add, "*": operator.mul, "**": operator.pow, "<<": operator.lshift, "%": operator.mod}
_IN_PLACE = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
             "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow, "<<=": operator.ilshift,
             ">>=": operator.irshift, "&=": operator.iand, "|=": operator.ior, "^=": operator.ixor}


def _binop(symbol: str, a, b):
    _OPERATOR_CHECKS[symbol](a, b)
    return _BINARY[symbol](a, b)


def _inplace(op: str, target, value):
    if op not in _IN_PLACE:
        raise ScriptRefused(f"operator '{op}' is not allowed")
    check = _OPERATOR_CHECKS.get(op[:-1])
    if check:
        check(target, value)
    return _IN_PLACE[op](target, value)


def _apply(function, *args, **kwargs):
    return function(*args, **kwargs)


def _format_value(deadline: _Deadline, value):
    deadline.built += _check_size(value, "a value written into an f-string")
    if deadline.built > MAX_BUILT:
        _overbuilt()
    return value


def _script_getattr(deadline: _Deadline, obj, name):
    allowed = SCRIPT_ATTRIBUTES.get(type(obj), ())
    if not isinstance(name, str) or name not in allowed:
        raise ScriptRefused(f"attribute '{name}' is not allowed on {type(obj).__name__}")
    bounded = _BOUNDED_METHODS.get((type(obj), name))
    method = functools.partial(bounded, obj) if bounded else getattr(obj, name)
    return functools.partial(_metered_method, deadline, obj, method)


def _bounded_join(separator: str, items):
    items = list(items)
    size = len(separator) * max(len(items) - 1, 0) + sum(len(i) for i in items if isinstance(i, str))
    if size > MAX_STRING_LENGTH:
        raise ScriptRefused(f"join() would build a string over {MAX_STRING_LENGTH} characters")
    return separator.join(items)


def _bounded_replace(text: str, old: str, new: str, count: int = -1):
    found = text.count(old) if old else len(text) + 1
    if count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new) - len(old)) > MAX_STRING_LENGTH:
        raise ScriptRefused(f"replace() would build a string over {MAX_STRING_LENGTH} characters")
    return text.replace(old, new, count)


def _bounded_extend(items: list, more):
    more = list(more)
    if len(items) + len(more) > MAX_VALUE_SIZE:
        raise ScriptRefused(f"extend() would build a list over {MAX_VALUE_SIZE} items")
    items.extend(more)


def _bounded_str(*args, **kwargs):
    if args:
        _check_size(args[0], "the value given to str()")
    return str(*args, **kwargs)


def _bounded_round(number, ndigits=None):
    if isinstance(ndigits, int) and abs(ndigits) > MAX_ROUND_DIGITS:
        raise ScriptRefused(f"round() takes at most {MAX_ROUND_DIGITS} digits")
    return round(number, ndigits)


def _bounded_sum(values, start=0):
    if type(start) not in (int, float, bool):
        raise ScriptRefused("sum() adds numbers only")
    return sum(values, start)


def _bounded_range(*args):
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise ScriptRefused(f"range() is limited to {MAX_RANGE} numbers")
    return numbers


_BOUNDED_METHODS = {(str, "join"): _bounded_join, (str, "replace"): _bounded_replace,
                    (list, "extend"): _bounded_extend}
_EXPRESSION_FUNCTIONS = {
    "len": len, "min": min, "max": max, "int": int, "str": _bounded_str, "float": float,
    "round": _bounded_round, "sum": _bounded_sum, "abs": abs, "bool": bool, "sorted": sorted, "any": any,
    "all": all, "list": list, "dict": dict, "set": set, "tuple": tuple,
}
_SCRIPT_BUILTINS = {
    **_EXPRESSION_FUNCTIONS, "range": _bounded_range, "enumerate": enumerate, "zip": zip,
    "ValueError": ValueError, "None": None, "True": True, "False": False,
}
_EXPRESSION_OPERATORS = {
    **simpleeval.DEFAULT_OPERATORS,
    ast.Add: functools.partial(_binop, "+"), ast.Mult: functools.partial(_binop, "*"),
    ast.Pow: functools.partial(_binop, "**"), ast.LShift: functools.partial(_binop, "<<"),
    ast.Mod: functools.partial(_binop, "%"),
}
_service_caller = None


def install_diagram_services(functions: dict, service_caller) -> None:
    """What the composition root gives every diagram (`engine.services.wire_engine`): the functions its
    expressions and scripts may call beyond Python's plain ones (the calendar's `han_cuoi`…), and the caller of
    its service tasks. Idempotent; the deploy-time checks already know the names (`scripting_checks`)."""
    global _service_caller
    _EXPRESSION_FUNCTIONS.update(functions)
    _SCRIPT_BUILTINS.update(functions)
    _service_caller = service_caller
    assert _EXPRESSION_FUNCTIONS.keys() == EXPRESSION_FUNCTIONS
    assert _SCRIPT_BUILTINS.keys() - {"None", "True", "False"} == SCRIPT_FUNCTIONS


# The bounds other evaluators of diagram text share (task instructions: `engine.workflow.instructions`).
bounded_binop = _binop
bounded_join = _bounded_join
bounded_replace = _bounded_replace
check_size = _check_size
