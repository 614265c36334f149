"""What a deployed diagram may contain: an allow-list of namespaces, elements and attributes.

A version's XML is stored as deployed and served back to browsers (the modeler, the API's `/bpmn` route). An
element of another namespace is not inert there: an XHTML `<script>` inside `<bpmn:documentation>`, an SVG
element among the extension elements or an `<?xml-stylesheet?>` instruction runs in danchu's origin for
whoever opens the file. A block-list of `<script>` misses the next trick (an `onerror`, an `<iframe>`, an XSLT),
so everything not listed here is refused at deploy:

- elements of BPMN 2.0 and its diagram interchange (BPMNDI, DC, DI), by the names the standard's XML Schemas
  define (a misspelt `bpmn:userTsk`, which SpiffWorkflow would silently skip, is refused too), and the
  `spiffworkflow:` extensions danchu documents (docs/bpmn-conventions.md); for decision tables, DMN 1.3 with
  DMNDI, DC and DI;
- unqualified attributes, `xsi:type`, and the colours bpmn-js writes on shapes (`bioc:stroke`, `bioc:fill`,
  `color:background-color`, `color:border-color`, `color:color`) when their value is a colour;
- `documentation`, `text` and `description` hold plain text only; no processing instruction anywhere.
Comments are kept: nothing renders them.
"""
from __future__ import annotations

import re

from lxml import etree

from ..workflow.diagram_xml import BPMN_NS, SPIFF_NS, standard_element_names

BPMN_DI = "http://www.omg.org/spec/BPMN/20100524/DI"
DD_DC = "http://www.omg.org/spec/DD/20100524/DC"
DD_DI = "http://www.omg.org/spec/DD/20100524/DI"
DMN_MODEL = "https://www.omg.org/spec/DMN/20191111/MODEL/"
DMN_DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/"
DMN_DC = "http://www.omg.org/spec/DMN/20180521/DC/"
DMN_DI = "http://www.omg.org/spec/DMN/20180521/DI/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"

SPIFF_ELEMENTS = frozenset({
    "properties", "property", "instructionsForEndUser", "preScript", "postScript", "serviceTaskOperator",
    "parameters", "parameter", "messageVariable", "calledDecisionId",
})
COLOUR_ATTRIBUTES = frozenset({(BIOC, "stroke"), (BIOC, "fill"), (COLOR, "background-color"),
                               (COLOR, "border-color"), (COLOR, "color")})
COLOUR = re.compile(r"^(#[0-9A-Fa-f]{3,8}|[A-Za-z]{1,30}|rgba?\(\s*[0-9.%]+(\s*,\s*[0-9.%]+){2,3}\s*\))$")
PLAIN_TEXT = frozenset({(BPMN_NS, "documentation"), (BPMN_NS, "text"), (DMN_MODEL, "description"),
                        (DMN_MODEL, "text")})
LISTED = 20  # problems listed per file; a file of foreign content says how many more


def diagram_problems(root: etree._Element, filename: str) -> list[dict]:
    """Everything in a BPMN diagram outside the allow-list, as `{element, message}` problems."""
    names = standard_element_names()
    allowed = {ns: names[ns] for ns in (BPMN_NS, BPMN_DI, DD_DC, DD_DI)}
    return _problems(root, filename, {**allowed, SPIFF_NS: SPIFF_ELEMENTS})


def decision_table_problems(root: etree._Element, filename: str) -> list[dict]:
    """Everything in a DMN file outside DMN 1.3 and its diagram interchange."""
    names = standard_element_names()
    return _problems(root, filename, {ns: names[ns] for ns in (DMN_MODEL, DMN_DMNDI, DMN_DC, DMN_DI)})


def _problems(root, filename: str, vocabulary: dict[str, frozenset[str]]) -> list[dict]:
    problems = []
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]
    problems += [_problem(filename, _instruction(node)) for node in outside if _is_instruction(node)]
    pending = [(root, filename)]
    while pending:
        node, owner = pending.pop()
        if _is_instruction(node):
            problems.append(_problem(owner, _instruction(node)))
            continue
        if not isinstance(node.tag, str):  # a comment
            continue
        message = _element_message(node, vocabulary)
        if message is not None:
            problems.append(_problem(owner, message))
            continue  # what a refused element holds is refused with it
        owner = node.get("id") or owner
        problems += [_problem(owner, message) for message in _attribute_messages(node)]
        if _is_plain_text(node) and any(isinstance(child.tag, str) for child in node):
            problems.append(_problem(owner, f"<{etree.QName(node).localname}> chỉ được chứa văn bản thuần, "
                                            "không chứa phần tử con."))
        pending.extend((child, owner) for child in reversed(node))
    if len(problems) > LISTED:
        problems = problems[:LISTED] + [_problem(filename, f"… và {len(problems) - LISTED} lỗi khác.")]
    return problems


def _element_message(node, vocabulary) -> str | None:
    name = etree.QName(node)
    local = name.localname[:80]
    if name.namespace is None:
        return f"Phần tử <{local}> không thuộc không gian tên nào: không được phép trong tệp."
    if name.namespace not in vocabulary:
        return f"Phần tử <{local}> thuộc không gian tên {name.namespace[:120]} không được phép trong tệp."
    if name.localname not in vocabulary[name.namespace]:
        if name.namespace == SPIFF_NS:
            return (f"Phần mở rộng spiffworkflow:{local} không được danchu hỗ trợ "
                    "(xem docs/bpmn-conventions.md).")
        return f"Phần tử <{local}> không có trong lược đồ của không gian tên {name.namespace}."
    return None


def _attribute_messages(node):
    for key, value in node.attrib.items():
        name = etree.QName(key)
        if name.namespace is None or (name.namespace, name.localname) == (XSI, "type"):
            continue
        label = f"{name.localname[:80]} ({name.namespace[:120]})"
        if (name.namespace, name.localname) not in COLOUR_ATTRIBUTES:
            yield f"Thuộc tính {label} không được phép trong tệp."
        elif not COLOUR.match(value):
            yield f"Thuộc tính màu {label} phải là một màu (#rrggbb, rgb(...) hoặc tên màu)."


def _is_plain_text(node) -> bool:
    name = etree.QName(node)
    return (name.namespace, name.localname) in PLAIN_TEXT


def _is_instruction(node) -> bool:
    return isinstance(node, etree._ProcessingInstruction)


def _instruction(node) -> str:
    return f"Tệp không được chứa chỉ thị xử lý <?{str(node.target)[:80]} ...?>."


def _problem(element: str, message: str) -> dict:
    return {"element": element, "message": message}
