"""A process package: one BPMN diagram plus the form and DMN files it names.

Packages come from disk (`danchu deploy bpmn/khieu_nai.bpmn`), from an upload, or from a stored version.
File names are plain names (no folders), so a package can never reach outside the folder it came from.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..workflow.diagram_xml import NS, parse_xml
from .form_schemas import referenced_files as schema_references

SAFE_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,150}$")
XML_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
FORM_PROPERTIES = ("formJsonSchemaFilename", "formUiSchemaFilename")
COMPUTED_FIELDS = "computedFields"  # a schema naming what the scripts compute, for showing it: no form
TEMPLATE = "document.template"  # a step's .docx template (engine.files.issued)
BINARY_SUFFIXES = (".docx",)
BINARY_MARKER = b"base64:"


@dataclass
class ProcessPackage:
    bpmn_filename: str
    bpmn: bytes
    files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self):
        """A package's files are stored as UTF-8 text (a version's `files`); a binary file (a `.docx` template)
        is kept as `base64:` and its bytes in Base64, whatever the package came from (a folder, an upload, a
        stored version), so the same template always has the same stored text and hash."""
        self.files = {name: as_package_text(name, content) for name, content in self.files.items()}

    def sha256(self) -> str:
        digest = hashlib.sha256()
        digest.update(self.bpmn)
        for name in sorted(self.files):
            digest.update(b"\0" + name.encode() + b"\0" + self.files[name])
        return digest.hexdigest()

    def total_size(self) -> int:
        return len(self.bpmn) + sum(len(c) for c in self.files.values())


def as_package_text(name: str, content: bytes) -> bytes:
    """The stored form of a package file: binary ones in Base64 behind their marker, others unchanged."""
    if name.lower().endswith(BINARY_SUFFIXES) and not content.startswith(BINARY_MARKER):
        return BINARY_MARKER + base64.b64encode(content)
    return content


def binary_file(stored: str | bytes) -> bytes | None:
    """The bytes of a binary package file from its stored text; None when it is not one (or is damaged)."""
    raw = stored.encode("ascii", "replace") if isinstance(stored, str) else stored
    if not raw.startswith(BINARY_MARKER):
        return None
    try:
        return base64.b64decode(raw[len(BINARY_MARKER):], validate=True)
    except binascii.Error:
        return None


def is_safe_file_name(name: str) -> bool:
    return bool(SAFE_FILE_NAME.match(name)) and ".." not in name


def encoding_problems(package: ProcessPackage) -> list[dict]:
    """Every file must be UTF-8 text without NUL characters, and an XML file may declare no other encoding.

    A version is stored as text and read back as UTF-8 (PostgreSQL's text and JSONB refuse NUL): a file in
    another encoding had passed every check (lxml and `json.loads` read UTF-16) and then failed to be stored.
    """
    problems = []
    for name, content in [(package.bpmn_filename, package.bpmn), *package.files.items()]:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        declared = XML_ENCODING.match(content)
        if text is None or (declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8")):
            problems.append({"element": name, "message": f"Tệp {name} phải mã hoá UTF-8."})
        elif "\x00" in text:
            problems.append({"element": name, "message": f"Tệp {name} chứa ký tự NUL."})
    return problems


def element_properties(element: etree._Element) -> dict[str, str]:
    """The `spiffworkflow:property` items of one element (a task, or the process itself, whose properties
    SpiffWorkflow ignores), read from the XML as deployed."""
    props = {}
    for prop in element.findall("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        if prop.get("name"):
            props[prop.get("name")] = prop.get("value", "")
    return props


process_properties = element_properties


def parameters(properties: dict) -> dict:
    """The version's parameters (`param.<name>`) as a new case's data holds them: an integer when the value
    looks like one."""
    values = {}
    for key, raw in properties.items():
        if key.startswith("param."):
            values[key[len("param."):]] = int(raw) if _integer(raw) else raw
    return values


def _integer(raw: str) -> bool:
    """Written in ASCII digits, with an optional minus: "²" and "٣" are digits to `isdigit()` but not to `int`."""
    digits = raw.strip().lstrip("-")
    return digits.isascii() and digits.isdigit()


_GROUP_TEMPLATE = re.compile(r"^document\.\d+\.template$")  # a step's second document's template


def referenced_files(root: etree._Element) -> set[str]:
    """Every file name the diagram points at: task forms, the start form, message forms, document templates."""
    names = set()
    for prop in root.iter(f"{{{NS['spiffworkflow']}}}property"):
        name, value = prop.get("name", ""), (prop.get("value") or "").strip()
        if value and (name in FORM_PROPERTIES or name in ("startForm", COMPUTED_FIELDS, TEMPLATE) or
                      (name.startswith("message.") and name.endswith(".form")) or _GROUP_TEMPLATE.match(name)):
            names.add(value)
    return names


def load_package(path: Path) -> ProcessPackage:
    """Read a diagram and the files beside it that it names, plus DMN files named after it."""
    content = path.read_bytes()
    package = ProcessPackage(path.name, content)
    root = parse_xml(content, path.name)
    pending = sorted(referenced_files(root))
    while pending:  # forms, then the files their `$ref`s name, then theirs
        name = pending.pop(0)
        candidate = path.parent / name
        if name not in package.files and is_safe_file_name(name) and candidate.is_file():
            package.files[name] = as_package_text(name, candidate.read_bytes())
            pending += sorted(schema_references(package.files[name])) if name.endswith(".json") else []
    for dmn in sorted(path.parent.glob(f"{path.stem}*.dmn")):
        package.files[dmn.name] = dmn.read_bytes()
    return package
