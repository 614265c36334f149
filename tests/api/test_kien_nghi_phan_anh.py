"""Petitions and reflections (`bpmn/kien_nghi_phan_anh.bpmn`), walked path by path through the HTTP API as
the demo users: answered (with and without a redraft), transferred, the wrong roles refused.
"""
from tests.api.cases import Case, on

INTAKE = {
    "nguoi_kien_nghi": "Trần Văn Bình",
    "so_giay_to_tuy_than": "051080004321",
    "dia_chi": "Thôn Kỳ Thọ Nam, xã Nghĩa Kỳ",
    "so_dien_thoai": "0905111222",
    "thon": "Thôn Kỳ Thọ Nam",
    "ngay_nhan_don": "2026-03-02",
    "loai_don": "phan_anh",
    "noi_dung_kien_nghi": "Đường bê tông liên thôn bị sụt lún",
    "linh_vuc": "moi_truong",
    "hinh_thuc_tiep_nhan": "buu_chinh",
}
ASSIGN = {"huong_xu_ly": "tra_loi", "can_bo_duoc_giao": "Huỳnh Văn Minh"}
DRAFT = {"ket_qua_xem_xet": "Đã kiểm tra thực địa", "du_thao_tra_loi": "UBND xã sẽ sửa chữa trong quý II"}
APPROVE = {"phe_duyet": "dong_y"}  # the answer is numbered and dated by the register when it is sent
PUBLISH = {"ngay_gui_nguoi_kien_nghi": "2026-03-02", "hinh_thuc_cong_khai": ["niem_yet", "dai_truyen_thanh"],
           "ngay_cong_khai": "2026-03-02"}  # sent and posted the day the register dates the answer (the clock's)


def open_case(api, **overrides):
    return Case(api, "kien_nghi_phan_anh", "tiep_cong_dan", {**INTAKE, **overrides})


def test_petition_opens_with_a_case_number_and_goes_to_the_chairman(api):
    case = open_case(api)
    assert case.body["business_key"] == "KNPA-2026-000001"
    assert case.open_task_names() == ["xem_xet_kien_nghi"]
    assert case.task("xem_xet_kien_nghi")["role"] == "chu_tich"
    assert case.data["thoi_han_tra_loi"] == 15


def test_answer_period_is_fifteen_calendar_days_from_receipt(api, clock):
    case = open_case(api)
    # received Mon 2026-03-02 + 15 calendar days -> Tue 2026-03-17
    assert case.due_day("xem_xet_kien_nghi") == "2026-03-17"
    clock.set(on("2026-03-06"))  # a petition is recorded once received
    weekend = open_case(api, ngay_nhan_don="2026-03-06")
    # received Fri 2026-03-06 + 15 -> Sat 2026-03-21 -> moved to Mon 2026-03-23
    assert weekend.due_day("xem_xet_kien_nghi") == "2026-03-23"


def test_answered_petition_is_published_and_ends_answered(api):
    case = open_case(api)
    case.do("xem_xet_kien_nghi", "chu_tich", ASSIGN)
    assert case.open_task_names() == ["du_thao_tra_loi"]
    assert case.due_day("du_thao_tra_loi") == "2026-03-17"
    case.do("du_thao_tra_loi", "can_bo_xac_minh", DRAFT)
    case.do("duyet_tra_loi", "chu_tich", APPROVE)
    assert case.open_task_names() == ["cong_khai_tra_loi"]
    assert case.task("cong_khai_tra_loi")["due_at"] is None
    case.do("cong_khai_tra_loi", "tiep_cong_dan", PUBLISH)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_tra_loi")
    assert (detail["data"]["so_van_ban_tra_loi"], detail["data"]["ngay_tra_loi"]) == ("01/UBND", "2026-03-02")
    assert detail["data"]["hinh_thuc_cong_khai"] == ["niem_yet", "dai_truyen_thanh"]
    assert detail["data"]["ket_qua_vu_viec"] == "da_tra_loi"


def test_chairman_sends_a_draft_back_and_the_redraft_is_approved(api):
    case = open_case(api)
    case.do("xem_xet_kien_nghi", "chu_tich", ASSIGN)
    case.do("du_thao_tra_loi", "can_bo_xac_minh", DRAFT)
    case.do("duyet_tra_loi", "chu_tich", {"phe_duyet": "yeu_cau_sua", "y_kien_duyet": "Nêu rõ thời gian sửa"})
    assert case.open_task_names() == ["du_thao_tra_loi"]
    assert case.data["y_kien_duyet"] == "Nêu rõ thời gian sửa"
    case.do("du_thao_tra_loi", "can_bo_xac_minh", {**DRAFT, "du_thao_tra_loi": "Sửa chữa trước 30/6/2026"})
    case.do("duyet_tra_loi", "chu_tich", APPROVE)
    case.do("cong_khai_tra_loi", "tiep_cong_dan", PUBLISH)
    assert case.outcome() == ("completed", "da_tra_loi")
    assert case.data["du_thao_tra_loi"] == "Sửa chữa trước 30/6/2026"
    assert case.history_actions().count("completed") == 6


def test_redraft_request_without_the_chairmans_remarks_is_refused(api):
    case = open_case(api)
    case.do("xem_xet_kien_nghi", "chu_tich", ASSIGN)
    case.do("du_thao_tra_loi", "can_bo_xac_minh", DRAFT)
    refused = case.refuse("duyet_tra_loi", "chu_tich", {"phe_duyet": "yeu_cau_sua"})
    assert refused["status"] == 422
    assert "y_kien_duyet" in refused["details"]


def test_petition_outside_competence_is_transferred_and_ends_transferred(api):
    case = open_case(api)
    case.do("xem_xet_kien_nghi", "chu_tich", {"huong_xu_ly": "chuyen",
                                              "co_quan_co_tham_quyen": "Công ty Điện lực Quảng Ngãi"})
    assert case.open_task_names() == ["chuyen_kien_nghi"]
    assert case.due_day("chuyen_kien_nghi") == "2026-03-17"
    case.do("chuyen_kien_nghi", "tiep_cong_dan", {"da_thong_bao_nguoi_kien_nghi": True})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_chuyen")
    assert detail["data"]["co_quan_co_tham_quyen"] == "Công ty Điện lực Quảng Ngãi"


def test_transfer_without_naming_the_competent_body_is_refused(api):
    case = open_case(api)
    refused = case.refuse("xem_xet_kien_nghi", "chu_tich", {"huong_xu_ly": "chuyen"})
    assert refused["status"] == 422
    assert "co_quan_co_tham_quyen" in refused["details"]


def test_only_the_chairman_decides_and_signs(api):
    case = open_case(api)
    for user in ("tiep_cong_dan", "pho_chu_tich", "can_bo_xac_minh"):
        refused = case.refuse("xem_xet_kien_nghi", user, ASSIGN)
        assert refused["status"] == 403, user
        assert refused["code"] == "not_your_task"
    case.do("xem_xet_kien_nghi", "chu_tich", ASSIGN)
    assert case.refuse("du_thao_tra_loi", "chu_tich", DRAFT)["status"] == 403
    case.do("du_thao_tra_loi", "can_bo_xac_minh", DRAFT)
    assert case.refuse("duyet_tra_loi", "can_bo_xac_minh", APPROVE)["status"] == 403


def test_only_the_reception_officer_opens_a_petition(api):
    response = api.as_("van_phong").post("/api/v1/instances",
                                         json={"process_model": "kien_nghi_phan_anh", "data": INTAKE})
    assert response.status_code == 403


def test_petitioners_contact_details_are_marked_confidential(api):
    form = api.as_("quan_tri").get(
        "/api/v1/process-models/kien_nghi_phan_anh/versions/1/files/kien_nghi_phan_anh-tiep_nhan.schema.json"
    ).get_json()
    confidential = {name for name, field in form["properties"].items() if field.get("x-confidential")}
    assert confidential == {"so_giay_to_tuy_than", "dia_chi", "so_dien_thoai"}


def test_a_petition_received_or_answered_after_today_is_refused_naming_the_day(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "kien_nghi_phan_anh", "data": {**INTAKE, "ngay_nhan_don": "2026-03-03"}})
    assert response.status_code == 422
    details = response.get_json()["error"]["details"]
    assert list(details) == ["ngay_nhan_don"] and "không thể sau hôm nay (02/03/2026)" in details["ngay_nhan_don"]
    case = open_case(api)  # received today
    case.do("xem_xet_kien_nghi", "chu_tich", ASSIGN)
    case.do("du_thao_tra_loi", "can_bo_xac_minh", DRAFT)
    case.do("duyet_tra_loi", "chu_tich", APPROVE)
    refused = case.refuse("cong_khai_tra_loi", "tiep_cong_dan", {**PUBLISH, "ngay_gui_nguoi_kien_nghi": "2026-03-03",
                                                                  "ngay_cong_khai": "2026-03-03"})
    assert refused["status"] == 422 and set(refused["details"]) == {"ngay_gui_nguoi_kien_nghi", "ngay_cong_khai"}
    assert case.open_task_names() == ["cong_khai_tra_loi"]
    case.do("cong_khai_tra_loi", "tiep_cong_dan", PUBLISH)  # today
    assert case.outcome() == ("completed", "da_tra_loi")
