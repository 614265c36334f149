"""Matters the people discuss and decide (`bpmn/dan_ban_quyet_dinh.bpmn`), through the HTTP API.

The tally is computed by the engine (script tasks + the DMN table `dan_ban_quyet_dinh-ket_qua.dmn`) from the
counts the village head enters; each test checks it against a hand count. The rules (Law 10/2022/QH15 on
grassroots democracy, Arts. 20-23; docs/processes/dan_ban_quyet_dinh.md):
- a meeting of voters or household representatives decides nothing unless more than 50 % of the hamlet's
  total are present;
- a matter passes only with more than 50 % of the hamlet's TOTAL voters or household representatives in
  favour, at a meeting, by ballot or online, whatever the turnout: never a majority of those present;
- exactly 50 % fails (of 100, 50 fails and 51 passes; of 101, 50 fails and 51 passes); a tie fails;
- figures that cannot be right are refused at the form (422 naming the field), never recorded.
"""
import pytest

from tests.api.cases import Case, on
from tests.samples import VILLAGE_MATTER, ballots, meeting, open_matter, report_resolution

CONVENTION = {**VILLAGE_MATTER, "ten_van_de": "Hương ước thôn Phú Sơn", "loai_van_de": "huong_uoc_quy_uoc"}


VOTED = "2026-04-01"  # a convention is voted on once its draft has been posted thirty days (2/3 to 1/4)


def open_convention(api, clock) -> Case:
    """A convention whose draft was posted on 2/3 and taken down on 1/4, the clock's day after it."""
    case = Case(api, "dan_ban_quyet_dinh", "truong_thon", CONVENTION)
    case.do("niem_yet_du_thao", "truong_thon", {"ngay_niem_yet": "2026-03-02", "noi_niem_yet": "Nhà văn hóa thôn"})
    clock.set(on(VOTED))
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-04-01"})
    return case


def rounds(case: Case) -> list[tuple[str, str]]:
    return [(r["vong"], r["ket_qua"]) for r in case.data["cac_vong_bieu_quyet"]]


def test_village_head_opens_an_ordinary_matter_straight_to_the_meeting(api):
    case = open_matter(api)
    assert case.body["business_key"] == "BQD-2026-000001"
    assert case.open_task_names() == ["to_chuc_hop"]
    data = case.data
    assert data["la_huong_uoc"] is False
    assert (data["tong_so_cu_tri"], data["thanh_phan_bieu_quyet"]) == (100, "cu_tri_dai_dien_ho")
    assert (data["ty_le_toi_thieu_du_hop"], data["ty_le_toi_thieu_tan_thanh"]) == (50, 50)


def test_a_matter_passes_at_a_meeting_with_more_than_half_of_the_hamlets_total(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 51, 5))
    data = case.data
    # hand count: 51 of the hamlet's 100 = 51 % > 50 %; 51 of 60 present = 85 %; 60 of 100 present
    assert data["ket_qua_bieu_quyet"] == "thong_qua"
    assert data["phuong_an_thong_qua"] == "Phương án 1"
    assert (data["ty_le_tan_thanh_tren_tong_so"], data["ty_le_tan_thanh_tren_so_bieu_quyet"]) == (51.0, 85.0)
    assert data["ty_le_tham_gia"] == 60.0
    assert rounds(case) == [("hop", "thong_qua")]
    report_resolution(case)
    assert case.outcome() == ("completed", "da_thong_qua")


def test_a_majority_of_those_present_is_not_enough_the_base_is_the_hamlets_total(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 31, 20))  # 51.67 % of those present, 31 % of the hamlet
    data = case.data
    assert (data["ty_le_tan_thanh_tren_so_bieu_quyet"], data["ty_le_tan_thanh_tren_tong_so"]) == (51.67, 31.0)
    assert data["ket_qua_bieu_quyet"] == "khong_dat_ty_le"
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]  # the meeting failed: household ballots


@pytest.mark.parametrize("total, in_favour, passed", [(100, 50, False), (100, 51, True), (101, 50, False),
                                                       (101, 51, True)])
def test_exactly_half_of_the_total_fails_at_a_meeting_with_odd_totals_too(api, total, in_favour, passed):
    case = open_matter(api, tong_so_cu_tri=total)
    case.do("to_chuc_hop", "truong_thon", meeting(total - 1, in_favour))  # nearly everyone present
    assert case.data["ket_qua_bieu_quyet"] == ("thong_qua" if passed else "khong_dat_ty_le")
    assert case.open_task_names() == (["lap_nghi_quyet"] if passed else ["lay_phieu_ho_gia_dinh"])


@pytest.mark.parametrize("total, in_favour, passed", [(100, 50, False), (100, 51, True), (101, 50, False),
                                                       (101, 51, True)])
def test_exactly_half_of_the_total_fails_in_the_ballots_with_odd_totals_too(api, total, in_favour, passed):
    case = open_matter(api, tong_so_cu_tri=total, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(total, in_favour, in_favour, in_favour))
    assert case.data["ket_qua_bieu_quyet"] == ("thong_qua" if passed else "khong_dat_ty_le")
    if passed:
        assert case.open_task_names() == ["lap_nghi_quyet"]
    else:
        assert case.outcome() == ("completed", "khong_thong_qua")


@pytest.mark.parametrize("total, present, quorum", [(100, 50, False), (100, 51, True), (101, 50, False),
                                                     (101, 51, True)])
def test_a_meeting_without_more_than_half_of_the_hamlet_present_decides_nothing(api, total, present, quorum):
    case = open_matter(api, tong_so_cu_tri=total)
    if quorum:  # a meeting that may vote must record its votes
        refused = case.refuse("to_chuc_hop", "truong_thon", meeting(present))
        assert refused["status"] == 422 and list(refused["details"]) == ["phuong_an"], refused
        case.do("to_chuc_hop", "truong_thon", meeting(present, present))
        assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
        return
    refused = case.refuse("to_chuc_hop", "truong_thon", meeting(present, present))  # no quorum: no vote to record
    assert refused["status"] == 422 and list(refused["details"]) == ["phuong_an"], refused
    assert "không biểu quyết" in refused["details"]["phuong_an"]
    case.do("to_chuc_hop", "truong_thon", meeting(present))
    data = case.data
    assert data["ket_qua_bieu_quyet"] == "khong_du_nguoi" and data["du_nguoi_du_hop"] is False
    assert rounds(case) == [("hop", "khong_du_nguoi")]
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]


def test_ballots_pass_with_more_than_half_of_the_total_whatever_the_turnout(api):
    case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 51, 51, 51))  # every ballot returned says yes
    data = case.data
    assert (data["ket_qua_bieu_quyet"], data["ty_le_tham_gia"], data["ty_le_tan_thanh_tren_tong_so"]) == (
        "thong_qua", 51.0, 51.0)
    report_resolution(case)
    assert case.outcome() == ("completed", "da_thong_qua")


def test_ballots_approved_by_most_valid_ballots_but_half_of_the_total_are_not_passed(api):
    case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 60, 60, 50))  # 50 of 60 valid, but 50 % of all
    data = case.data
    assert (data["ty_le_tan_thanh_tren_so_bieu_quyet"], data["ty_le_tan_thanh_tren_tong_so"]) == (83.33, 50.0)
    assert data["ket_qua_bieu_quyet"] == "khong_dat_ty_le"
    assert case.outcome() == ("completed", "khong_thong_qua")


def test_a_failed_meeting_falls_back_to_ballots_counted_against_the_total(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 30))
    assert case.data["hinh_thuc_lay_phieu"] == "phieu_giay"
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 90, 88, 51))
    assert rounds(case) == [("hop", "khong_dat_ty_le"), ("phieu", "thong_qua")]
    assert [r["tong_so_cu_tri"] for r in case.data["cac_vong_bieu_quyet"]] == [100, 100]


def test_a_tie_between_the_leading_options_fails_at_the_meeting_and_in_the_ballots(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(80, 35, 35, 10))
    assert case.data["ket_qua_bieu_quyet"] == "hoa"
    assert case.data["phuong_an_dan_dau"] == ["Phương án 1", "Phương án 2"]
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 96, 96, 48, 48))
    assert rounds(case) == [("hop", "hoa"), ("phieu", "hoa")]
    assert case.outcome() == ("completed", "khong_thong_qua")


def test_meeting_figures_that_cannot_be_right_are_refused_at_the_form_every_one_at_once(api):
    case = open_matter(api)
    refused = case.refuse("to_chuc_hop", "truong_thon", meeting(120, 70))  # more present than the hamlet has
    assert refused["status"] == 422 and refused["code"] == "invalid_input"
    assert refused["details"] == {
        "so_cu_tri_du_hop": "Số người dự họp (120) không được lớn hơn tổng số cử tri của thôn (100)."}
    refused = case.refuse("to_chuc_hop", "truong_thon", meeting(60, 61))  # more in favour than present
    assert refused["details"] == {
        "phuong_an": "Số tán thành của một phương án không được lớn hơn số người dự họp (60)."}
    refused = case.refuse("to_chuc_hop", "truong_thon", {**meeting(120, 130), "ngay_hop": "hôm qua"})
    assert set(refused["details"]) == {"so_cu_tri_du_hop", "phuong_an", "ngay_hop"}
    assert case.open_task_names() == ["to_chuc_hop"]
    assert case.data["cac_vong_bieu_quyet"] == [] and "ket_qua_bieu_quyet" not in case.data


def test_ballot_figures_that_cannot_be_right_are_refused_at_the_form_every_one_at_once(api):
    case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    refused = case.refuse("lay_phieu_ho_gia_dinh", "truong_thon", ballots(101, 102, 103, 104))
    assert refused["status"] == 422
    assert refused["details"] == {
        "so_phieu_phat_ra": "Số phiếu phát ra (101) không được lớn hơn tổng số cử tri của thôn (100).",
        "so_phieu_thu_ve": "Số phiếu thu về (102) không được lớn hơn số phiếu phát ra (101).",
        "so_phieu_hop_le": "Số phiếu hợp lệ (103) không được lớn hơn số phiếu thu về (102).",
        "phuong_an_phieu": "Số phiếu tán thành một phương án không được lớn hơn số phiếu hợp lệ (103)."}
    refused = case.refuse("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 90, 91, 60))  # valid > returned
    assert list(refused["details"]) == ["so_phieu_hop_le"]
    refused = case.refuse("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 90, 80, 81))  # option > valid
    assert list(refused["details"]) == ["phuong_an_phieu"]
    refused = case.refuse("lay_phieu_ho_gia_dinh", "truong_thon", {**ballots(100, 90, 80, 60),
                                                                   "ngay_kiem_phieu": "2026-02-22"})  # before handing out
    assert list(refused["details"]) == ["ngay_kiem_phieu"]
    assert case.open_task_names() == ["lay_phieu_ho_gia_dinh"]
    assert case.data["cac_vong_bieu_quyet"] == []


def test_options_adding_up_to_more_than_the_valid_ballots_are_asked_then_accepted_once_confirmed(api):
    case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    task = case.task("lay_phieu_ho_gia_dinh")
    client = api.as_("truong_thon")
    figures = ballots(100, 90, 80, 60, 30)  # 90 votes for two options from 80 valid ballots
    response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": figures})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "warnings_unconfirmed"
    assert list(response.get_json()["error"]["details"]) == ["phuong_an_phieu"]
    response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": figures, "confirm_warnings": True})
    assert response.status_code == 200, response.get_json()
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"


def test_a_secret_ballot_needs_a_counting_committee_of_three_to_five(api):
    case = open_matter(api)
    secret = meeting(60, 55, hinh_thuc_bieu_quyet_tai_hop="bo_phieu_kin")
    refused = case.refuse("to_chuc_hop", "truong_thon", secret)
    assert refused["status"] == 422 and "to_kiem_phieu" in refused["details"]
    refused = case.refuse("to_chuc_hop", "truong_thon", {**secret, "to_kiem_phieu": ["A", "B"]})
    assert "to_kiem_phieu" in refused["details"]
    case.do("to_chuc_hop", "truong_thon", {**secret, "to_kiem_phieu": ["Nguyễn A", "Trần B", "Lê C"]})
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"


def test_convention_draft_is_posted_thirty_days_before_the_vote(api, clock):
    case = Case(api, "dan_ban_quyet_dinh", "truong_thon", CONVENTION)
    assert case.open_task_names() == ["niem_yet_du_thao"]
    case.do("niem_yet_du_thao", "truong_thon", {"ngay_niem_yet": "2026-03-02", "noi_niem_yet": "Nhà văn hóa thôn"})
    # posted Mon 2/3; 30 days, the first not counted -> Wed 1/4/2026
    assert case.due_day("ket_thuc_niem_yet_du_thao") == "2026-04-01"
    clock.set(on("2026-03-31"))  # taken down a day early
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-03-31"})
    assert case.data["so_ngay_niem_yet_du_thao"] == 29
    assert case.open_task_names() == ["ket_thuc_niem_yet_du_thao"]  # too early: back to the same step
    clock.set(on("2026-04-01"))
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-04-01",
                                                          "tom_tat_gop_y_du_thao": "Ba ý kiến góp ý"})
    assert case.data["so_ngay_niem_yet_du_thao"] == 30
    assert case.open_task_names() == ["to_chuc_hop"]


def test_convention_meeting_without_quorum_falls_back_to_ballots_then_is_recognised(api, clock):
    case = open_convention(api, clock)
    case.do("to_chuc_hop", "truong_thon", meeting(50, ngay_hop=VOTED))  # exactly half present: no quorum, no vote
    assert case.data["ket_qua_bieu_quyet"] == "khong_du_nguoi"
    assert case.data["ty_le_tham_gia"] == 50.0
    clock.set(on("2026-04-08"))  # the ballots, a week after the meeting
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", {**ballots(100, 80, 78, 62), "ngay_phat_phieu": "2026-04-02",
                                                      "ngay_kiem_phieu": "2026-04-08"})
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
    report_resolution(case, "2026-04-08")
    assert case.open_task_names() == ["cong_nhan_huong_uoc"]
    case.do("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "cong_nhan"})
    assert rounds(case) == [("hop", "khong_du_nguoi"), ("phieu", "thong_qua")]
    assert case.outcome() == ("completed", "da_cong_nhan")


def test_convention_passed_at_the_meeting_can_be_refused_recognition(api, clock):
    case = open_convention(api, clock)
    case.do("to_chuc_hop", "truong_thon", meeting(70, 51, ngay_hop=VOTED))
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
    report_resolution(case, VOTED)
    refused = case.refuse("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "khong_cong_nhan"})
    assert "ly_do_khong_cong_nhan" in refused["details"]
    case.do("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "khong_cong_nhan",
                                                  "ly_do_khong_cong_nhan": "Trái với quy định của pháp luật"})
    assert case.outcome() == ("completed", "khong_cong_nhan")


@pytest.mark.parametrize("agrees, expected", [(True, "truc_tuyen"), (False, "phieu_giay")])
def test_online_vote_needs_the_front_committee_to_agree_and_counts_against_the_total(api, agrees, expected):
    case = open_matter(api, loai_van_de="khac", hinh_thuc_bieu_quyet="truc_tuyen", tong_so_cu_tri=101)
    assert case.open_task_names() == ["dong_y_truc_tuyen"]
    case.do("dong_y_truc_tuyen", "ban_cong_tac_mat_tran", {"dong_y_truc_tuyen": agrees})
    assert case.data["hinh_thuc_lay_phieu"] == expected
    task = api.as_("truong_thon").get(f"/api/v1/tasks/{case.task('lay_phieu_ho_gia_dinh')['id']}").get_json()
    label = "trực tuyến" if agrees else "phiếu giấy"
    assert f"Phát phiếu lấy ý kiến ({label}) đến 101 cử tri" in task["instructions"]
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(101, 55, 55, 50))  # 50 of 101: 91 % of votes cast
    assert case.data["ket_qua_bieu_quyet"] == "khong_dat_ty_le"
    assert case.outcome() == ("completed", "khong_thong_qua")


@pytest.mark.parametrize("in_favour, result", [(51, "thong_qua"), (50, "khong_dat_ty_le")])
def test_online_of_101_51_pass_and_50_fail_whatever_the_votes_cast(api, in_favour, result):
    case = open_matter(api, loai_van_de="khac", hinh_thuc_bieu_quyet="truc_tuyen", tong_so_cu_tri=101)
    case.do("dong_y_truc_tuyen", "ban_cong_tac_mat_tran", {"dong_y_truc_tuyen": True})
    case.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(101, 60, 55, in_favour))  # most of those who voted
    assert (case.data["hinh_thuc_lay_phieu"], case.data["ket_qua_bieu_quyet"]) == ("truc_tuyen", result)


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
    refused = case.refuse("to_chuc_hop", "chu_tich", meeting(60, 55))
    assert (refused["status"], refused["code"]) == (403, "not_your_task")
    case.do("to_chuc_hop", "truong_thon", meeting(60, 55))
    report_resolution(case)
    assert case.outcome() == ("completed", "da_thong_qua")
