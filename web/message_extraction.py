"""danchu's Babel extraction method for Python (`web/babel.cfg`): Babel's own, plus every domain error's text.

Message ids are the Vietnamese text, and the web translates an engine error (`gettext(exc.message)`, the `tr`
filter on details) only when the catalog holds the exact string raised. So the catalog is extracted from the
raise itself: in a call to a `DanchuError` class (by name, read from `engine.core.errors`), the message and
the texts of a details dict written in the call, when they are known without running the code: a string
literal, a module-level string constant of the same module, or an f-string or `+` of those and the module's
number constants (`f"Ít nhất {MIN_PASSWORD} ký tự."`). Text kept elsewhere is marked `N_`
(`engine.core.messages`), which Babel's own extraction finds. What neither can know, text built from a
variable, is listed by `error_texts`; tests/web/test_translations.py keeps that list known.
"""
from __future__ import annotations

import ast
import inspect

from babel.messages.extract import extract_python

from engine.core import errors


def _error_arguments() -> dict[str, tuple[int | None, int | None]]:
    """Each error class's name -> the positions of its `message` and `details` parameters (None: it has none;
    `InvalidProcessModel` makes its own message from a list of problems)."""
    classes = [c for c in vars(errors).values() if inspect.isclass(c) and issubclass(c, errors.DanchuError)]
    arguments = {}
    for cls in classes:
        names = list(inspect.signature(cls).parameters)
        arguments[cls.__name__] = tuple(names.index(n) if n in names else None for n in ("message", "details"))
    return arguments


ERROR_ARGUMENTS = _error_arguments()


def extract_python_and_errors(fileobj, keywords, comment_tags, options):
    """A Babel extraction method: `(lineno, funcname, message, comments)` tuples, as `extract_python`'s."""
    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    found, _ = error_texts(fileobj.read().decode(options.get("encoding", "utf-8")))
    for lineno, text in found:
        yield lineno, None, text, []


def error_texts(source: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The texts of the domain errors raised in `source`, as `(line, text)`, and the ones that cannot be known
    without running the code, as `(line, expression)`."""
    tree = ast.parse(source)
    constants = _module_constants(tree)
    found, unknown = [], []
    for node in ast.walk(tree):
        for expression in _error_text_expressions(node):
            text = _static_text(expression, constants)
            if text is None:
                unknown.append((expression.lineno, ast.unparse(expression)))
            elif text:
                found.append((expression.lineno, text))
    return found, unknown


def _error_text_expressions(node: ast.AST) -> list[ast.expr]:
    if not isinstance(node, ast.Call):
        return []
    name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
    if name not in ERROR_ARGUMENTS:
        return []
    message, details = (_argument(node, position, keyword)
                        for position, keyword in zip(ERROR_ARGUMENTS[name], ("message", "details")))
    expressions = [message] if message is not None else []
    if isinstance(details, ast.Dict):
        expressions.extend(details.values)
    return expressions


def _argument(call: ast.Call, position: int | None, keyword: str) -> ast.expr | None:
    if position is None:
        return None
    if position < len(call.args):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _module_constants(tree: ast.Module) -> dict[str, str | int]:
    """`NAME = "text"`, `NAME = 8` and `A, B = 1, 2` at the top of the module."""
    constants = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        for target in targets:
            pairs = [(target, value)]
            if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
                pairs = list(zip(target.elts, value.elts))
            for name, item in pairs:
                if isinstance(name, ast.Name) and isinstance(item, ast.Constant) \
                        and type(item.value) in (str, int):
                    constants[name.id] = item.value
    return constants


def _static_text(expression: ast.expr, constants: dict[str, str | int]) -> str | None:
    if isinstance(expression, ast.Constant):
        return expression.value if isinstance(expression.value, str) else None
    if isinstance(expression, ast.Name):
        value = constants.get(expression.id)
        return value if isinstance(value, str) else None
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add):
        left, right = _static_text(expression.left, constants), _static_text(expression.right, constants)
        return None if left is None or right is None else left + right
    if isinstance(expression, ast.JoinedStr):
        parts = [_static_part(part, constants) for part in expression.values]
        return None if None in parts else "".join(parts)
    return None


def _static_part(part: ast.expr, constants: dict[str, str | int]) -> str | None:
    if isinstance(part, ast.Constant):
        return str(part.value)
    if isinstance(part, ast.FormattedValue) and part.conversion == -1 and part.format_spec is None \
            and isinstance(part.value, ast.Name) and part.value.id in constants:
        return str(constants[part.value.id])
    return None
