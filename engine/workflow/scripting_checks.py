"""What a diagram's expressions and scripts may contain, checked when the diagram is deployed.

A BPMN diagram is code that runs inside the server with access to every case's data. The runtime
sandbox (`engine.workflow.scripting`) enforces these same rules again, so a diagram stored before the checks
existed still cannot escape; checking at deploy time tells the designer early and in words, instead of
failing a citizen's case months later when the branch is finally taken. The problems are returned as
Vietnamese sentences because they are shown to the process designer; no check here ever raises.
"""
from __future__ import annotations

import ast
import re
from datetime import datetime

from RestrictedPython import RestrictingNodeTransformer, compile_restricted_exec
from RestrictedPython.transformer import copy_locations
from simpleeval import MAX_STRING_LENGTH
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

EXPRESSION_FUNCTIONS = frozenset({
    "len", "min", "max", "int", "str", "float", "round", "sum", "abs", "bool", "sorted", "any", "all",
    "list", "dict", "set", "tuple",
    "han_cuoi", "nhac_truoc_han", "hom_nay", "ngay_cuoi", "ngay_cuoi_nam",  # legal deadlines with the calendar (engine.calendar.script_functions)
})
SCRIPT_FUNCTIONS = EXPRESSION_FUNCTIONS | {"range", "enumerate", "zip", "ValueError"}

# Methods that read a value. Padding methods (center, ljust, zfill, expandtabs...), format/format_map,
# translate and maketrans are left out: each can build a gigabyte string in one C call.
_READ_METHODS = {
    str: {"capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
          "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "join", "lower",
          "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
          "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
          "title", "upper"},
    dict: {"copy", "get", "items", "keys", "values"},
    list: {"copy", "count", "index"},
    tuple: {"count", "index"},
    set: {"copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset",
          "symmetric_difference", "union"},
}
# Methods that change a value in place: only scripts may call them, never conditions or timers.
_WRITE_METHODS = {
    dict: {"clear", "pop", "popitem", "setdefault", "update"},
    list: {"append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort"},
    set: {"add", "clear", "difference_update", "discard", "intersection_update", "pop", "remove",
          "symmetric_difference_update", "update"},
}
EXPRESSION_ATTRIBUTES = {kind: frozenset(names) for kind, names in _READ_METHODS.items()}
SCRIPT_ATTRIBUTES = {kind: frozenset(_READ_METHODS[kind] | _WRITE_METHODS.get(kind, set()))
                     for kind in _READ_METHODS}
_EXPRESSION_METHOD_NAMES = frozenset().union(*EXPRESSION_ATTRIBUTES.values())
_SCRIPT_METHOD_NAMES = frozenset().union(*SCRIPT_ATTRIBUTES.values())

FORBIDDEN_NAMES = frozenset({
    "__import__", "__builtins__", "builtins", "eval", "exec", "compile", "open", "getattr", "setattr",
    "delattr", "hasattr", "globals", "locals", "vars", "dir", "breakpoint", "input", "help", "memoryview",
    "print", "printed", "exit", "quit",
})

# Names the script policy writes into the compiled code; `engine.workflow.scripting` supplies them at run time.
BINOP_GUARD = "_binop_"
FORMAT_GUARD = "_format_value_"
TICK = "_tick_"
GUARDED_BINOPS = {ast.Add: "+", ast.Mult: "*", ast.Pow: "**", ast.LShift: "<<", ast.Mod: "%"}

# A format spec such as `>10`, `,.2f` or `05d`: width and precision of at most three digits.
_SAFE_FORMAT_SPEC = re.compile(r"(?:[^{}]?[<>=^])?[+\- ]?#?0?\d{0,3}[,_]?(?:\.\d{1,3})?[bcdeEfFgGnosxX%]?")
_DURATION = re.compile(r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(?:T(?=\d)(\d+H)?(\d+M)?(\d+(?:[.,]\d+)?S)?)?",
                       re.IGNORECASE)
_CYCLE = re.compile(r"R\d*/[^/]+(?:/[^/]+)?", re.IGNORECASE)
_DATETIME_START = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_TIMER_MONTHS = 1200
MAX_TIMER_CYCLES = 1000
MIN_TIMER_PERIOD_SECONDS = 60

_EXPRESSION_NODES = (
    ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.IfExp, ast.Dict, ast.Set, ast.List,
    ast.Tuple, ast.ListComp, ast.DictComp, ast.GeneratorExp, ast.comprehension, ast.Compare, ast.Call,
    ast.keyword, ast.Constant, ast.Attribute, ast.Subscript, ast.Slice, ast.Name, ast.Starred,
    ast.JoinedStr, ast.FormattedValue, ast.expr_context, ast.boolop, ast.unaryop, ast.cmpop, ast.operator,
)
_NODE_NAMES = {"Lambda": "lambda", "NamedExpr": "toán tử gán ':='", "SetComp": "set comprehension",
               "Await": "await", "Yield": "yield", "YieldFrom": "yield from", "MatMult": "toán tử '@'"}


def expression_problems(text: str) -> list[str]:
    """Problems of a condition, timer or deadline expression; an empty list when it may be deployed."""
    try:
        if not text or not text.strip():
            return ["biểu thức rỗng"]
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            return [f"không phải một biểu thức Python hợp lệ (dòng {exc.lineno}: {exc.msg})"]
        return _unique(_expression_node_problems(tree))
    except Exception as exc:  # noqa: BLE001 - a check reports, it never breaks the deployment
        return [f"không kiểm tra được biểu thức ({type(exc).__name__})"]


def script_problems(text: str) -> list[str]:
    """Problems of a script task, pre-script or post-script; an empty list when it may be deployed."""
    try:
        result = compile_restricted_exec(text or "", filename="<string>", policy=ScriptPolicy)
        problems = list(result.errors)
        if not problems:
            problems += _undefined_call_problems(ast.parse(text or ""))
        return _unique(problems)
    except Exception as exc:  # noqa: BLE001
        return [f"không kiểm tra được kịch bản ({type(exc).__name__})"]


def timer_expression_problems(text: str) -> list[str]:
    """Problems of a timer's timeDuration/timeDate/timeCycle text.

    SpiffWorkflow evaluates the text as an expression, so an ISO value must be a quoted string; bpmn.io
    writes it unquoted, which parses as a variable name and fails only when the timer is reached.
    """
    try:
        value = (text or "").strip()
        if not value:
            return ["thiếu giá trị hẹn giờ"]
        if _DURATION.fullmatch(value) or _CYCLE.fullmatch(value) or _DATETIME_START.match(value):
            return [f'giá trị hẹn giờ ISO 8601 phải đặt trong dấu nháy kép: viết "{value}" thay vì {value}']
        try:
            tree = ast.parse(value, mode="eval")
        except SyntaxError:
            tree = None
        if tree is not None and isinstance(tree.body, ast.Constant) and isinstance(tree.body.value, str):
            return _iso_timer_problems(tree.body.value.strip())
        return expression_problems(value)
    except Exception as exc:  # noqa: BLE001
        return [f"không kiểm tra được hẹn giờ ({type(exc).__name__})"]


def format_spec_problem(spec: ast.AST | None) -> str | None:
    """A format spec must be literal and small: `f"{x:>999999999}"` would build a gigabyte string."""
    if spec is None:
        return None
    parts = spec.values if isinstance(spec, ast.JoinedStr) else [spec]
    if all(isinstance(p, ast.Constant) and isinstance(p.value, str) for p in parts):
        literal = "".join(p.value for p in parts)
        if _SAFE_FORMAT_SPEC.fullmatch(literal):
            return None
        return f"định dạng f-string ':{literal}' không được phép"
    return "định dạng f-string phải là hằng số"


class ScriptPolicy(RestrictingNodeTransformer):
    """RestrictedPython's rules, made stricter for danchu, used both at deploy time and at run time.

    Besides refusing constructs, it rewrites the code so the sandbox keeps control: risky operators go
    through `_binop_` (size limits), f-string values through `_format_value_`, and every `while` body
    starts with `_tick_()`, because a one-line `while True: pass` produces no trace event at all.
    `[*x, *x]` is refused: it copies in one step the meter cannot see, and doubles in a loop.
    `try` is refused because a script catching the time-limit exception could run on unchecked.
    """

    def _refuse(self, node, what):
        self.error(node, f"không được dùng {what}")

    def visit_Import(self, node):
        self._refuse(node, "import")

    visit_ImportFrom = visit_Import

    def visit_Try(self, node):
        self._refuse(node, "try/except trong kịch bản")

    visit_TryStar = visit_Try

    def visit_With(self, node):
        self._refuse(node, "with")

    def visit_ClassDef(self, node):
        self._refuse(node, "class")

    def visit_Name(self, node):
        if node.id in FORBIDDEN_NAMES:
            self._refuse(node, f"'{node.id}'")
            return node
        return super().visit_Name(node)

    def visit_Attribute(self, node):
        if not node.attr.startswith("_") and node.attr not in _SCRIPT_METHOD_NAMES:
            self.error(node, f"thuộc tính hoặc phương thức '.{node.attr}' không được phép")
        return super().visit_Attribute(node)

    def visit_BinOp(self, node):
        node = self.node_contents_visit(node)
        symbol = GUARDED_BINOPS.get(type(node.op))
        if symbol is None:
            return node
        call = ast.Call(func=ast.Name(BINOP_GUARD, ast.Load()),
                        args=[ast.Constant(symbol), node.left, node.right], keywords=[])
        copy_locations(call, node)
        return call

    def visit_FormattedValue(self, node):
        problem = format_spec_problem(node.format_spec)
        if problem:
            self.error(node, problem)
        node = self.node_contents_visit(node)
        guarded = ast.Call(func=ast.Name(FORMAT_GUARD, ast.Load()), args=[node.value], keywords=[])
        copy_locations(guarded, node.value)
        node.value = guarded
        return node

    def visit_List(self, node):
        if not isinstance(getattr(node, "ctx", None), ast.Store) and any(isinstance(e, ast.Starred) for e in node.elts):
            self._refuse(node, "*x để trải một dãy trong [...], (...) hay {...} (dùng list(x) + list(y))")
        return self.node_contents_visit(node)

    visit_Tuple = visit_List
    visit_Set = visit_List

    def visit_While(self, node):
        node = self.node_contents_visit(node)
        tick = ast.Expr(ast.Call(func=ast.Name(TICK, ast.Load()), args=[], keywords=[]))
        copy_locations(tick, node)
        node.body.insert(0, tick)
        return node


def _expression_node_problems(tree: ast.AST) -> list[str]:
    problems = []
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.arguments, ast.arg)):
            continue  # only found inside a lambda, which is reported already
        if not isinstance(node, _EXPRESSION_NODES) or isinstance(node, ast.MatMult):
            kind = type(node).__name__
            problems.append(f"không được dùng {_NODE_NAMES.get(kind, kind)} trong biểu thức")
        elif isinstance(node, ast.Name):
            problems += _name_problems(node.id)
        elif isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                problems.append(f"không được truy cập thuộc tính bắt đầu bằng '_' (.{node.attr})")
            elif node.attr not in _EXPRESSION_METHOD_NAMES:
                problems.append(f"phương thức '.{node.attr}' không được phép trong biểu thức")
        elif isinstance(node, ast.Call):
            problems += _call_problems(node)
        elif isinstance(node, ast.Constant):
            if type(node.value) not in (str, int, float, bool, type(None)):
                problems.append(f"không được dùng hằng số kiểu {type(node.value).__name__}")
            elif isinstance(node.value, str) and len(node.value) > MAX_STRING_LENGTH:
                problems.append("chuỗi hằng quá dài")
        elif isinstance(node, ast.Starred) and not isinstance(parents.get(node), ast.List):
            problems.append("chỉ được dùng *x bên trong một danh sách [...]")
        elif isinstance(node, ast.comprehension) and node.is_async:
            problems.append("không được dùng async trong biểu thức")
        elif isinstance(node, ast.FormattedValue):
            problem = format_spec_problem(node.format_spec)
            if problem:
                problems.append(problem)
    return problems


def _name_problems(name: str) -> list[str]:
    if name.startswith("_"):
        return [f"không được dùng tên bắt đầu bằng '_' ({name})"]
    if name in FORBIDDEN_NAMES:
        return [f"không được dùng '{name}'"]
    return []


def _call_problems(node: ast.Call) -> list[str]:
    problems = []
    if isinstance(node.func, ast.Name):
        if node.func.id not in EXPRESSION_FUNCTIONS and not node.func.id.startswith("_") \
                and node.func.id not in FORBIDDEN_NAMES:
            allowed = ", ".join(sorted(EXPRESSION_FUNCTIONS))
            problems.append(f"hàm '{node.func.id}' không được phép; chỉ được dùng: {allowed}")
    elif not isinstance(node.func, ast.Attribute):
        problems.append("chỉ được gọi các hàm và phương thức được phép")
    if any(k.arg is None for k in node.keywords):
        problems.append("không được dùng **kwargs khi gọi hàm")
    return problems


def _undefined_call_problems(tree: ast.AST) -> list[str]:
    """A called name must be an allowed function or one the script defines itself."""
    defined = set(SCRIPT_FUNCTIONS)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.arg)):
            defined.add(node.name if isinstance(node, ast.FunctionDef) else node.arg)
    return [f"Line {node.lineno}: hàm '{node.func.id}' không được phép"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in defined]


def _iso_timer_problems(value: str) -> list[str]:
    shape_help = ("không phải thời lượng (P30D, PT5M), thời điểm (2026-01-01T00:00:00+07:00) "
                  "hay chu kỳ (R4/2026-01-01T00:00:00+07:00/P3M) ISO 8601 hợp lệ")
    if _CYCLE.fullmatch(value):
        parts = value.split("/")[1:]
        problems = [p for part in parts for p in _iso_part_problems(part)]
        if not any(_DURATION.fullmatch(part) for part in parts):
            problems.append("chu kỳ phải có một thời lượng, ví dụ R4/2026-01-01T00:00:00+07:00/P3M")
        if not problems:
            problems = cycle_problems(value)
        return problems
    if value.upper().startswith("P") and not _DURATION.fullmatch(value):
        return [f"'{value}' {shape_help}"]
    if not value.upper().startswith("P") and not _DATETIME_START.match(value):
        return [f"'{value}' {shape_help}"]
    return _iso_part_problems(value)


def cycle_problems(value: str) -> list[str]:
    """A timer cycle must end, and wait at least a minute between firings: `R/PT0S` (never ends) or
    `R2000/PT0S` (all due at once) would keep the worker firing the case, each firing a write of the case.
    Checked at deploy for a literal and at run time for a computed value (`engine.workflow.scripting`)."""
    try:
        cycles, _start, period = TimerEventDefinition.parse_iso_recurring_interval(value)
    except Exception:  # noqa: BLE001 - SpiffWorkflow raises bare Exception here
        return [f"'{value}' không phải chu kỳ ISO 8601 hợp lệ, ví dụ R4/2026-01-01T00:00:00+07:00/P3M"]
    problems = []
    if cycles < 0:
        problems.append(f"chu kỳ '{value}' phải có số lần lặp (R1 đến R{MAX_TIMER_CYCLES}): "
                        "chu kỳ không giới hạn không được phép")
    elif cycles > MAX_TIMER_CYCLES:
        problems.append(f"chu kỳ '{value}' lặp quá {MAX_TIMER_CYCLES} lần")
    if period.total_seconds() < MIN_TIMER_PERIOD_SECONDS:
        problems.append(f"khoảng lặp của chu kỳ '{value}' phải từ {MIN_TIMER_PERIOD_SECONDS // 60} phút trở lên")
    return problems


def _iso_part_problems(part: str) -> list[str]:
    if _DURATION.fullmatch(part):
        parsed = TimerEventDefinition.parse_iso_duration(part)
        if parsed.get("years", 0) * 12 + parsed.get("months", 0) > _MAX_TIMER_MONTHS:
            return [f"thời lượng '{part}' quá dài (tối đa 100 năm)"]
        return []
    try:
        moment = datetime.fromisoformat(part)
    except ValueError:
        return [f"'{part}' không phải thời lượng hay thời điểm ISO 8601 hợp lệ"]
    if moment.tzinfo is None:
        return [f"thời điểm '{part}' phải có múi giờ, ví dụ 2026-01-01T00:00:00+07:00"]
    return []


def _unique(problems: list[str]) -> list[str]:
    return list(dict.fromkeys(problems))
