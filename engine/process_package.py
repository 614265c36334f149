"""A process package: one BPMN diagram plus the form and DMN files it names.

Packages come from disk (`danchu deploy bpmn/khieu_nai.bpmn`), from an upload, or from a stored version.
File names are plain names (no folders), so a package can never reach outside the folder it came from.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .spiff_adapter import NS

SAFE_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,150}$")
FORM_PROPERTIES = ("formJsonSchemaFilename", "formUiSchemaFilename")


@dataclass
class ProcessPackage:
    bpmn_filename: str
    bpmn: bytes
    files: dict[str, bytes] = field(default_factory=dict)

    def sha256(self) -> str:
        digest = hashlib.sha256()
        digest.update(self.bpmn)
        for name in sorted(self.files):
            digest.update(b"\0" + name.encode() + b"\0" + self.files[name])
        return digest.hexdigest()

    def total_size(self) -> int:
        return len(self.bpmn) + sum(len(c) for c in self.files.values())


def is_safe_file_name(name: str) -> bool:
    return bool(SAFE_FILE_NAME.match(name)) and ".." not in name


def element_properties(element: etree._Element) -> dict[str, str]:
    """The `spiffworkflow:property` items of one element (a task, or the process itself, whose properties
    SpiffWorkflow ignores), read from the XML as deployed."""
    props = {}
    for prop in element.findall("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        if prop.get("name"):
            props[prop.get("name")] = prop.get("value", "")
    return props


process_properties = element_properties


def referenced_files(root: etree._Element) -> set[str]:
    """Every file name the diagram points at: task forms, the start form, message forms."""
    names = set()
    for prop in root.iter(f"{{{NS['spiffworkflow']}}}property"):
        name, value = prop.get("name", ""), (prop.get("value") or "").strip()
        if value and (name in FORM_PROPERTIES or name == "startForm" or
                      (name.startswith("message.") and name.endswith(".form"))):
            names.add(value)
    return names


def load_package(path: Path) -> ProcessPackage:
    """Read a diagram and the files beside it that it names, plus DMN files named after it."""
    from .spiff_adapter import parse_xml  # local: only disk deploys need it

    content = path.read_bytes()
    package = ProcessPackage(path.name, content)
    root = parse_xml(content, path.name)
    for name in sorted(referenced_files(root)):
        candidate = path.parent / name
        if is_safe_file_name(name) and candidate.is_file():
            package.files[name] = candidate.read_bytes()
    for dmn in sorted(path.parent.glob(f"{path.stem}*.dmn")):
        package.files[dmn.name] = dmn.read_bytes()
    return package
