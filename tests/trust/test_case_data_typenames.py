"""Case data that SpiffWorkflow's serializer could mistake for one of its own objects: any dict with a
`typename` key (`{"typename": "nope"}`, `{"typename": "BpmnWorkflow"}`, a `datetime` look-alike), written by
a script, a form or a message, is stored as data and read back as data. A case whose stored state cannot
be restored at all answers 409 `case_unreadable`, and the case list and the public board keep working."""
import io
import json
import re

import pytest

from tests.diagrams import HEADER, confirm_task, named_forms
from tests.samples import INTAKE, PORTAL_LETTER, PROPOSAL, Complaint
from tests.trust.helpers import sql

PID = "thu_nghiem_typename"
POISON = {
    "unknown": {"typename": "nope"},
    "workflow": {"typename": "BpmnWorkflow"},
    "task": [{"typename": "Task", "id": "x"}],
    "datetime": {"typename": "datetime", "value": "2026-01-01T00:00:00"},
    "uuid": {"typename": "UUID", "value": "not-a-uuid"},
    "escape": {"typename": "danchu:data", "items": {"a": 1}},
    "nested": {"a": {"b": [{"typename": "timedelta", "days": 1, "seconds": 0}]}},
    "unhashable": {"typename": ["BpmnWorkflow"]},
}
SCRIPT = "\n".join(f"p_{name} = {value!r}" for name, value in POISON.items()) + "\ntypename = 'nope'"
FORM = json.dumps({"type": "object", "title": "Mở hồ sơ", "properties": {
    "tieu_de": {"type": "string", "title": "Tiêu đề", "maxLength": 200},
    "chi_tiet": {"type": "object", "title": "Chi tiết"}}})


def poisoned_diagram() -> str:
    """Start → a script that sets every poison → a user task of the reception lane → end; on the board."""
    props = "".join(f'<spiffworkflow:property name="{k}" value="{v}"/>' for k, v in [
        ("businessKeyPrefix", "TND"), ("startForm", "tnd.schema.json"), ("startRoles", "tiep_cong_dan"),
        ("cancelRoles", "chu_tich"), ("publicBoard", "true"), ("publicFields", "tieu_de")])
    script = SCRIPT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (HEADER.format(pid=PID) +
            f'<bpmn:process id="{PID}" name="Thử nghiệm typename" isExecutable="true">'
            f'<bpmn:extensionElements><spiffworkflow:properties>{props}</spiffworkflow:properties>'
            '</bpmn:extensionElements>'
            '<bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="tiep_cong_dan">'
            '<bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>gan</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>xem</bpmn:flowNodeRef><bpmn:flowNodeRef>ket_thuc</bpmn:flowNodeRef>'
            '</bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>'
            f'<bpmn:scriptTask id="gan" name="Gán"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>'
            + confirm_task("xem", "Xem") +
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="gan"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="gan" targetRef="xem"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="xem" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")


def deploy(api):
    data = {"bpmn": (io.BytesIO(poisoned_diagram().encode()), f"{PID}.bpmn"),
            "files": [(io.BytesIO(FORM.encode()), "tnd.schema.json"),
                      *[(io.BytesIO(c.encode()), n) for n, c in named_forms(poisoned_diagram()).items()]]}
    response = api.as_("quan_tri.tinh").post(f"/api/v1/process-models/{PID}/versions", data=data,
                                             content_type="multipart/form-data")
    assert response.status_code == 201, response.get_json()


def open_case(api, chi_tiet=None):
    data = {"tieu_de": "Bảng tin vẫn đọc được", **({"chi_tiet": chi_tiet} if chi_tiet is not None else {})}
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": PID, "data": data})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def expected_data():
    return {**{f"p_{name}": value for name, value in POISON.items()}, "typename": "nope"}


def test_a_script_storing_typename_dicts_leaves_the_case_readable_and_cancellable(api, client):
    deploy(api)
    case = open_case(api)
    read = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case['id']}")
    assert read.status_code == 200, read.get_json()
    data = read.get_json()["data"]
    assert {k: data[k] for k in expected_data()} == expected_data()  # read back as data, not as objects
    board = client.get("/cong-dan/cong-khai")
    assert board.status_code == 200 and "Bảng tin vẫn đọc được" in board.get_data(as_text=True)
    listed = api.as_("tiep_cong_dan").get(f"/api/v1/instances?process_model={PID}")
    assert listed.status_code == 200 and listed.get_json()["total"] == 1
    message = api.as_("chu_tich").post(f"/api/v1/instances/{case['id']}/messages", json={"name": "rut_don"})
    assert message.status_code == 422, message.get_json()  # restored, then refused: no such message here
    cancelled = api.as_("chu_tich").post(f"/api/v1/instances/{case['id']}/cancel", json={"reason": "thử"})
    assert cancelled.status_code == 200, cancelled.get_json()
    assert cancelled.get_json()["status"] == "cancelled"


def test_a_task_of_a_case_holding_typename_dicts_completes(api):
    deploy(api)
    case = open_case(api)
    task = next(t for t in case["tasks"] if t["status"] == "ready")
    user = api.as_("tiep_cong_dan")
    assert user.get(f"/api/v1/tasks/{task['id']}").status_code == 200
    assert user.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    done = user.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {}})
    assert done.status_code == 200, done.get_json()
    ended = user.get(f"/api/v1/instances/{case['id']}").get_json()
    assert ended["status"] == "completed"
    assert {k: ended["data"][k] for k in expected_data()} == expected_data()


@pytest.mark.parametrize("value", [{"typename": "nope"}, {"typename": "BpmnWorkflow"},
                                   {"typename": "datetime", "value": "2026-01-01T00:00:00"},
                                   {"x": [{"typename": "Task"}]}])
def test_a_form_value_with_a_typename_key_is_kept_as_data(api, value):
    deploy(api)
    case = open_case(api, chi_tiet=value)
    read = api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}")
    assert read.status_code == 200, read.get_json()
    assert read.get_json()["data"]["chi_tiet"] == value


def test_a_case_whose_state_cannot_be_restored_answers_409_and_the_lists_and_board_still_work(
        api, services, client):
    deploy(api)
    broken, fine = open_case(api), open_case(api)
    sql(services, "UPDATE instances SET state = :state WHERE id = :id", id=broken["id"],
        state='{"serializer_version": "1.5", "typename": "BpmnWorkflow", "data": {}}')
    task_id = broken["tasks"][0]["id"]
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/claim").status_code == 200  # rows only
    for user, method, path, body in [
            ("tiep_cong_dan", "get", f"/api/v1/instances/{broken['id']}", None),
            ("chu_tich", "post", f"/api/v1/instances/{broken['id']}/cancel", {"reason": "hỏng"}),
            ("tiep_cong_dan", "post", f"/api/v1/tasks/{task_id}/complete", {"data": {}})]:
        response = getattr(api.as_(user), method)(path, **({"json": body} if body is not None else {}))
        assert response.status_code == 409, (path, response.get_json())
        assert response.get_json()["error"]["code"] == "case_unreadable"
    listed = api.as_("tiep_cong_dan").get(f"/api/v1/instances?process_model={PID}")
    assert listed.status_code == 200 and listed.get_json()["total"] == 2
    assert api.as_("tiep_cong_dan").get("/api/v1/tasks").status_code == 200
    assert api.as_("tiep_cong_dan").get(f"/api/v1/instances/{fine['id']}").status_code == 200
    board = client.get("/cong-dan/cong-khai")
    assert board.status_code == 200 and "Bảng tin vẫn đọc được" in board.get_data(as_text=True)


def test_a_case_stored_before_escaping_with_an_unknown_typename_is_read_as_data(api, services):
    """States written before this release hold such dicts as they were: an unknown type name is data, and
    the case is written in the escaping format at its next step."""
    case = Complaint(api)
    state = json.loads(sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).scalar())
    assert state.pop("danchu_data_format") == 3
    root = next(t for t in state["tasks"].values() if t["parent"] is None)
    old = {"typename": "nope", "a": [{"typename": "khong_co"}, {"typename": ["x"]}]}
    root["data"]["cu"] = old
    sql(services, "UPDATE instances SET state = :state WHERE id = :id", id=case.id, state=json.dumps(state))
    read = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}")
    assert read.status_code == 200, read.get_json()
    assert read.get_json()["data"]["cu"] == old
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    state = json.loads(sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).scalar())
    assert state["danchu_data_format"] == 3 and '"typename": "danchu:data"' in json.dumps(state)
    assert api.as_("chu_tich").get(f"/api/v1/instances/{case.id}").get_json()["data"]["cu"] == old


def test_a_typed_value_that_looks_sealed_is_refused_by_field_and_leaves_no_case(api, client, services):
    """Read back, it would pass for a sealed value no key opens: the start had answered 500, and a letter sent
    from the portal made a case no one could read."""
    from tests.web.public_diagram import deploy_public_diagram

    body = {"process_model": "khieu_nai", "data": {**INTAKE, "nguoi_khieu_nai": "danchu-enc:v1:AAAA"}}
    refused = api.as_("tiep_cong_dan").post("/api/v1/instances", json=body)
    assert refused.status_code == 422, refused.get_json()
    assert refused.get_json()["error"]["details"] == {"nguoi_khieu_nai": "Giá trị không được phép."}
    deploy_public_diagram(services)
    page = "/cong-dan/gui/thu_nghiem_cong_dan"
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).get_data(as_text=True)).group(1)
    letter = client.post(page, data={**PORTAL_LETTER, "noi_dung": "danchu-enc:v1:AAAA", "commune": "nghia_ky",
                                     "csrf_token": token})
    assert letter.status_code == 422
    assert sql(services, "SELECT count(*) FROM instances").scalar() == 0
    assert client.get("/cong-dan/cong-khai").status_code == 200
