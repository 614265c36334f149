"""Electing or removing a village head (`bpmn/bau_truong_thon.bpmn`), every path through the HTTP API.

The rules (docs/processes/bau_truong_thon.md): the Chairman decides to hold it at least 20 days before the
meeting, sets up the election team at least 10 days before, its notices are posted at least 7 days before
(Decree 59/2023/NĐ-CP Art. 6; parameters); the meeting is chaired by the Front committee's representative
heading the team, never the sitting village head; it votes only with more than 50 % of the hamlet's voters (or
household representatives) present, and a candidate is elected (or the head removed) only with more than 50 %
of the hamlet's TOTAL in favour (exactly 50 % fails; a tie elects nobody); figures that cannot be right are
refused at the form; the Chairman recognises the result, or refuses it with a reason, within 5 working days
of receiving the minutes. The tests' clock starts Monday 2 March 2026.
"""
import pytest

from tests.api.cases import Case, on

DECISION = {"loai_bau_cu": "bau", "thon": "Thôn Phú Sơn", "thanh_phan_bieu_quyet": "cu_tri_dai_dien_ho",
            "ngay_hop_du_kien": "2026-03-22"}  # the decision itself is issued by its step, dated the day it completes
ORGANISED = {"dia_diem_hop": "Nhà văn hóa thôn Phú Sơn"}
REMOVAL = {**DECISION, "loai_bau_cu": "cho_thoi", "truong_thon_dang_giu": "Đỗ Văn Thôn",
           "ly_do_cho_thoi": "Ban công tác Mặt trận đề nghị: không hoàn thành nhiệm vụ"}
TEAM = {"da_thong_nhat_mttq": True,  # the decision's number and date: the register's, when the step completes
       
        "to_truong": "Dương Văn Công", "thanh_vien": ["Trần Thị Hội", "Lê Văn Hộ"]}
NOTICE = {"ngay_niem_yet": "2026-03-15", "noi_niem_yet": "Nhà văn hóa thôn Phú Sơn",
          "ung_cu_vien": ["Nguyễn Văn An", "Phạm Thị Bình"]}
MINUTES = {"ghi_chu": "Cuộc họp diễn ra đúng quy định"}  # numbered and dated by the register
RECOGNISED = {"quyet_dinh": "cong_nhan"}


def election(present: int, *votes: int, total: int = 100, **extra) -> dict:
    """A meeting's record: without `votes`, a meeting that did not vote."""
    counted = {"so_phieu_phat_ra": present, "so_phieu_thu_ve": present, "so_phieu_hop_le": present,
               "ket_qua_ung_cu_vien": [{"ho_ten": name, "so_phieu": n} for name, n in
                                       zip(["Nguyễn Văn An", "Phạm Thị Bình", "Lê Văn Cường"], votes)]}
    return {"ngay_hop": "2026-03-22", "chu_tri": "Dương Văn Công", "tong_so_cu_tri": total,
            "so_cu_tri_du_hop": present, "hinh_thuc_bieu_quyet": "bo_phieu_kin", **(counted if votes else {}), **extra}


def removal_vote(present: int, in_favour: int, total: int = 100) -> dict:
    return {"ngay_hop": "2026-03-22", "chu_tri": "Dương Văn Công", "tong_so_cu_tri": total,
            "so_cu_tri_du_hop": present, "hinh_thuc_bieu_quyet": "bo_phieu_kin", "so_phieu_phat_ra": present,
            "so_phieu_thu_ve": present, "so_phieu_hop_le": present, "so_phieu_dong_y_cho_thoi": in_favour}


def instructions(api, case: Case, name: str, user: str) -> str:
    """The task's instructions as its holder reads them: labels and dd/mm/yyyy dates, never codes."""
    response = api.as_(user).get(f"/api/v1/tasks/{case.task(name)['id']}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["instructions"]


def decided(api, decision=DECISION, starter: str = "chu_tich") -> Case:
    """Opened and the Chairman's decision to hold it issued (numbered and dated by the register, today)."""
    case = Case(api, "bau_truong_thon", starter, decision)
    case.do("ban_hanh_quyet_dinh_to_chuc", "chu_tich", ORGANISED)
    return case


def forward(clock, day: str) -> None:
    """The clock moved on to 08:00 of `day`, unless it is past it already (it never runs back)."""
    if clock.now() < on(day):
        clock.set(on(day))


def prepared(api, clock, decision=DECISION, team=TEAM, notice=NOTICE, team_day="2026-03-12") -> Case:
    """Decided today (2 March), the team set up on `team_day` (its decision's date is the day its step
    completes) and the notices posted, recorded once posted: the meeting is next when the schedule holds,
    and the clock is then on its day (a meeting is recorded once held)."""
    case = decided(api, decision)
    clock.set(on(team_day))
    case.do("thanh_lap_to_bau_cu", "chu_tich", team)
    forward(clock, notice["ngay_niem_yet"])
    case.do("niem_yet_thong_bao", "ban_cong_tac_mat_tran", notice)
    if case.open_task_names() == ["to_chuc_bau"]:
        forward(clock, decision["ngay_hop_du_kien"])
    return case


def test_an_elected_candidate_with_more_than_half_of_the_total_is_recognised_by_the_chairman_in_time(api, clock):
    case = prepared(api, clock)
    assert case.body["business_key"] == "BTT-2026-000001"
    data = case.data
    assert (data["so_ngay_ke_hoach"], data["so_ngay_thanh_lap_to"], data["so_ngay_niem_yet"]) == (20, 10, 7)
    assert case.open_task_names() == ["to_chuc_bau"]
    assert "cuộc họp ngày 22/03/2026" in instructions(api, case, "to_chuc_bau", "ban_cong_tac_mat_tran")
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 51, 29))
    assert "(ông/bà Nguyễn Văn An trúng cử)" in instructions(api, case, "bao_cao_ket_qua", "ban_cong_tac_mat_tran")
    data = case.data
    assert (data["ket_qua_bau"], data["nguoi_trung_cu"]) == ("trung_cu", "Nguyễn Văn An")
    assert (data["ty_le_tham_gia"], data["ty_le_tan_thanh_tren_tong_so"]) == (80.0, 51.0)
    # the minutes: 3 working days from the meeting (Sun 22/3) -> Wed 25/3
    assert case.due_day("bao_cao_ket_qua") == "2026-03-25"
    clock.set(on("2026-03-23"))  # the minutes reach the commune (their date is the register's)
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    # the Chairman: 5 working days from receiving them (Mon 23/3) -> Mon 30/3
    assert case.due_day("quyet_dinh_cong_nhan") == "2026-03-30"
    case.do("quyet_dinh_cong_nhan", "chu_tich", RECOGNISED)
    assert case.outcome() == ("completed", "da_cong_nhan")


def test_a_majority_of_those_present_elects_nobody_the_base_is_the_hamlets_total(api, clock):
    case = prepared(api, clock)
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(60, 40, 15))  # 72.7 % of valid, 40 % of the total
    assert case.data["ket_qua_bau"] == "khong_co_nguoi_trung_cu"
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    assert case.outcome() == ("completed", "khong_co_nguoi_trung_cu")


@pytest.mark.parametrize("total, votes, elected", [(100, 50, False), (100, 51, True), (101, 50, False),
                                                    (101, 51, True)])
def test_exactly_half_of_the_total_elects_nobody_with_odd_totals_too(api, clock, total, votes, elected):
    case = prepared(api, clock)
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(total - 1, votes, total=total))
    assert case.data["ket_qua_bau"] == ("trung_cu" if elected else "khong_co_nguoi_trung_cu")
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    assert case.open_task_names() == (["quyet_dinh_cong_nhan"] if elected else [])


def test_a_tie_elects_nobody_once_the_over_counted_ballots_are_confirmed(api, clock):
    case = prepared(api, clock)
    task = case.task("to_chuc_bau")
    client = api.as_("ban_cong_tac_mat_tran")
    figures = election(100, 60, 60)  # 120 votes from 100 valid ballots: asked, not forbidden
    response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": figures})
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "warnings_unconfirmed"
    assert list(response.get_json()["error"]["details"]) == ["ket_qua_ung_cu_vien"]
    response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": figures, "confirm_warnings": True})
    assert response.status_code == 200, response.get_json()
    assert case.data["ket_qua_bau"] == "khong_co_nguoi_trung_cu"
    assert case.data["nguoi_dan_dau"] == ["Nguyễn Văn An", "Phạm Thị Bình"]


def test_a_meeting_without_more_than_half_present_does_not_vote_and_is_called_again(api, clock):
    case = prepared(api, clock)
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", election(50, 50))  # half present, with votes
    assert refused["status"] == 422 and list(refused["details"]) == ["so_cu_tri_du_hop"]
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", election(51))  # quorum, but no votes recorded
    assert set(refused["details"]) == {"so_phieu_hop_le", "ket_qua_ung_cu_vien"}
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(50))
    assert case.data["ket_qua_bau"] == "khong_du_nguoi"
    assert case.open_task_names() == ["dieu_chinh_ngay_hop"]
    case.do("dieu_chinh_ngay_hop", "chu_tich", {"ngay_hop_du_kien": "2026-03-29", "ngay_niem_yet": "2026-03-22",
                                                  "ly_do_dieu_chinh": "Cuộc họp ngày 22/3 không đủ người dự"})
    assert case.open_task_names() == ["to_chuc_bau"]
    forward(clock, "2026-03-29")
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(90, 70, 20, ngay_hop="2026-03-29"))
    assert [m["ket_qua"] for m in case.data["cac_cuoc_hop"]] == ["khong_du_nguoi", "trung_cu"]


@pytest.mark.parametrize("late, short", [
    ({"decision": {"ngay_hop_du_kien": "2026-03-17"}, "notice": {"ngay_niem_yet": "2026-03-10"}}, "so_ngay_ke_hoach"),
    ({"team_day": "2026-03-13"}, "so_ngay_thanh_lap_to"),
    ({"notice": {"ngay_niem_yet": "2026-03-16"}}, "so_ngay_niem_yet"),
])
def test_a_meeting_too_soon_after_the_decision_the_team_or_the_notice_is_moved_first(api, clock, late, short):
    case = prepared(api, clock, {**DECISION, **late.get("decision", {})}, TEAM, {**NOTICE, **late.get("notice", {})},
                    late.get("team_day", "2026-03-12"))
    data = case.data
    assert data[short] == {"so_ngay_ke_hoach": 15, "so_ngay_thanh_lap_to": 9, "so_ngay_niem_yet": 6}[short]
    assert case.open_task_names() == ["dieu_chinh_ngay_hop"]
    case.do("dieu_chinh_ngay_hop", "chu_tich", {"ngay_hop_du_kien": "2026-03-29", "ngay_niem_yet": "2026-03-20",
                                                  "ly_do_dieu_chinh": "Bảo đảm lịch luật định"})
    assert case.open_task_names() == ["to_chuc_bau"]


def test_the_sitting_village_head_neither_heads_the_team_nor_chairs_the_meeting(api, clock):
    case = decided(api, REMOVAL)
    refused = case.refuse("thanh_lap_to_bau_cu", "chu_tich", {**TEAM, "to_truong": "đỗ văn thôn"})
    assert refused["status"] == 422 and list(refused["details"]) == ["to_truong"]
    case.do("thanh_lap_to_bau_cu", "chu_tich", TEAM)
    forward(clock, NOTICE["ngay_niem_yet"])
    case.do("niem_yet_thong_bao", "ban_cong_tac_mat_tran", {k: v for k, v in NOTICE.items() if k != "ung_cu_vien"})
    forward(clock, REMOVAL["ngay_hop_du_kien"])
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", {**removal_vote(80, 60), "chu_tri": "Đỗ Văn Thôn"})
    assert refused["status"] == 422 and list(refused["details"]) == ["chu_tri"]
    refused = case.refuse("to_chuc_bau", "truong_thon", removal_vote(80, 60))  # the village head's role: not theirs
    assert (refused["status"], refused["code"]) == (403, "not_your_task")


def test_only_the_chairman_or_the_office_opens_an_election(api):
    for role in ("truong_thon", "ban_cong_tac_mat_tran"):
        response = api.as_(role).post("/api/v1/instances", json={"process_model": "bau_truong_thon", "data": DECISION})
        assert response.status_code == 403, role
    case = Case(api, "bau_truong_thon", "van_phong", DECISION)
    assert case.open_task_names() == ["ban_hanh_quyet_dinh_to_chuc"]  # the Chairman issues the decision
    assert case.refuse("ban_hanh_quyet_dinh_to_chuc", "van_phong", ORGANISED)["status"] == 403


@pytest.mark.parametrize("in_favour, outcome", [(51, "da_cho_thoi"), (50, "khong_cho_thoi")])
def test_removal_needs_more_than_half_of_the_total_then_the_chairmans_decision(api, clock, in_favour, outcome):
    case = prepared(api, clock, REMOVAL, notice={k: v for k, v in NOTICE.items() if k != "ung_cu_vien"})
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", removal_vote(90, in_favour))
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    if outcome == "da_cho_thoi":
        case.do("quyet_dinh_cong_nhan", "chu_tich", RECOGNISED)
    assert case.outcome() == ("completed", outcome)


def test_a_removal_names_the_sitting_head_and_why_and_an_election_its_candidates(api, clock):
    response = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": "bau_truong_thon", "data": {
        **DECISION, "loai_bau_cu": "cho_thoi", "ngay_hop_du_kien": "2026-03-01"}})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["details"]) == {"truong_thon_dang_giu", "ly_do_cho_thoi", "ngay_hop_du_kien"}
    case = decided(api)
    case.do("thanh_lap_to_bau_cu", "chu_tich", TEAM)
    forward(clock, NOTICE["ngay_niem_yet"])
    refused = case.refuse("niem_yet_thong_bao", "ban_cong_tac_mat_tran", {**NOTICE, "ung_cu_vien": None})
    assert list(refused["details"]) == ["ung_cu_vien"]


def test_the_chairman_refusing_recognition_must_give_the_reason(api, clock):
    case = prepared(api, clock)
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 60, 20))
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    refusal = {**RECOGNISED, "quyet_dinh": "khong_cong_nhan"}
    refused = case.refuse("quyet_dinh_cong_nhan", "chu_tich", refusal)
    assert refused["status"] == 422 and list(refused["details"]) == ["ly_do_khong_cong_nhan"]
    case.do("quyet_dinh_cong_nhan", "chu_tich", {**refusal, "ly_do_khong_cong_nhan": "Tổ bầu cử có người ứng cử"})
    assert case.outcome() == ("completed", "khong_cong_nhan")


def test_meeting_figures_that_cannot_be_right_are_refused_at_the_form_every_one_at_once(api, clock):
    case = prepared(api, clock)
    figures = {**election(80, 81), "so_phieu_phat_ra": 85, "so_phieu_thu_ve": 86, "so_phieu_hop_le": 87}
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", figures)
    assert refused["status"] == 422
    assert refused["details"] == {
        "so_phieu_phat_ra": "Số phiếu phát ra (85) không được lớn hơn số người dự họp (80).",
        "so_phieu_thu_ve": "Số phiếu thu về (86) không được lớn hơn số phiếu phát ra (85).",
        "so_phieu_hop_le": "Số phiếu hợp lệ (87) không được lớn hơn số phiếu thu về (86)."}
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", election(101, 60))
    assert refused["details"] == {
        "so_cu_tri_du_hop": "Số người dự họp (101) không được lớn hơn tổng số cử tri của thôn (100)."}
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 81))
    assert refused["details"] == {
        "ket_qua_ung_cu_vien": "Số phiếu của một người ứng cử không được lớn hơn số phiếu hợp lệ (80)."}
    assert case.open_task_names() == ["to_chuc_bau"] and case.data["cac_cuoc_hop"] == []
