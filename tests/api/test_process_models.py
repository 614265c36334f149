"""Deploying diagrams through the API: versions, validation problems listed all at once, and safety."""

import pytest

from tests.deploys import deploy, deploy_multipart, problems
from tests.diagrams import FORM, decision_diagram, decision_table, diagram


def test_library_is_deployed_and_listed(api):
    body = api.as_("tiep_cong_dan").get("/api/v1/process-models").get_json()
    ids = [m["id"] for m in body["items"]]
    assert "khieu_nai" in ids
    model = next(m for m in body["items"] if m["id"] == "khieu_nai")
    assert model["name"] == "Giải quyết khiếu nại lần đầu"
    assert model["latest_version"] == 1
    assert model["start_roles"] == ["tiep_cong_dan"]


def test_administrator_deploys_new_versions_and_identical_content_changes_nothing(api):
    first = deploy(api, diagram())
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["version"]["version"] == 1
    again = deploy(api, diagram())
    assert again.status_code == 200
    assert again.get_json() == {**first.get_json(), "created": False}
    second = deploy(api, diagram(task_name="Bước một (sửa)"))
    assert second.status_code == 201
    assert second.get_json()["version"]["version"] == 2
    model = api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem").get_json()
    assert [v["version"] for v in model["versions"]] == [1, 2]
    assert model["versions"][0]["deployed_by"] == "quan_tri.tinh"
    assert len(model["versions"][0]["sha256"]) == 64
    xml = api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem/versions/1/bpmn")
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    assert "Bước một" in xml.get_data(as_text=True) and "(sửa)" not in xml.get_data(as_text=True)


def test_running_case_keeps_its_version_when_a_new_one_is_deployed(api):
    deploy(api, diagram())
    started = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    assert started.status_code == 201, started.get_json()
    deploy(api, diagram(task_name="Bước mới"))
    newer = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    old = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{started.get_json()['id']}").get_json()
    assert (old["version"], newer["version"]) == (1, 2)
    assert old["tasks"][0]["title"] == "Bước một" and newer["tasks"][0]["title"] == "Bước mới"
    task = old["tasks"][0]["id"]
    done = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": {}})
    assert done.status_code == 200
    assert api.as_("tiep_cong_dan").get(f"/api/v1/instances/{old['id']}").get_json()["status"] == "completed"


def test_multipart_upload_with_form_files(api):
    response = deploy_multipart(api, diagram(form="thu_nghiem-buoc_mot.schema.json"),
                                {"thu_nghiem-buoc_mot.schema.json": FORM})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["version"]["files"] == ["thu_nghiem-buoc_mot.schema.json"]


def test_only_administrators_deploy(api):
    response = deploy(api, diagram(), user="chu_tich")
    assert response.status_code == 403
    assert api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem").status_code == 404


def test_every_problem_is_listed_at_once(api):
    xml = diagram(lane="khong_co_vai_tro", form="thieu.schema.json", condition="__import__('os')",
                  timer="P30D", script="import os")
    found = problems(deploy(api, xml))
    by_element = {}
    for problem in found:
        by_element.setdefault(problem["element"], []).append(problem["message"])
    assert "buoc_mot" in by_element  # unknown lane and missing form
    assert len(by_element["buoc_mot"]) >= 2
    assert "f_cond" in by_element
    assert "hen_gio" in by_element and any("quote" in m.lower() or "nháy" in m for m in by_element["hen_gio"])
    assert "kich_ban" in by_element
    assert api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem").status_code == 404


@pytest.mark.parametrize("xml, element", [
    (diagram(lane=None), "buoc_mot"),
    (diagram(form="thu_nghiem-buoc_mot.schema.json"), "buoc_mot"),
    (diagram(condition="ket_qua ==="), "f_cond"),
    (diagram(condition="().__class__.__base__.__subclasses__()"), "f_cond"),
    (diagram(timer="PT1H"), "hen_gio"),
    (diagram(script="__import__('os').system('id')"), "kich_ban"),
    (diagram(task_props='<spiffworkflow:property name="deadlineKind" value="sometimes"/>'), "buoc_mot"),
    (diagram(task_props='<spiffworkflow:property name="deadlineKind" value="loai_ngay"/>',
             process_props='<spiffworkflow:property name="param.loai_ngay" value="sometimes"/>'), "buoc_mot"),
    (diagram(process_props='<spiffworkflow:property name="startRoles" value="vua"/>'), "thu_nghiem"),
])
def test_invalid_diagram_is_refused_naming_the_element(api, xml, element):
    assert element in [p["element"] for p in problems(deploy(api, xml))]


def test_invalid_form_schema_is_refused(api):
    bad = '{"type": "object", "properties": {"x": {"type": "no-such-type"}}}'
    found = problems(deploy_multipart(api, diagram(form="thu_nghiem-buoc_mot.schema.json"),
                                      {"thu_nghiem-buoc_mot.schema.json": bad}))
    assert found[0]["element"] == "buoc_mot"


def test_diagram_without_executable_process_is_refused(api):
    xml = diagram().replace('isExecutable="true"', 'isExecutable="false"')
    assert problems(deploy(api, xml))


def test_process_id_must_match_the_url(api):
    response = deploy(api, diagram(), pid="khieu_nai")
    assert problems(response)[0]["message"].startswith("Mã quy trình")
    assert api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem").status_code == 404


@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;</bpmn:definitions>',
    "<bpmn:definitions",
    "",
])
def test_hostile_or_broken_xml_is_refused(api, xml):
    assert problems(deploy(api, xml))


def test_oversized_upload_is_refused_with_413(api):
    xml = diagram().replace("</bpmn:definitions>", "<!--" + "x" * (3 * 1024 * 1024) + "--></bpmn:definitions>")
    response = deploy(api, xml)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_wrong_content_type_is_refused_with_415(api):
    response = api.as_("quan_tri").post("/api/v1/process-models/thu_nghiem/versions", json={"x": 1})
    assert response.status_code == 415
    assert set(response.get_json()["error"]) == {"code", "message", "details"}


def test_path_traversal_in_form_file_names_is_refused(api):
    response = deploy_multipart(api, diagram(form="../../etc/passwd"), {"../../etc/passwd": FORM})
    assert response.status_code == 422
    assert api.as_("quan_tri").get("/api/v1/process-models/thu_nghiem").status_code == 404


START_FORM = '{"type": "object", "properties": {"so_ho": {"type": "integer", "title": "Số hộ"}}}'


def deploy_decision(api, dmn: str):
    xml = decision_diagram().replace(
        '<bpmn:laneSet', '<bpmn:extensionElements><spiffworkflow:properties><spiffworkflow:property '
        'name="startForm" value="thu_nghiem_dmn-bat_dau.schema.json"/></spiffworkflow:properties>'
        '</bpmn:extensionElements><bpmn:laneSet', 1)
    return deploy_multipart(api, xml, {"thu_nghiem_dmn.dmn": dmn, "thu_nghiem_dmn-bat_dau.schema.json": START_FORM},
                            pid="thu_nghiem_dmn")


@pytest.mark.parametrize("so_ho, muc", [(12, "cao"), (3, "thap")])
def test_decision_table_runs_in_the_restricted_evaluator(api, so_ho, muc):
    assert deploy_decision(api, decision_table()).status_code == 201
    case = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": "thu_nghiem_dmn",
                                                                "data": {"so_ho": so_ho}})
    assert case.status_code == 201, case.get_json()
    assert case.get_json()["data"]["muc"] == muc


@pytest.mark.parametrize("cell, output", [
    ("__import__('os').system('id')", "'cao'"),
    ("&gt;= 10", "().__class__.__base__.__subclasses__()"),
    ("? &gt; open('/etc/passwd')", "'cao'"),
])
def test_decision_table_cells_that_escape_are_refused(api, cell, output):
    found = problems(deploy_decision(api, decision_table(cell, output)))
    assert any(p["message"].startswith("DMN") for p in found)


def test_a_diagram_failing_at_run_time_marks_the_case_error_and_keeps_the_task(api):
    assert deploy(api, diagram(script="ket_qua = 1 / 0")).status_code == 201
    case = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    task = case["tasks"][0]["id"]
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": {}})
    error = response.get_json()["error"]
    assert response.status_code == 409 and error["code"] == "process_fault"
    detail = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case['id']}").get_json()
    assert detail["status"] == "error"
    assert [t["status"] for t in detail["tasks"]] == ["ready"]
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case['id']}/history").get_json()["items"]
    assert history[-1]["action"] == "error"
    assert history[-1]["data"] == {"element": "kich_ban", "kind": "ZeroDivisionError"}
    again = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": {}})
    assert again.status_code == 409


def test_a_diagram_failing_before_its_first_task_opens_no_case(api):
    xml = diagram(script="ket_qua = khong_co_bien + 1")
    # move the script before the user task: start -> script -> task -> end
    xml = (xml.replace('sourceRef="bat_dau" targetRef="buoc_mot"', 'sourceRef="bat_dau" targetRef="kich_ban"')
              .replace('sourceRef="buoc_mot" targetRef="kich_ban"', 'sourceRef="kich_ban" targetRef="buoc_mot"')
              .replace('sourceRef="kich_ban" targetRef="ket_thuc"', 'sourceRef="buoc_mot" targetRef="ket_thuc"'))
    assert deploy(api, xml).status_code == 201
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "process_fault"
    assert api.as_("tiep_cong_dan").get("/api/v1/instances?process_model=thu_nghiem").get_json()["total"] == 0


def test_a_parameter_written_in_other_digits_is_kept_as_text_not_a_server_error(api):
    """"²" and "٣" are digits to Python's isdigit() but int() refuses them: such a value stays a text."""
    props = ('<spiffworkflow:property name="param.so_ngay" value="²"/>'
             '<spiffworkflow:property name="param.so_ngay_khac" value="-12"/>')
    response = deploy(api, diagram(process_props=props))
    assert response.status_code == 201, response.get_json()
    opened = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem", "data": {}})
    assert opened.status_code == 201, opened.get_json()
    data = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{opened.get_json()['id']}").get_json()["data"]
    assert (data["so_ngay"], data["so_ngay_khac"]) == ("²", -12)
