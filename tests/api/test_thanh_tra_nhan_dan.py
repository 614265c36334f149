"""An inspection by the People's Inspection Board (`bpmn/thanh_tra_nhan_dan.bpmn`) through the HTTP API.

The plan must reach the Front, the Chairman and the inspected party at least 5 working days before the
inspection: the engine counts the working days with the commune calendar (weekends and holidays skipped)
and sends the step back when there are fewer. The Chairman answers each recommendation; the engine checks
that every numbered recommendation has exactly one answer.
"""
from tests.api.cases import Case, on
from tests.samples import (
    INSPECTION_APPROVED,
    INSPECTION_FINDINGS,
    INSPECTION_PLAN,
    INSPECTION_SENT,
    INSPECTION_SUBJECT,
    inspect,
    inspection_answered,
)


def test_plan_sent_five_working_days_ahead_lets_the_inspection_go_ahead(api):
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", INSPECTION_SUBJECT)
    assert case.body["business_key"] == "TTND-2026-000001"
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    case.do("gui_ke_hoach", "ban_ttnd", INSPECTION_SENT)  # Mon 2/3 -> Mon 9/3: 3, 4, 5, 6, 9 March = 5 working days
    assert case.data["so_ngay_lam_viec_bao_truoc"] == 5
    assert case.open_task_names() == ["tien_hanh_kiem_tra"]


def test_plan_sent_four_working_days_ahead_is_sent_back_until_the_date_moves(api):
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", INSPECTION_SUBJECT)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    case.do("gui_ke_hoach", "ban_ttnd", {**INSPECTION_SENT, "ngay_gui_ke_hoach": "2026-03-03"})  # 4, 5, 6, 9 = 4
    assert case.open_task_names() == ["gui_ke_hoach"]
    case.do("gui_ke_hoach", "ban_ttnd", {**INSPECTION_SENT, "ngay_gui_ke_hoach": "2026-03-03",
                                         "ngay_kiem_tra": "2026-03-10"})
    assert case.data["so_ngay_lam_viec_bao_truoc"] == 5
    assert case.open_task_names() == ["tien_hanh_kiem_tra"]


def test_holidays_do_not_count_as_working_days_of_notice(api):
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", INSPECTION_SUBJECT)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    # Thu 23/4 -> Mon 4/5/2026 is 11 calendar days, but 27/4 (Hùng Kings, made up), 30/4 and 1/5 are holidays:
    # working days 24/4, 28/4, 29/4, 4/5 = 4
    case.do("gui_ke_hoach", "ban_ttnd", {**INSPECTION_SENT, "ngay_gui_ke_hoach": "2026-04-23",
                                         "ngay_kiem_tra": "2026-05-04"})
    assert case.open_task_names() == ["gui_ke_hoach"]


def test_the_plan_must_be_confirmed_sent_to_all_three_recipients(api):
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", INSPECTION_SUBJECT)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    refused = case.refuse("gui_ke_hoach", "ban_ttnd", {**INSPECTION_SENT, "da_gui_doi_tuong": False})
    assert refused["status"] == 422 and "da_gui_doi_tuong" in refused["details"]


def test_recommendations_answered_and_carried_out_close_the_case(api, clock):
    clock.set(on("2026-03-20"))  # the recommendations are dated the day their step completes
    case = inspect(api)
    data = case.data
    assert data["so_kien_nghi"] == 2
    assert data["kien_nghi_danh_so"][1] == {"so_thu_tu": 2, "noi_dung": "Công khai quyết toán tại nhà văn hóa"}
    # recommendations sent 20/3; answer due 15 days later -> Sat 4/4 -> Monday 6/4/2026
    assert case.due_day("tra_loi_kien_nghi") == "2026-04-06"
    clock.set(on("2026-03-30"))
    case.do("tra_loi_kien_nghi", "chu_tich", inspection_answered("chap_nhan", "chap_nhan_mot_phan"))
    data = case.data
    assert (data["so_kien_nghi_chap_nhan"], data["so_kien_nghi_chap_nhan_mot_phan"],
            data["so_kien_nghi_khong_chap_nhan"]) == (1, 1, 0)
    # answered 30/3; follow-up 30 days -> Wed 29/4/2026
    assert case.due_day("theo_doi_thuc_hien") == "2026-04-29"
    case.do("theo_doi_thuc_hien", "ban_ttnd", {"ngay_theo_doi": "2026-04-20", "ket_qua_thuc_hien": "da_thuc_hien"})
    assert case.outcome() == ("completed", "da_thuc_hien_kien_nghi")


def test_an_answer_missing_a_recommendation_comes_back_to_the_chairman(api):
    case = inspect(api)
    case.do("tra_loi_kien_nghi", "chu_tich", inspection_answered("chap_nhan"))
    assert case.data["kien_nghi_chua_tra_loi"] == [2]
    assert case.open_task_names() == ["tra_loi_kien_nghi"]
    wrong = inspection_answered("chap_nhan", "khong_chap_nhan")
    wrong["tra_loi_kien_nghi"][1]["so_thu_tu"] = 3
    case.do("tra_loi_kien_nghi", "chu_tich", wrong)
    assert case.open_task_names() == ["tra_loi_kien_nghi"]
    case.do("tra_loi_kien_nghi", "chu_tich", inspection_answered("chap_nhan", "khong_chap_nhan"))
    assert case.open_task_names() == ["theo_doi_thuc_hien"]


def test_recommendations_not_carried_out_go_to_the_front(api):
    case = inspect(api)
    case.do("tra_loi_kien_nghi", "chu_tich", inspection_answered("chap_nhan", "chap_nhan"))
    case.do("theo_doi_thuc_hien", "ban_ttnd", {"ngay_theo_doi": "2026-04-30", "ket_qua_thuc_hien": "chua_thuc_hien_day_du",
                                               "nhan_xet_thuc_hien": "Chưa công khai quyết toán"})
    assert case.open_task_names() == ["xem_xet_cua_mat_tran"]
    case.do("xem_xet_cua_mat_tran", "mat_tran", {"ngay_xem_xet": "2026-05-05", "bien_phap": "Kiến nghị HĐND xã giám sát"})
    assert case.outcome() == ("completed", "chuyen_mat_tran")


def test_inspection_without_recommendations_ends_there(api):
    case = inspect(api, {**INSPECTION_FINDINGS, "co_vi_pham": False, "kien_nghi": []})
    assert case.outcome() == ("completed", "khong_co_kien_nghi")


def test_only_the_board_inspects_and_only_the_chairman_answers(api):
    assert api.as_("chu_tich").post("/api/v1/instances", json={
        "process_model": "thanh_tra_nhan_dan", "data": INSPECTION_SUBJECT}).status_code == 403
    case = inspect(api)
    answer = inspection_answered("chap_nhan", "chap_nhan")
    assert case.refuse("tra_loi_kien_nghi", "ban_ttnd", answer)["status"] == 403
    assert case.refuse("tra_loi_kien_nghi", "pho_chu_tich", answer)["status"] == 403


# --- the Board's independence from the committee it supervises -----------------------------------------------

BOARD_ON_THE_COMMITTEE = {"noi_dung_kiem_tra": "Việc UBND xã giải quyết đơn thư năm 2025",
                          "doi_tuong_kiem_tra": "Ủy ban nhân dân xã Nghĩa Kỳ", "can_cu": "de_nghi_mat_tran"}


def test_the_front_directs_the_plan_and_sends_it_back_until_it_approves(api):
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", BOARD_ON_THE_COMMITTEE)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    assert case.open_task_names() == ["duyet_ke_hoach"]
    assert case.task("duyet_ke_hoach")["role"] == "mat_tran"
    refused = case.refuse("duyet_ke_hoach", "mat_tran", {"phe_duyet_ke_hoach": "yeu_cau_sua",
                                                         "ngay_phe_duyet_ke_hoach": "2026-03-02"})
    assert refused["status"] == 422 and "y_kien_chi_dao" in refused["details"]  # a return says what to change
    case.do("duyet_ke_hoach", "mat_tran", {"phe_duyet_ke_hoach": "yeu_cau_sua", "ngay_phe_duyet_ke_hoach": "2026-03-02",
                                           "y_kien_chi_dao": "Bổ sung kiểm tra sổ tiếp dân"})
    assert case.open_task_names() == ["lap_ke_hoach"]
    case.do("lap_ke_hoach", "ban_ttnd", {**INSPECTION_PLAN, "noi_dung_ke_hoach": "Sổ sách và sổ tiếp dân"})
    for user in ("chu_tich", "ban_ttnd"):  # the inspected Chairman, and the Board itself, approve nothing
        assert case.refuse("duyet_ke_hoach", user, INSPECTION_APPROVED)["status"] == 403, user
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    assert case.open_task_names() == ["gui_ke_hoach"]
    assert case.data["y_kien_chi_dao"] == "Bổ sung kiểm tra sổ tiếp dân"


def test_the_inspected_chairman_cannot_cancel_the_boards_case_the_board_and_the_front_can(api):
    for canceller in ("ban_ttnd", "mat_tran"):
        case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", BOARD_ON_THE_COMMITTEE)
        refused = api.as_("chu_tich").post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "Không cần"})
        assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "role_not_allowed"
        assert case.outcome() == ("running", None)
        cancelled = api.as_(canceller).post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "Trùng kế hoạch"})
        assert cancelled.status_code == 200, cancelled.get_json()
        assert case.outcome() == ("cancelled", None)


def test_the_inspected_chairman_cannot_send_the_boards_case_back_the_front_can(api):
    """Sending back undoes steps (the Front's approval of the plan, the Board's findings): the process names the
    Front (`sendBackRoles`), so the Chairman whose committee is inspected neither sees a step to send back to
    nor may send one back (403), as he cannot cancel the case."""
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", BOARD_ON_THE_COMMITTEE)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    chairman = api.as_("chu_tich")
    assert chairman.get(f"/api/v1/instances/{case.id}/send-back").get_json()["items"] == []
    approval = next(t for t in case.detail()["tasks"] if t["name"] == "duyet_ke_hoach")
    refused = chairman.post(f"/api/v1/instances/{case.id}/send-back",
                            json={"task_id": approval["id"], "reason": "Kế hoạch chưa phù hợp"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "role_not_allowed"
    assert case.open_task_names() == ["gui_ke_hoach"]
    targets = api.as_("mat_tran").get(f"/api/v1/instances/{case.id}/send-back").get_json()["items"]
    assert approval["id"] in {t["task_id"] for t in targets}
    sent_back = api.as_("mat_tran").post(f"/api/v1/instances/{case.id}/send-back",
                                         json={"task_id": approval["id"], "reason": "Duyệt lại kế hoạch"})
    assert sent_back.status_code == 200, sent_back.get_json()
    assert case.open_task_names() == ["duyet_ke_hoach"]
