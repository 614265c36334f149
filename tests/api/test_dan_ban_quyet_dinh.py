"""Matters the people discuss and decide (`bpmn/dan_ban_quyet_dinh.bpmn`), through the HTTP API.

The tally is computed by the engine (script tasks + the DMN table `dan_ban_quyet_dinh-ket_qua.dmn`) from the
counts the village head enters; each test checks it against a hand count. Thresholds (processes.md §5):
an ordinary matter passes with > 50% of the attending household representatives; a village convention needs
> 50% of households attending and > 50% of ALL households approving; household ballots need > 50% of all
households. Exactly 50% fails; a tie between the two leading options fails; a failed meeting falls back to
household ballots.
"""
import pytest

from tests.api.cases import Case
from tests.samples import VILLAGE_MATTER, ballots, meeting, open_matter, report_resolution

CONVENTION = {**VILLAGE_MATTER, "ten_van_de": "Hương ước thôn Phú Sơn", "loai_van_de": "huong_uoc_quy_uoc"}


def open_convention(api) -> Case:
    case = Case(api, "dan_ban_quyet_dinh", "truong_thon", CONVENTION)
    case.do("niem_yet_du_thao", "truong_thon", {"ngay_niem_yet": "2026-03-02", "noi_niem_yet": "Nhà văn hóa thôn"})
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-04-01"})
    return case


def rounds(case: Case) -> list[tuple[str, str]]:
    return [(r["vong"], r["ket_qua"]) for r in case.data["cac_vong_bieu_quyet"]]


def test_village_head_opens_an_ordinary_matter_straight_to_the_meeting(api):
    case = open_matter(api)
    assert case.body["business_key"] == "BQD-2026-000001"
    assert case.open_task_names() == ["to_chuc_hop"]
    assert case.data["la_huong_uoc"] is False


def test_ordinary_matter_passes_with_more_than_half_of_attending_representatives(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 31, 20))
    data = case.data
    # hand count: 31 of 60 attending = 51.67 % > 50 %; attendance 60 of 100 households = 60 %
    assert data["ket_qua_bieu_quyet"] == "thong_qua"
    assert data["phuong_an_thong_qua"] == "Phương án 1"
    assert data["ty_le_tan_thanh_tren_so_bieu_quyet"] == 51.67
    assert data["ty_le_tan_thanh_tren_tong_so_ho"] == 31.0
    assert data["ty_le_tham_gia"] == 60.0
    assert rounds(case) == [("hop", "thong_qua")]
    report_resolution(case)
    assert case.outcome() == ("completed", "da_thong_qua")


def test_ordinary_matter_needs_no_quorum_only_a_majority_of_those_attending(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(30, 16))  # 30 % attend; 16 of 30 = 53.33 %
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
    assert case.open_task_names() == ["lap_nghi_quyet"]


def test_exactly_half_of_attending_fails_and_falls_back_to_household_ballots(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 30))  # 30 of 60 = exactly 50 %: not more than half
    assert case.data["ket_qua_bieu_quyet"] == "khong_dat_ty_le"
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]
    assert case.data["hinh_thuc_lay_phieu"] == "phieu_giay"
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 90, 88, 51))  # 51 of 100 households
    data = case.data
    assert data["ket_qua_bieu_quyet"] == "thong_qua"
    assert data["ty_le_tan_thanh_tren_tong_so_ho"] == 51.0
    assert data["ty_le_tham_gia"] == 90.0
    assert rounds(case) == [("hop", "khong_dat_ty_le"), ("phieu", "thong_qua")]
    report_resolution(case)
    assert case.outcome() == ("completed", "da_thong_qua")


def test_a_tie_between_the_leading_options_fails_at_the_meeting_and_in_the_ballots(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(80, 35, 35, 10))
    assert case.data["ket_qua_bieu_quyet"] == "hoa"
    assert case.data["phuong_an_dan_dau"] == ["Phương án 1", "Phương án 2"]
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 96, 96, 48, 48))
    assert rounds(case) == [("hop", "hoa"), ("phieu", "hoa")]
    assert case.outcome() == ("completed", "khong_thong_qua")


def test_ballots_approved_by_exactly_half_of_all_households_are_not_passed(api):
    case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 60, 60, 50))  # 50 of 60 valid, but 50 % of all
    data = case.data
    assert data["ty_le_tan_thanh_tren_so_bieu_quyet"] == 83.33
    assert data["ty_le_tan_thanh_tren_tong_so_ho"] == 50.0
    assert data["ket_qua_bieu_quyet"] == "khong_dat_ty_le"
    assert case.outcome() == ("completed", "khong_thong_qua")


def test_figures_that_cannot_be_right_send_the_task_back(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(40, 45))  # 45 in favour out of 40 present
    assert case.data["ket_qua_bieu_quyet"] == "so_lieu_khong_hop_le"
    assert case.open_task_names() == ["to_chuc_hop"]
    case.do("to_chuc_hop", "truong_thon", meeting(120, 70))  # more attending than households
    assert case.open_task_names() == ["to_chuc_hop"]
    case.do("to_chuc_hop", "truong_thon", meeting(50, 45))
    assert rounds(case) == [("hop", "thong_qua")]
    ballot_case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    ballot_case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 101, 90, 60))  # more back than handed out
    assert ballot_case.open_task_names() == ["lay_phieu_ho_gia_dinh"]
    assert ballot_case.data["cac_vong_bieu_quyet"] == []


def test_a_secret_ballot_needs_a_counting_committee_of_three_to_five(api):
    case = open_matter(api)
    secret = meeting(60, 40, hinh_thuc_bieu_quyet_tai_hop="bo_phieu_kin")
    refused = case.refuse("to_chuc_hop", "truong_thon", secret)
    assert refused["status"] == 422 and "to_kiem_phieu" in refused["details"]
    refused = case.refuse("to_chuc_hop", "truong_thon", {**secret, "to_kiem_phieu": ["A", "B"]})
    assert "to_kiem_phieu" in refused["details"]
    case.do("to_chuc_hop", "truong_thon", {**secret, "to_kiem_phieu": ["Nguyễn A", "Trần B", "Lê C"]})
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"


def test_convention_draft_is_posted_thirty_days_before_the_vote(api):
    case = Case(api, "dan_ban_quyet_dinh", "truong_thon", CONVENTION)
    assert case.open_task_names() == ["niem_yet_du_thao"]
    case.do("niem_yet_du_thao", "truong_thon", {"ngay_niem_yet": "2026-03-02", "noi_niem_yet": "Nhà văn hóa thôn"})
    # posted Mon 2/3; 30 days, the first not counted -> Wed 1/4/2026
    assert case.due_day("ket_thuc_niem_yet_du_thao") == "2026-04-01"
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-03-31"})
    assert case.data["so_ngay_niem_yet_du_thao"] == 29
    assert case.open_task_names() == ["ket_thuc_niem_yet_du_thao"]  # too early: back to the same step
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-04-01",
                                                          "tom_tat_gop_y_du_thao": "Ba ý kiến góp ý"})
    assert case.data["so_ngay_niem_yet_du_thao"] == 30
    assert case.open_task_names() == ["to_chuc_hop"]


def test_convention_meeting_without_quorum_falls_back_to_ballots_then_is_recognised(api):
    case = open_convention(api)
    case.do("to_chuc_hop", "truong_thon", meeting(50, 50))  # exactly half of households attend: no quorum
    assert case.data["ket_qua_bieu_quyet"] == "khong_du_nguoi"
    assert case.data["ty_le_tham_gia"] == 50.0
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 80, 78, 62))
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
    report_resolution(case)
    assert case.open_task_names() == ["cong_nhan_huong_uoc"]
    case.do("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "cong_nhan", "so_quyet_dinh_cong_nhan": "45/QĐ-UBND",
                                                  "ngay_quyet_dinh_cong_nhan": "2026-04-20"})
    assert rounds(case) == [("hop", "khong_du_nguoi"), ("phieu", "thong_qua")]
    assert case.outcome() == ("completed", "da_cong_nhan")


def test_convention_needs_more_than_half_of_all_households_not_just_of_those_attending(api):
    case = open_convention(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 50))  # 83.33 % of attending, but 50 % of all households
    data = case.data
    assert (data["ty_le_tan_thanh_tren_so_bieu_quyet"], data["ty_le_tan_thanh_tren_tong_so_ho"]) == (83.33, 50.0)
    assert data["ket_qua_bieu_quyet"] == "khong_dat_ty_le"
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]


def test_convention_passed_at_the_meeting_can_be_refused_recognition(api):
    case = open_convention(api)
    case.do("to_chuc_hop", "truong_thon", meeting(70, 51))
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
    report_resolution(case)
    refused = case.refuse("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "khong_cong_nhan",
                                                               "ngay_quyet_dinh_cong_nhan": "2026-04-20"})
    assert "ly_do_khong_cong_nhan" in refused["details"]
    case.do("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "khong_cong_nhan",
                                                  "ngay_quyet_dinh_cong_nhan": "2026-04-20",
                                                  "ly_do_khong_cong_nhan": "Trái với quy định của pháp luật"})
    assert case.outcome() == ("completed", "khong_cong_nhan")


@pytest.mark.parametrize("agrees, expected", [(True, "truc_tuyen"), (False, "phieu_giay")])
def test_online_vote_needs_the_front_committee_to_agree(api, agrees, expected):
    case = open_matter(api, loai_van_de="khac", hinh_thuc_bieu_quyet="truc_tuyen")
    assert case.open_task_names() == ["dong_y_truc_tuyen"]
    case.do("dong_y_truc_tuyen", "ban_cong_tac_mat_tran", {"dong_y_truc_tuyen": agrees})
    assert case.data["hinh_thuc_lay_phieu"] == expected
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 70, 70, 55))
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"


def test_online_vote_is_refused_for_anything_but_other_self_management_matters(api):
    response = api.as_("truong_thon").post("/api/v1/instances", json={
        "process_model": "dan_ban_quyet_dinh", "data": {**CONVENTION, "hinh_thuc_bieu_quyet": "truc_tuyen"}})
    assert response.status_code == 422
    assert "loai_van_de" in response.get_json()["error"]["details"]


def test_only_the_village_head_opens_and_holds_the_meeting(api):
    response = api.as_("ban_cong_tac_mat_tran").post("/api/v1/instances", json={
        "process_model": "dan_ban_quyet_dinh", "data": VILLAGE_MATTER})
    assert response.status_code == 403
    case = open_matter(api)
    refused = case.refuse("to_chuc_hop", "chu_tich", meeting(60, 40))
    assert (refused["status"], refused["code"]) == (403, "not_your_task")
    case.do("to_chuc_hop", "truong_thon", meeting(60, 40))
    report_resolution(case)
    assert case.outcome() == ("completed", "da_thong_qua")
