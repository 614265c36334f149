"""Deployed versions, read from the database once per process and shared, with their parsed spec.

Versions are immutable, so every server process caching them agrees by construction: the cache holds no
state another worker could disagree on. A command that touches a case needs its version's properties,
forms, confidential field names and parsed spec several times; reading the row (BPMN text and every form)
and decoding it each time was the largest cost of a step after the workflow itself.

One cache belongs to one `Services` (one database): version ids are only unique within a database.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

from ..store.tables import ProcessVersion
from ..workflow.diagram_parsing import ParsedProcess, parse_process
from ..workflow.diagram_xml import parse_xml
from .form_fields import confidential_fields
from .form_schemas import package_registry
from .forms import compiled_validator
from .package import ProcessPackage

VERSIONS_KEY = "danchu_versions"  # where a unit of work's session finds the cache (`versions_of`)


@dataclass(frozen=True)
class DeployedVersion:
    """A read-only copy of a `ProcessVersion` row, with what every command derives from it."""

    id: int
    process_model_id: str
    version: int
    sha256: str
    name: str
    bpmn_xml: str
    files: dict
    properties: dict
    parsed: ParsedProcess
    confidential: frozenset
    _validators: dict = field(default_factory=dict, compare=False, repr=False)

    def form(self, name: str | None) -> dict | None:
        """A fresh copy of a form's JSON Schema (callers may change it)."""
        return json.loads(self.files[name]) if name else None

    def validator(self, name: str) -> Any:
        """The compiled JSON Schema validator of a form, built once; its `$ref`s reach this version's files only."""
        validator = self._validators.get(name)
        if validator is None:
            validator = self._validators[name] = compiled_validator(json.loads(self.files[name]),
                                                                    package_registry(self.files))
        return validator


class SpecCache:
    def __init__(self):
        self._parsed: dict[int, ParsedProcess] = {}
        self._versions: dict[int, DeployedVersion] = {}
        self._lock = threading.Lock()

    def get(self, version) -> ParsedProcess:
        """The parsed spec of a version (a `ProcessVersion` row or a `DeployedVersion`)."""
        if isinstance(version, DeployedVersion):
            return version.parsed
        parsed = self._parsed.get(version.id)
        if parsed is None:
            parsed = parse_version(version)
            with self._lock:
                parsed = self._parsed.setdefault(version.id, parsed)
        return parsed

    def put(self, version_id: int, parsed: ParsedProcess) -> None:
        with self._lock:
            self._parsed[version_id] = parsed

    def cached(self, version_id: int) -> DeployedVersion | None:
        """The deployed version if this process has read it already (no database needed)."""
        return self._versions.get(version_id)

    def version(self, session, version_id: int) -> DeployedVersion | None:
        """The deployed version `version_id`, read from `session` the first time only."""
        cached = self._versions.get(version_id)
        if cached is not None:
            return cached
        row = session.get(ProcessVersion, version_id)
        if row is None:
            return None
        deployed = DeployedVersion(
            id=row.id, process_model_id=row.process_model_id, version=row.version, sha256=row.sha256,
            name=row.name, bpmn_xml=row.bpmn_xml, files=dict(row.files), properties=dict(row.properties),
            parsed=self.get(row), confidential=frozenset(confidential_fields(row)))
        with self._lock:
            return self._versions.setdefault(version_id, deployed)


def versions_of(session) -> SpecCache:
    """The cache of the `Services` that opened this session (`Services.uow` puts it there)."""
    cache = session.info.get(VERSIONS_KEY)
    if cache is None:
        raise RuntimeError("no version cache on this session: open it with services.uow()")
    return cache


def parse_version(version: ProcessVersion) -> ParsedProcess:
    package = ProcessPackage(f"{version.process_model_id}.bpmn", version.bpmn_xml.encode("utf-8"),
                             {k: v.encode("utf-8") for k, v in version.files.items()})
    root = parse_xml(package.bpmn, package.bpmn_filename)
    dmn = [parse_xml(c, n) for n, c in package.files.items() if n.endswith(".dmn")]
    return parse_process(root, package.bpmn_filename, dmn, digest=version.sha256)
