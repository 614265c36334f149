"""What the modeler's script asks the server: the diagram with the forms it edited or created (a JSON body),
the sandbox's verdicts on texts being typed, a form as the staff page renders it, and the preview of a
deployment (problems, difference from the latest version, running cases on older versions)."""
import json
from pathlib import Path

import pytest

from tests.samples import Complaint

KHIEU_NAI = (Path(__file__).resolve().parents[2] / "bpmn" / "khieu_nai.bpmn").read_text(encoding="utf-8")
BASE = "/admin/processes/khieu_nai/versions/1"
NEW_FORM = {"type": "object", "title": "Thẩm định hồ sơ", "properties": {
    "y_kien": {"type": "string", "title": "Ý kiến thẩm định", "maxLength": 2000},
    "so_cmnd": {"type": "string", "title": "Số định danh", "x-confidential": True}}, "required": ["y_kien"]}


def post_json(client, path: str, body):
    token = client.token("/inbox")
    return client.client.post(path, data=json.dumps(body), content_type="application/json",
                              headers={"X-CSRFToken": token})


def with_new_form() -> str:
    """khieu_nai with the reception officer's first task given a new form (a file the modeler created)."""
    return KHIEU_NAI.replace('value="khieu_nai-de_xuat_thu_ly.schema.json"', 'value="khieu_nai-tham_dinh.schema.json"', 1)


def test_a_form_created_in_the_modeler_is_deployed_with_the_diagram(web, api):
    client = web("quan_tri.tinh")
    body = {"bpmn": with_new_form(), "files": {"khieu_nai-tham_dinh.schema.json": json.dumps(NEW_FORM)}}
    response = post_json(client, BASE + "/deploy", body)
    assert response.status_code == 201, response.get_json()
    files = api.as_("quan_tri").get("/api/v1/process-models/khieu_nai").get_json()["versions"][-1]["files"]
    assert "khieu_nai-tham_dinh.schema.json" in files and "khieu_nai-de_xuat_thu_ly.schema.json" in files
    stored = api.as_("quan_tri").get("/api/v1/process-models/khieu_nai/versions/2/files/khieu_nai-tham_dinh.schema.json")
    assert json.loads(stored.get_data(as_text=True)) == NEW_FORM
    missing = post_json(client, BASE + "/validate", {"bpmn": with_new_form()})
    assert missing.get_json()["problems"][0]["message"] == "Thiếu tệp khieu_nai-tham_dinh.schema.json."
    bad = post_json(client, BASE + "/validate", {"bpmn": KHIEU_NAI, "files": {"../x.json": "{}"}})
    assert bad.status_code == 422 and "files" in bad.get_json()["error"]["details"]


def test_the_sandbox_judges_each_text_the_browser_asks_about(web):
    client = web("quan_tri.tinh")
    items = [{"kind": "expression", "text": "x == 1"}, {"kind": "expression", "text": "().__class__"},
             {"kind": "script", "text": "import os"}, {"kind": "timer", "text": "P30D"},
             {"kind": "calendar", "text": "han_cuoi(ngay, 5, 'am_lich')"}]
    answered = post_json(client, "/admin/processes/sandbox-verdicts", {"items": items}).get_json()["items"]
    assert [bool(i["problems"]) for i in answered] == [False, True, True, True, True]
    refused = post_json(client, "/admin/processes/sandbox-verdicts", {"items": [{"kind": "eval", "text": "1"}]})
    assert refused.status_code == 422
    assert post_json(web("chu_tich"), "/admin/processes/sandbox-verdicts", {"items": []}).status_code in (302, 403)


def test_a_form_preview_is_the_staff_pages_rendering(web):
    client = web("quan_tri.tinh")
    token = client.token("/inbox")
    response = client.client.post("/admin/forms/preview", data=json.dumps(NEW_FORM), content_type="application/json",
                                  headers={"X-CSRFToken": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="f-y_kien"' in html and "Ý kiến thẩm định" in html
    assert "<textarea" in html  # maxLength over 500: a text area, as the task page shows it


@pytest.mark.parametrize("form", [
    {"type": "object", "properties": {"a": {"type": "array", "items": 1}}},  # had been a 500
    {"type": "object", "properties": {"a": {"type": "nope"}}},
    {"type": "object", "properties": {"a": {"type": "string", "maxLength": -1}}},
])
def test_a_form_deploy_would_refuse_is_not_previewed_but_refused_saying_why(web, form):
    client = web("quan_tri.tinh")
    response = client.client.post("/admin/forms/preview", data=json.dumps(form), content_type="application/json",
                                  headers={"X-CSRFToken": client.token("/inbox")})
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert response.get_json()["error"]["details"]["schema"]


def test_the_deploy_preview_lists_the_changes_and_the_running_cases_on_older_versions(web, api):
    Complaint(api)
    client = web("quan_tri.tinh")
    renamed = KHIEU_NAI.replace('name="Quyết định thụ lý"', 'name="Quyết định việc thụ lý"')
    preview = post_json(client, BASE + "/preview", {"bpmn": renamed}).get_json()
    assert preview["problems"] == [] and preview["latest_version"] == 1
    assert preview["running"] == {"1": 1} and preview["running_total"] == 1
    assert [r["id"] for r in preview["diff"]["renamed"]] == ["quyet_dinh_thu_ly"]
    broken = renamed.replace("<bpmn:flowNodeRef>quyet_dinh_thu_ly</bpmn:flowNodeRef>", "")
    preview = post_json(client, BASE + "/preview", {"bpmn": broken}).get_json()
    assert [(p.get("rule"), p["element"]) for p in preview["problems"]] == [("danchu/lane-role", "quyet_dinh_thu_ly")]


def test_a_disconnected_task_without_a_form_is_neither_valid_nor_deployed(web, api):
    """The issue's first complaint: such a task had passed "Sơ đồ hợp lệ" and deployed in one click."""
    client = web("quan_tri.tinh")
    drawn = KHIEU_NAI.replace("</bpmn:process>", '<bpmn:userTask id="buoc_moi" name="Bước mới"/></bpmn:process>', 1)
    for action, status in (("/validate", 200), ("/preview", 200), ("/deploy", 422)):
        response = post_json(client, BASE + action, {"bpmn": drawn})
        assert response.status_code == status, (action, response.get_json())
        body = response.get_json()
        problems = body["problems"] if "problems" in body else body["error"]["details"]["problems"]
        found = {(p.get("rule"), p["element"]) for p in problems}
        assert {("danchu/no-disconnected", "buoc_moi"), ("danchu/user-task-form", "buoc_moi")} <= found, action
        assert all(p["message"] for p in problems)
    assert api.as_("quan_tri").get("/api/v1/process-models/khieu_nai").get_json()["latest_version"] == 1


@pytest.mark.parametrize("path, body", [
    (BASE + "/validate", '{"bpmn": "\\ud800"}'),  # valid JSON, no UTF-8 text: had been a 500 encoding it
    (BASE + "/deploy", '{"bpmn": "<x/>", "files": {"khieu_nai-a.schema.json": "\\udc80"}}'),
    ("/admin/processes/sandbox-verdicts", '{"items": [{"kind": "expression", "text": "\\ud800"}]}'),
    ("/admin/forms/preview", '{"type": "object", "properties": {"a\\u0000": {"type": "string"}}}'),
])
def test_text_no_store_can_hold_is_refused_in_the_error_body_and_deploys_nothing(web, api, path, body):
    client = web("quan_tri.tinh")
    response = client.client.post(path, data=body, content_type="application/json",
                                  headers={"X-CSRFToken": client.token("/inbox")})
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert response.get_json()["error"]["code"] == "invalid_input"
    assert response.get_json()["error"]["details"]["body"]
    assert [v["version"] for v in api.as_("quan_tri").get("/api/v1/process-models/khieu_nai").get_json()["versions"]] == [1]


@pytest.mark.parametrize("path", [BASE + "/validate", BASE + "/preview", BASE + "/deploy",
                                  "/admin/processes/sandbox-verdicts", "/admin/forms/preview"])
def test_a_call_without_its_csrf_token_is_refused_in_the_error_body_the_script_reads(web, api, path):
    client = web("quan_tri.tinh")
    response = client.client.post(path, data=json.dumps({"bpmn": KHIEU_NAI}), content_type="application/json")
    assert response.status_code == 403, response.get_data(as_text=True)[:300]
    error = response.get_json()["error"]
    assert error["code"] == "csrf_failed" and error["message"] and error["details"]
    assert [v["version"] for v in api.as_("quan_tri").get("/api/v1/process-models/khieu_nai").get_json()["versions"]] == [1]
