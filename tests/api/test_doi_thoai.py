"""The dialogue conference with the people (`bpmn/doi_thoai.bpmn`), walked path by path through the HTTP API:
the voters' request threshold computed, notice at least 7 days before (a late notice reschedules), a
postponed conference, minutes and results published within 10 days, the wrong roles refused. A step recording
what was done (the notice given, the conference held, the results published) is taken on that day (the test
clock is moved to it): none of them can be dated after today.
"""
import pytest

from tests.api.cases import Case, on

ANNUAL = {"chu_de": "Giải phóng mặt bằng đường liên xã", "can_cu": "dinh_ky_hang_nam", "pham_vi": "Toàn xã"}
PLAN = {"ngay_to_chuc": "2026-03-20", "dia_diem": "Hội trường UBND xã", "thanh_phan": "Đại diện các hộ",
        "noi_dung_doi_thoai": "Bồi thường, tái định cư"}
FRONT = {"nguoi_dai_dien_mat_tran": "Ngô Thị Mặt", "y_kien_mat_tran": "Thống nhất"}
NOTICE = {"ngay_thong_bao": "2026-03-12", "hinh_thuc_thong_bao": ["niem_yet", "dai_truyen_thanh", "truong_thon"]}
HELD = {"da_to_chuc": True, "ngay_to_chuc_thuc_te": "2026-03-20", "so_nguoi_tham_du": 120}
MINUTES = {"so_y_kien": 14, "tom_tat_y_kien": "Đề nghị tăng mức hỗ trợ",
           "noi_dung_tiep_thu_giai_trinh": "Tiếp thu, báo cáo huyện"}
PUBLISHED = {"hinh_thuc_cong_bo": ["niem_yet", "truong_thon"], "ngay_cong_bo": "2026-03-25",
             "ngay_gui_truong_thon": "2026-03-25"}


def forward(clock, day: str) -> None:
    """The clock on `day` (08:00 in Vietnam) unless it is past it already: it never runs back."""
    if clock.now() < on(day):
        clock.set(on(day))


def open_case(api, starter="van_phong", **overrides):
    return Case(api, "doi_thoai", starter, {**ANNUAL, **overrides})


def planned(api, plan=None, **overrides):
    case = open_case(api, **overrides)
    case.do("lap_ke_hoach", "van_phong", {**PLAN, **(plan or {})})
    case.do("phoi_hop_mat_tran", "mat_tran", FRONT)
    return case


def test_an_annual_dialogue_goes_straight_to_planning(api):
    case = open_case(api)
    assert case.body["business_key"] == "DT-2026-000001"
    assert case.open_task_names() == ["lap_ke_hoach"]
    assert case.data["du_can_cu_to_chuc"] is True


def test_dialogue_held_with_notice_minutes_and_results_published_in_ten_days(api, clock):
    case = planned(api)
    assert case.data["han_thong_bao"] == "2026-03-13"  # Fri 20 March - 7 days
    assert case.due_day("thong_bao_hoi_nghi") == "2026-03-13"
    forward(clock, NOTICE["ngay_thong_bao"])
    case.do("thong_bao_hoi_nghi", "van_phong", NOTICE)
    assert case.open_task_names() == ["to_chuc_doi_thoai"]
    assert case.due_day("to_chuc_doi_thoai") == "2026-03-20"
    forward(clock, HELD["ngay_to_chuc_thuc_te"])
    case.do("to_chuc_doi_thoai", "chu_tich", HELD)
    assert case.open_task_names() == ["lap_bien_ban"]
    assert case.due_day("lap_bien_ban") == "2026-03-30"  # 10 days after Fri 20 March
    case.do("lap_bien_ban", "van_phong", MINUTES)
    assert case.due_day("cong_bo_ket_qua") == "2026-03-30"
    forward(clock, PUBLISHED["ngay_cong_bo"])
    case.do("cong_bo_ket_qua", "van_phong", PUBLISHED)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_to_chuc")
    data = detail["data"]
    assert (data["so_ngay_thong_bao_truoc_thuc_te"], data["du_thoi_gian_thong_bao"]) == (8, True)
    assert (data["so_bien_ban"], data["ngay_gui_truong_thon"]) == ("02/BB-UBND", "2026-03-25")  # after the notice
    assert not any(name.startswith("t_") for name in data)  # the date arithmetic leaves nothing behind


def test_notice_for_a_sunday_conference_is_due_the_friday_before(api):
    case = planned(api, {"ngay_to_chuc": "2026-03-22"})
    # Sun 22 March - 7 days = Sun 15 March, a rest day: the notice must go out by Fri 13 March
    assert case.data["han_thong_bao"] == "2026-03-13"
    assert case.due_day("thong_bao_hoi_nghi") == "2026-03-13"


def test_a_notice_given_less_than_seven_days_before_reschedules_the_conference(api, clock):
    case = planned(api)
    forward(clock, "2026-03-14")
    case.do("thong_bao_hoi_nghi", "van_phong", {**NOTICE, "ngay_thong_bao": "2026-03-14"})
    assert case.open_task_names() == ["lap_ke_hoach"]
    data = case.data
    assert (data["so_ngay_thong_bao_truoc_thuc_te"], data["du_thoi_gian_thong_bao"]) == (6, False)
    case.do("lap_ke_hoach", "van_phong", {**PLAN, "ngay_to_chuc": "2026-03-27"})
    case.do("phoi_hop_mat_tran", "mat_tran", FRONT)
    assert case.due_day("thong_bao_hoi_nghi") == "2026-03-20"
    forward(clock, "2026-03-20")
    case.do("thong_bao_hoi_nghi", "van_phong", {**NOTICE, "ngay_thong_bao": "2026-03-20"})
    assert case.open_task_names() == ["to_chuc_doi_thoai"]
    assert case.data["so_ngay_thong_bao_truoc_thuc_te"] == 7  # exactly seven days is enough


def test_a_postponed_conference_is_planned_and_announced_again(api, clock):
    case = planned(api)
    forward(clock, NOTICE["ngay_thong_bao"])
    case.do("thong_bao_hoi_nghi", "van_phong", NOTICE)
    forward(clock, PLAN["ngay_to_chuc"])  # the day it was to be held
    case.do("to_chuc_doi_thoai", "chu_tich", {"da_to_chuc": False, "ly_do_hoan": "Mưa bão"})
    assert case.open_task_names() == ["lap_ke_hoach"]
    case.do("lap_ke_hoach", "van_phong", {**PLAN, "ngay_to_chuc": "2026-04-03"})
    case.do("phoi_hop_mat_tran", "mat_tran", FRONT)
    forward(clock, "2026-03-25")
    case.do("thong_bao_hoi_nghi", "van_phong", {**NOTICE, "ngay_thong_bao": "2026-03-25"})
    forward(clock, "2026-04-03")
    case.do("to_chuc_doi_thoai", "chu_tich", {**HELD, "ngay_to_chuc_thuc_te": "2026-04-03"})
    # results within 10 days of Fri 3 April -> Mon 13 April
    assert case.due_day("lap_bien_ban") == "2026-04-13"
    case.do("lap_bien_ban", "van_phong", MINUTES)
    forward(clock, "2026-04-08")
    case.do("cong_bo_ket_qua", "van_phong", {**PUBLISHED, "ngay_cong_bo": "2026-04-08",
                                             "ngay_gui_truong_thon": "2026-04-08"})
    assert case.outcome() == ("completed", "da_to_chuc")


def test_postponing_needs_a_reason_and_holding_needs_the_date_and_attendance(api, clock):
    case = planned(api)
    forward(clock, NOTICE["ngay_thong_bao"])
    case.do("thong_bao_hoi_nghi", "van_phong", NOTICE)
    refused = case.refuse("to_chuc_doi_thoai", "chu_tich", {"da_to_chuc": False})
    assert "ly_do_hoan" in refused["details"]
    refused = case.refuse("to_chuc_doi_thoai", "chu_tich", {"da_to_chuc": True})
    assert refused["status"] == 422
    assert {"ngay_to_chuc_thuc_te", "so_nguoi_tham_du"} & set(refused["details"])


@pytest.mark.parametrize("requested, total, enough", [(100, 1000, True), (99, 1000, False), (150, 1000, True)])
def test_voters_request_is_counted_against_ten_percent(api, requested, total, enough):
    case = open_case(api, can_cu="theo_yeu_cau_cu_tri", so_cu_tri_yeu_cau=requested, tong_so_cu_tri=total)
    data = case.data
    assert data["du_can_cu_to_chuc"] is enough
    assert data["ty_le_cu_tri_yeu_cau_thuc_te"] == round(requested * 100 / total, 2)
    assert case.open_task_names() == (["lap_ke_hoach"] if enough else ["xem_xet_yeu_cau"])


def test_below_the_threshold_the_chairman_may_still_hold_it(api):
    case = open_case(api, can_cu="theo_yeu_cau_cu_tri", so_cu_tri_yeu_cau=50, tong_so_cu_tri=1000)
    case.do("xem_xet_yeu_cau", "chu_tich", {"to_chuc": True, "ly_do_quyet_dinh": "Vấn đề bức xúc"})
    assert case.open_task_names() == ["lap_ke_hoach"]


def test_below_the_threshold_the_chairman_may_decline_and_the_case_ends(api):
    case = open_case(api, can_cu="theo_yeu_cau_cu_tri", so_cu_tri_yeu_cau=50, tong_so_cu_tri=1000)
    case.do("xem_xet_yeu_cau", "chu_tich", {"to_chuc": False, "ly_do_quyet_dinh": "Đã trả lời tại kỳ họp"})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "khong_to_chuc")
    assert detail["data"]["ly_do_quyet_dinh"] == "Đã trả lời tại kỳ họp"


def test_a_voters_request_must_give_the_counts(api):
    response = api.as_("van_phong").post("/api/v1/instances", json={
        "process_model": "doi_thoai", "data": {**ANNUAL, "can_cu": "theo_yeu_cau_cu_tri"}})
    assert response.status_code == 422
    assert {"so_cu_tri_yeu_cau", "tong_so_cu_tri"} & set(response.get_json()["error"]["details"])


def test_roles_each_do_their_own_step(api, clock):
    assert open_case(api, starter="chu_tich").open_task_names() == ["lap_ke_hoach"]
    assert api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "doi_thoai", "data": ANNUAL}).status_code == 403
    case = open_case(api)
    case.do("lap_ke_hoach", "van_phong", PLAN)
    assert case.refuse("phoi_hop_mat_tran", "van_phong", FRONT)["status"] == 403
    case.do("phoi_hop_mat_tran", "mat_tran", FRONT)
    forward(clock, NOTICE["ngay_thong_bao"])
    case.do("thong_bao_hoi_nghi", "van_phong", NOTICE)
    for user in ("pho_chu_tich", "van_phong", "mat_tran"):
        assert case.refuse("to_chuc_doi_thoai", user, HELD)["status"] == 403, user


def test_a_notice_a_conference_or_its_results_dated_after_today_are_refused(api, clock):
    """Each step records what was done: a day still to come is a 422 naming the field, today is taken."""
    case = planned(api)
    steps = (("thong_bao_hoi_nghi", "van_phong", NOTICE, ["ngay_thong_bao"]),
             ("to_chuc_doi_thoai", "chu_tich", HELD, ["ngay_to_chuc_thuc_te"]),
             ("lap_bien_ban", "van_phong", MINUTES, []),
             ("cong_bo_ket_qua", "van_phong", PUBLISHED, ["ngay_cong_bo", "ngay_gui_truong_thon"]))
    for name, user, data, fields in steps:
        day = data[fields[0]] if fields else None
        if day:
            forward(clock, day)
            tomorrow = f"{day[:8]}{int(day[8:]) + 1:02d}"
            refused = case.refuse(name, user, {**data, **{f: tomorrow for f in fields}})
            assert refused["status"] == 422 and set(refused["details"]) == set(fields), refused
            assert all("không thể sau hôm nay" in refused["details"][f] for f in fields)
            assert case.open_task_names() == [name]
        case.do(name, user, data)
    assert case.outcome() == ("completed", "da_to_chuc")
