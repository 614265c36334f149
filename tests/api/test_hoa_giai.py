"""Grassroots mediation (`bpmn/hoa_giai.bpmn`, Law on Grassroots Mediation 2013, Decree 15/2014) through the
HTTP API, every path: out of scope and guided elsewhere, settled in one session and carried out, settled after
several sessions and followed up past a new date, settled but not carried out, and failed (a party ends it, or
the mediators can go no further) with the record and the guidance to the competent authority. The hamlet's
mediation team (`to_hoa_giai`) does each step; the commune's justice officer (`tu_phap`) refers cases and is
told when a mediation fails. A step is done on the day it records (the test clock is moved to it): a session,
an assignment, a check or the guidance is never dated after the day it is recorded.
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from tests.api.cases import Case
from tests.conftest import START

REQUEST = {"can_cu": "yeu_cau_cac_ben", "ngay_tiep_nhan": "2026-03-02", "nguoi_yeu_cau": "Nguyễn Văn Đông",
           "cac_ben": ["Nguyễn Văn Đông", "Trần Văn Tây"], "thon": "Thôn Phú Sơn", "loai_vu_viec": "dan_su",
           "noi_dung": "Tranh chấp lối đi chung giữa hai nhà", "hoa_giai_vien_cac_ben_chon": ["Lê Thị Hiền"]}
ASSIGNED = {"ngay_phan_cong": "2026-03-03", "hoa_giai_vien": ["Lê Thị Hiền", "Phạm Văn Hòa"],
            "khong_co_quyen_loi_lien_quan": True}
SESSION = {"ngay_hoa_giai": "2026-03-05", "dia_diem": "Nhà văn hóa thôn Phú Sơn",
           "dien_bien": "Hai bên trình bày; hòa giải viên giải thích quy định về lối đi qua."}
SETTLED = {**SESSION, "ket_qua_buoi": "thanh", "noi_dung_thoa_thuan": "Ông Tây dỡ hàng rào, trả lại lối đi 1,5 m"}
RECORD = {"thoa_thuan": "Ông Tây dỡ hàng rào, trả lại lối đi 1,5 m",
          "phuong_thuc_thuc_hien": "Ông Tây tự dỡ, tổ hòa giải chứng kiến", "han_thuc_hien": "2026-03-20",
          "cac_ben_da_ky": True}
FAILED = {"ly_do_khong_thanh": "Ông Tây không đồng ý trả lối đi",
          "co_quan_co_tham_quyen": "ubnd_xa", "ngay_huong_dan": "2026-03-12"}


def on(clock, day: str) -> None:
    """The clock at 08:00 in Vietnam on `day` (as on the test clock's first day), unless it is already past
    that day: a step records what has happened, and the clock never runs back."""
    moment = datetime.combine(date.fromisoformat(day), time(START.hour, START.minute), tzinfo=timezone.utc)
    if clock.now() < moment:
        clock.set(moment)


def received(api, starter: str = "to_hoa_giai", data: dict = REQUEST) -> Case:
    return Case(api, "hoa_giai", starter, data, reader="to_hoa_giai")


def in_mediation(api, clock) -> Case:
    case = received(api)
    on(clock, ASSIGNED["ngay_phan_cong"])
    case.do("phan_cong_hoa_giai_vien", "to_hoa_giai", ASSIGNED)
    return case


def notifications(api, user: str) -> list[str]:
    return [n["title"] for n in api.as_(user).get("/api/v1/notifications").get_json()["items"]]


def test_a_request_is_assigned_to_mediators_within_three_working_days(api, clock):
    """Law on Grassroots Mediation, Arts. 17-18: the team leader assigns mediators within 3 days of the
    request (a parameter, counted in working days, both to confirm): received Friday 6 March, due Wednesday 11."""
    on(clock, "2026-03-06")
    case = received(api, data={**REQUEST, "ngay_tiep_nhan": "2026-03-06"})
    assert case.body["business_key"] == "HG-2026-000001"
    assert case.open_task_names() == ["phan_cong_hoa_giai_vien"]
    assert case.due_day("phan_cong_hoa_giai_vien") == "2026-03-11"
    assert case.data["thoi_han_phan_cong"] == 3 and case.data["loai_ngay_phan_cong"] == "working"


def test_settled_in_one_session_and_carried_out(api, clock):
    case = in_mediation(api, clock)
    assert case.open_task_names() == ["tien_hanh_hoa_giai"]
    on(clock, SETTLED["ngay_hoa_giai"])
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", SETTLED)
    assert case.open_task_names() == ["lap_van_ban_hoa_giai_thanh"]
    case.do("lap_van_ban_hoa_giai_thanh", "to_hoa_giai", RECORD)
    assert case.open_task_names() == ["theo_doi_thuc_hien"]
    assert case.due_day("theo_doi_thuc_hien") == "2026-03-20"  # the date the parties agreed to
    on(clock, "2026-03-20")
    case.do("theo_doi_thuc_hien", "to_hoa_giai", {"ngay_kiem_tra": "2026-03-20", "ket_qua_thuc_hien": "da_thuc_hien"})
    assert case.outcome() == ("completed", "hoa_giai_thanh")
    data = case.data
    assert data["so_buoi_hoa_giai"] == 1
    assert data["cac_buoi_hoa_giai"] == [{"lan": 1, "ngay": "2026-03-05", "dia_diem": "Nhà văn hóa thôn Phú Sơn",
                                          "ket_qua": "thanh"}]


def test_several_sessions_then_a_follow_up_past_a_new_date(api, clock):
    case = in_mediation(api, clock)
    on(clock, SESSION["ngay_hoa_giai"])
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", {**SESSION, "ket_qua_buoi": "tiep_tuc"})
    assert case.open_task_names() == ["tien_hanh_hoa_giai"]  # another session
    on(clock, "2026-03-09")
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", {**SETTLED, "ngay_hoa_giai": "2026-03-09"})
    assert case.data["so_buoi_hoa_giai"] == 2
    case.do("lap_van_ban_hoa_giai_thanh", "to_hoa_giai", RECORD)  # its number and date: the register's
    on(clock, "2026-03-20")
    case.do("theo_doi_thuc_hien", "to_hoa_giai", {"ngay_kiem_tra": "2026-03-20", "ket_qua_thuc_hien": "dang_thuc_hien",
                                                   "han_theo_doi_moi": "2026-04-03"})
    assert case.open_task_names() == ["theo_doi_thuc_hien"]
    assert case.due_day("theo_doi_thuc_hien") == "2026-04-03"
    on(clock, "2026-04-03")
    case.do("theo_doi_thuc_hien", "to_hoa_giai", {"ngay_kiem_tra": "2026-04-03", "ket_qua_thuc_hien": "da_thuc_hien"})
    assert case.outcome() == ("completed", "hoa_giai_thanh")


def test_an_agreement_not_carried_out_is_reported_to_the_justice_officer(api, clock):
    case = in_mediation(api, clock)
    on(clock, SETTLED["ngay_hoa_giai"])
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", SETTLED)
    case.do("lap_van_ban_hoa_giai_thanh", "to_hoa_giai", RECORD)
    on(clock, "2026-03-21")
    refused = case.refuse("theo_doi_thuc_hien", "to_hoa_giai", {"ngay_kiem_tra": "2026-03-21",
                                                                  "ket_qua_thuc_hien": "khong_thuc_hien"})
    assert refused["status"] == 422 and "ghi_chu" in refused["details"]  # the guidance given is recorded
    case.do("theo_doi_thuc_hien", "to_hoa_giai", {
        "ngay_kiem_tra": "2026-03-21", "ket_qua_thuc_hien": "khong_thuc_hien",
        "ghi_chu": "Hướng dẫn ông Đông yêu cầu Tòa án công nhận kết quả hòa giải thành"})
    assert case.outcome() == ("completed", "khong_thuc_hien_thoa_thuan")
    assert "Thỏa thuận hòa giải không được thực hiện" in notifications(api, "tu_phap")


@pytest.mark.parametrize("ending", ["ben_yeu_cau_cham_dut", "khong_the_hoa_giai"])
def test_a_failed_mediation_ends_with_its_record_and_the_guidance(api, clock, ending):
    """Arts. 22, 24, 27: a party asks to stop, or the mediators see no way to agree: the record of a failed
    mediation, and the parties guided to the competent authority; the commune's justice officer is told."""
    case = in_mediation(api, clock)
    on(clock, SESSION["ngay_hoa_giai"])
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", {**SESSION, "ket_qua_buoi": "tiep_tuc"})
    on(clock, "2026-03-12")
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", {**SESSION, "ngay_hoa_giai": "2026-03-12", "ket_qua_buoi": ending})
    assert case.open_task_names() == ["lap_van_ban_hoa_giai_khong_thanh"]
    case.do("lap_van_ban_hoa_giai_khong_thanh", "to_hoa_giai", FAILED)
    assert case.outcome() == ("completed", "hoa_giai_khong_thanh")
    assert case.data["so_buoi_hoa_giai"] == 2
    assert "Hòa giải không thành" in notifications(api, "tu_phap")


def test_a_case_the_law_excludes_is_not_mediated_and_the_parties_are_guided(api, clock):
    """Decree 15/2014/NĐ-CP, Art. 5: a violation to be prosecuted, or fined, is not mediated."""
    case = received(api, data={**REQUEST, "loai_vu_viec": "vi_pham_nhe", "noi_dung": "Đánh nhau gây thương tích"})
    on(clock, "2026-03-03")
    case.do("phan_cong_hoa_giai_vien", "to_hoa_giai", {"ngay_phan_cong": "2026-03-03",
                                                       "ly_do_khong_hoa_giai": ["truy_cuu_hinh_su"]})
    assert case.open_task_names() == ["huong_dan_ngoai_pham_vi"]
    case.do("huong_dan_ngoai_pham_vi", "to_hoa_giai", {"co_quan_co_tham_quyen": "Công an xã", "ngay_huong_dan": "2026-03-03",
                                                       "noi_dung_huong_dan": "Trình báo Công an xã"})
    assert case.outcome() == ("completed", "khong_thuoc_pham_vi")


def test_mediators_are_named_and_declare_no_interest(api, clock):
    """Arts. 9-10 and 18: a mediable case needs at least one mediator, who declares no interest in it."""
    case = received(api)
    on(clock, ASSIGNED["ngay_phan_cong"])
    for data, field in (({"ngay_phan_cong": "2026-03-03"}, "hoa_giai_vien"),
                        ({**ASSIGNED, "hoa_giai_vien": []}, "hoa_giai_vien"),
                        ({**ASSIGNED, "khong_co_quyen_loi_lien_quan": False}, "khong_co_quyen_loi_lien_quan"),
                        ({**ASSIGNED, "ngay_phan_cong": "2026-03-01"}, "ngay_phan_cong")):
        refused = case.refuse("phan_cong_hoa_giai_vien", "to_hoa_giai", data)
        assert refused["status"] == 422 and field in refused["details"], (field, refused)
    assert case.open_task_names() == ["phan_cong_hoa_giai_vien"]


def test_the_records_need_what_the_law_asks(api, clock):
    """Art. 27: the record of a settlement carries the agreement, how and by when, and the signatures."""
    case = in_mediation(api, clock)
    on(clock, SESSION["ngay_hoa_giai"])
    refused = case.refuse("tien_hanh_hoa_giai", "to_hoa_giai", {**SESSION, "ket_qua_buoi": "thanh"})
    assert refused["status"] == 422 and "noi_dung_thoa_thuan" in refused["details"]
    refused = case.refuse("tien_hanh_hoa_giai", "to_hoa_giai", {**SETTLED, "ngay_hoa_giai": "2026-03-02"})
    assert "ngay_hoa_giai" in refused["details"]  # before the mediators were assigned
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", SETTLED)
    for data, field in (({**RECORD, "cac_ben_da_ky": False}, "cac_ben_da_ky"),
                        ({**RECORD, "han_thuc_hien": "2026-03-01"}, "han_thuc_hien"),  # before the record (today)
                        ({key: value for key, value in RECORD.items() if key != "phuong_thuc_thuc_hien"},
                         "phuong_thuc_thuc_hien")):
        refused = case.refuse("lap_van_ban_hoa_giai_thanh", "to_hoa_giai", data)
        assert refused["status"] == 422 and field in refused["details"], (field, refused)


def test_a_failed_record_names_another_authority_when_chosen(api, clock):
    case = in_mediation(api, clock)
    on(clock, SESSION["ngay_hoa_giai"])
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", {**SESSION, "ket_qua_buoi": "khong_the_hoa_giai"})
    on(clock, FAILED["ngay_huong_dan"])
    refused = case.refuse("lap_van_ban_hoa_giai_khong_thanh", "to_hoa_giai",
                          {**FAILED, "co_quan_co_tham_quyen": "khac"})
    assert refused["status"] == 422 and "ten_co_quan_khac" in refused["details"]


def test_the_commune_refers_a_case_and_other_roles_cannot_act(api, clock):
    """Art. 16(4): the commune (its justice officer) refers a case to the team; only the team mediates."""
    referred = {**REQUEST, "can_cu": "de_nghi_co_quan", "co_quan_de_nghi": "UBND xã Nghĩa Kỳ"}
    case = received(api, starter="tu_phap", data=referred)
    on(clock, ASSIGNED["ngay_phan_cong"])
    assert case.refuse("phan_cong_hoa_giai_vien", "tu_phap", ASSIGNED)["status"] == 403
    assert case.refuse("phan_cong_hoa_giai_vien", "chu_tich", ASSIGNED)["status"] in (403, 404)
    case.do("phan_cong_hoa_giai_vien", "to_hoa_giai", ASSIGNED)
    response = api.as_("tu_phap").post("/api/v1/instances", json={
        "process_model": "hoa_giai", "data": {**REQUEST, "can_cu": "de_nghi_co_quan"}})
    assert response.status_code == 422 and "co_quan_de_nghi" in response.get_json()["error"]["details"]
    response = api.as_("dia_chinh").post("/api/v1/instances", json={"process_model": "hoa_giai", "data": REQUEST})
    assert response.status_code == 403
