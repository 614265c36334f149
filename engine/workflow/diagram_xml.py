"""A diagram's XML, read as untrusted input, and the names the BPMN and DMN standards define.

Every diagram, form package and DMN table a designer deploys is parsed here before anything else looks at
it, and so are the stored versions read back for a diff or a case's path: libxml2's defaults would load a
DTD and expand entities (a billion laughs, a file read through an external entity). Modules that only read
the XML (deploy checks, version diffs, a case's path) take it from here without touching the workflow
library's run machinery.
"""
from __future__ import annotations

import functools
from importlib import resources

from lxml import etree

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}
XSD_NS = "http://www.w3.org/2001/XMLSchema"


class DiagramError(Exception):
    """A diagram SpiffWorkflow cannot read; `problems` lists `{element, message}`."""

    def __init__(self, problems: list[dict]):
        super().__init__("; ".join(p["message"] for p in problems))
        self.problems = problems


_UNTRUSTED = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


class _RefuseDoctype:
    """A parser target that stops the parse at a document type declaration, before its internal subset."""

    def doctype(self, name, public_id, system_url):
        raise _DoctypeFound()

    def close(self):
        return None


class _DoctypeFound(Exception):
    pass


def parse_xml(content: bytes, filename: str) -> etree._Element:
    """Parse untrusted XML as UTF-8: no DTD, no entities, no network.

    A first pass hands the bytes to libxml2 with a target that only listens for a DOCTYPE: libxml2 reports one
    as soon as it has read its name, before any entity of the internal subset is declared, so no entity is ever
    expanded (lxml expands internal entities in attribute values even with `resolve_entities=False`). That
    pass costs less than building the tree. The encoding is fixed to UTF-8, the only one a version is stored
    in (deploy refuses any other: `process_package.encoding_problems`); a search for the bytes `<!DOCTYPE`
    had missed a UTF-16 diagram.
    """
    message = None
    try:
        etree.fromstring(content, etree.XMLParser(target=_RefuseDoctype(), encoding="utf-8", **_UNTRUSTED))
        root = etree.fromstring(content, etree.XMLParser(encoding="utf-8", **_UNTRUSTED))
    except _DoctypeFound:
        message = "Tệp XML không được chứa DOCTYPE (DTD, ENTITY)."
    except etree.XMLSyntaxError as exc:
        message = f"XML không hợp lệ: {exc.msg}"
    else:
        if root is None:
            message = "Tệp XML rỗng."
        elif root.getroottree().docinfo.doctype:  # the first pass stops every DOCTYPE: never reached
            message = "Tệp XML không được chứa DOCTYPE (DTD, ENTITY)."
    if message is not None:
        raise DiagramError([{"element": filename, "message": message}])
    return root


@functools.cache
def standard_element_names() -> dict[str, frozenset[str]]:
    """The element names each standard namespace defines (BPMN 2.0 with its DI, DC and DI; DMN with DMNDI,
    DC and DI), read once from the XML Schemas SpiffWorkflow ships, so the list is the standard's own."""
    names: dict[str, set[str]] = {}
    parser = etree.XMLParser(**_UNTRUSTED)
    for package in ("SpiffWorkflow.bpmn.parser", "SpiffWorkflow.dmn.parser"):
        for xsd in sorted(resources.files(package).joinpath("schema").iterdir(), key=lambda p: p.name):
            if xsd.name.endswith(".xsd"):
                schema = etree.fromstring(xsd.read_bytes(), parser)
                declared = {e.get("name") for e in schema.iter(f"{{{XSD_NS}}}element") if e.get("name")}
                names.setdefault(schema.get("targetNamespace"), set()).update(declared)
    return {namespace: frozenset(found) for namespace, found in names.items()}
