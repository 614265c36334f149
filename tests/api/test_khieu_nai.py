"""The first-level complaint (`bpmn/khieu_nai.bpmn`), walked path by path through the HTTP API as the demo
users: every gateway outcome, the withdrawal before and after acceptance, and the wrong role refused.
"""
import pytest

from tests.api.cases import on
from tests.samples import ACCEPT, DECISION, INTAKE, LETTER, PROPOSAL, PUBLISH, SEND, Complaint


def instructions(api, user: str, task: dict) -> str:
    """The instructions the task's page shows `user` above its form."""
    response = api.as_(user).get(f"/api/v1/tasks/{task['id']}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["instructions"]


def test_reception_officer_opens_a_complaint_with_a_readable_case_number(api):
    case = Complaint(api)
    assert case.body["business_key"] == "KN-2026-000001"
    assert case.body["status"] == "running"
    assert case.body["version"] == 1
    assert case.open_task_names() == ["de_xuat_thu_ly"]
    second = Complaint(api)
    assert second.body["business_key"] == "KN-2026-000002"


def test_acceptance_tasks_are_due_ten_days_after_receipt(api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    # received Mon 2026-03-02; 10 calendar days, first day not counted -> Thu 12/3 ends at 24:00 (UTC+7)
    assert task["due_at"].startswith("2026-03-12T17:00:00")


def test_accepted_complaint_with_verification_and_dialogue_ends_resolved(api, clock):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    case.do("xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Có căn cứ một phần",
                                             "bao_cao_xac_minh_so": "05/BC", "ket_qua_khac_yeu_cau": True})
    assert case.open_task_names() == ["doi_thoai"]
    clock.set(on("2026-03-20"))  # the dialogue is recorded once held
    case.do("doi_thoai", "chu_tich", {"ngay_doi_thoai": "2026-03-20", "bien_ban_doi_thoai": "Biên bản",
                                      "nguoi_khieu_nai_co_mat": True})
    decision = next(t for t in case.open_tasks() if t["name"] == "ra_quyet_dinh")
    # accepted 2026-03-05, 30 days -> 2026-04-04 is a Saturday -> Monday 2026-04-06, 24:00 (UTC+7)
    assert decision["due_at"].startswith("2026-04-06T17:00:00")
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    case.do("gui_quyet_dinh", "tiep_cong_dan", SEND)
    case.do("cong_khai_quyet_dinh", "tiep_cong_dan", PUBLISH)
    detail = case.detail()
    assert detail["status"] == "completed"
    assert detail["outcome"] == "da_giai_quyet"
    assert detail["ended_at"] is not None
    assert detail["data"]["ket_luan"] == "dung_mot_phan"
    actions = [e["action"] for e in api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]]
    assert actions[0] == "started" and actions[-1] == "ended"
    assert actions.count("completed") == 9


def test_verification_matching_the_demands_skips_the_dialogue(api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    case.do("xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Đúng như yêu cầu",
                                             "bao_cao_xac_minh_so": "06/BC", "ket_qua_khac_yeu_cau": False})
    assert case.open_task_names() == ["ra_quyet_dinh"]


def test_complaint_found_right_on_recheck_goes_straight_to_decision(api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    assert case.open_task_names() == ["ra_quyet_dinh"]
    case.resolve(ket_luan="dung", xu_ly_quyet_dinh_bi_khieu_nai="huy_bo_toan_bo")
    assert case.detail()["outcome"] == "da_giai_quyet"


def test_complex_case_in_remote_area_gets_sixty_days(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    case.do("quyet_dinh_thu_ly", "chu_tich", {**ACCEPT, "phuc_tap": True})
    detail = case.detail()
    assert detail["data"]["thoi_han_giai_quyet_ap_dung"] == 45
    remote = Complaint(api, vung_sau_vung_xa=True)
    remote.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    remote.do("quyet_dinh_thu_ly", "chu_tich", {**ACCEPT, "phuc_tap": True})
    assert remote.detail()["data"]["thoi_han_giai_quyet_ap_dung"] == 60


def test_rejected_complaint_ends_after_the_refusal_notice(api):
    case = Complaint(api)
    case.refuse_time_barred()
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "khong_thu_ly")


def test_refusal_without_a_reason_is_refused_naming_the_field(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.open_tasks()[0]
    response = api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/complete",
                                        json={"data": {"ket_qua_thu_ly": "khong_thu_ly"}})
    assert response.status_code == 422
    assert "ly_do" in response.get_json()["error"]["details"]


def test_complaint_outside_competence_ends_with_written_guidance(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "thuoc_tham_quyen": False,
                                                 "de_xuat": "khong_thuoc_tham_quyen"})
    case.do("quyet_dinh_thu_ly", "chu_tich", {"ket_qua_thu_ly": "khong_thuoc_tham_quyen",
                                               "ly_do": "Thuộc thẩm quyền Sở Tài nguyên và Môi trường"})
    case.do("huong_dan_nguoi_khieu_nai", "tiep_cong_dan", {"co_quan_co_tham_quyen": "Sở TN&MT"})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_huong_dan")
    assert (detail["data"]["so_van_ban"], detail["data"]["ngay_gui"]) == ("01/HD-UBND", "2026-03-02")  # the register


@pytest.mark.parametrize("stage", ["before_acceptance", "during_verification"])
def test_withdrawal_ends_with_a_suspension_decision_sent_to_the_complainant(api, stage):
    """Art. 10: a withdrawal cancels the open work, and the case ends only once the Chairman has suspended the
    handling by a decision and that decision has been sent to the complainant: never silently."""
    case = Complaint(api)
    if stage == "during_verification":
        case.accept()
        case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
        assert case.open_task_names() == ["xac_minh"]
    assert {"name": "rut_khieu_nai", "title": "Rút khiếu nại", "allowed": True} in api.as_("tiep_cong_dan").get(
        f"/api/v1/instances/{case.id}").get_json()["messages"]
    response = api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/messages", json={
        "name": "rut_khieu_nai", "data": {"ngay_rut": "2026-03-10", "ly_do_rut": "Đã thống nhất"}})
    assert response.status_code == 200, response.get_json()
    detail = response.get_json()
    assert (detail["status"], detail["outcome"]) == ("running", None)
    assert case.open_task_names() == ["quyet_dinh_dinh_chi"]
    assert "10/03/2026" in instructions(api, "chu_tich", case.task("quyet_dinh_dinh_chi"))
    case.do("quyet_dinh_dinh_chi", "chu_tich", {"ly_do_dinh_chi": "Người khiếu nại rút đơn ngày 10/3/2026"})
    assert case.open_task_names() == ["thong_bao_dinh_chi"]
    number = "02/QĐ-UBND" if stage == "during_verification" else "01/QĐ-UBND"  # after the acceptance notice
    assert number in instructions(api, "tiep_cong_dan", case.task("thong_bao_dinh_chi"))
    case.do("thong_bao_dinh_chi", "tiep_cong_dan", {"ngay_gui_dinh_chi": "2026-03-12"})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_rut")
    assert detail["data"]["so_quyet_dinh_dinh_chi"] == number
    assert detail["data"]["ngay_gui_dinh_chi"] == "2026-03-12"
    pending = "de_xuat_thu_ly" if stage == "before_acceptance" else "xac_minh"  # open when the letter came
    assert [t["status"] for t in detail["tasks"] if t["name"] == pending] == ["cancelled"]


def test_verifier_cannot_withdraw_a_complaint(api):
    case = Complaint(api)
    response = api.as_("can_bo_xac_minh").post(f"/api/v1/instances/{case.id}/messages", json={
        "name": "rut_khieu_nai", "data": {"ngay_rut": "2026-03-10"}})
    assert response.status_code == 403


def test_chairman_cannot_complete_reception_task(api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    response = api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_your_task"
    assert case.open_task_names() == ["de_xuat_thu_ly"]


def test_reception_officer_cannot_take_the_chairmans_decision(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.open_tasks()[0]
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/claim").status_code == 403
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete",
                                         json={"data": ACCEPT}).status_code == 403


def test_verifier_cannot_open_a_complaint(api):
    response = api.as_("can_bo_xac_minh").post("/api/v1/instances",
                                               json={"process_model": "khieu_nai", "data": INTAKE})
    assert response.status_code == 403
    assert api.as_("chu_tich").get("/api/v1/instances").get_json()["total"] == 0


def test_chairman_cancels_a_case_and_its_tasks_are_cancelled(api):
    case = Complaint(api)
    assert api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/cancel", json={}).status_code == 403
    response = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "Nhập trùng"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "cancelled"
    assert [t["status"] for t in body["tasks"]] == ["cancelled"]
    assert api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/cancel", json={}).status_code == 409
