"""Sending a case back to an earlier step (`/api/v1/instances/{id}/send-back`): the Chairman corrects a mistake,
in the stage (sub-process) the case is in, one it has left or from one back to the step before it; the history
keeps both passes, what was issued stays issued, and what cannot be undone is refused with why and what to do."""
from engine.cases import case_diagram
from engine.core.principal import Principal
from engine.worker.timers import fire_due_timers
from tests.samples import ACCEPT, CONSULTATION_PLAN, DECISION, LETTER, Complaint, comment, open_period
from tests.trust.helpers import sql

AUDITOR = Principal("kiem_tra", frozenset({"kiem_tra"}))


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
    case.do("ra_quyet_dinh", "chu_tich", DECISION)  # numbered again by the register
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    numbers = [e["data"].get("so_quyet_dinh") for e in history if e["action"] == "completed"
               and e["data"].get("so_quyet_dinh")]
    assert numbers == ["02/QĐ-UBND", "03/QĐ-UBND"]  # the first number stays issued
    sent = next(e for e in history if e["action"] == "sent_back")
    assert sent["actor"] == "chu_tich" and sent["data"]["reason"] == "Quyết định ghi sai số liệu diện tích"
    assert sent["task_id"] == decision["task_id"] and sent["task_title"] == "Ra quyết định giải quyết khiếu nại"
    assert case.open_task_names() == ["gui_quyet_dinh"]


def _send_back(api, case, target, reason="Thụ lý sai ngày"):
    response = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/send-back", json={
        "task_id": target["task_id"], "reason": reason})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _issued(api, case) -> list[str]:
    items = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/documents").get_json()["items"]
    return [d["reference"] for d in items if d["direction"] == "out"]


def test_an_acceptance_in_a_stage_the_case_has_left_is_redone_and_the_case_runs_on(api, services):
    case = _decided(api)  # accepted in the stage `xem_xet_thu_ly`, now in `giai_quyet_khieu_nai`
    first_due = case.detail()["due_at"]
    assert _issued(api, case) == ["01/TB-UBND", "02/QĐ-UBND"]
    acceptance = _target(api, case, "quyet_dinh_thu_ly")
    assert acceptance["allowed"] and acceptance["why"] is None
    body = _send_back(api, case, acceptance)
    assert case.open_task_names() == ["quyet_dinh_thu_ly"]  # back in the stage it had left
    assert body["due_at"] == first_due  # the statutory date does not move
    assert [t["status"] for t in body["tasks"] if t["name"] == "gui_quyet_dinh"] == ["cancelled"]
    assert sorted(t["status"] for t in body["tasks"] if t["name"] == "quyet_dinh_thu_ly") == ["completed", "ready"]
    assert _issued(api, case) == ["01/TB-UBND", "02/QĐ-UBND"]  # what was issued stays issued
    pending = sql(services, "SELECT element FROM timers WHERE instance_id = :id AND status = 'pending'",
                  id=case.id).scalars().all()
    assert sorted(pending) == ["qua_han_thu_ly", "sap_han_thu_ly"]  # the acceptance's timers again, not the decision's
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)  # the stage runs on from the step redone, then the next one
    case.do("thong_bao_thu_ly", "tiep_cong_dan", LETTER)
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.resolve()
    detail = case.detail()
    assert detail["status"] == "completed" and detail["due_at"] == first_due
    assert _issued(api, case) == ["01/TB-UBND", "02/QĐ-UBND", "03/TB-UBND", "04/QĐ-UBND"]  # new numbers
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert [e["task_title"] for e in history if e["action"] == "completed"].count("Quyết định thụ lý") == 2
    sent = next(e for e in history if e["action"] == "sent_back")
    assert sent["task_id"] == acceptance["task_id"] and sent["data"]["step"] == "quyet_dinh_thu_ly"
    path = case_diagram(services, AUDITOR, case.id)
    assert {"quyet_dinh_thu_ly", "thong_bao_thu_ly", "ra_quyet_dinh", "cong_khai_quyet_dinh"} <= set(path["completed"])


def test_a_stage_whose_reminder_fired_before_the_step_is_refused_saying_what_to_do(api, services, clock):
    case = Complaint(api)
    clock.advance(days=9)  # 11/03: the acceptance's reminder, two days before its last day (12/03), fires
    assert fire_due_timers(services) >= 1
    case.accept()
    acceptance = _target(api, case, "quyet_dinh_thu_ly")
    assert not acceptance["allowed"] and "mốc thời gian" in acceptance["why"] and "Hãy" in acceptance["why"]
    response = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/send-back", json={
        "task_id": acceptance["task_id"], "reason": "Thụ lý sai"})
    error = response.get_json()["error"]
    assert response.status_code == 409 and error["code"] == "cannot_send_back"
    assert "Hãy trả về một bước sau mốc đó" in error["details"]["task_id"]
    assert case.open_task_names() == ["kiem_tra_lai"]  # nothing changed


def test_a_plan_is_redone_from_inside_the_comment_period_until_a_comment_came(api):
    case = open_period(api)  # the plan done, the case inside the stage `thoi_gian_gop_y`
    plan = _target(api, case, "lap_ke_hoach")
    assert plan["allowed"]
    _send_back(api, case, plan, "Sai ngày bắt đầu")
    assert case.open_task_names() == ["lap_ke_hoach"]  # the stage begun after the step is left
    assert case.send("gop_y", "van_phong", comment("Quá sớm")).status_code == 422  # no period open
    case.do("lap_ke_hoach", "van_phong", {**CONSULTATION_PLAN, "ngay_bat_dau_lay_y_kien": "2026-03-03"})
    assert case.open_task_names() == ["ket_thuc_lay_y_kien"] and case.due_day("ket_thuc_lay_y_kien") == "2026-04-02"
    assert case.send("gop_y", "van_phong", comment("Đồng ý")).status_code == 200  # the period waits again
    plan = _target(api, case, "lap_ke_hoach")
    assert not plan["allowed"] and "thông điệp" in plan["why"]  # a comment received cannot be unsent


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


def test_the_step_redone_opens_with_its_last_pass_and_takes_a_new_document_number(api):
    case = _decided(api)
    decision = _target(api, case, "ra_quyet_dinh")
    body = _send_back(api, case, decision, "Quyết định ghi sai diện tích")
    redo = next(t for t in body["tasks"] if t["status"] == "ready")
    task = api.as_("chu_tich").get(f"/api/v1/tasks/{redo['id']}").get_json()
    first = task["last_pass"]
    assert first["task_id"] == decision["task_id"] and first["completed_by"] == "chu_tich"
    assert first["data"] == DECISION  # what was typed, to correct: not the register's number, date or file
    plain = api.as_("chu_tich").get(f"/api/v1/tasks/{decision['task_id']}").get_json()
    assert plain["last_pass"] is None  # a step done, or not redone, has none
    case.do("ra_quyet_dinh", "chu_tich", {**first["data"], "noi_dung_quyet_dinh": "Sửa đổi, diện tích đúng"})
    assert _issued(api, case) == ["01/TB-UBND", "02/QĐ-UBND", "03/QĐ-UBND"]  # a new pass, a new number
    assert case.data["noi_dung_quyet_dinh"] == "Sửa đổi, diện tích đúng"


def test_the_steps_undone_open_with_their_pass_when_the_case_comes_to_them_again(api):
    """Sent back to the acceptance, the case comes again to the review and to the decision: each opens
    with what its pass undone recorded."""
    case = _decided(api)
    _send_back(api, case, _target(api, case, "quyet_dinh_thu_ly"))
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    case.do("thong_bao_thu_ly", "tiep_cong_dan", LETTER)
    review = case.task("kiem_tra_lai")
    again = api.as_("chu_tich").get(f"/api/v1/tasks/{review['id']}").get_json()["last_pass"]
    assert again is not None and again["data"] == {"khieu_nai_dung": "dung"}
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    decision = case.task("ra_quyet_dinh")
    undone = api.as_("chu_tich").get(f"/api/v1/tasks/{decision['id']}").get_json()["last_pass"]
    assert undone["data"] == DECISION  # what was typed, without the register's number, date or file
    done = api.as_("chu_tich").get(f"/api/v1/tasks/{review['id']}").get_json()
    assert done["last_pass"] is None  # a step done again opens nothing more


def test_a_step_issuing_two_documents_redone_types_neither_number_and_takes_new_ones(api):
    """to_cao's notices to the denouncer and to the person denounced (`document.2.*`): the redo has nothing to
    type (the register gave both numbers and dates), and it numbers both again."""
    from tests.api.test_to_cao import accepted

    case = accepted(api)
    notices = _target(api, case, "thong_bao_thu_ly")
    assert notices is not None and notices["allowed"], notices
    body = _send_back(api, case, notices, "Thông báo gửi nhầm địa chỉ")
    redo = next(t for t in body["tasks"] if t["status"] == "ready" and t["name"] == "thong_bao_thu_ly")
    assert api.as_("tiep_cong_dan").get(f"/api/v1/tasks/{redo['id']}").get_json()["last_pass"]["data"] == {}
    case.do("thong_bao_thu_ly", "tiep_cong_dan", {})
    data = case.detail()["data"]
    assert (data["so_van_ban_thong_bao_thu_ly"], data["so_van_ban_thong_bao_nguoi_bi_to_cao"]) == (
        "04/TB-UBND", "05/TB-UBND")  # after the decision (01) and the first pass's notices (02, 03)
