"""Fatherland Front supervision and social criticism (`bpmn/giam_sat_phan_bien.bpmn`) through the HTTP API.

Supervision: the People's Committee answers each numbered recommendation (checked by the engine), the Front
follows up. Criticism: the draft must reach the Front at least 15 days before it is submitted (counted by the
engine), and the drafting body takes in or explains each criticism (checked by the engine).
"""
from tests.api.cases import on
from tests.samples import (
    CRITICISED_DRAFT,
    CRITICISMS,
    SUPERVISION,
    SUPERVISION_FINDINGS,
    criticise,
    criticisms_handled,
    supervise,
    supervision_answered,
)


def test_supervision_recommendations_answered_and_carried_out(api, clock):
    clock.set(on("2026-03-20"))  # the recommendations are dated the day their step completes
    case = supervise(api)
    assert case.body["business_key"] == "GSPB-2026-000001"
    assert case.data["so_kien_nghi"] == 3
    # sent Fri 20/3; 15 days -> Sat 4/4 -> Monday 6/4/2026
    assert case.due_day("tra_loi_kien_nghi") == "2026-04-06"
    clock.set(on("2026-03-31"))
    case.do("tra_loi_kien_nghi", "chu_tich", supervision_answered("chap_nhan", "chap_nhan", "khong_chap_nhan"))
    assert (case.data["so_kien_nghi_chap_nhan"], case.data["so_kien_nghi_khong_chap_nhan"]) == (2, 1)
    # answered Tue 31/3; follow-up 30 days -> Thu 30/4 (holiday), Fri 1/5 (holiday), weekend -> Monday 4/5
    assert case.due_day("theo_doi_thuc_hien") == "2026-05-04"
    case.do("theo_doi_thuc_hien", "mat_tran", {"ngay_theo_doi": "2026-04-28", "ket_qua_thuc_hien": "da_thuc_hien"})
    assert case.outcome() == ("completed", "da_thuc_hien_kien_nghi")


def test_every_supervision_recommendation_needs_exactly_one_answer(api):
    case = supervise(api)
    case.do("tra_loi_kien_nghi", "chu_tich", supervision_answered("chap_nhan", "chap_nhan"))
    assert case.data["kien_nghi_chua_tra_loi"] == [3]
    assert case.open_task_names() == ["tra_loi_kien_nghi"]
    twice = supervision_answered("chap_nhan", "chap_nhan", "chap_nhan", "chap_nhan_mot_phan")
    twice["tra_loi_kien_nghi"][3]["so_thu_tu"] = 1
    case.do("tra_loi_kien_nghi", "chu_tich", twice)
    assert case.data["tra_loi_trung_hoac_sai_so"] is True
    assert case.open_task_names() == ["tra_loi_kien_nghi"]


def test_recommendations_not_carried_out_go_to_the_competent_authority(api):
    case = supervise(api)
    case.do("tra_loi_kien_nghi", "chu_tich", supervision_answered("chap_nhan", "chap_nhan_mot_phan", "chap_nhan"))
    case.do("theo_doi_thuc_hien", "mat_tran", {"ngay_theo_doi": "2026-05-04", "ket_qua_thuc_hien": "chua_thuc_hien_day_du"})
    case.do("kien_nghi_cap_tren", "mat_tran", {"ngay_kien_nghi_cap_tren": "2026-05-10", "co_quan_nhan_kien_nghi": "HĐND xã",
                                                "noi_dung_kien_nghi_cap_tren": "Đề nghị chất vấn tại kỳ họp"})
    assert case.outcome() == ("completed", "kien_nghi_cap_tren")


def test_supervision_without_recommendations_ends(api):
    case = supervise(api, {**SUPERVISION_FINDINGS, "kien_nghi": []})
    assert case.outcome() == ("completed", "khong_co_kien_nghi")


def test_draft_sent_fifteen_days_before_submission_goes_to_criticism(api):
    case = criticise(api)  # 2/3 -> 17/3 = 15 days
    assert case.data["so_ngay_truoc_khi_trinh"] == 15
    assert case.open_task_names() == ["to_chuc_phan_bien"]


def test_draft_sent_late_makes_the_drafting_body_move_the_submission(api):
    case = criticise(api, {**CRITICISED_DRAFT, "ngay_nhan_du_thao": "2026-03-05"})  # 5/3 -> 17/3 = 12 days
    assert case.open_task_names() == ["dieu_chinh_thoi_diem_trinh"]
    case.do("dieu_chinh_thoi_diem_trinh", "van_phong", {"ngay_du_kien_trinh": "2026-03-19"})  # 14 days: still late
    assert case.open_task_names() == ["dieu_chinh_thoi_diem_trinh"]
    case.do("dieu_chinh_thoi_diem_trinh", "van_phong", {"ngay_du_kien_trinh": "2026-03-20"})
    assert case.data["so_ngay_truoc_khi_trinh"] == 15
    assert case.open_task_names() == ["to_chuc_phan_bien"]


def test_each_criticism_is_taken_in_or_explained_then_signed(api):
    case = criticise(api)
    case.do("to_chuc_phan_bien", "mat_tran", CRITICISMS)
    assert case.data["so_y_kien_phan_bien"] == 2
    assert case.due_day("tiep_thu_giai_trinh") == "2026-03-25"  # 10/3 + 15 days
    case.do("tiep_thu_giai_trinh", "van_phong", criticisms_handled("tiep_thu"))
    assert case.data["y_kien_chua_xu_ly"] == [2]
    assert case.open_task_names() == ["tiep_thu_giai_trinh"]
    case.do("tiep_thu_giai_trinh", "van_phong", criticisms_handled("tiep_thu", "giai_trinh"))
    refused = case.refuse("ky_van_ban_tiep_thu", "chu_tich", {"ky_van_ban": "ky", "so_van_ban_tiep_thu": "30/UBND"})
    assert refused["status"] == 422  # the register numbers the letter: nobody types it
    case.do("ky_van_ban_tiep_thu", "chu_tich", {"ky_van_ban": "yeu_cau_sua"})  # sent back: no letter, no number
    assert "so_van_ban_tiep_thu" not in case.data
    assert case.open_task_names() == ["tiep_thu_giai_trinh"]
    case.do("tiep_thu_giai_trinh", "van_phong", criticisms_handled("tiep_thu", "tiep_thu"))
    case.do("ky_van_ban_tiep_thu", "chu_tich", {"ky_van_ban": "ky"})
    data = case.data
    assert (data["so_van_ban_tiep_thu"], data["ngay_ky"]) == ("01/UBND", "2026-03-02")
    assert (data["so_y_kien_tiep_thu"], data["so_y_kien_giai_trinh"]) == (2, 0)
    assert case.outcome() == ("completed", "da_tiep_thu_giai_trinh")


def test_criticism_without_objections_ends_with_the_draft_approved(api):
    case = criticise(api)
    case.do("to_chuc_phan_bien", "mat_tran", {**CRITICISMS, "y_kien_phan_bien": []})
    assert case.outcome() == ("completed", "tan_thanh_du_thao")


def test_roles_are_kept_apart(api):
    assert api.as_("chu_tich").post("/api/v1/instances", json={
        "process_model": "giam_sat_phan_bien", "data": SUPERVISION}).status_code == 403
    case = supervise(api)
    answer = supervision_answered("chap_nhan", "chap_nhan", "chap_nhan")
    assert case.refuse("tra_loi_kien_nghi", "mat_tran", answer)["status"] == 403
    # the Chairman cannot cancel the Front's supervision; the Front can withdraw it
    assert api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "x"}).status_code == 403
    response = api.as_("mat_tran").post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "Gộp vào đợt khác"})
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"


def test_the_process_cites_the_regulation_in_force_quy_dinh_124_of_2023(api):
    """Quy định 124-QĐ/TW (2 February 2023) replaced Decision 217-QĐ/TW (2013) on the Front's supervision and
    social criticism: the deployed process names it as its legal basis, the old decision only as replaced."""
    response = api.as_("mat_tran").get("/api/v1/process-models/giam_sat_phan_bien")
    assert response.status_code == 200, response.get_json()
    basis = response.get_json()["legal_basis"]
    assert "Quy định 124-QĐ/TW năm 2023" in basis and "thay Quyết định 217-QĐ/TW" in basis
    case = supervise(api)
    assert case.body["process_model"] == "giam_sat_phan_bien"


def test_the_supervised_chairman_cannot_send_the_fronts_case_back(api):
    """The Front supervises the committee (Quy định 124-QĐ/TW): its case is sent back by the Front only."""
    case = supervise(api)
    done = next(t for t in case.detail()["tasks"] if t["status"] == "completed")
    refused = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/send-back",
                                       json={"task_id": done["id"], "reason": "Chưa phù hợp"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "role_not_allowed"
    assert api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/send-back").get_json()["items"] == []
