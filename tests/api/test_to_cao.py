"""Denunciations (`bpmn/to_cao.bpmn`), walked path by path through the HTTP API as the demo users: intake
deadlines in working days, acceptance, refusal, transfer, forwarded letters, the anonymous letter, one and two
extensions and a third refused, full and partial withdrawals at both stages, and the wrong roles refused.
"""
import pytest

from tests.api.cases import Case, on
from tests.samples import DENUNCIATION_ACCEPT, DENUNCIATION_CHECK, DENUNCIATION_INTAKE, DENUNCIATION_NOTICE

INTAKE = DENUNCIATION_INTAKE
CHECK = DENUNCIATION_CHECK
ACCEPT = DENUNCIATION_ACCEPT
NOTICE = DENUNCIATION_NOTICE
VERIFIED = {"ket_qua_xac_minh": "Có căn cứ", "bao_cao_xac_minh_so": "07/BC", "de_nghi_gia_han": False}
NEEDS_TIME = {**VERIFIED, "de_nghi_gia_han": True, "ly_do_de_nghi_gia_han": "Phải làm việc với nhiều hộ dân"}
EXTEND = {"muc_do_phuc_tap": "dac_biet_phuc_tap", "so_ngay_gia_han": 30, "ly_do_gia_han": "Vụ việc phức tạp",
          "ngay_thong_bao_gia_han": "2026-04-08"}
CONCLUSION = {"ket_qua_ket_luan": "dung",
              "noi_dung_ket_luan": "Tố cáo đúng"}
HANDLING = {"bien_phap_xu_ly": "Kỷ luật khiển trách", "chuyen_co_quan_dieu_tra": False, "ngay_xu_ly": "2026-04-07"}
RESULT = {"ngay_gui_ket_luan": "2026-04-08", "ngay_thong_bao_nguoi_to_cao": "2026-04-08",
          "hinh_thuc_cong_khai": "niem_yet", "ngay_cong_khai": "2026-04-08"}
SUSPEND = {"ngay_thong_bao_dinh_chi": "2026-03-20"}
NO_GROUNDS = {"co_dau_hieu_vi_pham": False, "bi_ep_buoc": False}
FULL = {"ngay_rut": "2026-03-18", "pham_vi_rut": "toan_bo", "ly_do_rut": "Đã được giải thích"}
PARTIAL = {"ngay_rut": "2026-03-18", "pham_vi_rut": "mot_phan", "noi_dung_rut": "Nội dung thứ hai"}


def open_case(api, **overrides):
    return Case(api, "to_cao", "tiep_cong_dan", {**INTAKE, **overrides})


def accepted(api, **overrides):
    """A denunciation accepted on Tuesday 10 March 2026: the register dates the decision (`ngay_thu_ly`, from
    which the 30 days count) the day the Chairman signs it; the clock goes back to the letter's day after."""
    case = open_case(api, **overrides)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    decide_on(api, "2026-03-10", lambda: case.do("quyet_dinh_xu_ly", "chu_tich", ACCEPT))
    case.do("thong_bao_thu_ly", "tiep_cong_dan", NOTICE)
    return case


def decide_on(api, day: str, step) -> None:
    """Run `step` with the services' frozen clock on `day` (a step dated by the register), then set it back."""
    clock = api._client.application.extensions["danchu"].clock
    before = clock.now()
    clock.set(on(day))
    try:
        step()
    finally:
        clock.set(before)


def conclude(case):
    case.do("ket_luan", "chu_tich", CONCLUSION)
    case.do("xu_ly_ket_luan", "chu_tich", HANDLING)
    case.do("thong_bao_ket_qua", "tiep_cong_dan", RESULT)


def test_denunciation_opens_with_its_case_number_and_seven_working_days_for_intake(api):
    case = open_case(api)
    assert case.body["business_key"] == "TC-2026-000001"
    assert case.open_task_names() == ["kiem_tra_to_cao"]
    assert case.data["thoi_han_xu_ly_ap_dung"] == 7
    # received Mon 2026-03-02; 7 working days (3, 4, 5, 6, 9, 10, 11 March) -> Wed 2026-03-11
    assert case.due_day("kiem_tra_to_cao") == "2026-03-11"


def test_checks_in_several_places_give_ten_working_days(api):
    case = open_case(api, kiem_tra_nhieu_noi=True)
    assert case.data["thoi_han_xu_ly_ap_dung"] == 10
    assert case.due_day("kiem_tra_to_cao") == "2026-03-16"  # two weekends skipped


def test_intake_deadline_skips_the_hung_kings_and_may_day_holidays(api, clock):
    clock.advance(days=53)  # Friday 24/4: a letter is received on a day that has come
    case = open_case(api, ngay_nhan_don="2026-04-24")
    # Fri 24/4; off: 25-26 weekend, 27 (Hùng Kings moved from Sunday 26), 30/4, 1/5, 2-3 weekend
    # working days: 28, 29 April, 4, 5, 6, 7, 8 May -> Fri 2026-05-08
    assert case.due_day("kiem_tra_to_cao") == "2026-05-08"


def test_accepted_denunciation_verified_and_concluded_in_thirty_days_ends_resolved(api):
    case = open_case(api)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    assert case.due_day("quyet_dinh_xu_ly") == "2026-03-11"
    decide_on(api, "2026-03-10", lambda: case.do("quyet_dinh_xu_ly", "chu_tich", ACCEPT))
    assert case.open_task_names() == ["thong_bao_thu_ly"]
    data = case.detail()["data"]  # the register numbers and dates the decision: the acceptance's day
    assert (data["so_quyet_dinh_thu_ly"], data["ngay_thu_ly"]) == ("01/QĐ-UBND", "2026-03-10")
    case.do("thong_bao_thu_ly", "tiep_cong_dan", NOTICE)
    assert case.open_task_names() == ["xac_minh"]
    # accepted Tue 2026-03-10 + 30 calendar days -> Thu 2026-04-09
    assert case.due_day("xac_minh") == "2026-04-09"
    case.do("xac_minh", "can_bo_xac_minh", VERIFIED)
    assert case.open_task_names() == ["ket_luan"]
    assert case.due_day("ket_luan") == "2026-04-09"
    case.do("ket_luan", "chu_tich", CONCLUSION)
    assert case.task("xu_ly_ket_luan")["due_at"] is None
    case.do("xu_ly_ket_luan", "chu_tich", HANDLING)
    case.do("thong_bao_ket_qua", "tiep_cong_dan", RESULT)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_giai_quyet")
    data = detail["data"]
    assert (data["so_lan_gia_han"], data["thoi_han_giai_quyet_ap_dung"], data["lich_su_gia_han"]) == (0, 30, [])
    assert (data["ket_qua_ket_luan"], data["lich_su_rut"]) == ("dung", [])


def test_one_extension_of_thirty_days_is_recorded_with_its_reason(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    assert case.open_task_names() == ["gia_han_giai_quyet"]
    assert case.due_day("gia_han_giai_quyet") == "2026-04-09"
    case.do("gia_han_giai_quyet", "chu_tich", EXTEND)
    assert case.open_task_names() == ["xac_minh"]
    # 30 + 30 = 60 days from 10 March -> Sat 2026-05-09 -> Mon 2026-05-11
    assert case.due_day("xac_minh") == "2026-05-11"
    detail = case.detail()
    assert detail["due_at"].startswith("2026-05-11T17:00")  # the case's statutory date follows, 24:00 local
    computed, extension = detail["deadline_history"]
    assert computed["kind"] == "computed" and computed["due_at"].startswith("2026-04-09T17:00")
    assert (extension["kind"], extension["actor"], extension["days"], extension["reason"]) == (
        "extension", "chu_tich", 30, "Vụ việc phức tạp")
    case.do("xac_minh", "can_bo_xac_minh", VERIFIED)
    assert case.due_day("ket_luan") == "2026-05-11"
    conclude(case)
    data = case.detail()["data"]
    assert case.outcome() == ("completed", "da_giai_quyet")
    assert (data["so_lan_gia_han"], data["thoi_han_giai_quyet_ap_dung"]) == (1, 60)
    assert data["lich_su_gia_han"] == [{
        "lan": 1, "muc_do_phuc_tap": "dac_biet_phuc_tap", "so_ngay": 30, "ly_do": "Vụ việc phức tạp", "so_quyet_dinh": "04/QĐ-UBND",
        "ngay_quyet_dinh": "2026-03-02", "ngay_thong_bao": "2026-04-08", "thoi_han_moi": 60}]


def test_a_shorter_extension_adds_only_its_days(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_giai_quyet", "chu_tich", {**EXTEND, "so_ngay_gia_han": 20})
    assert case.due_day("xac_minh") == "2026-04-29"  # 50 days from 10 March


def test_two_extensions_then_a_third_request_is_refused_by_the_diagram(api):
    case = accepted(api)
    for round_, decision in ((1, "gia_han_giai_quyet"), (2, "gia_han_lan_hai")):
        case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
        case.do(decision, "chu_tich", EXTEND)
    # 30 + 30 + 30 = 90 days from 10 March -> Mon 2026-06-08
    assert case.due_day("xac_minh") == "2026-06-08"
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    assert case.open_task_names() == ["ket_luan"]
    assert case.due_day("ket_luan") == "2026-06-08"
    conclude(case)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_giai_quyet")
    data = detail["data"]
    assert (data["so_lan_gia_han"], data["thoi_han_giai_quyet_ap_dung"]) == (2, 90)
    assert data["de_nghi_gia_han_bi_tu_choi"] is True
    assert [e["so_quyet_dinh"] for e in data["lich_su_gia_han"]] == ["04/QĐ-UBND", "05/QĐ-UBND"]  # numbered by the register, after the decision and the two notices


@pytest.mark.parametrize("change, field", [
    ({"so_ngay_gia_han": 31}, "so_ngay_gia_han"),
    ({"so_ngay_gia_han": 0}, "so_ngay_gia_han"),
    ({"ly_do_gia_han": ""}, "ly_do_gia_han"),
])
def test_an_extension_over_thirty_days_or_without_a_reason_is_refused(api, change, field):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    refused = case.refuse("gia_han_giai_quyet", "chu_tich", {**EXTEND, **change})
    assert refused["status"] == 422
    assert field in refused["details"]


def test_extension_request_needs_the_verifiers_reason(api):
    case = accepted(api)
    refused = case.refuse("xac_minh", "can_bo_xac_minh", {**VERIFIED, "de_nghi_gia_han": True})
    assert refused["status"] == 422
    assert "ly_do_de_nghi_gia_han" in refused["details"]


def test_forwarded_letter_reports_back_within_twenty_days(api):
    case = open_case(api, hinh_thuc_tiep_nhan="chuyen_den", co_quan_chuyen_don="Báo Quảng Ngãi")
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    case.do("quyet_dinh_xu_ly", "chu_tich", ACCEPT)
    assert case.open_task_names() == ["bao_cao_don_chuyen_den"]
    # 20 calendar days from Mon 2 March -> Sun 22 March -> Mon 2026-03-23
    assert case.due_day("bao_cao_don_chuyen_den") == "2026-03-23"
    case.do("bao_cao_don_chuyen_den", "tiep_cong_dan", {})
    assert case.open_task_names() == ["thong_bao_thu_ly"]


def test_forwarded_letter_must_name_who_forwarded_it(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "to_cao", "data": {**INTAKE, "hinh_thuc_tiep_nhan": "chuyen_den"}})
    assert response.status_code == 422
    assert "co_quan_chuyen_don" in response.get_json()["error"]["details"]


def test_forwarded_letter_refused_is_reported_back_then_the_denouncer_notified(api):
    case = open_case(api, hinh_thuc_tiep_nhan="chuyen_den", co_quan_chuyen_don="Ban Tiếp công dân tỉnh")
    case.do("kiem_tra_to_cao", "tiep_cong_dan", {**CHECK, "du_dieu_kien_thu_ly": False, "de_xuat": "khong_thu_ly"})
    case.do("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "khong_thu_ly", "ly_do": "Tố cáo đã được giải quyết"})
    case.do("bao_cao_don_chuyen_den", "tiep_cong_dan", {})
    assert case.open_task_names() == ["thong_bao_khong_thu_ly"]


def test_refused_denunciation_ends_after_the_notice(api):
    case = open_case(api)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", {**CHECK, "du_dieu_kien_thu_ly": False, "de_xuat": "khong_thu_ly"})
    case.do("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "khong_thu_ly", "ly_do": "Không có nội dung cụ thể"})
    assert case.open_task_names() == ["thong_bao_khong_thu_ly"]
    assert case.due_day("thong_bao_khong_thu_ly") == "2026-03-11"
    case.do("thong_bao_khong_thu_ly", "tiep_cong_dan", {})
    assert case.outcome() == ("completed", "khong_thu_ly")


def test_denunciation_outside_competence_is_transferred_within_five_working_days(api):
    case = open_case(api, nguoi_bi_to_cao="Ông Trần Văn Hải", chuc_vu_nguoi_bi_to_cao="Chuyên viên Sở Tài nguyên",
                     vi_tri_nguoi_bi_to_cao="nguoi_khac")
    case.do("kiem_tra_to_cao", "tiep_cong_dan", {**CHECK, "thuoc_tham_quyen": False, "de_xuat": "chuyen_don"})
    case.do("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "chuyen_don", "co_quan_nhan_chuyen": "UBND tỉnh",
                                              "ly_do": "Người bị tố cáo không do Chủ tịch UBND xã quản lý"})
    assert case.open_task_names() == ["chuyen_don_to_cao"]
    assert case.due_day("chuyen_don_to_cao") == "2026-03-09"  # 5 working days from Mon 2 March
    case.do("chuyen_don_to_cao", "tiep_cong_dan", {"da_thong_bao_nguoi_to_cao": True})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_chuyen")
    assert detail["data"]["co_quan_nhan_chuyen"] == "UBND tỉnh"


def test_acceptance_needs_its_date_and_a_verifier_and_a_transfer_needs_its_recipient(api):
    case = open_case(api)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    refused = case.refuse("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "thu_ly"})
    assert refused["status"] == 422
    assert {"so_quyet_dinh_thu_ly", "ngay_thu_ly", "can_bo_xac_minh_duoc_giao"} & set(refused["details"])
    refused = case.refuse("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "chuyen_don", "ly_do": "x"})
    assert "co_quan_nhan_chuyen" in refused["details"]


def test_anonymous_letter_with_concrete_evidence_is_checked_not_accepted(api):
    case = open_case(api, an_danh=True, nguoi_to_cao="", dia_chi="", so_giay_to_tuy_than="", so_dien_thoai="",
                     thon="")
    assert case.open_task_names() == ["xem_xet_don_an_danh"]
    assert case.due_day("xem_xet_don_an_danh") == "2026-03-11"
    assert case.detail()["messages"] == []  # nobody to withdraw an anonymous letter
    case.do("xem_xet_don_an_danh", "chu_tich", {"co_noi_dung_cu_the": True})
    assert case.open_task_names() == ["kiem_tra_thong_tin_an_danh"]
    case.do("kiem_tra_thong_tin_an_danh", "can_bo_xac_minh", {"ket_qua_kiem_tra": "Có vi phạm nhỏ",
                                                                "co_vi_pham": True,
                                                                "kien_nghi_xu_ly": "Nhắc nhở"})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_kiem_tra_don_an_danh")
    assert detail["data"]["co_vi_pham"] is True


def test_anonymous_letter_without_concrete_evidence_is_filed(api):
    case = open_case(api, an_danh=True, nguoi_to_cao="", dia_chi="")
    case.do("xem_xet_don_an_danh", "chu_tich", {"co_noi_dung_cu_the": False, "nhan_xet": "Chung chung"})
    assert case.outcome() == ("completed", "luu_don_an_danh")


def test_a_named_denunciation_needs_the_denouncers_name_and_address(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "to_cao", "data": {**INTAKE, "nguoi_to_cao": ""}})
    assert response.status_code == 422
    assert "nguoi_to_cao" in response.get_json()["error"]["details"]


def test_full_withdrawal_before_acceptance_without_grounds_suspends_the_case(api):
    case = open_case(api)
    assert {"name": "rut_to_cao", "title": "Rút tố cáo", "allowed": True} in api.as_("tiep_cong_dan").get(
        f"/api/v1/instances/{case.id}").get_json()["messages"]
    response = case.send("rut_to_cao", "tiep_cong_dan", FULL)
    assert response.status_code == 200, response.get_json()
    assert case.open_task_names() == ["xem_xet_rut_khi_xu_ly"]
    assert [t["status"] for t in case.detail()["tasks"] if t["name"] == "kiem_tra_to_cao"] == ["cancelled"]
    case.do("xem_xet_rut_khi_xu_ly", "chu_tich", NO_GROUNDS)
    assert case.open_task_names() == ["quyet_dinh_dinh_chi_khi_xu_ly"]
    case.do("quyet_dinh_dinh_chi_khi_xu_ly", "chu_tich", SUSPEND)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "dinh_chi")
    assert detail["data"]["lich_su_rut"] == [{"ngay_rut": "2026-03-18", "pham_vi_rut": "toan_bo",
                                              "giai_doan": "xu_ly_ban_dau", "tiep_tuc_giai_quyet": False}]


def test_partial_withdrawal_before_acceptance_restarts_the_intake_of_the_rest(api):
    case = open_case(api)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    case.send("rut_to_cao", "tiep_cong_dan", PARTIAL)
    case.do("xem_xet_rut_khi_xu_ly", "chu_tich", NO_GROUNDS)
    assert case.open_task_names() == ["kiem_tra_to_cao"]
    assert case.due_day("kiem_tra_to_cao") == "2026-03-11"  # still counted from receipt
    assert case.data["rut_to_cao"]["noi_dung_rut"] == "Nội dung thứ hai"


def test_full_withdrawal_during_verification_without_grounds_suspends_the_case(api):
    case = accepted(api)
    case.send("rut_to_cao", "chu_tich", FULL)
    assert case.open_task_names() == ["xem_xet_rut_khi_giai_quyet"]
    case.do("xem_xet_rut_khi_giai_quyet", "chu_tich", NO_GROUNDS)
    case.do("quyet_dinh_dinh_chi_khi_giai_quyet", "chu_tich", SUSPEND)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "dinh_chi")
    assert detail["data"]["so_quyet_dinh_dinh_chi"] == "04/QĐ-UBND"  # the register's, after the decision and the notices


@pytest.mark.parametrize("grounds", [{"co_dau_hieu_vi_pham": True, "bi_ep_buoc": False},
                                     {"co_dau_hieu_vi_pham": False, "bi_ep_buoc": True}])
def test_full_withdrawal_with_signs_of_violation_or_coercion_goes_on_keeping_the_extensions(api, grounds):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_giai_quyet", "chu_tich", EXTEND)
    case.send("rut_to_cao", "tiep_cong_dan", FULL)
    case.do("xem_xet_rut_khi_giai_quyet", "chu_tich", grounds)
    assert case.open_task_names() == ["xac_minh"]
    assert case.due_day("xac_minh") == "2026-05-11"  # the extension survives the withdrawal
    data = case.data
    assert (data["so_lan_gia_han"], data["tiep_tuc_giai_quyet"]) == (1, True)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_lan_hai", "chu_tich", EXTEND)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)  # a third extension is still refused
    assert case.open_task_names() == ["ket_luan"]
    conclude(case)
    assert case.outcome() == ("completed", "da_giai_quyet")


def test_partial_withdrawals_can_follow_each_other_and_the_rest_is_concluded(api):
    case = accepted(api)
    case.send("rut_to_cao", "tiep_cong_dan", PARTIAL)
    case.do("xem_xet_rut_khi_giai_quyet", "chu_tich", NO_GROUNDS)
    assert case.open_task_names() == ["xac_minh"]
    case.send("rut_to_cao", "tiep_cong_dan", {**PARTIAL, "ngay_rut": "2026-03-25", "noi_dung_rut": "Nội dung ba"})
    case.do("xem_xet_rut_khi_giai_quyet", "chu_tich", NO_GROUNDS)
    case.do("xac_minh", "can_bo_xac_minh", VERIFIED)
    conclude(case)
    detail = case.detail()
    assert detail["outcome"] == "da_giai_quyet"
    assert [(e["ngay_rut"], e["pham_vi_rut"], e["giai_doan"]) for e in detail["data"]["lich_su_rut"]] == [
        ("2026-03-18", "mot_phan", "giai_quyet"), ("2026-03-25", "mot_phan", "giai_quyet")]


def test_withdrawal_during_the_extension_decision_keeps_the_earlier_extensions(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_giai_quyet", "chu_tich", EXTEND)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    assert case.open_task_names() == ["gia_han_lan_hai"]
    case.send("rut_to_cao", "tiep_cong_dan", PARTIAL)
    case.do("xem_xet_rut_khi_giai_quyet", "chu_tich", NO_GROUNDS)
    assert case.data["so_lan_gia_han"] == 1
    assert case.due_day("xac_minh") == "2026-05-11"


def test_withdrawal_after_the_conclusion_is_not_accepted(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", VERIFIED)
    case.do("ket_luan", "chu_tich", CONCLUSION)
    assert case.detail()["messages"] == []
    response = case.send("rut_to_cao", "tiep_cong_dan", FULL)
    assert response.status_code == 422
    assert "name" in response.get_json()["error"]["details"]


def test_partial_withdrawal_must_say_what_is_withdrawn(api):
    case = open_case(api)
    response = case.send("rut_to_cao", "tiep_cong_dan", {"ngay_rut": "2026-03-18", "pham_vi_rut": "mot_phan"})
    assert response.status_code == 422
    assert "noi_dung_rut" in response.get_json()["error"]["details"]


def test_verifier_cannot_withdraw_and_other_roles_cannot_take_the_chairmans_decisions(api):
    case = open_case(api)
    assert case.send("rut_to_cao", "can_bo_xac_minh", FULL).status_code == 403
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    for user in ("tiep_cong_dan", "pho_chu_tich", "can_bo_xac_minh"):
        assert case.refuse("quyet_dinh_xu_ly", user, ACCEPT)["status"] == 403, user
    case.do("quyet_dinh_xu_ly", "chu_tich", ACCEPT)
    case.do("thong_bao_thu_ly", "tiep_cong_dan", NOTICE)
    assert case.refuse("xac_minh", "chu_tich", VERIFIED)["status"] == 403
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    assert case.refuse("gia_han_giai_quyet", "pho_chu_tich", EXTEND)["status"] == 403
    assert case.refuse("gia_han_giai_quyet", "tiep_cong_dan", EXTEND)["status"] == 403


def test_the_denouncers_identity_is_confidential_and_hidden_from_the_verifier(api):
    form = api.as_("quan_tri").get(
        "/api/v1/process-models/to_cao/versions/1/files/to_cao-tiep_nhan.schema.json").get_json()
    confidential = {name for name, field in form["properties"].items() if field.get("x-confidential")}
    assert confidential == {"nguoi_to_cao", "so_giay_to_tuy_than", "dia_chi", "so_dien_thoai", "thon"}
    case = accepted(api)
    task = api.as_("can_bo_xac_minh").get(f"/api/v1/tasks/{case.task('xac_minh')['id']}").get_json()
    assert "Ông Lê Văn Dũng" in task["instructions"]
    assert INTAKE["nguoi_to_cao"] not in task["instructions"]
    assert INTAKE["dia_chi"] not in task["instructions"]


# --- Art. 29-30: the acceptance notice, the class of each extension; a sign of a crime -----------------------

CRIME = {"ket_qua_xu_ly": "chuyen_co_quan_dieu_tra", "co_quan_dieu_tra": "Cơ quan Cảnh sát điều tra Công an tỉnh",
         "ly_do": "Có dấu hiệu tội nhận hối lộ"}
SENT_TO_POLICE = {"da_thong_bao_chuyen_dieu_tra": True}


def test_the_acceptance_is_notified_to_the_denouncer_and_the_denounced_within_five_working_days(api):
    case = open_case(api)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", CHECK)
    decide_on(api, "2026-03-10", lambda: case.do("quyet_dinh_xu_ly", "chu_tich", ACCEPT))
    # accepted Tue 10 March; 5 working days (11, 12, 13, 16, 17 March) -> Tue 2026-03-17 (Art. 29)
    assert case.due_day("thong_bao_thu_ly") == "2026-03-17"
    typed = case.refuse("thong_bao_thu_ly", "tiep_cong_dan", {"so_van_ban_thong_bao_nguoi_bi_to_cao": "07/TB-UBND"})
    assert typed["status"] == 422  # the register numbers both notices: nobody types them
    decide_on(api, "2026-03-12", lambda: case.do("thong_bao_thu_ly", "tiep_cong_dan", NOTICE))
    data = case.detail()["data"]
    assert (data["so_van_ban_thong_bao_thu_ly"], data["ngay_gui_thong_bao_thu_ly"]) == ("02/TB-UBND", "2026-03-12")
    assert (data["so_van_ban_thong_bao_nguoi_bi_to_cao"], data["ngay_thong_bao_nguoi_bi_to_cao"]) == (
        "03/TB-UBND", "2026-03-12")
    assert case.open_task_names() == ["xac_minh"]


def test_a_complex_case_is_extended_once_and_a_second_request_goes_to_the_conclusion(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_giai_quyet", "chu_tich", {**EXTEND, "muc_do_phuc_tap": "phuc_tap"})
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    assert case.open_task_names() == ["ket_luan"]  # Art. 30: a complex case is extended once only
    assert case.due_day("ket_luan") == "2026-05-11"
    conclude(case)
    data = case.data
    assert data["de_nghi_gia_han_bi_tu_choi"] is True
    assert [(e["lan"], e["muc_do_phuc_tap"]) for e in data["lich_su_gia_han"]] == [(1, "phuc_tap")]


def test_an_especially_complex_case_is_extended_twice_each_extension_recording_the_class(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_giai_quyet", "chu_tich", EXTEND)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    assert case.open_task_names() == ["gia_han_lan_hai"]
    case.do("gia_han_lan_hai", "chu_tich", {**EXTEND, "so_ngay_gia_han": 15})
    detail = case.detail()
    assert [(e["lan"], e["muc_do_phuc_tap"], e["so_ngay"]) for e in detail["data"]["lich_su_gia_han"]] == [
        (1, "dac_biet_phuc_tap", 30), (2, "dac_biet_phuc_tap", 15)]
    assert [c["days"] for c in detail["deadline_history"] if c["kind"] == "extension"] == [30, 15]
    assert case.due_day("xac_minh") == "2026-05-25"  # 30 + 30 + 15 days from 10 March: Sun 24 May -> Mon 25 May


@pytest.mark.parametrize("decision, data", [
    ("gia_han_giai_quyet", {k: v for k, v in EXTEND.items() if k != "muc_do_phuc_tap"}),
    ("gia_han_lan_hai", {**EXTEND, "muc_do_phuc_tap": "phuc_tap"}),
])
def test_an_extension_without_its_class_or_a_second_one_for_a_merely_complex_case_is_refused(api, decision, data):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    if decision == "gia_han_lan_hai":
        case.do("gia_han_giai_quyet", "chu_tich", EXTEND)
        case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    refused = case.refuse(decision, "chu_tich", data)
    assert refused["status"] == 422
    assert "muc_do_phuc_tap" in refused["details"]


def test_a_sign_of_a_crime_goes_to_the_investigating_authority_within_its_time_limit(api):
    case = open_case(api)
    case.do("kiem_tra_to_cao", "tiep_cong_dan", {**CHECK, "co_dau_hieu_toi_pham": True,
                                                 "de_xuat": "chuyen_co_quan_dieu_tra"})
    refused = case.refuse("quyet_dinh_xu_ly", "chu_tich", {**CRIME, "co_quan_dieu_tra": ""})
    assert refused["status"] == 422 and "co_quan_dieu_tra" in refused["details"]
    case.do("quyet_dinh_xu_ly", "chu_tich", CRIME)
    assert case.open_task_names() == ["chuyen_co_quan_dieu_tra"]
    assert case.task("chuyen_co_quan_dieu_tra")["role"] == "tiep_cong_dan"
    # decided Mon 2 March: transferred at once, 1 working day from the decision -> Tue 2026-03-03
    assert case.due_day("chuyen_co_quan_dieu_tra") == "2026-03-03"
    assert "so_quyet_dinh_thu_ly" not in case.detail()["data"]  # not accepted: no acceptance decision, no number
    case.do("chuyen_co_quan_dieu_tra", "tiep_cong_dan", SENT_TO_POLICE)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "chuyen_co_quan_dieu_tra")
    assert detail["data"]["co_quan_dieu_tra"] == CRIME["co_quan_dieu_tra"]


def test_a_crime_found_at_the_conclusion_is_transferred_before_the_result_is_notified(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", VERIFIED)
    case.do("ket_luan", "chu_tich", CONCLUSION)
    case.do("xu_ly_ket_luan", "chu_tich", {**HANDLING, "chuyen_co_quan_dieu_tra": True})
    assert case.open_task_names() == ["chuyen_ho_so_dieu_tra"]
    assert case.due_day("chuyen_ho_so_dieu_tra") == "2026-04-08"  # handled Tue 7 April, 1 working day
    case.do("chuyen_ho_so_dieu_tra", "tiep_cong_dan", SENT_TO_POLICE)
    assert case.open_task_names() == ["thong_bao_ket_qua"]
    case.do("thong_bao_ket_qua", "tiep_cong_dan", RESULT)
    assert case.outcome() == ("completed", "da_giai_quyet")
