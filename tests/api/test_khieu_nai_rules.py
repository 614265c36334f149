"""The Law on Complaints' hard rules in the first-level complaint (`bpmn/khieu_nai.bpmn`), walked through the
HTTP API: the limitation period computed from recorded dates (Art. 9), every Art. 11 ground closing the
acceptance path and named in the refusal notice, the decision's required content (Art. 31), its sending within
3 working days (Art. 32) and publication, and the dates of a second complaint (Art. 33) and of a lawsuit (Law on
Administrative Procedure Art. 116). Dates were counted by hand with the 2026 calendar.
"""
from datetime import datetime, timezone

import pytest

from tests.samples import ACCEPT, DECISION, LETTER, PROPOSAL, REFUSAL, SEND, TIME_BARRED, Complaint

GROUNDS = {  # the form's field -> the clause of Art. 11 the refusal notice names
    "ngoai_pham_vi_khieu_nai": "Điều 11 khoản 1",
    "khong_lien_quan_truc_tiep": "Điều 11 khoản 2",
    "khong_co_nguoi_dai_dien_hop_phap": "Điều 11 khoản 3",
    "nguoi_dai_dien_khong_hop_phap": "Điều 11 khoản 4",
    "don_khong_co_chu_ky": "Điều 11 khoản 5",
    "da_co_quyet_dinh_cuoi_cung": "Điều 11 khoản 7",
    "da_dinh_chi_khong_tiep_tuc": "Điều 11 khoản 8",
    "toa_an_da_thu_ly": "Điều 11 khoản 9",
}


def instructions(api, user: str, task: dict) -> str:
    response = api.as_(user).get(f"/api/v1/tasks/{task['id']}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["instructions"]


def complete(api, case: Complaint, name: str, user: str, data: dict):
    """Claim (unless `user` holds it already) and try to complete `name`: the response, whatever it is."""
    task = case.task(name)
    if task["assignee"] != user:
        assert api.as_(user).post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    return api.as_(user).post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})


def refused(response, field: str) -> str:
    """The problem a 422 names for `field`."""
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["details"][field]


# --- Art. 9: the limitation period is computed from the recorded dates --------------------------------------

@pytest.mark.parametrize("learned, obstacle, last_day, barred", [
    ("2025-12-01", None, "2026-03-02", False),  # +90 = Sun 1/3, moved to Mon 2/3: received that day, in time
    ("2025-11-27", None, "2026-02-25", True),  # +90 = Wed 25/2: received 2/3, too late
    ("2025-11-27", ("om_dau", "2026-01-05", "2026-01-10"), "2026-03-03", False),  # 6 days of illness not counted
    ("2025-11-27", ("cong_tac_hoc_tap_xa", "2025-11-01", "2025-11-28"), "2026-02-26", True),  # only 28/11 counts
])
def test_the_limitation_period_is_computed_from_the_day_the_complainant_learned_of_the_decision(
        api, learned, obstacle, last_day, barred):
    case = Complaint(api)  # received Mon 2/3/2026
    proposal = {**PROPOSAL, "ngay_nhan_biet_quyet_dinh": learned}
    if obstacle:
        proposal.update(tro_ngai_khach_quan=obstacle[0], tro_ngai_tu_ngay=obstacle[1], tro_ngai_den_ngay=obstacle[2])
    case.do("de_xuat_thu_ly", "tiep_cong_dan", proposal)
    data = case.data
    assert (data["han_thoi_hieu"], data["het_thoi_hieu"], data["co_can_cu_khong_thu_ly"]) == (last_day, barred, barred)
    shown = instructions(api, "chu_tich", case.task("quyet_dinh_thu_ly"))
    assert f"Hạn cuối thời hiệu khiếu nại: {last_day[8:10]}/{last_day[5:7]}/{last_day[:4]}" in shown


def test_an_obstacle_without_its_dates_is_refused_naming_them(api):
    case = Complaint(api)
    response = complete(api, case, "de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "tro_ngai_khach_quan": "om_dau"})
    assert response.status_code == 422
    assert {"tro_ngai_tu_ngay", "tro_ngai_den_ngay"} <= set(response.get_json()["error"]["details"])
    assert case.open_task_names() == ["de_xuat_thu_ly"]


@pytest.mark.parametrize("change, field", [
    ({"ngay_nhan_biet_quyet_dinh": "2026-03-03"}, "ngay_nhan_biet_quyet_dinh"),  # after the letter came (2/3)
    ({"tro_ngai_khach_quan": "thien_tai", "tro_ngai_tu_ngay": "2026-01-10", "tro_ngai_den_ngay": "2026-01-05"},
     "tro_ngai_den_ngay"),
])
def test_limitation_dates_that_cannot_be_are_refused_naming_the_field(api, change, field):
    case = Complaint(api)
    refused(complete(api, case, "de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, **change}), field)
    assert case.open_task_names() == ["de_xuat_thu_ly"]


def test_the_limitation_is_no_longer_ticked_by_hand(api):
    case = Complaint(api)
    response = complete(api, case, "de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "qua_thoi_hieu": False})
    assert response.status_code == 422
    assert "qua_thoi_hieu" in response.get_json()["error"]["details"]


# --- Art. 11: any ground closes the acceptance path, and the refusal notice names it ------------------------

def test_a_time_barred_complaint_cannot_be_accepted(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", TIME_BARRED)
    problem = refused(complete(api, case, "quyet_dinh_thu_ly", "chu_tich", ACCEPT), "ket_qua_thu_ly")
    assert "thời hiệu khiếu nại đã hết ngày 30/12/2025" in problem and "Điều 11 khoản 6" in problem
    assert case.open_task_names() == ["quyet_dinh_thu_ly"] and case.detail()["due_at"] is None
    assert complete(api, case, "quyet_dinh_thu_ly", "chu_tich", REFUSAL).status_code == 200
    assert case.open_task_names() == ["thong_bao_khong_thu_ly"]
    notice = instructions(api, "tiep_cong_dan", case.task("thong_bao_khong_thu_ly"))
    assert "thời hiệu khiếu nại đã hết ngày 30/12/2025" in notice and "Điều 11 khoản 6" in notice
    case.do("thong_bao_khong_thu_ly", "tiep_cong_dan", LETTER)
    detail = case.detail()
    assert (detail["status"], detail["outcome"], detail["due_at"]) == ("completed", "khong_thu_ly", None)
    assert "Điều 11 khoản 6" in detail["data"]["ly_do_khong_thu_ly"]


@pytest.mark.parametrize("ground", sorted(GROUNDS))
def test_every_ground_of_article_11_closes_the_acceptance_path_and_is_named_in_the_notice(api, ground):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, ground: True, "de_xuat": "khong_thu_ly"})
    assert case.data["co_can_cu_khong_thu_ly"] is True
    assert GROUNDS[ground] in refused(complete(api, case, "quyet_dinh_thu_ly", "chu_tich", ACCEPT), "ket_qua_thu_ly")
    assert complete(api, case, "quyet_dinh_thu_ly", "chu_tich", REFUSAL).status_code == 200
    assert case.open_task_names() == ["thong_bao_khong_thu_ly"]
    notice = instructions(api, "tiep_cong_dan", case.task("thong_bao_khong_thu_ly"))
    assert GROUNDS[ground] in notice
    assert [c for c in (*GROUNDS.values(), "Điều 11 khoản 6") if c in notice] == [GROUNDS[ground]]


def test_the_notice_names_every_ground_that_holds(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**TIME_BARRED, "don_khong_co_chu_ky": True})
    case.do("quyet_dinh_thu_ly", "chu_tich", REFUSAL)
    notice = instructions(api, "tiep_cong_dan", case.task("thong_bao_khong_thu_ly"))
    assert "Điều 11 khoản 5" in notice and "Điều 11 khoản 6" in notice
    assert "Quá thời hiệu 90 ngày" in notice  # the Chairman's own words follow the grounds


def test_a_complaint_outside_competence_cannot_be_accepted(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "thuoc_tham_quyen": False,
                                                 "de_xuat": "khong_thuoc_tham_quyen"})
    assert "thẩm quyền" in refused(complete(api, case, "quyet_dinh_thu_ly", "chu_tich", ACCEPT), "ket_qua_thu_ly")
    assert complete(api, case, "quyet_dinh_thu_ly", "chu_tich", {
        "ket_qua_thu_ly": "khong_thuoc_tham_quyen", "ly_do": "Thuộc thẩm quyền Chủ tịch UBND tỉnh"}).status_code == 200
    assert case.open_task_names() == ["huong_dan_nguoi_khieu_nai"]


def test_a_complaint_is_refused_only_on_a_ground_of_article_11(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    assert "Điều 11" in refused(complete(api, case, "quyet_dinh_thu_ly", "chu_tich", REFUSAL), "ket_qua_thu_ly")
    assert case.open_task_names() == ["quyet_dinh_thu_ly"]


def test_an_acceptance_date_before_the_letter_arrived_is_refused(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    assert "(02/03/2026)" in refused(complete(api, case, "quyet_dinh_thu_ly", "chu_tich", {
        **ACCEPT, "ngay_thu_ly": "2026-03-01"}), "ngay_thu_ly")


def test_an_admissible_complaint_is_accepted(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    assert case.data["co_can_cu_khong_thu_ly"] is False
    assert "Không ghi nhận trường hợp nào của Điều 11" in instructions(api, "chu_tich", case.task("quyet_dinh_thu_ly"))
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    assert case.open_task_names() == ["thong_bao_thu_ly"]


def test_the_chairman_returns_the_checks_to_the_reception_officer(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    case.do("quyet_dinh_thu_ly", "chu_tich", {"ket_qua_thu_ly": "kiem_tra_lai_dieu_kien",
                                               "ly_do": "Đơn chưa có chữ ký, kiểm tra lại"})
    assert case.open_task_names() == ["de_xuat_thu_ly"]
    assert "Đơn chưa có chữ ký, kiểm tra lại" in instructions(api, "tiep_cong_dan", case.task("de_xuat_thu_ly"))
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "don_khong_co_chu_ky": True, "de_xuat": "khong_thu_ly"})
    case.do("quyet_dinh_thu_ly", "chu_tich", REFUSAL)
    assert "Điều 11 khoản 5" in instructions(api, "tiep_cong_dan", case.task("thong_bao_khong_thu_ly"))


# --- Art. 31-33: the decision's content, its sending and publication, the dates that follow -----------------

def decided(api, **intake) -> Complaint:
    case = Complaint(api, **intake)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    return case


def test_the_decision_is_refused_without_the_content_article_31_requires(api):
    case = decided(api)
    old_decision = {k: DECISION[k] for k in ("ket_luan", "noi_dung_quyet_dinh")}
    response = complete(api, case, "ra_quyet_dinh", "chu_tich", old_decision)
    assert response.status_code == 422
    assert {"nguoi_bi_khieu_nai", "ket_qua_xac_minh_noi_dung", "can_cu_phap_luat", "ket_luan_tung_noi_dung",
            "xu_ly_quyet_dinh_bi_khieu_nai", "boi_thuong", "ghi_quyen_khieu_nai_khoi_kien"} <= set(
        response.get_json()["error"]["details"])
    assert case.open_task_names() == ["ra_quyet_dinh"]


@pytest.mark.parametrize("change, field", [
    ({"boi_thuong": "co"}, "noi_dung_boi_thuong"),  # compensation decided: who gets what
    ({"ghi_quyen_khieu_nai_khoi_kien": False}, "ghi_quyen_khieu_nai_khoi_kien"),  # the rights must be stated
    ({"can_cu_phap_luat": ""}, "can_cu_phap_luat"),
])
def test_a_decision_missing_one_required_content_is_refused_naming_it(api, change, field):
    case = decided(api)
    response = complete(api, case, "ra_quyet_dinh", "chu_tich", {**DECISION, **change})
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]


@pytest.mark.parametrize("change, field", [
    ({"ket_luan": "sai", "xu_ly_quyet_dinh_bi_khieu_nai": "huy_bo_toan_bo"}, "xu_ly_quyet_dinh_bi_khieu_nai"),
    ({"ket_luan": "dung", "xu_ly_quyet_dinh_bi_khieu_nai": "giu_nguyen"}, "xu_ly_quyet_dinh_bi_khieu_nai"),
    ({"ngay_quyet_dinh": "2026-03-30"}, "ngay_quyet_dinh"),  # the register dates it: no form field for it
])
def test_a_decision_contradicting_itself_or_the_case_is_refused(api, change, field):
    case = decided(api)
    refused(complete(api, case, "ra_quyet_dinh", "chu_tich", {**DECISION, **change}), field)
    assert case.open_task_names() == ["ra_quyet_dinh"]


def test_the_decision_is_sent_within_three_working_days_and_published_within_fifteen_days(api, clock):
    case = decided(api)
    clock.set(datetime(2026, 3, 30, 2, 0, tzinfo=timezone.utc))
    case.do("ra_quyet_dinh", "chu_tich", DECISION)  # decided Mon 30/3/2026, the register's date
    assert case.data["ngay_quyet_dinh"] == "2026-03-30" and case.data["so_quyet_dinh"] == "02/QĐ-UBND"
    assert case.open_task_names() == ["gui_quyet_dinh"]
    sending = case.task("gui_quyet_dinh")
    assert sending["role"] == "tiep_cong_dan"
    assert sending["due_at"].startswith("2026-04-02T17:00:00")  # 3 working days: Tue, Wed, Thu 2/4
    response = complete(api, case, "gui_quyet_dinh", "tiep_cong_dan", {**SEND, "noi_nhan_quyet_dinh": [
        "thanh_tra_cung_cap"]})
    assert response.status_code == 422  # the complainant must be among those it is sent to
    assert "noi_nhan_quyet_dinh" in response.get_json()["error"]["details"]
    refused(complete(api, case, "gui_quyet_dinh", "tiep_cong_dan", {**SEND, "ngay_nhan_quyet_dinh_giai_quyet":
                                                                      "2026-03-30"}), "ngay_nhan_quyet_dinh_giai_quyet")
    assert complete(api, case, "gui_quyet_dinh", "tiep_cong_dan", SEND).status_code == 200
    publication = case.task("cong_khai_quyet_dinh")
    assert publication["due_at"].startswith("2026-04-14T17:00:00")  # 30/3 + 15 days = Tue 14/4


def test_the_dates_of_a_second_complaint_and_of_a_lawsuit_are_computed_and_shown(api):
    case = decided(api)
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    case.do("gui_quyet_dinh", "tiep_cong_dan", SEND)  # received Wed 1/4/2026
    data = case.data
    # +30 = Fri 1/5 (Labour Day, after 30/4), then the weekend: Mon 4/5; one year: Thu 1/4/2027
    assert (data["han_khieu_nai_lan_hai"], data["han_khoi_kien"]) == ("2026-05-04", "2027-04-01")
    shown = instructions(api, "tiep_cong_dan", case.task("cong_khai_quyet_dinh"))
    assert "khiếu nại lần hai đến hết ngày 04/05/2026" in shown and "khởi kiện đến hết ngày 01/04/2027" in shown
    case.do("cong_khai_quyet_dinh", "tiep_cong_dan", {"hinh_thuc_cong_khai": "cong_thong_tin_dien_tu",
                                                       "ngay_cong_khai": "2026-04-02"})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_giai_quyet")
    assert detail["data"]["han_khieu_nai_lan_hai"] == "2026-05-04"


def test_a_remote_commune_has_forty_five_days_for_a_second_complaint(api):
    case = decided(api, vung_sau_vung_xa=True)
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    case.do("gui_quyet_dinh", "tiep_cong_dan", SEND)  # 1/4 + 45 = Sat 16/5 -> Mon 18/5
    assert case.data["han_khieu_nai_lan_hai"] == "2026-05-18"
