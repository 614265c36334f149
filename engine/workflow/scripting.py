"""The restricted evaluator behind every expression and script a BPMN diagram carries.

SpiffWorkflow's default environment is plain `eval`/`exec` with the real builtins: a gateway condition, a
timer, a DMN cell or a script task could run `os.system` as the server's user, and emptying
`__builtins__` is bypassed through `().__class__.__base__.__subclasses__()`. This module replaces it.

- Expressions (conditions, timers, DMN cells, deadlines) are checked by `expression_problems` and then
  interpreted by simpleeval over a read-only, plain-data view of the case: no names starting with `_`,
  only whitelisted functions, only listed methods of str/dict/list/tuple/set.
- Scripts are compiled by RestrictedPython under `ScriptPolicy`; attribute access, iteration and the
  risky operators go through the guards of `engine.workflow.script_guards`, and only plain data is copied
  back into the task (`engine.workflow.script_values`).
- A single C call cannot be interrupted, so what can build a huge value in one call (repetition,
  concatenation, `**`, `<<`, `join`, `replace`, `str`, f-strings, `round`, `range`) is measured first
  (`engine.workflow.bounded_operations`).
  Everything else is bounded by time: expressions check the clock at every node, scripts at every
  Python function call (`sys.settrace`), every loop step (`_getiter_`) and every `while` pass (`_tick_`).
  The limit is the evaluation's own (`timeout_seconds`) or what is left of its command's budget
  (`engine.core.budget`), whichever ends first.
- Memory is bounded by a meter, not by time (a loop can keep gigabytes in two seconds): each evaluation
  counts what it builds, `MAX_BUILT` characters and items in all (values made by calls, methods and the
  sized operators, whether kept or not, and `STEP_COST` for each loop step), and is refused past it
  (`engine.workflow.script_limits`).
"""
from __future__ import annotations

import ast
import functools
import sys
import types
from collections.abc import Mapping

import simpleeval
from RestrictedPython import compile_restricted_exec
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import BasePythonScriptEngineEnvironment, PythonScriptEngine
from SpiffWorkflow.bpmn.specs.event_definitions.timer import CycleTimerEventDefinition

from .bounded_operations import BOUNDED_METHODS, EXPRESSION_CALLABLES, EXPRESSION_OPERATORS, SCRIPT_BUILTINS
from .script_guards import call_tracer, keep_plain_data, script_guards
from .script_limits import DEFAULT_TIMEOUT_SECONDS, MeteredDeadline, ScriptRefused
from .script_values import NOT_PLAIN, SCALAR_TYPES, check_size, plain_copy
from .scripting_checks import (
    EXPRESSION_ATTRIBUTES,
    EXPRESSION_FUNCTIONS,
    SCRIPT_FUNCTIONS,
    ScriptPolicy,
    cycle_problems,
    expression_problems,
    format_spec_problem,
)

_CACHE_SIZE = 1024


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
                               MeteredDeadline.within(self.timeout_seconds))
        try:
            result = evaluator.eval(expression, previously_parsed=tree)
        except simpleeval.NameNotDefined as exc:
            raise NameError(f"name '{exc.name}' is not defined") from None
        except simpleeval.InvalidExpression as exc:
            raise ScriptRefused(str(exc)) from None
        plain = plain_copy(result)
        if plain is NOT_PLAIN:
            raise ScriptRefused(f"the expression gave a {type(result).__name__}, not plain data")
        return plain

    def execute(self, script, context, external_context=None):
        external_context = external_context or {}
        clash = set(context).intersection(external_context)
        if clash:  # as TaskDataEnvironment.check_for_overwrite: fail fast rather than shadow silently
            raise ValueError(f"task data overwrites names given by the engine: {sorted(clash)}")
        code = _compile_script(script)
        deadline = MeteredDeadline.within(self.timeout_seconds)
        guards = script_guards(deadline)
        namespace, exposed = {}, set()
        for scope in (external_context, context):
            for name, value in scope.items():
                copied = NOT_PLAIN if name.startswith("_") else plain_copy(value)
                if copied is not NOT_PLAIN:
                    namespace[name] = copied
                    exposed.add(name)
        namespace.update(guards)
        previous_trace = sys.gettrace()
        sys.settrace(call_tracer(deadline))
        try:
            exec(code, namespace)  # noqa: S102 - RestrictedPython-compiled, guarded namespace
        finally:
            sys.settrace(previous_trace)
            deadline.armed = False
        keep_plain_data(namespace, context, external_context, exposed, guards)
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


class _Evaluator(simpleeval.EvalWithCompoundTypes):
    """simpleeval with danchu's operators, functions and methods, a clock check at every node and a size
    check of every intermediate value (simpleeval's own limits stay in force)."""

    def __init__(self, names, deadline: MeteredDeadline):
        super().__init__(operators=dict(EXPRESSION_OPERATORS), functions=dict(EXPRESSION_CALLABLES),
                         names=names, allowed_attrs=EXPRESSION_ATTRIBUTES)
        self.ATTR_INDEX_FALLBACK = False
        self.deadline = deadline

    def _eval(self, node):
        self.deadline.check()
        return super()._eval(node)

    def _check_disallowed_items(self, item):
        """Every node's value: counted by the meter (references too: an expression is small) and checked."""
        kind = type(item)
        if kind in SCALAR_TYPES:
            if kind is str:
                self.deadline.add(len(item))
            return
        if isinstance(item, types.ModuleType) or any(item is f for f in simpleeval.DISALLOW_FUNCTIONS):
            raise ScriptRefused("modules and unsafe functions are not available")
        self.deadline.add(check_size(item, "a value of the expression"))

    def _eval_attribute(self, node):
        method = super()._eval_attribute(node)
        bounded = BOUNDED_METHODS.get((type(getattr(method, "__self__", None)), node.attr))
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
                value = plain_copy(scope[name])
                if value is NOT_PLAIN:
                    raise ScriptRefused(f"variable '{name}' does not hold plain data")
                return value
        raise simpleeval.NameNotDefined(name, "")  # lets simpleeval fall back to the allowed functions
    return resolve


_service_caller = None


def install_diagram_services(functions: dict, service_caller) -> None:
    """What the composition root gives every diagram (`engine.services.wire_engine`): the functions its
    expressions and scripts may call beyond Python's plain ones (the calendar's `han_cuoi`…), and the caller of
    its service tasks. Idempotent; the deploy-time checks already know the names (`scripting_checks`)."""
    global _service_caller
    EXPRESSION_CALLABLES.update(functions)
    SCRIPT_BUILTINS.update(functions)
    _service_caller = service_caller
    assert EXPRESSION_CALLABLES.keys() == EXPRESSION_FUNCTIONS
    assert SCRIPT_BUILTINS.keys() - {"None", "True", "False"} == SCRIPT_FUNCTIONS
