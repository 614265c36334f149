"""Whatever a diagram says, a notification, message, outcome, index or copy never carries a confidential value to
anyone who may not read it, never reaches a user outside the case's commune, and is sealed at rest (issue 21,
finding 1: a `danchu.notify` step built from the denouncer's identity had delivered it, unsealed, to another
commune's administrator).

The diagram below is the attack: it copies the denouncer's identity into a variable of another name, into the
case's outcome and into a notification addressed to people of this commune, of another commune and of the
province."""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone

from engine.worker.timers import fire_due_timers
from tests.diagrams import HEADER, confirm_task, named_forms
from tests.samples import Complaint

from .helpers import sql

NAME, PHONE, ID_NUMBER = "Nguyễn Thị Bí Mật", "0905999888", "051099887766"
FORM = {"type": "object", "title": "Tiếp nhận", "required": ["nguoi_to_cao", "noi_dung"], "properties": {
    "nguoi_to_cao": {"type": "string", "title": "Người tố cáo", "x-confidential": True},
    "so_dien_thoai": {"type": "string", "title": "Điện thoại", "x-confidential": True},
    "so_giay_to_tuy_than": {"type": "string", "title": "Số CCCD", "x-confidential": True},
    "noi_dung": {"type": "string", "title": "Nội dung"}}}
SCRIPT = ("tom_tat = 'Người tố cáo: ' + nguoi_to_cao + ', ĐT ' + so_dien_thoai\n"
          "ket_qua_vu_viec = nguoi_to_cao\nghi_chu = {'lien_lac': [so_giay_to_tuy_than]}")
NOTIFY = ("<spiffworkflow:serviceTaskOperator id=\"danchu.notify\" resultVariable=\"tb\"><spiffworkflow:parameters>"
          "<spiffworkflow:parameter id=\"title\" type=\"str\" value=\"'Tố cáo của ' + nguoi_to_cao\"/>"
          "<spiffworkflow:parameter id=\"message\" type=\"str\" value=\"nguoi_to_cao + ' ' + so_dien_thoai + "
          "' ' + so_giay_to_tuy_than\"/>"
          "<spiffworkflow:parameter id=\"users\" type=\"any\" value=\"['chu_tich.b', 'tiep_cong_dan.b', "
          "'quan_tri', 'kiem_tra.tinh']\"/>"
          "<spiffworkflow:parameter id=\"roles\" type=\"any\" value=\"['chu_tich']\"/>"
          "</spiffworkflow:parameters></spiffworkflow:serviceTaskOperator>")
DIAGRAM = HEADER.format(pid="ro_ri") + f"""
<bpmn:process id="ro_ri" name="Thử rò rỉ" isExecutable="true">
  <bpmn:extensionElements><spiffworkflow:properties>
    <spiffworkflow:property name="startForm" value="ro_ri.schema.json"/>
  </spiffworkflow:properties></bpmn:extensionElements>
  <bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="tiep_cong_dan">
    <bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>sao_chep</bpmn:flowNodeRef>
    <bpmn:flowNodeRef>bao_tin</bpmn:flowNodeRef><bpmn:flowNodeRef>xem</bpmn:flowNodeRef>
  </bpmn:lane></bpmn:laneSet>
  <bpmn:startEvent id="bat_dau"/>
  <bpmn:scriptTask id="sao_chep" name="Sao chép"><bpmn:script>{SCRIPT}</bpmn:script></bpmn:scriptTask>
  <bpmn:serviceTask id="bao_tin" name="Báo tin"><bpmn:extensionElements>{NOTIFY}</bpmn:extensionElements>
  </bpmn:serviceTask>
  """ + confirm_task("xem", "Xem") + """
  <bpmn:endEvent id="ket_thuc"/>
  <bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="sao_chep"/>
  <bpmn:sequenceFlow id="f2" sourceRef="sao_chep" targetRef="bao_tin"/>
  <bpmn:sequenceFlow id="f3" sourceRef="bao_tin" targetRef="xem"/>
  <bpmn:sequenceFlow id="f4" sourceRef="xem" targetRef="ket_thuc"/>
</bpmn:process></bpmn:definitions>"""
SECRETS = (NAME, PHONE, ID_NUMBER)


def _open_case(api) -> dict:
    deployed = api.as_("quan_tri.tinh").post("/api/v1/process-models/ro_ri/versions", data={
        "bpmn": (io.BytesIO(DIAGRAM.encode()), "ro_ri.bpmn"),
        "files": [(io.BytesIO(json.dumps(FORM).encode()), "ro_ri.schema.json"),
                  *[(io.BytesIO(c.encode()), n) for n, c in named_forms(DIAGRAM).items()]]},
        content_type="multipart/form-data")
    assert deployed.status_code == 201, deployed.get_json()
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "ro_ri", "data": {
        "nguoi_to_cao": NAME, "so_dien_thoai": PHONE, "so_giay_to_tuy_than": ID_NUMBER, "noi_dung": "Tố cáo"}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_notification_never_reaches_another_commune_and_never_carries_the_identity(api, services):
    _open_case(api)
    rows = sql(services, "SELECT username, title, message FROM notifications ORDER BY username").all()
    told = {r.username for r in rows}
    assert {"chu_tich", "quan_tri", "kiem_tra.tinh"} <= told  # this commune's people and the province's
    assert not told & {"chu_tich.b", "tiep_cong_dan.b"}  # never commune B's, though the diagram named them
    for row in rows:
        for secret in SECRETS:
            assert secret not in row.title and secret not in row.message
    assert all("[bảo mật]" in row.title for row in rows)
    listed = api.as_("chu_tich").get("/api/v1/notifications").get_data(as_text=True)
    assert NAME not in listed and "[bảo mật]" in listed


def test_a_copy_under_another_name_is_sealed_at_rest_and_redacted_for_those_who_may_not_read(api, services):
    case = _open_case(api)
    state = sql(services, "SELECT state FROM instances WHERE id = :id", id=case["id"]).scalar()
    events = " ".join(str(d) for d in sql(services, "SELECT data FROM audit_events").scalars())
    for secret in SECRETS:
        assert secret not in state and secret not in events
    office = api.as_("van_phong").get(f"/api/v1/instances/{case['id']}").get_json()["data"]
    assert office["tom_tat"] == "[bảo mật]" and office["ghi_chu"] == {"lien_lac": ["[bảo mật]"]}
    chairman = api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()["data"]
    assert chairman["tom_tat"] == f"Người tố cáo: {NAME}, ĐT {PHONE}"
    assert chairman["ghi_chu"] == {"lien_lac": [ID_NUMBER]}


def test_the_outcome_the_public_tracking_shows_never_is_a_confidential_value(api, services):
    case = _open_case(api)
    task = next(t for t in api.as_("tiep_cong_dan").get("/api/v1/tasks").get_json()["items"]
                if t["instance_id"] == case["id"])
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {}}).status_code == 200
    row = sql(services, "SELECT status, outcome FROM instances WHERE id = :id", id=case["id"]).one()
    assert row.status == "completed" and row.outcome == "[bảo mật]"
    state = sql(services, "SELECT state FROM instances WHERE id = :id", id=case["id"]).scalar()
    assert all(secret not in state for secret in SECRETS)


def test_one_cases_secret_is_never_looked_for_in_another_case_of_the_same_batch(api, services, clock):
    """The worker fires a batch of cases in one transaction: a hamlet that is one case's confidential address is
    no secret of the next case, whose hamlet field (not confidential) stays readable by every lane."""
    Complaint(api, dia_chi="Thôn Phú Sơn")  # this case's confidential address is the bare hamlet name
    other = Complaint(api)  # hamlet "Thôn Phú Sơn", address "Thôn Phú Sơn, xã Nghĩa Kỳ"
    clock.set(datetime(2026, 3, 9, 17, 0, 1, tzinfo=timezone.utc))  # both reminders are due: one batch
    assert fire_due_timers(services) == 2
    assert api.as_("van_phong").get(f"/api/v1/instances/{other.id}").get_json()["data"]["thon"] == "Thôn Phú Sơn"
