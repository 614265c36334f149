"""The fields a version's forms declare, merged: titles, types and confidentiality, for showing case data."""
from __future__ import annotations

import json


def _form_properties(version):
    """(field, its JSON Schema) for every property of every form file of the version, in file order."""
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
                    yield field, field_schema


def version_fields(version) -> dict[str, dict]:
    """Field name → its JSON Schema, from every form file of the version (first declaration wins)."""
    fields: dict[str, dict] = {}
    for field, field_schema in _form_properties(version):
        fields.setdefault(field, field_schema)
    return fields


def confidential_fields(version) -> set[str]:
    """Fields any form of the version marks `"x-confidential": true`."""
    return {field for field, field_schema in _form_properties(version) if field_schema.get("x-confidential")}
