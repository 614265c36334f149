"""The operators, functions and methods diagram text may call, each measured before it builds its value.

A single C call cannot be interrupted: `'x' * 10**9`, `2 ** 10**9`, `','.join(...)` or `str()` of a deep
value would build gigabytes before any clock check ran. So whatever can build a large value in one call
(repetition, concatenation, `**`, `<<`, `join`, `replace`, `extend`, `str`, `round`, `range`) is given here
as a bounded version that measures its operands first and refuses what would pass the limits
(`engine.workflow.script_limits`). Expressions, scripts and task instructions (`engine.workflow.instructions`)
call these same versions, so the three agree on what a diagram may build.

The tables at the end are what an evaluation sees by name; the composition root adds the calendar's
functions to them (`engine.workflow.scripting.install_diagram_services`).
"""
from __future__ import annotations

import ast
import functools
import operator

import simpleeval

from .script_limits import MAX_INT_BITS, MAX_RANGE, MAX_ROUND_DIGITS, MAX_STRING_LENGTH, MAX_VALUE_SIZE, ScriptRefused
from .script_values import check_size, expanded_size


def _is_sequence(value) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def _check_add(a, b):
    if _is_sequence(a) and _is_sequence(b):
        if len(a) + len(b) > MAX_STRING_LENGTH:
            raise ScriptRefused(f"'+' would build a sequence over {MAX_STRING_LENGTH} long")
        check_size((a, b), "the result of '+'")


def _check_mult(a, b):
    if isinstance(a, int) and isinstance(b, int):
        if a.bit_length() + b.bit_length() > MAX_INT_BITS:
            raise ScriptRefused(f"'*' would build a number over {MAX_INT_BITS} bits")
        return
    for sequence, times in ((a, b), (b, a)):
        if _is_sequence(sequence) and isinstance(times, int) and times > 0:
            if times * len(sequence) > MAX_STRING_LENGTH:
                raise ScriptRefused(f"'*' would build a sequence over {MAX_STRING_LENGTH} long")
            if times * expanded_size(sequence) > MAX_VALUE_SIZE:
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


def bounded_binop(symbol: str, a, b):
    _OPERATOR_CHECKS[symbol](a, b)
    return _BINARY[symbol](a, b)


def bounded_inplace(op: str, target, value):
    if op not in _IN_PLACE:
        raise ScriptRefused(f"operator '{op}' is not allowed")
    check = _OPERATOR_CHECKS.get(op[:-1])
    if check:
        check(target, value)
    return _IN_PLACE[op](target, value)


def bounded_join(separator: str, items):
    items = list(items)
    size = len(separator) * max(len(items) - 1, 0) + sum(len(i) for i in items if isinstance(i, str))
    if size > MAX_STRING_LENGTH:
        raise ScriptRefused(f"join() would build a string over {MAX_STRING_LENGTH} characters")
    return separator.join(items)


def bounded_replace(text: str, old: str, new: str, count: int = -1):
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
        check_size(args[0], "the value given to str()")
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


BOUNDED_METHODS = {(str, "join"): bounded_join, (str, "replace"): bounded_replace,
                   (list, "extend"): _bounded_extend}
EXPRESSION_CALLABLES = {
    "len": len, "min": min, "max": max, "int": int, "str": _bounded_str, "float": float,
    "round": _bounded_round, "sum": _bounded_sum, "abs": abs, "bool": bool, "sorted": sorted, "any": any,
    "all": all, "list": list, "dict": dict, "set": set, "tuple": tuple,
}
SCRIPT_BUILTINS = {
    **EXPRESSION_CALLABLES, "range": _bounded_range, "enumerate": enumerate, "zip": zip,
    "ValueError": ValueError, "None": None, "True": True, "False": False,
}
EXPRESSION_OPERATORS = {
    **simpleeval.DEFAULT_OPERATORS,
    ast.Add: functools.partial(bounded_binop, "+"), ast.Mult: functools.partial(bounded_binop, "*"),
    ast.Pow: functools.partial(bounded_binop, "**"), ast.LShift: functools.partial(bounded_binop, "<<"),
    ast.Mod: functools.partial(bounded_binop, "%"),
}
