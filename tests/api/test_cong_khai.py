"""Public disclosure (`bpmn/cong_khai.bpmn`) through the HTTP API.

The engine adds the channels the law requires (commune radio and the hamlet heads for items 7-12 of Art. 11),
counts the days a notice stayed posted (≥ 30 by default) and the longest run of consecutive broadcast days
(≥ 3 by default), and sends a step back when the period is not complete. The end of posting is a user task due
at the end of the period, refused before it; its record is numbered and dated by the register.
"""
from tests.api.cases import on
from tests.samples import POSTED, PUBLIC_NOTICE, open_notice

ENDED = {"da_go_niem_yet": True, "y_kien_phan_anh": "Hộ ông Tư đề nghị làm rõ thời gian thi công"}


def test_posting_runs_thirty_days_and_an_early_end_is_refused(api, clock):
    case = open_notice(api)
    assert case.body["business_key"] == "CK-2026-000001"
    assert case.data["kenh_ap_dung"] == ["niem_yet_tru_so"]
    assert case.open_task_names() == ["niem_yet"]
    assert case.task("niem_yet")["due_at"] is None
    case.do("niem_yet", "van_phong", POSTED)
    # posted Mon 2/3/2026; 30 days, the first not counted -> Wed 1/4/2026, 24:00
    assert case.due_day("ket_thuc_niem_yet") == "2026-04-01"
    clock.set(on("2026-03-31"))
    refused = case.refuse("ket_thuc_niem_yet", "van_phong", ENDED)
    assert refused["status"] == 422 and "chưa đủ 30 ngày" in refused["details"]["da_go_niem_yet"]
    assert case.refuse("ket_thuc_niem_yet", "van_phong", {**ENDED, "so_bien_ban_ket_thuc": "02/BB"})["status"] == 422
    clock.set(on("2026-04-01"))
    case.do("ket_thuc_niem_yet", "van_phong", ENDED)
    data = case.data
    assert (data["so_bien_ban_niem_yet"], data["so_bien_ban_ket_thuc"]) == ("01/BB-UBND", "02/BB-UBND")
    assert (data["ngay_ket_thuc_niem_yet"], data["so_ngay_niem_yet"]) == ("2026-04-01", 30)
    assert case.outcome() == ("completed", "da_cong_khai")


def test_posting_period_ending_on_a_sunday_is_due_the_next_monday(api, clock):
    case = open_notice(api)
    clock.set(on("2026-03-06"))  # the posting is dated the day its step completes
    case.do("niem_yet", "van_phong", POSTED)  # Fri + 30 = Sun 5/4
    assert case.due_day("ket_thuc_niem_yet") == "2026-04-06"


def test_posting_period_ending_in_tet_is_due_after_the_holiday(api, clock):
    clock.set(on("2026-01-16"))  # the posting is dated the day its step completes
    case = open_notice(api)
    case.do("niem_yet", "van_phong", POSTED)
    # 16/1 + 30 = Sun 15/2/2026; Tết holidays 16-20/2, weekend 21-22/2 -> Monday 23/2
    assert case.due_day("ket_thuc_niem_yet") == "2026-02-23"


def test_items_seven_to_twelve_add_the_radio_and_the_hamlet_heads(api, clock):
    case = open_notice(api, khoan_dieu_11=8)
    data = case.data
    assert data["phai_phat_thanh"] is True
    assert data["kenh_ap_dung"] == ["dai_truyen_thanh", "niem_yet_tru_so", "qua_truong_thon"]
    assert case.open_task_names() == ["niem_yet", "phat_thanh", "thong_bao_truong_thon"]
    case.do("niem_yet", "van_phong", POSTED)  # posted today, 2/3
    clock.set(on("2026-03-05"))  # the broadcasts are recorded once aired
    case.do("phat_thanh", "van_phong", {"ngay_phat_song": ["2026-03-02", "2026-03-03", "2026-03-05"]})
    assert case.data["so_ngay_phat_lien_tuc"] == 2
    assert "phat_thanh" in case.open_task_names()  # two consecutive days are not enough: broadcast again
    case.do("phat_thanh", "van_phong", {"ngay_phat_song": ["2026-03-05", "2026-03-02", "2026-03-03", "2026-03-04",
                                                           "2026-03-04"]})
    assert case.data["so_ngay_phat_lien_tuc"] == 4
    case.do("thong_bao_truong_thon", "truong_thon", {"ngay_thong_bao_thon": "2026-03-03",
                                                      "hinh_thuc_thong_bao_thon": ["hop_thon", "loa_thon"]})
    assert case.open_task_names() == ["ket_thuc_niem_yet"]
    clock.set(on("2026-04-02"))
    case.do("ket_thuc_niem_yet", "van_phong", ENDED)
    data = case.data
    assert (data["so_ngay_niem_yet"], data["ngay_thong_bao_thon"], data["so_ngay_phat_lien_tuc"]) == (31, "2026-03-03", 4)
    assert case.outcome() == ("completed", "da_cong_khai")


def test_radio_for_other_items_has_no_minimum_run(api):
    case = open_notice(api, khoan_dieu_11=2, kenh_cong_khai=["dai_truyen_thanh", "cong_thong_tin"])
    assert case.open_task_names() == ["dang_cong_thong_tin", "phat_thanh"]
    case.do("phat_thanh", "van_phong", {"ngay_phat_song": ["2026-03-02"]})
    case.do("dang_cong_thong_tin", "van_phong", {"ngay_dang": "2026-03-02", "duong_dan": "https://nghiaky.gov.vn/tb/1"})
    assert case.outcome() == ("completed", "da_cong_khai")


def test_portal_link_must_be_a_web_address(api):
    case = open_notice(api, khoan_dieu_11=0, kenh_cong_khai=["cong_thong_tin"])
    refused = case.refuse("dang_cong_thong_tin", "van_phong", {"ngay_dang": "2026-03-02", "duong_dan": "javascript:x"})
    assert refused["status"] == 422 and "duong_dan" in refused["details"]


def test_at_least_one_channel_is_required(api):
    response = api.as_("van_phong").post("/api/v1/instances", json={
        "process_model": "cong_khai", "data": {**PUBLIC_NOTICE, "kenh_cong_khai": []}})
    assert response.status_code == 422 and "kenh_cong_khai" in response.get_json()["error"]["details"]


def test_roles_outside_the_office_cannot_open_or_post(api):
    assert api.as_("truong_thon").post("/api/v1/instances", json={
        "process_model": "cong_khai", "data": PUBLIC_NOTICE}).status_code == 403
    case = open_notice(api, khoan_dieu_11=9)
    refused = case.refuse("niem_yet", "truong_thon", POSTED)
    assert refused["status"] == 403
    refused = case.refuse("thong_bao_truong_thon", "van_phong", {"ngay_thong_bao_thon": "2026-03-03",
                                                                 "hinh_thuc_thong_bao_thon": ["hop_thon"]})
    assert refused["status"] == 403


def test_a_broadcast_a_portal_post_or_a_hamlet_notice_after_today_is_refused(api):
    """Each records what was done: a day still to come is a 422 naming the field, today is taken."""
    case = open_notice(api, khoan_dieu_11=8, kenh_cong_khai=["cong_thong_tin"])
    refused = case.refuse("phat_thanh", "van_phong", {"ngay_phat_song": ["2026-03-02", "2026-03-03"]})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_phat_song"]
    assert "không thể sau hôm nay (02/03/2026)" in refused["details"]["ngay_phat_song"]
    refused = case.refuse("dang_cong_thong_tin", "van_phong", {"ngay_dang": "2026-03-03",
                                                              "duong_dan": "https://nghiaky.gov.vn/tb/1"})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_dang"]
    refused = case.refuse("thong_bao_truong_thon", "truong_thon", {"ngay_thong_bao_thon": "2026-03-03",
                                                                   "hinh_thuc_thong_bao_thon": ["hop_thon"]})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_thong_bao_thon"]
    case.do("dang_cong_thong_tin", "van_phong", {"ngay_dang": "2026-03-02", "duong_dan": "https://nghiaky.gov.vn/tb/1"})
    case.do("thong_bao_truong_thon", "truong_thon", {"ngay_thong_bao_thon": "2026-03-02",
                                                      "hinh_thuc_thong_bao_thon": ["hop_thon"]})
    assert not {"dang_cong_thong_tin", "thong_bao_truong_thon"} & set(case.open_task_names())  # both taken, today
