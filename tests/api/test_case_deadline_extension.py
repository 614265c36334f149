"""The generic case-deadline notation on a small diagram: a base period from process properties, an
extension decided by a task (days and reason, with who), tasks that follow the case deadline, and the
deploy-time checks of the notation. This is what a denunciation (tố cáo: 30 days, extended once or twice
by up to 30) uses."""
import json

import pytest

from tests.diagrams import HEADER

EXTENSION_FORM = {"type": "object", "title": "Quyết định gia hạn", "properties": {
    "so_ngay_gia_han": {"type": "integer", "title": "Số ngày gia hạn", "minimum": 0, "maximum": 30},
    "ly_do_gia_han": {"type": "string", "title": "Lý do gia hạn", "maxLength": 500}}}


def extension_diagram(case_props=None, extension_props=None, follow_props=None) -> str:
    case_props = case_props if case_props is not None else (
        '<spiffworkflow:property name="param.ngay_thu_ly" value="2026-03-02"/>'
        '<spiffworkflow:property name="caseDeadlineDays" value="30"/>'
        '<spiffworkflow:property name="caseDeadlineFrom" value="ngay_thu_ly"/>'
        '<spiffworkflow:property name="caseDeadlineName" value="Hạn giải quyết"/>')
    extension_props = extension_props if extension_props is not None else (
        '<spiffworkflow:property name="extendsCaseDeadline" value="so_ngay_gia_han"/>'
        '<spiffworkflow:property name="extensionReason" value="ly_do_gia_han"/>')
    follow_props = follow_props if follow_props is not None else \
        '<spiffworkflow:property name="deadlineCase" value="true"/>'
    return (HEADER.format(pid="gia_han") +
            '<bpmn:process id="gia_han" name="Thử nghiệm gia hạn" isExecutable="true">'
            f'<bpmn:extensionElements><spiffworkflow:properties>{case_props}</spiffworkflow:properties>'
            '</bpmn:extensionElements>'
            '<bpmn:laneSet id="ls"><bpmn:lane id="l" name="chu_tich"><bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>gia_han_giai_quyet</bpmn:flowNodeRef><bpmn:flowNodeRef>ket_luan</bpmn:flowNodeRef>'
            '</bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>'
            '<bpmn:userTask id="gia_han_giai_quyet" name="Quyết định gia hạn"><bpmn:extensionElements>'
            '<spiffworkflow:properties>'
            '<spiffworkflow:property name="formJsonSchemaFilename" value="gia_han-gia_han.schema.json"/>'
            f'{extension_props}</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:userTask id="ket_luan" name="Kết luận"><bpmn:extensionElements><spiffworkflow:properties>'
            f'{follow_props}</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="gia_han_giai_quyet"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="gia_han_giai_quyet" targetRef="ket_luan"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="ket_luan" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")


def deploy(api, xml):
    return api.as_("quan_tri.tinh").post("/api/v1/process-models/gia_han/versions", data={
        "bpmn": (__import__("io").BytesIO(xml.encode()), "gia_han.bpmn"),
        "files": [(__import__("io").BytesIO(json.dumps(EXTENSION_FORM).encode()), "gia_han-gia_han.schema.json")],
    }, content_type="multipart/form-data")


@pytest.fixture
def case(api):
    response = deploy(api, extension_diagram())
    assert response.status_code == 201, response.get_json()
    started = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": "gia_han", "data": {}})
    assert started.status_code == 201, started.get_json()
    return started.get_json()


def complete(api, case, name, data):
    detail = api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()
    task = next(t for t in detail["tasks"] if t["name"] == name and t["status"] == "ready")
    response = api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
    assert response.status_code == 200, response.get_json()
    return api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()


def test_the_case_deadline_is_set_when_the_case_opens(case):
    # 2/3/2026 + 30 calendar days = Wed 1/4, ends 24:00 (UTC+7)
    assert case["due_at"] == "2026-04-01T17:00:00+00:00"
    assert case["deadline_name"] == "Hạn giải quyết"
    assert [(h["kind"], h["actor"]) for h in case["deadline_history"]] == [("computed", "chu_tich")]


def test_an_extension_decision_moves_the_deadline_and_records_who_and_why(api, case):
    # last day Wed 1/4 + 30 = Fri 1/5 (holiday) -> Sat, Sun -> Mon 4/5
    detail = complete(api, case, "gia_han_giai_quyet", {"so_ngay_gia_han": 30, "ly_do_gia_han": "Vụ việc phức tạp"})
    assert detail["due_at"] == "2026-05-04T17:00:00+00:00"
    extension = detail["deadline_history"][-1]
    assert (extension["kind"], extension["actor"], extension["days"], extension["reason"]) == (
        "extension", "chu_tich", 30, "Vụ việc phức tạp")
    assert extension["previous_due_at"] == "2026-04-01T17:00:00+00:00"
    follower = next(t for t in detail["tasks"] if t["name"] == "ket_luan")
    assert follower["due_at"] == detail["due_at"]


def test_no_extension_when_the_decision_grants_no_days(api, case):
    detail = complete(api, case, "gia_han_giai_quyet", {"so_ngay_gia_han": 0})
    assert detail["due_at"] == "2026-04-01T17:00:00+00:00"
    assert [h["kind"] for h in detail["deadline_history"]] == ["computed"]
    assert next(t for t in detail["tasks"] if t["name"] == "ket_luan")["due_at"] == detail["due_at"]


@pytest.mark.parametrize("case_props, extension_props, follow_props, fragment", [
    ('<spiffworkflow:property name="caseDeadlineDays" value="30"/>'
     '<spiffworkflow:property name="caseDeadlineKind" value="lunar"/>', None, None, "caseDeadlineKind"),
    ('<spiffworkflow:property name="caseDeadlineDays" value="__import__(\'os\')"/>', None, None, "caseDeadlineDays"),
    ("", None, None, "caseDeadlineDays"),
    (None, '<spiffworkflow:property name="extendsCaseDeadline" value="open(1)"/>', None, "extendsCaseDeadline"),
    (None, None, '<spiffworkflow:property name="deadlineCase" value="yes"/>', "deadlineCase"),
])
def test_a_broken_deadline_notation_is_refused_at_deploy(api, case_props, extension_props, follow_props, fragment):
    response = deploy(api, extension_diagram(case_props, extension_props, follow_props))
    assert response.status_code == 422
    messages = " ".join(p["message"] for p in response.get_json()["error"]["details"]["problems"])
    assert fragment in messages


def test_a_calendar_function_with_an_unknown_kind_of_days_is_refused_at_deploy(api):
    from tests.diagrams import diagram
    xml = diagram(pid="gia_han", timer="han_cuoi('2026-03-02', 5, 'am_lich')").replace("timeDuration", "timeDate")
    response = api.as_("quan_tri.tinh").post("/api/v1/process-models/gia_han/versions", data=xml.encode(),
                                        content_type="application/xml")
    assert response.status_code == 422
    assert any("han_cuoi" in p["message"] for p in response.get_json()["error"]["details"]["problems"])
