"""The fields a version's forms declare, merged: titles, types and confidentiality, for showing case data."""
from __future__ import annotations

import json


def version_fields(version) -> dict[str, dict]:
    """Field name → its JSON Schema, from every form file of the version (first declaration wins)."""
    fields: dict[str, dict] = {}
    for name in sorted(version.files):
        if not name.endswith(".json"):
            continue
        try:
            schema = json.loads(version.files[name])
        except ValueError:
            continue
        properties = schema.get("properties") if isinstance(schema, dict) else None
        if isinstance(properties, dict):
            for field, field_schema in properties.items():
                if isinstance(field_schema, dict):
                    fields.setdefault(field, field_schema)
    return fields


def confidential_fields(version) -> set[str]:
    """Fields any form of the version marks `"x-confidential": true`."""
    confidential = set()
    for name in sorted(version.files):
        if not name.endswith(".json"):
            continue
        try:
            schema = json.loads(version.files[name])
        except ValueError:
            continue
        for field, field_schema in (schema.get("properties") or {}).items() if isinstance(schema, dict) else ():
            if isinstance(field_schema, dict) and field_schema.get("x-confidential"):
                confidential.add(field)
    return confidential
