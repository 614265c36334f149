"""A task's instructions: a Jinja template of the diagram, rendered over the case data for the task page.

Jinja's sandbox stops attribute tricks, not resource use: `{{ 'x' * 10**9 }}` was folded into a gigabyte
string when the template compiled, `{% for i in range(99999) %}{% for j in range(99999) %}` ran for hours,
and the answer had no size limit (20 MB pages). So the instructions environment
- builds no large value in one step: `*`, `**`, `+` and `%` go through the sandbox's size checks
  (`engine.workflow.bounded_operations`), so does `~`; `range` stops at 100,000 numbers; filters that pad
  or repeat (`center`, `indent`, `wordwrap`, `format`, `batch`, `slice`) and `lipsum` are left out, `join`,
  `replace` and `sum` are bounded; string methods are those expressions may call; nothing mutates;
- prints no value over 100,000 characters, and shows at most `MAX_LENGTH` characters (then a note);
- renders within the evaluation budget (`Settings.eval_budget_seconds`): the clock is checked at every
  line of the template and every Python call it makes, as for scripts.
Instructions that cannot be shown (a limit, or any error of the template) are replaced by `UNAVAILABLE`:
the task page never fails for them. What is recognisable in the text alone is refused at deploy
(`instructions_problems`).
"""
from __future__ import annotations

import functools
import logging
import re
import sys
import time

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.exceptions import TemplateError
from jinja2.filters import FILTERS, make_attrgetter, sync_do_sum
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_environment

from ..core.budget import DEFAULT_BUDGET_SECONDS, Deadline
from .bounded_operations import bounded_binop, bounded_join, bounded_replace
from .script_limits import MAX_RANGE, MAX_STRING_LENGTH, ScriptRefused
from .script_values import check_size
from .scripting_checks import EXPRESSION_ATTRIBUTES

log = logging.getLogger("danchu.instructions")

MAX_LENGTH = 50_000  # characters of instructions a task page shows
UNAVAILABLE = "Không hiển thị được hướng dẫn của bước này. Hãy báo quản trị viên quy trình."
CUT = "\n… (hướng dẫn quá dài, phần sau không hiển thị)"
_LEFT_OUT_FILTERS = frozenset({"batch", "center", "format", "indent", "slice", "wordwrap"})
_TEMPLATE_FILE = "<template>"  # the file name Jinja gives the code of a template made from a string


class _BoundedCodeGenerator(CodeGenerator):
    """`a ~ b` joins through `environment.bounded_concat`, which measures first."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.bounded_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class InstructionsEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self):
        super().__init__(autoescape=False, finalize=_printable)
        self.filters = {name: f for name, f in FILTERS.items() if name not in _LEFT_OUT_FILTERS}
        self.filters.update(join=_join, replace=_replace, sum=_sum)
        self.globals.pop("lipsum", None)

    def call_binop(self, context, operator, left, right):
        return bounded_binop(operator, left, right)

    @staticmethod
    def bounded_concat(parts) -> str:
        texts = [str(part) for part in parts]
        if sum(len(text) for text in texts) > MAX_STRING_LENGTH:
            raise ScriptRefused(f"'~' would build a string over {MAX_STRING_LENGTH} characters")
        return "".join(texts)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        allowed = EXPRESSION_ATTRIBUTES.get(type(obj))
        if allowed is not None and callable(value) and attr not in allowed:
            return False  # padding and formatting methods build huge strings in one call
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value):
        return None  # `str.format` is then an ordinary method, refused by `is_safe_attribute`

    def getattr(self, obj, attribute):
        return _bounded_method(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj, argument):
        return _bounded_method(obj, argument, super().getitem(obj, argument))


def _bounded_method(obj, name, value):
    if type(obj) is str and callable(value) and name in ("join", "replace"):
        return functools.partial(bounded_join if name == "join" else bounded_replace, obj)
    return value


def _printable(value):
    """Each value a template prints: at most `MAX_STRING_LENGTH` characters (items, for a list); a day the
    case data holds as ISO 8601 (`2026-03-02`) printed as people read it here, 02/03/2026."""
    if isinstance(value, str) and len(value) > MAX_STRING_LENGTH:
        raise ScriptRefused(f"a printed value is over {MAX_STRING_LENGTH} characters")
    check_size(value, "a printed value", MAX_STRING_LENGTH)
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pass_environment
def _join(environment, value, d="", attribute=None):
    items = list(value)
    if attribute is not None:
        items = list(map(make_attrgetter(environment, attribute), items))
    return bounded_join(str(d), [str(item) for item in items])


def _replace(s, old, new, count=None):
    return bounded_replace(str(s), str(old), str(new), -1 if count is None else count)


@pass_environment
def _sum(environment, iterable, attribute=None, start=0):
    if type(start) not in (int, float):
        raise ScriptRefused("sum adds numbers only")
    return sync_do_sum(environment, iterable, attribute, start)


_environment = InstructionsEnvironment()


@functools.lru_cache(maxsize=512)
def _compiled(text: str):
    """Instructions come from immutable versions: compile each text once."""
    return _environment.from_string(text)


def render_instructions(text: str, data: dict, budget_seconds: float = DEFAULT_BUDGET_SECONDS) -> str:
    """The instructions for the page: rendered, cut to `MAX_LENGTH`, or `UNAVAILABLE`."""
    deadline = Deadline.within(budget_seconds)
    previous = sys.gettrace()
    sys.settrace(_tracer(deadline))
    shown, length = [], 0
    try:
        stream = _compiled(text).generate(**{k: v for k, v in data.items() if isinstance(k, str)})
        try:
            for chunk in stream:
                shown.append(chunk)
                length += len(chunk)
                if length > MAX_LENGTH:
                    return "".join(shown)[:MAX_LENGTH] + CUT
        finally:
            stream.close()
    except Exception as exc:  # noqa: BLE001 - a limit or a broken template: never a failed page
        log.warning("instructions not shown: %s", type(exc).__name__)  # never the message: it may quote data
        return UNAVAILABLE
    finally:
        sys.settrace(previous)
        deadline.armed = False
    return "".join(shown)


def _tracer(deadline: Deadline):
    """The clock checked at every Python call, and at every line of a template's code (its loops)."""
    end, clock = deadline.end, time.monotonic

    def line(frame, event, arg):
        if clock() > end:
            deadline.check()
        return line

    def call(frame, event, arg):
        if clock() > end:
            deadline.check()
        return line if frame.f_code.co_filename == _TEMPLATE_FILE else None
    return call


def instructions_problems(text: str) -> list[str]:
    """What deploy can tell from the text alone: it must compile (known filters only), and no constant
    `range`, repetition or power, nor loops over constant ranges nested inside each other, may exceed
    the limits the renderer would stop at anyway."""
    try:
        tree = _environment.parse(text)
        _environment.compile(tree)
    except TemplateError as exc:
        return [f"mẫu hướng dẫn không hợp lệ: {exc.message or type(exc).__name__}"]
    problems = []
    for node in tree.find_all((nodes.BinExpr, nodes.Call)):
        try:
            _constant(node)
        except ScriptRefused:
            problems.append(f"biểu thức hằng tạo giá trị quá lớn (dòng {node.lineno})")
        except (_NotConstant, ArithmeticError, TypeError, ValueError):
            pass
    problems += _loop_problems(tree, 1)
    return list(dict.fromkeys(problems))


class _NotConstant(Exception):
    pass


def _constant(node):
    """The value of a constant expression, computed with the renderer's bounds."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.BinExpr):
        left, right = _constant(node.left), _constant(node.right)
        if node.operator in InstructionsEnvironment.intercepted_binops:
            return bounded_binop(node.operator, left, right)
        return _environment.binop_table[node.operator](left, right)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "range" \
            and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None:
        numbers = range(*[_constant(argument) for argument in node.args])
        if len(numbers) > MAX_RANGE:
            raise ScriptRefused(f"range() is limited to {MAX_RANGE} numbers")
        return numbers
    raise _NotConstant


def _loop_problems(node, enclosing: int) -> list[str]:
    problems = []
    for child in node.iter_child_nodes():
        steps = enclosing
        if isinstance(child, nodes.For):
            try:
                steps *= len(_constant(child.iter))
            except (_NotConstant, ScriptRefused, ArithmeticError, TypeError, ValueError):
                pass
            if steps > MAX_RANGE:
                problems.append(f"các vòng lặp lồng nhau chạy quá {MAX_RANGE:,} lượt (dòng {child.lineno})")
                continue
        problems += _loop_problems(child, steps)
    return problems
