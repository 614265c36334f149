"""The JSON Schemas of a process package: `$ref` resolves among the package's own files and nowhere else.

jsonschema's default registry retrieves any URI it does not hold with `urlopen`, so a form whose `$ref` named
`http://…` or `file:///etc/passwd` made the server fetch it each time the form checked data. Every form
validator gets `package_registry(files)` instead: the package's files, by file name, read when first
referenced, and a refusal for any other URI. Deploy checks that each reference resolves that way
(`schema_problems`); a refusal at run time is then possible only for a version an earlier release stored,
and is a 422, not a fetch.

References are plain: `#/…` inside the file, or `<file name>#/…` of the package. `$id` is refused (it would
move the base the names resolve against, possibly onto a URL), and so are dialects other than draft 7 and
2020-12 (draft 4 spells it `id`).
"""
from __future__ import annotations

import json
from collections.abc import Mapping

from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012

DIALECTS = {None, "https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-07/schema"}
REFERENCES = ("$ref", "$dynamicRef")
MAX_DEPTH = 32  # levels of JSON nesting; the library's deepest form has 8, and validators recurse through them


def package_registry(files: Mapping[str, str | bytes]) -> Registry:
    """A registry that holds the package's files under their names and retrieves nothing else."""
    retrieved: dict[str, Resource] = {}

    def retrieve(uri: str) -> Resource:
        resource = retrieved.get(uri)
        if resource is None:
            contents = _contents(files, uri)
            if contents is None:
                raise NoSuchResource(ref=uri)
            try:
                resource = retrieved[uri] = Resource.from_contents(contents, default_specification=DRAFT202012)
            except Exception:  # an unknown `$schema`: never for a deployed package
                raise NoSuchResource(ref=uri) from None
        return resource

    return Registry(retrieve=retrieve)


def schema_problems(name: str, files: Mapping[str, bytes]) -> list[str]:
    """What is wrong with form `name` and the package files it references, beyond the meta-schema's rules."""
    registry = package_registry(files)
    messages: list[str] = []
    seen, pending = {name}, [name]
    while pending:
        current = pending.pop()
        contents = _contents(files, current)
        if not isinstance(contents, (dict, bool)):
            messages.append(f"Tệp {current} được tham chiếu nhưng không phải JSON Schema.")
            continue
        if json_depth(contents) > MAX_DEPTH:
            messages.append(f"Tệp {current} lồng quá sâu (tối đa {MAX_DEPTH} mức).")
            continue
        if isinstance(contents, dict) and contents.get("$schema") not in DIALECTS:
            messages.append(f"Tệp {current}: chỉ dùng JSON Schema draft 7 hoặc 2020-12 ($schema).")
            continue
        resolver = registry.resolver(base_uri=current)
        for path, key, value in _entries(contents):
            if key == "$id":
                messages.append(f"Tệp {current}: không khai báo $id; tham chiếu bằng tên tệp trong gói.")
            elif key == "x-confidential" and not (len(path) == 2 and path[0] == "properties"):
                messages.append(f"Tệp {current}: x-confidential chỉ có hiệu lực trên trường cấp một của biểu mẫu.")
            elif key in REFERENCES:
                target = value.partition("#")[0] if isinstance(value, str) else None
                if target is None or (target and target not in files):
                    messages.append(f"Tệp {current}: {key} {str(value)[:80]!r} không trỏ tới một tệp trong gói "
                                    "quy trình (chỉ '#/…' hoặc '<tên tệp>#/…').")
                    continue
                try:
                    resolver.lookup(value)
                except Unresolvable:
                    messages.append(f"Tệp {current}: {key} {value[:80]!r} không tìm thấy.")
                    continue
                except (AttributeError, TypeError, ValueError):  # into a list, or an index int() refuses ("²")
                    messages.append(f"Tệp {current}: {key} {value[:80]!r} không trỏ tới một JSON Schema.")
                    continue
                if target and target not in seen:
                    seen.add(target)
                    pending.append(target)
    return messages


def referenced_files(content: str | bytes) -> set[str]:
    """The file names a JSON Schema's references point at (for reading a package from disk)."""
    try:
        contents = json.loads(content)
    except (ValueError, RecursionError):
        return set()
    return {value.partition("#")[0] for _, key, value in _entries(contents)
            if key in REFERENCES and isinstance(value, str) and value.partition("#")[0]}


def _contents(files: Mapping[str, str | bytes], name: str):
    content = files.get(name)
    if content is None:
        return None
    try:
        return json.loads(content.decode("utf-8") if isinstance(content, bytes) else content)
    except (ValueError, RecursionError):
        return None


def json_depth(document) -> int:
    """How many objects and arrays deep a decoded JSON document nests (iteratively: it may be deep)."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((value, depth + 1) for value in (node.values() if isinstance(node, dict) else node))
    return deepest


def _entries(document):
    """Every (path, key, value) of every object in a JSON document, keywords and data alike (conservative)."""
    stack = [((), document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                yield path, key, value
                stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
