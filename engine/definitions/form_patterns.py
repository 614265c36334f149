"""The regular expressions of forms, matched by RE2 in time linear in the text, never by Python's `re`.

A form's `pattern`, its `patternProperties` names and the values of a `format: regex` field are matched
against what anyone submits. Python's backtracking `re` takes exponential time on some of them: `^(a+)+$`
against thirty `a` and a `b` is 19 s of CPU, during which the request held the case (and, on SQLite,
every write). RE2 cannot backtrack: it refuses what needs backtracking (back-references, look-around) and
runs the rest in linear time. So every form pattern is compiled by RE2 at deploy, and the validators of
forms (`form_validator_class`) run `pattern`, `patternProperties`, `additionalProperties` and
`format: regex` through RE2; `uniqueItems` is checked in linear time too (jsonschema compares every pair).
Each keyword that applies subschemas first checks the running budget (`engine.core.budget`), so a validation
stops at the deadline.

Deploy also refuses a quantified group whose body is itself one quantified part (`(a+)+`, `(\\w+\\s?)*`):
harmless here, but the classic shape that stalls any backtracking engine the form may reach later.
"""
from __future__ import annotations

import functools
import re._constants as sre
import re._parser as sre_parse

import re2
from jsonschema import FormatChecker, ValidationError, validators

from ..core.budget import check_command_budget

MAX_PATTERN_MEMORY = 1 << 20  # bytes RE2 may use for one pattern (its default is 8 MiB)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would print every refused pattern on the server's stderr
    options.max_mem = MAX_PATTERN_MEMORY
    return options


_OPTIONS = _options()


@functools.lru_cache(maxsize=256)
def compiled(pattern: str):
    """A form's pattern, compiled once (forms are immutable); raises `re2.error` when RE2 refuses it."""
    return re2.compile(pattern, _OPTIONS)


def pattern_problem(pattern) -> str | None:
    """Why a form may not carry this pattern (in Vietnamese, for the administrator), or None."""
    if not isinstance(pattern, str):
        return "mẫu (pattern) phải là chuỗi"
    try:
        compiled(pattern)
    except re2.error:
        return (f"mẫu {pattern[:80]!r} không dùng được: chỉ chấp nhận cú pháp RE2 (không tham chiếu ngược "
                "như \\1, không nhìn trước/nhìn sau như (?=...), lặp tối đa {1000} lần, không quá lớn)")
    if _nested_quantifier(pattern):
        return (f"mẫu {pattern[:80]!r} có lượng từ lồng nhau như (a+)+: hãy viết lại để mỗi phần lặp "
                "có một ký tự phân cách bắt buộc")
    return None


def _nested_quantifier(pattern: str) -> bool:
    """Whether a repeated part's body can be matched by one repeated part of its own alone."""
    try:
        tree = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - RE2 syntax Python's parser lacks (\p{L}): RE2 runs it regardless
        return False
    return _has_nested(tree)


def _has_nested(sequence) -> bool:
    for op, value in sequence:
        if op in _REPEATS:
            _low, high, body = value
            if high > 1 and _covered_by_repeat(body):
                return True
        if any(_has_nested(child) for child in _children(op, value)):
            return True
    return False


def _children(op, value) -> list:
    if op in _REPEATS:
        return [value[2]]
    if op is sre.SUBPATTERN:
        return [value[3]]
    if op is sre.BRANCH:
        return list(value[1])
    if op is sre.ATOMIC_GROUP:
        return [value]
    return []


def _covered_by_repeat(sequence) -> bool:
    """One item repeats (or holds such a sequence) and every other item may match nothing."""
    items = list(sequence)
    for index, (op, value) in enumerate(items):
        others = items[:index] + items[index + 1:]
        repeated = op in _REPEATS and value[1] > 1
        grouped = op is not sre.BRANCH and op not in _REPEATS and any(
            _covered_by_repeat(child) for child in _children(op, value))
        branches = op is sre.BRANCH and any(_covered_by_repeat(child) for child in value[1])
        if (repeated or grouped or branches) and all(_nullable(o, v) for o, v in others):
            return True
    return False


def _nullable(op, value) -> bool:
    if op in _REPEATS:
        return value[0] == 0
    if op is sre.AT:
        return True
    if op is sre.SUBPATTERN:
        return all(_nullable(o, v) for o, v in value[3])
    if op is sre.BRANCH:
        return any(all(_nullable(o, v) for o, v in branch) for branch in value[1])
    return False


def search(pattern: str, text: str) -> bool:
    return compiled(pattern).search(text) is not None


# --- the validators of forms ------------------------------------------------------------------------------

def _pattern(validator, pattern, case, schema):
    if validator.is_type(case, "string") and not search(pattern, case):
        yield ValidationError("does not match the pattern")  # never the value: it may be personal data


def _pattern_properties(validator, patterns, case, schema):
    if not validator.is_type(case, "object"):
        return
    for pattern, subschema in patterns.items():
        for name, value in case.items():
            if search(pattern, name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def _additional_properties(validator, additional, case, schema):
    if not validator.is_type(case, "object"):
        return
    declared = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = [name for name in case
              if name not in declared and not any(search(p, name) for p in patterns)]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(case[extra], additional, path=extra)
    elif not additional and extras:
        yield ValidationError(f"Additional properties are not allowed ({len(extras)} unexpected)")


def _unique_items(validator, unique, case, schema):
    if unique and validator.is_type(case, "array"):
        seen = set()
        for item in case:
            key = _json_key(item)
            if key in seen:
                yield ValidationError("has non-unique elements")
                return
            seen.add(key)


def _json_key(value):
    """Equal for values JSON Schema calls equal: 1 and 1.0 alike, true and 1 not, objects in any order."""
    if isinstance(value, bool) or value is None:
        return ("const", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(_json_key(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((name, _json_key(item)) for name, item in value.items()))
    return ("other", repr(value))


_RE2_KEYWORDS = {"pattern": _pattern, "patternProperties": _pattern_properties,
                 "additionalProperties": _additional_properties, "uniqueItems": _unique_items}


def _budgeted(keyword):
    def check_then_apply(validator, value, case, schema):
        check_command_budget()
        return keyword(validator, value, case, schema)
    return check_then_apply


# The keywords that apply subschemas: between two of them, only a bounded amount of work (a schema has at
# most 10,000 nodes, `engine.definitions.form_limits`), so the clock is checked there only (a check at every keyword
# had cost a third more on the library's forms).
_APPLICATORS = frozenset({
    "$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "items", "prefixItems",
    "additionalItems", "contains", "properties", "patternProperties", "additionalProperties", "dependentSchemas",
    "dependencies", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
})


@functools.lru_cache(maxsize=None)
def form_validator_class(base):
    """`base` (a jsonschema draft's class) with RE2 for every regular expression and a budget check at
    every keyword that applies subschemas."""
    keywords = {name: _RE2_KEYWORDS.get(name, function) for name, function in base.VALIDATORS.items()}
    return validators.extend(base, {name: _budgeted(function) if name in _APPLICATORS else function
                                    for name, function in keywords.items()})


def format_checker() -> FormatChecker:
    """jsonschema's format checks, with `regex` meaning "RE2 compiles it" (compiled afresh, never cached:
    it is a value someone submitted)."""
    checker = FormatChecker()
    checker.checks("regex", raises=re2.error)(_is_re2_pattern)
    return checker


def _is_re2_pattern(case) -> bool:
    return not isinstance(case, str) or re2.compile(case, _OPTIONS) is not None
