"""The engine stays readable in small pieces: no module over 400 lines, no function over 60.

A module that grows past a few hundred lines has stopped saying one thing, and a function past a screen
hides its steps; both are caught here, by name, when they happen rather than at the next review. The
Alembic migrations already applied are left as they were written, so `engine/migrations/versions/` is not
measured. A function or method is measured from its first decorator to its last line, nested ones too.
"""
from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "engine"
APPLIED_MIGRATIONS = ENGINE / "migrations" / "versions"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Known exceptions (`module:function`, the module relative to engine/), each removed when its function is split.
TEMPORARY_EXCEPTIONS: frozenset[str] = frozenset()


def engine_modules() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.py") if APPLIED_MIGRATIONS not in p.parents)


def function_lengths(path: Path) -> dict[str, int]:
    """`module:qualified.name` -> lines, for every function and method of the module."""
    lengths = {}
    module = path.relative_to(ENGINE).as_posix()

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    lengths[f"{module}:{name}"] = child.end_lineno - first + 1
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), "")
    return lengths


def all_function_lengths() -> dict[str, int]:
    lengths = {}
    for path in engine_modules():
        lengths.update(function_lengths(path))
    return lengths


def test_no_engine_module_is_over_400_lines():
    too_long = {p.relative_to(ENGINE).as_posix(): n for p in engine_modules()
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not too_long, f"engine modules over {MAX_MODULE_LINES} lines: {too_long}"


def test_no_engine_function_is_over_60_lines():
    too_long = {name: n for name, n in all_function_lengths().items()
                if n > MAX_FUNCTION_LINES and name not in TEMPORARY_EXCEPTIONS}
    assert not too_long, f"engine functions over {MAX_FUNCTION_LINES} lines: {too_long}"


def test_every_temporary_exception_is_still_needed():
    """An exception outlives its reason silently otherwise: once the function is short, remove it here."""
    lengths = all_function_lengths()
    stale = [name for name in TEMPORARY_EXCEPTIONS if lengths.get(name, 0) <= MAX_FUNCTION_LINES]
    assert not stale, f"no longer over {MAX_FUNCTION_LINES} lines (or gone), remove from TEMPORARY_EXCEPTIONS: {stale}"
