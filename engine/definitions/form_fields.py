"""The fields a version's forms declare, merged: titles, types and confidentiality, for showing case data."""
from __future__ import annotations

import json
from functools import lru_cache

from ..workflow.diagram_xml import BPMN_NS, parse_xml
from .document_codes import documents_of
from .package import element_properties


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
    """Field name → its JSON Schema, from every form file of the version (first declaration wins), then the
    number and date of the documents its steps issue, which no form asks for (`document_fields`)."""
    fields: dict[str, dict] = {}
    for field, field_schema in _form_properties(version):
        fields.setdefault(field, field_schema)
    for field, field_schema in document_fields(version).items():
        fields.setdefault(field, field_schema)
    return fields


def document_fields(version) -> dict[str, dict]:
    """The fields the outgoing register fills when a step issues a document (`document.numberField`, default
    `so_ky_hieu`; `document.dateField`, default `ngay_ban_hanh`), titled in words: the register allocates
    them, so no form declares them."""
    fields: dict[str, dict] = {}
    for number, day in _numbered_fields(getattr(version, "bpmn_xml", "") or ""):
        fields.setdefault(number, {"type": "string", "title": "Số, ký hiệu văn bản", "readOnly": True})
        fields.setdefault(day, {"type": "string", "format": "date", "title": "Ngày ban hành văn bản",
                                "readOnly": True})
    return fields


@lru_cache(maxsize=64)
def _numbered_fields(bpmn_xml: str) -> tuple[tuple[str, str], ...]:
    """(number field, date field) of each user task of a diagram naming `document.symbol`; a version is
    immutable, so its diagram is read once."""
    if "document.symbol" not in bpmn_xml:
        return ()
    root = parse_xml(bpmn_xml.encode("utf-8"), "diagram.bpmn")
    found = []
    for task in root.iter(f"{{{BPMN_NS}}}userTask"):
        for document in documents_of(element_properties(task)):
            found.append((document.get("document.numberField") or "so_ky_hieu",
                          document.get("document.dateField") or "ngay_ban_hanh"))
    return tuple(found)


def confidential_fields(version) -> set[str]:
    """Fields any form of the version marks `"x-confidential": true`."""
    return {field for field, field_schema in _form_properties(version) if field_schema.get("x-confidential")}
