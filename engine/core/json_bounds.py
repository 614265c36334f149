"""JSON from outside parsed within bounds that every later step can handle.

Python's parser has two limits of its own that surface as exceptions no caller expects: nesting deeper than
the interpreter's recursion limit raises `RecursionError` (the parser recurses in C), and an integer of more
than 4,300 digits raises a `ValueError` from `int()` (CVE-2020-10735's guard). Below those limits the values
still reach code that recurses over them (marshmallow, jsonschema, the sealing of confidential fields) or
databases that store 64-bit integers. So every JSON document a person or program sends (request bodies, form
fields, the form files of a diagram) is parsed here: nesting deeper than `MAX_NESTING` and integers outside
PostgreSQL's `bigint` are refused as `InvalidInput` naming `field`, before anything else sees them. Form data
has its own, tighter limit of 10 levels (`engine.definitions.forms`); this one is structural, and generous.
"""
from __future__ import annotations

import json

from .errors import InvalidInput

MAX_NESTING = 64
INT_MIN, INT_MAX = -2**63, 2**63 - 1  # PostgreSQL's bigint, SQLite's INTEGER
_MAX_INT_LITERAL = len(str(INT_MIN))  # a longer literal is out of range whatever its digits


class _OutOfRange(ValueError):
    pass


class _NonFinite(ValueError):
    pass


def _bounded_int(literal: str) -> int:
    """Called by the parser with the literal, before `int()` could spend quadratic time on it."""
    if len(literal) > _MAX_INT_LITERAL:
        raise _OutOfRange()
    value = int(literal)
    if not INT_MIN <= value <= INT_MAX:
        raise _OutOfRange()
    return value


def _non_finite(_name):
    raise _NonFinite()


def loads_bounded(text: str | bytes, field: str = "body"):
    """The parsed document; `InvalidInput` naming `field` for what is out of bounds (including NaN and
    Infinity, which PostgreSQL cannot store); `ValueError` for what is not JSON at all."""
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_constant=_non_finite)
    except _OutOfRange:
        raise InvalidInput("Số nguyên quá lớn.", {field: "Số nguyên phải nằm trong khoảng 64 bit."}) from None
    except _NonFinite:
        raise InvalidInput("Số không hợp lệ (NaN, Infinity).", {field: "Chỉ dùng số hữu hạn."}) from None
    except RecursionError:
        raise _too_deep(field) from None
    if nesting(value) > MAX_NESTING:
        raise _too_deep(field)
    return value


def nesting(value) -> int:
    """How many lists and objects deep `value` goes, without recursion (a scalar is 0)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_NESTING:  # past the limit the answer is known
            stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return deepest


def _too_deep(field: str) -> InvalidInput:
    return InvalidInput("Dữ liệu lồng nhau quá sâu.", {field: f"Tối đa {MAX_NESTING} tầng."})
