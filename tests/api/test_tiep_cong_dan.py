"""A citizen-reception visit (`bpmn/tiep_cong_dan.bpmn`), walked path by path through the HTTP API: refusals
with and without a written notice, answered on the spot, the letter handed to `xu_ly_don` (and on to a
complaint that links back to the visit through the letter), the Chairman's reception that no deputy may take.
"""
from tests.api.cases import Case
from tests.samples import VISIT, visit

RECEIVABLE = {"da_xuat_trinh_giay_to": True, "say_ruou_tam_than": False, "de_doa_xuc_pham": False,
              "vu_viec_da_giai_quyet_dung": False}
RECORD = {"so_tiep_cong_dan": "TCD-31", "noi_dung_trinh_bay": "Khiếu nại việc thu hồi đất làm đường",
          "loai_noi_dung": "khieu_nai", "co_tai_lieu": True, "danh_muc_tai_lieu": "Đơn, bản sao quyết định",
          "so_giay_bien_nhan": "BN-12"}
ANSWERED = {"huong_xu_ly": "tra_loi_truc_tiep", "noi_dung_tra_loi": "Đã giải thích quy định bồi thường"}
TO_LETTER = {"huong_xu_ly": "chuyen_xu_ly_don", "noi_dung_tra_loi": "Tiếp nhận đơn, hẹn trả lời",
             "ngay_hen_tra_loi": "2026-03-15"}


def received(api, **overrides):
    case = visit(api, **overrides)
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    case.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", RECORD)
    return case


def test_visit_opens_with_a_case_number_and_is_handled_the_same_day(api):
    case = visit(api)
    assert case.body["business_key"] == "TCD-2026-000001"
    assert case.open_task_names() == ["kiem_tra_nhan_than"]
    assert case.due_day("kiem_tra_nhan_than") == "2026-03-02"
    assert case.data["lich_tiep_dinh_ky_chu_tich"].startswith("Thứ Năm hằng tuần")


def test_citizen_answered_on_the_spot_ends_answered(api):
    case = received(api)
    assert case.open_task_names() == ["tra_loi_huong_dan"]
    case.do("tra_loi_huong_dan", "tiep_cong_dan", ANSWERED)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_tra_loi_truc_tiep")
    assert (detail["data"]["so_giay_bien_nhan"], detail["data"]["ket_qua_kiem_tra"]) == ("BN-12", "tiep")
    assert detail["links"] == []


def test_a_letter_handed_over_opens_a_linked_letter_case_with_the_visit_data(api):
    case = received(api)
    case.do("tra_loi_huong_dan", "tiep_cong_dan", TO_LETTER)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_chuyen_xu_ly_don")
    letter_ref = detail["data"]["ho_so_xu_ly_don"]
    assert letter_ref["business_key"] == "XLD-2026-000001"
    assert detail["links"] == [{"relation": "tiep_cong_dan", "direction": "outgoing",
                                "instance_id": letter_ref["id"], "business_key": "XLD-2026-000001",
                                "process_model": "xu_ly_don", "status": "running"}]
    letter = Case.existing(api, letter_ref["id"])
    data = letter.data
    assert (data["nguoi_gui"], data["dia_chi"], data["ngay_nhan_don"], data["hinh_thuc_tiep_nhan"]) == (
        "Nguyễn Thị Hoa", "Thôn Kỳ Thọ Bắc, xã Nghĩa Kỳ", "2026-03-02", "truc_tiep")
    assert (data["noi_dung_don"], data["co_quan_chuyen_don"]) == ("Khiếu nại việc thu hồi đất làm đường", "")
    assert letter.open_task_names() == ["kiem_tra_dieu_kien"]
    # 10 days from the visit on Mon 2 March -> Thu 2026-03-12
    assert letter.due_day("kiem_tra_dieu_kien") == "2026-03-12"


def test_a_complaint_links_back_to_its_visit_through_the_letter(api):
    case = received(api)
    case.do("tra_loi_huong_dan", "tiep_cong_dan", TO_LETTER)
    letter = Case.existing(api, case.data["ho_so_xu_ly_don"]["id"])
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", {"so_vao_so": "D-7", "dung_tieng_viet": True,
                                                      "co_chu_ky_diem_chi": True, "noi_dung_ro_rang": True,
                                                      "thuoc_tham_quyen": True})
    letter.do("phan_loai_don", "tiep_cong_dan", {
        "co_khieu_nai": True, "co_to_cao": False, "co_kien_nghi_phan_anh": False,
        "noi_dung_khieu_nai": "Khiếu nại việc thu hồi đất", "quyet_dinh_hanh_vi_bi_khieu_nai": "QĐ 12/QĐ-UBND",
        "vung_sau_vung_xa": False, "linh_vuc": "dat_dai"})
    complaint_id = letter.data["ho_so_khieu_nai"]["id"]
    complaint_links = Case.existing(api, complaint_id).detail()["links"]
    assert [(link["process_model"], link["relation"], link["direction"]) for link in complaint_links] == [
        ("xu_ly_don", "don_thu", "incoming")]
    letter_links = {(link["process_model"], link["relation"], link["direction"]) for link in letter.detail()["links"]}
    assert letter_links == {("tiep_cong_dan", "tiep_cong_dan", "incoming"), ("khieu_nai", "don_thu", "outgoing")}
    assert Case.existing(api, complaint_id).data["nguoi_khieu_nai"] == "Nguyễn Thị Hoa"


def test_the_chairmans_scheduled_reception_is_his_and_no_deputy_may_take_it(api):
    case = received(api, hinh_thuc_tiep="dinh_ky_chu_tich")
    assert case.open_task_names() == ["chu_tich_tiep"]
    assert case.due_day("chu_tich_tiep") == "2026-03-02"
    for user in ("pho_chu_tich", "tiep_cong_dan"):
        refused = case.refuse("chu_tich_tiep", user, {**ANSWERED, "y_kien_chi_dao": "x"})
        assert refused["status"] == 403, user
        assert refused["code"] == "not_your_task"
    task = api.as_("chu_tich").get(f"/api/v1/tasks/{case.task('chu_tich_tiep')['id']}").get_json()
    assert "theo lịch tiếp định kỳ: Thứ Năm hằng tuần" in task["instructions"]
    case.do("chu_tich_tiep", "chu_tich", {**TO_LETTER, "y_kien_chi_dao": "Giao Địa chính kiểm tra"})
    detail = case.detail()
    assert (detail["outcome"], detail["data"]["y_kien_chi_dao"]) == ("da_chuyen_xu_ly_don", "Giao Địa chính kiểm tra")
    assert [link["process_model"] for link in detail["links"]] == ["xu_ly_don"]


def test_an_unscheduled_reception_by_the_chairman_answered_on_the_spot(api):
    case = received(api, hinh_thuc_tiep="dot_xuat_chu_tich")
    case.do("chu_tich_tiep", "chu_tich", {**ANSWERED, "y_kien_chi_dao": "Trả lời ngay"})
    assert case.outcome() == ("completed", "da_tra_loi_truc_tiep")


def test_the_chairman_must_give_his_direction(api):
    case = received(api, hinh_thuc_tiep="dinh_ky_chu_tich")
    refused = case.refuse("chu_tich_tiep", "chu_tich", ANSWERED)
    assert refused["status"] == 422
    assert "y_kien_chi_dao" in refused["details"]


def test_repeating_a_lawfully_settled_case_is_refused_with_a_written_notice(api):
    case = visit(api)
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", {**RECEIVABLE, "vu_viec_da_giai_quyet_dung": True})
    assert case.open_task_names() == ["thong_bao_tu_choi"]
    case.do("thong_bao_tu_choi", "tiep_cong_dan", {})  # the register numbers and dates the notice
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "tu_choi_tiep")
    assert detail["data"]["ket_qua_kiem_tra"] == "tu_choi_bang_van_ban"


def test_an_intoxicated_or_threatening_visitor_is_refused_without_a_notice(api):
    for grounds in ({"say_ruou_tam_than": True}, {"de_doa_xuc_pham": True}):
        case = visit(api)
        case.do("kiem_tra_nhan_than", "tiep_cong_dan", {**RECEIVABLE, **grounds})
        detail = case.detail()
        assert (detail["status"], detail["outcome"]) == ("completed", "tu_choi_tiep")
        assert detail["data"]["ket_qua_kiem_tra"] == "tu_choi"


def test_documents_received_need_a_receipt_number(api):
    case = visit(api)
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    refused = case.refuse("ghi_so_tiep_cong_dan", "tiep_cong_dan", {**RECORD, "so_giay_bien_nhan": ""})
    assert refused["status"] == 422
    assert "so_giay_bien_nhan" in refused["details"]
    case.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", {**RECORD, "co_tai_lieu": False, "danh_muc_tai_lieu": "",
                                                      "so_giay_bien_nhan": ""})
    assert case.open_task_names() == ["tra_loi_huong_dan"]


def test_visitors_identity_is_confidential_and_only_reception_opens_a_visit(api):
    form = api.as_("quan_tri").get(
        "/api/v1/process-models/tiep_cong_dan/versions/1/files/tiep_cong_dan-tiep_nhan.schema.json").get_json()
    confidential = {name for name, field in form["properties"].items() if field.get("x-confidential")}
    assert confidential == {"ho_ten", "so_giay_to_tuy_than", "dia_chi", "so_dien_thoai", "thon"}
    response = api.as_("van_phong").post("/api/v1/instances", json={"process_model": "tiep_cong_dan", "data": VISIT})
    assert response.status_code == 403
