"""How large a form may be, checked when its diagram is deployed.

Validating data against a JSON Schema costs about (schema size) x (data size), and a `$ref` costs what it
refers to each time it is used: fourteen definitions of four `$ref`s to the one before make a schema of a
few hundred bytes whose validation visits 4^14 nodes (hours, holding the case). So a form is measured with
every `$ref` expanded: at most `MAX_SCHEMA_NODES` JSON values and `MAX_SCHEMA_DEPTH` levels of nesting. A
reference that cannot be followed, or that leads back to itself, makes a form of unbounded size: refused.
The run time bounds what is left (`engine.core.budget`: each validation stops at the budget).

Every regular expression of the form must be one RE2 runs (`engine.definitions.form_patterns`). `unevaluatedProperties`
and `unevaluatedItems` are refused: jsonschema evaluates them by walking the schema again for each value,
with Python's backtracking regular expressions.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import unquote

from .form_patterns import pattern_problem

MAX_SCHEMA_NODES = 10_000
MAX_SCHEMA_DEPTH = 32
REFUSED_KEYWORDS = ("unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_VALUES = ("not", "if", "then", "else", "contains", "additionalProperties", "propertyNames",
                  "additionalItems", "items")


def form_problems(schema, files: Mapping[str, bytes] | None = None) -> list[str]:
    """The problems of a form's JSON Schema as Vietnamese sentences; `files` are the package's other files,
    which a `$ref` may name."""
    problems = []
    try:
        size = _Expansion(schema, files or {}).size(schema)
        if size > MAX_SCHEMA_NODES:
            problems.append(f"biểu mẫu quá lớn: {_shown(size)} nút khi mở mọi $ref (tối đa {MAX_SCHEMA_NODES})")
    except _Unbounded as exc:
        problems.append(str(exc))
    for path, keyword, value in _keywords(schema, ""):
        if keyword in REFUSED_KEYWORDS:
            problems.append(f"{path or 'gốc'}: không dùng từ khóa {keyword} trong biểu mẫu")
        elif keyword == "pattern":
            problem = pattern_problem(value)
            if problem:
                problems.append(f"{path or 'gốc'}: {problem}")
        elif keyword == "patternProperties" and isinstance(value, dict):
            for pattern in value:
                problem = pattern_problem(pattern)
                if problem:
                    problems.append(f"{path or 'gốc'}.patternProperties: {problem}")
    return problems


def _shown(size: int) -> str:
    return f"hơn {10 ** 9:,}" if size > 10 ** 9 else f"{size:,}"


class _Unbounded(Exception):
    """The form cannot be measured: too deep, a reference that goes nowhere or back to itself."""


class _Expansion:
    """Sizes with every `$ref` replaced by what it refers to, each target measured once (`_sizes`)."""

    def __init__(self, root, files: Mapping[str, bytes]):
        self._root = root
        self._files = files
        self._documents: dict[str, object] = {}
        self._sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (size, height)
        self._open: set[int] = set()

    def size(self, node) -> int:
        return self._measure(node, self._root, 0)[0]

    def _measure(self, node, document, depth: int) -> tuple[int, int]:
        if depth > MAX_SCHEMA_DEPTH:
            raise _Unbounded(f"biểu mẫu lồng quá {MAX_SCHEMA_DEPTH} cấp (tính cả các $ref)")
        if not isinstance(node, (dict, list)):
            return 1, 0
        known = self._sizes.get(id(node))
        if known is not None:
            if depth + known[1] > MAX_SCHEMA_DEPTH:
                raise _Unbounded(f"biểu mẫu lồng quá {MAX_SCHEMA_DEPTH} cấp (tính cả các $ref)")
            return known
        if id(node) in self._open:
            raise _Unbounded("biểu mẫu có $ref dẫn vòng về chính nó: biểu mẫu phải hữu hạn")
        self._open.add(id(node))
        size, height = 1, 0
        children = node.values() if isinstance(node, dict) else node
        for child in children:
            child_size, child_height = self._measure(child, document, depth + 1)
            size, height = min(size + child_size, 10 ** 10), max(height, child_height + 1)
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target, target_document = self._resolve(node["$ref"], document)
            target_size, target_height = self._measure(target, target_document, depth + 1)
            size, height = min(size + target_size, 10 ** 10), max(height, target_height + 1)
        self._open.discard(id(node))
        self._sizes[id(node)] = (size, height)
        return size, height

    def _resolve(self, reference: str, document):
        name, _, fragment = reference.partition("#")
        if name:
            document = self._document(name.removeprefix("./"), reference)
        if not fragment:
            return document, document
        if fragment.startswith("/"):
            node = document
            for part in fragment[1:].split("/"):
                key = unquote(part).replace("~1", "/").replace("~0", "~")
                if isinstance(node, dict) and key in node:
                    node = node[key]
                elif isinstance(node, list) and key.isascii() and key.isdigit() and int(key) < len(node):
                    node = node[int(key)]
                else:
                    raise _Unbounded(f"$ref {reference[:80]!r} không dẫn tới phần nào của biểu mẫu")
            return node, document
        for candidate in _subschemas(document):
            if candidate.get("$anchor") == fragment:
                return candidate, document
        raise _Unbounded(f"$ref {reference[:80]!r} không dẫn tới phần nào của biểu mẫu")

    def _document(self, name: str, reference: str):
        if name not in self._documents:
            if name not in self._files:
                raise _Unbounded(f"$ref {reference[:80]!r}: chỉ được tham chiếu trong biểu mẫu hoặc tới tệp trong gói")
            try:
                self._documents[name] = json.loads(self._files[name])
            except (ValueError, UnicodeDecodeError, RecursionError):
                raise _Unbounded(f"$ref {reference[:80]!r}: tệp không phải JSON hợp lệ") from None
        return self._documents[name]


def _subschemas(node):
    """Every object inside `node` (iteratively: the depth was checked before anchors are looked up)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _keywords(schema, path: str, depth: int = 0):
    """(path, keyword, value) of every keyword of every subschema, by JSON Schema's structure: a property
    named `pattern` is not the keyword `pattern`."""
    if not isinstance(schema, dict) or depth > MAX_SCHEMA_DEPTH:
        return
    for keyword, value in schema.items():
        yield path, keyword, value
        here = f"{path}.{keyword}" if path else keyword
        if keyword in _SCHEMA_MAPS and isinstance(value, dict):
            for name, subschema in value.items():
                yield from _keywords(subschema, f"{here}.{name}", depth + 1)
        elif keyword in _SCHEMA_LISTS and isinstance(value, list):
            for index, subschema in enumerate(value):
                yield from _keywords(subschema, f"{here}[{index}]", depth + 1)
        elif keyword in _SCHEMA_VALUES:
            for index, subschema in enumerate(value if isinstance(value, list) else [value]):
                yield from _keywords(subschema, here if not isinstance(value, list) else f"{here}[{index}]",
                                     depth + 1)
        elif keyword == "dependencies" and isinstance(value, dict):
            for name, subschema in value.items():
                yield from _keywords(subschema, f"{here}.{name}", depth + 1)
