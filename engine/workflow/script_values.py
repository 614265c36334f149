"""The values that cross the sandbox's border: plain data only, measured before they are built or kept.

Case data goes into an expression or a script as a deep copy of JSON-like data, and only such data comes
back into the task: anything else (a function, a set, a generator...) could carry a way out of the sandbox or
stay alive across evaluations. A value's size is counted as `str()` or JSON would write it, shared parts
every time they appear, because that is what a later step (a copy, a serialization) will pay for it.
"""
from __future__ import annotations

from collections.abc import ItemsView, KeysView, Mapping, ValuesView

from .script_limits import MAX_VALUE_SIZE, ScriptRefused

SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
NOT_PLAIN = object()
_MAX_DEPTH = 100


def plain_copy(value, depth: int = 0):
    """A deep copy of JSON-like data (str, int, float, bool, None, list, tuple, dict), else `NOT_PLAIN`."""
    kind = type(value)
    if kind in SCALAR_TYPES:
        return value
    if depth > _MAX_DEPTH:
        return NOT_PLAIN
    if kind is list or kind is tuple:
        items = [plain_copy(item, depth + 1) for item in value]
        if any(item is NOT_PLAIN for item in items):
            return NOT_PLAIN
        return items if kind is list else tuple(items)
    if kind is dict:
        copied = {}
        for key, item in value.items():
            item = plain_copy(item, depth + 1)
            if type(key) not in SCALAR_TYPES or item is NOT_PLAIN:
                return NOT_PLAIN
            copied[key] = item
        return copied
    return NOT_PLAIN


def expanded_size(value, limit: int = MAX_VALUE_SIZE) -> int:
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


def check_size(value, what: str, limit: int = MAX_VALUE_SIZE) -> int:
    """The value's expanded size (0 for a number), or ScriptRefused past `limit`."""
    if type(value) in SCALAR_TYPES:
        return len(value) if type(value) is str else 0
    size = expanded_size(value, limit)
    if size > limit:
        raise ScriptRefused(f"{what} is over the size limit ({limit} characters and items)")
    return size
