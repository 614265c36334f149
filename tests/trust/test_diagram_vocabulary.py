"""A diagram may contain BPMN, its diagram interchange and danchu's documented `spiffworkflow:` extensions,
nothing else; a decision table DMN 1.3 and its diagram interchange.

The stored XML is served back to browsers: an XHTML `<script>` inside `<bpmn:documentation>`, an SVG element in
the extension elements or an `<?xml-stylesheet?>` would run in danchu's origin for whoever opens it. Each is
refused at deploy (422, nothing stored), naming the element it sits in and the namespace it came from.
"""
import pytest

from tests.deploys import post_package, post_xml, refused
from tests.diagrams import decision_diagram, decision_table, diagram

XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
TASK = '<bpmn:userTask id="buoc_mot" name="Bước một">'


def in_task(xml_inside_task: str) -> bytes:
    return diagram().replace(TASK, TASK + xml_inside_task, 1).encode()


def messages_for(problems, element: str) -> str:
    return " ".join(p["message"] for p in problems if p["element"] == element)


def test_an_xhtml_script_in_documentation_is_refused_naming_the_task_and_the_namespace(api, services):
    xml = in_task(f'<bpmn:documentation><html:script xmlns:html="{XHTML}">alert(document.cookie)</html:script>'
                  '</bpmn:documentation>')
    found = refused(services, lambda: post_xml(api, xml))
    assert XHTML in messages_for(found, "buoc_mot"), found
    assert "alert" not in str(found)


@pytest.mark.parametrize("inside", [
    f'<bpmn:extensionElements><svg:svg xmlns:svg="{SVG}"><svg:script>alert(1)</svg:script></svg:svg>'
    '</bpmn:extensionElements>',
    f'<bpmn:documentation><div xmlns="{XHTML}"><img src="x" onerror="alert(1)"/></div></bpmn:documentation>',
    '<bpmn:extensionElements><x:anything xmlns:x="urn:not-allowed"/></bpmn:extensionElements>',
    '<bpmn:extensionElements><plain-element-without-namespace/></bpmn:extensionElements>',
], ids=["svg", "xhtml_default_namespace", "other_namespace", "no_namespace"])
def test_elements_of_any_other_namespace_are_refused(api, services, inside):
    found = refused(services, lambda: post_xml(api, in_task(inside)))
    assert messages_for(found, "buoc_mot"), found


@pytest.mark.parametrize("attribute", [
    f'html:onclick="alert(1)" xmlns:html="{XHTML}"',
    'xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"',
    'xsi:schemaLocation="http://127.0.0.1:9/x.xsd"',
    'spiffworkflow:scriptsOnInstances="true"',
    'bioc:fill="url(javascript:alert(1))" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0"',
    'bioc:onload="alert(1)" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0"',
], ids=["xhtml", "xlink", "xsi_other_than_type", "spiffworkflow", "colour_value", "colour_name"])
def test_qualified_attributes_other_than_xsi_type_and_colours_are_refused(api, services, attribute):
    xml = diagram().replace(TASK, f'<bpmn:userTask id="buoc_mot" name="Bước một" {attribute}>', 1).encode()
    assert messages_for(refused(services, lambda: post_xml(api, xml)), "buoc_mot")


def test_a_processing_instruction_anywhere_is_refused(api, services):
    stylesheet = diagram().replace("?>", '?><?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/x.xsl"?>', 1)
    found = refused(services, lambda: post_xml(api, stylesheet.encode()))
    assert any("xml-stylesheet" in p["message"] for p in found), found
    found = refused(services, lambda: post_xml(api, in_task('<?php echo 1; ?>')))
    assert "php" in messages_for(found, "buoc_mot"), found


@pytest.mark.parametrize("inside, named", [
    ("<bpmn:userTsk id='x'/>", "userTsk"),
    ("<bpmn:extensionElements><spiffworkflow:unitTests/></bpmn:extensionElements>", "unitTests"),
    ("<bpmn:extensionElements><spiffworkflow:messagePayload>x</spiffworkflow:messagePayload>"
     "</bpmn:extensionElements>", "messagePayload"),
    ("<bpmn:documentation>Hướng dẫn <bpmn:script>x = 1</bpmn:script></bpmn:documentation>", "documentation"),
], ids=["unknown_bpmn", "spiff_unit_tests", "spiff_message_payload", "documentation_child"])
def test_known_namespaces_allow_only_their_own_elements_and_documentation_is_plain_text(api, services, inside,
                                                                                         named):
    assert named in messages_for(refused(services, lambda: post_xml(api, in_task(inside))), "buoc_mot")


def test_a_decision_table_may_hold_only_dmn(api, services):
    dmn = decision_table().replace('<decision id="muc_do" name="Mức độ">',
                                   f'<decision id="muc_do" name="Mức độ"><description>Bảng <h:b xmlns:h="{XHTML}">'
                                   'đậm</h:b></description>', 1)
    found = refused(services, lambda: post_package(api, decision_diagram().encode(),
                                                   {"thu_nghiem_dmn.dmn": dmn.encode()}, pid="thu_nghiem_dmn"))
    assert XHTML in messages_for(found, "muc_do"), found


def test_a_thousand_foreign_elements_give_a_short_list(api, services):
    many = "".join(f'<x:e{i} xmlns:x="urn:x"/>' for i in range(1000))
    xml = in_task(f"<bpmn:extensionElements>{many}</bpmn:extensionElements>")
    found = refused(services, lambda: post_package(api, xml, {}))
    assert len(found) <= 21, len(found)
    assert "980" in found[-1]["message"], found[-1]


COLOURED = diagram().replace(
    "xmlns:spiffworkflow=", 'xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" '
    'xmlns:color="http://www.omg.org/spec/BPMN/non-normative/color/1.0" xmlns:spiffworkflow=', 1)


def test_the_colours_bpmn_js_writes_are_accepted_and_comments_are_kept(api):
    """bpmn-js writes colours as `bioc:` and `color:` attributes on the shapes; comments are text to no one."""
    shape = ('<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="thu_nghiem">'
             '<bpmndi:BPMNShape id="s" bpmnElement="buoc_mot" bioc:stroke="#0d4372" bioc:fill="#bbdefb" '
             'color:background-color="#bbdefb" color:border-color="rgb(13, 67, 114)">'
             '<dc:Bounds x="100" y="80" width="100" height="80"/>'
             '<bpmndi:BPMNLabel color:color="black"/></bpmndi:BPMNShape>'
             '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>')
    xml = COLOURED.replace("</bpmn:process>", "</bpmn:process><!-- vẽ bằng bpmn-js -->" + shape, 1)
    response = post_package(api, xml.encode(), {})
    assert response.status_code == 201, response.get_json()
    stored = api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem/versions/1/bpmn").get_data(as_text=True)
    assert 'bioc:fill="#bbdefb"' in stored and "<!-- vẽ bằng bpmn-js -->" in stored
