"""Sending a case back to an earlier step (`/api/v1/instances/{id}/send-back`): the Chairman corrects a mistake,
the history keeps both passes, what was issued stays issued, and what cannot be undone is refused with why."""
from engine.worker.timers import fire_due_timers
from tests.samples import DECISION, Complaint


def _decided(api) -> Complaint:
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    return case


def _target(api, case, name, user="chu_tich"):
    items = api.as_(user).get(f"/api/v1/instances/{case.id}/send-back").get_json()["items"]
    return next((t for t in items if t["name"] == name), None)


def test_the_chairman_sends_a_decision_back_and_both_passes_stay_in_the_history(api):
    case = _decided(api)
    first_due = case.detail()["due_at"]
    decision = _target(api, case, "ra_quyet_dinh")
    assert decision["allowed"] and decision["why"] is None and decision["title"] == "Ra quyết định giải quyết khiếu nại"
    response = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/send-back", json={
        "task_id": decision["task_id"], "reason": "Quyết định ghi sai số liệu diện tích"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    redo = next(t for t in body["tasks"] if t["status"] == "ready")
    assert redo["name"] == "ra_quyet_dinh" and redo["id"] != decision["task_id"]
    assert [t["status"] for t in body["tasks"] if t["name"] == "gui_quyet_dinh"] == ["cancelled"]
    assert sorted(t["status"] for t in body["tasks"] if t["name"] == "ra_quyet_dinh") == ["completed", "ready"]
    assert body["due_at"] == first_due  # the statutory date does not move
    first_pass = next(t for t in body["tasks"] if t["id"] == decision["task_id"])
    assert redo["due_at"] == first_pass["due_at"]
    case.do("ra_quyet_dinh", "chu_tich", {**DECISION, "so_quyet_dinh": "26/QĐ-UBND"})
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    numbers = [e["data"].get("so_quyet_dinh") for e in history if e["action"] == "completed"
               and e["data"].get("so_quyet_dinh")]
    assert numbers == ["25/QĐ-UBND", "26/QĐ-UBND"]  # the first number stays issued
    sent = next(e for e in history if e["action"] == "sent_back")
    assert sent["actor"] == "chu_tich" and sent["data"]["reason"] == "Quyết định ghi sai số liệu diện tích"
    assert sent["task_id"] == decision["task_id"] and sent["task_title"] == "Ra quyết định giải quyết khiếu nại"
    assert case.open_task_names() == ["gui_quyet_dinh"]


def test_a_step_in_a_stage_the_case_has_left_is_refused_with_why(api):
    case = _decided(api)
    acceptance = _target(api, case, "quyet_dinh_thu_ly")
    assert not acceptance["allowed"] and "giai đoạn" in acceptance["why"]
    response = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/send-back", json={
        "task_id": acceptance["task_id"], "reason": "Thụ lý sai"})
    error = response.get_json()["error"]
    assert response.status_code == 409 and error["code"] == "cannot_send_back"
    assert "giai đoạn" in error["details"]["task_id"]
    assert case.open_task_names() == ["gui_quyet_dinh"]  # nothing changed


def test_a_reminder_already_sent_after_the_step_is_refused(api, services, clock):
    case = _decided(api)
    clock.advance(days=32)  # 03/04: the reminder two working days before the statutory date fires
    assert fire_due_timers(services) >= 1
    decision = _target(api, case, "ra_quyet_dinh")
    assert not decision["allowed"] and "mốc thời gian" in decision["why"]
    response = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/send-back", json={
        "task_id": decision["task_id"], "reason": "Sai"})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "cannot_send_back"


def test_only_the_chairman_of_the_cases_commune_sends_back_and_a_reason_is_required(api):
    case = _decided(api)
    decision = _target(api, case, "ra_quyet_dinh")
    assert _target(api, case, "ra_quyet_dinh", "tiep_cong_dan") is None
    path = f"/api/v1/instances/{case.id}/send-back"
    body = {"task_id": decision["task_id"], "reason": "Sai"}
    response = api.as_("tiep_cong_dan").post(path, json=body)
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "role_not_allowed"
    assert api.as_("chu_tich.b").post(path, json=body).status_code == 404
    response = api.as_("chu_tich").post(path, json={"task_id": decision["task_id"], "reason": ""})
    assert response.status_code == 422 and "reason" in response.get_json()["error"]["details"]
    response = api.as_("chu_tich").post(path, json={"task_id": "khong-co", "reason": "Sai"})
    assert response.status_code == 422 and "task_id" in response.get_json()["error"]["details"]
    assert case.open_task_names() == ["gui_quyet_dinh"]
