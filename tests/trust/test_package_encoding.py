"""Every file of a process package is UTF-8 text, and no diagram carries a DTD, whatever its encoding.

The DOCTYPE refusal had been a byte search for `<!DOCTYPE`: a UTF-16 diagram carried one past it, and the
parser expanded the internal entities it declared into attribute values (a task's name). A diagram or a form
in any encoding but UTF-8 then failed when stored as text, a 500. Each refusal below is a 422 through the
deploy route that stores nothing.
"""
import pytest

from tests.deploys import post_package, post_xml, refused
from tests.diagrams import FORM, decision_diagram, decision_table, diagram

FORM_NAME = "thu_nghiem-buoc_mot.schema.json"
UTF8_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def declared(xml: str, encoding: str, doctype: str = "") -> str:
    return xml.replace(UTF8_DECLARATION, f'<?xml version="1.0" encoding="{encoding}"?>{doctype}', 1)


ENTITY = '<!DOCTYPE bpmn:definitions [<!ENTITY x "Bước đã mở rộng">]>'
WITH_ENTITY = diagram(task_name="&x;")


def only_utf8(problems, name: str) -> None:
    assert any(p["element"] == name and "UTF-8" in p["message"] for p in problems), problems


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32"])
def test_a_diagram_in_another_encoding_is_refused(api, services, codec):
    content = declared(diagram(), codec.upper().replace("-LE", "LE")).encode(codec)
    only_utf8(refused(services, lambda: post_xml(api, content)), "diagram.bpmn")
    only_utf8(refused(services, lambda: post_package(api, content, {})), "thu_nghiem.bpmn")


def test_a_utf16_diagram_cannot_carry_a_dtd_and_its_entities_past_the_check(api, services):
    content = declared(WITH_ENTITY, "UTF-16", ENTITY).encode("utf-16")
    found = refused(services, lambda: post_xml(api, content))
    assert "Bước đã mở rộng" not in str(found)


@pytest.mark.parametrize("doctype", [
    ENTITY,
    '<!DOCTYPE bpmn:definitions SYSTEM "http://127.0.0.1:9/x.dtd">',
    "<!DOCTYPE bpmn:definitions>",
])
def test_a_utf8_diagram_with_a_dtd_is_refused_by_the_parser(api, services, doctype):
    content = declared(WITH_ENTITY if "ENTITY" in doctype else diagram(), "UTF-8", doctype).encode()
    found = refused(services, lambda: post_xml(api, content))
    assert any("DOCTYPE" in p["message"] for p in found), found
    assert "Bước đã mở rộng" not in str(found)


def test_a_diagram_declaring_another_encoding_is_refused_even_when_its_bytes_are_ascii(api, services):
    ascii_only = diagram(task_name="Buoc mot").replace("Quy trình thử nghiệm", "Quy trinh thu nghiem")
    content = declared(ascii_only, "ISO-8859-1").encode("ascii")
    only_utf8(refused(services, lambda: post_xml(api, content)), "diagram.bpmn")
    latin = declared(diagram(task_name="Bước một"), "windows-1258").encode("windows-1258", errors="replace")
    only_utf8(refused(services, lambda: post_xml(api, latin)), "diagram.bpmn")


def test_a_form_in_utf16_is_refused(api, services):
    """`json.loads` reads UTF-16 bytes: the form would pass every check and fail when stored."""
    content = diagram(form=FORM_NAME).encode()
    only_utf8(refused(services, lambda: post_package(api, content, {FORM_NAME: FORM.encode("utf-16")})), FORM_NAME)


def test_a_decision_table_in_utf16_is_refused(api, services):
    dmn = declared(decision_table(), "UTF-16").encode("utf-16")
    found = refused(services, lambda: post_package(api, decision_diagram().encode(), {"thu_nghiem_dmn.dmn": dmn},
                                                    pid="thu_nghiem_dmn"))
    only_utf8(found, "thu_nghiem_dmn.dmn")


@pytest.mark.parametrize("content", ["Ghi chú bằng tiếng Việt".encode("windows-1258", errors="replace") + b"\xff",
                                     b"ghi chu\x00"], ids=["not_utf8", "nul"])
def test_any_other_file_of_the_package_must_be_utf8_text_without_nul(api, services, content):
    files = {FORM_NAME: FORM.encode(), "ghi_chu.txt": content}
    found = refused(services, lambda: post_package(api, diagram(form=FORM_NAME).encode(), files))
    assert [p["element"] for p in found] == ["ghi_chu.txt"], found


def test_a_form_with_a_byte_order_mark_is_refused_as_it_could_not_be_read_back(api, services):
    found = refused(services, lambda: post_package(api, diagram(form=FORM_NAME).encode(),
                                                   {FORM_NAME: b"\xef\xbb\xbf" + FORM.encode()}))
    assert found[0]["element"] == "buoc_mot", found


def test_a_utf8_diagram_with_a_byte_order_mark_deploys_and_runs(api):
    response = post_package(api, b"\xef\xbb\xbf" + diagram(form=FORM_NAME).encode(), {FORM_NAME: FORM.encode()})
    assert response.status_code == 201, response.get_json()
    case = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    assert case.status_code == 201, case.get_json()
    task = case.get_json()["tasks"][0]["id"]
    done = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": {"dong_y": True}})
    assert done.status_code == 200, done.get_json()
