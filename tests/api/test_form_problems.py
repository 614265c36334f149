"""Form data refused says every problem at once, in words a person can act on, and optional means optional
(issue 19): an anonymous letter is received (Law on Denunciations 2018, Art. 25), an optional field sent
empty is a field not filled in, and each refusal names the limit or gives an example."""
from __future__ import annotations

from tests.api.cases import Case
from tests.trust.test_resource_limits import FORM_NAME, form, start_with_form

ANONYMOUS_LETTER = {"ngay_nhan_don": "2026-03-02", "hinh_thuc_tiep_nhan": "buu_chinh",
                    "noi_dung_don": "Cán bộ địa chính nhận tiền của người dân"}


def test_an_anonymous_letter_is_received_with_only_its_date_channel_and_content(api):
    case = Case(api, "xu_ly_don", "tiep_cong_dan", ANONYMOUS_LETTER)
    assert case.open_task_names() == ["kiem_tra_dieu_kien"]
    data = case.detail("tiep_cong_dan")["data"]
    assert data["noi_dung_don"] == ANONYMOUS_LETTER["noi_dung_don"]
    assert {name: data.get(name) for name in ("co_quan_chuyen_don",)} == {"co_quan_chuyen_don": ""}


def test_the_start_form_requires_only_what_a_letter_always_has(api):
    schema = api.as_("quan_tri").get(
        "/api/v1/process-models/xu_ly_don/versions/1/files/xu_ly_don-tiep_nhan.schema.json").get_json()
    assert sorted(schema["required"]) == ["hinh_thuc_tiep_nhan", "ngay_nhan_don", "noi_dung_don"]


def test_every_problem_of_a_letter_is_named_at_once_with_its_limit_or_an_example(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "xu_ly_don", "data": {
        "nguoi_gui": "A" * 201, "so_dien_thoai": "không có", "ngay_nhan_don": "2026-02-30",
        "hinh_thuc_tiep_nhan": "chuyen_den"}})
    assert response.status_code == 422
    assert response.get_json()["error"]["details"] == {
        "nguoi_gui": "Dài quá: tối đa 200 ký tự.",
        "so_dien_thoai": "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, +, dấu chấm, gạch ngang), ví dụ 0905 123 456.",
        "ngay_nhan_don": "Ngày không hợp lệ; ghi theo ngày/tháng/năm, ví dụ 25/12/2026.",
        "noi_dung_don": "Bắt buộc: hãy điền thông tin này.",
        "co_quan_chuyen_don": "Bắt buộc: hãy điền thông tin này.",  # forwarded letters name who forwarded them
    }


def test_a_missing_choice_asks_for_a_choice_and_a_number_names_its_bounds(api):
    schema = form({"dong_y": {"type": "boolean", "title": "Đồng ý"},
                   "so_nguoi": {"type": "integer", "minimum": 1, "maximum": 50, "title": "Số người"},
                   "ket_qua": {"type": "string", "enum": ["a", "b"], "title": "Kết quả"}},
                  required=["dong_y", "so_nguoi", "ket_qua"])
    started = start_with_form(api, schema)
    task = started.get_json()["tasks"][0]["id"]
    complete = api.as_("tiep_cong_dan").post
    refused = complete(f"/api/v1/tasks/{task}/complete", json={"data": {"so_nguoi": 51}})
    assert refused.get_json()["error"]["details"] == {
        "dong_y": "Bắt buộc: hãy chọn một câu trả lời.", "ket_qua": "Bắt buộc: hãy chọn một câu trả lời.",
        "so_nguoi": "Không được lớn hơn 50."}
    refused = complete(f"/api/v1/tasks/{task}/complete",
                       json={"data": {"so_nguoi": "hai", "dong_y": "có", "ket_qua": "c"}})
    assert refused.get_json()["error"]["details"] == {
        "dong_y": "Hãy chọn Có hoặc Không.", "so_nguoi": "Phải là số nguyên, ví dụ 12.",
        "ket_qua": "Hãy chọn một mục trong danh sách."}


def test_an_optional_field_sent_empty_is_left_out_and_takes_its_default(api):
    schema = form({"ngay": {"type": "string", "format": "date", "title": "Ngày"},
                   "ma": {"type": "string", "pattern": "^[0-9]+$", "default": "0", "title": "Mã"},
                   "ghi_chu": {"type": "string", "title": "Ghi chú"}})
    started = start_with_form(api, schema)
    task = started.get_json()["tasks"][0]
    done = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete",
                                         json={"data": {"ngay": "", "ma": " ", "ghi_chu": ""}})
    assert done.status_code == 200, done.get_json()
    data = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{task['instance_id']}").get_json()["data"]
    assert "ngay" not in data and data["ma"] == "0" and data["ghi_chu"] == ""


def test_a_process_model_gives_its_start_form_beside_its_start_roles(api):
    """A client opening a case reads what to send from the API, not from the diagram."""
    listed = api.as_("tiep_cong_dan").get("/api/v1/process-models").get_json()["items"]
    letter = next(m for m in listed if m["id"] == "xu_ly_don")
    assert letter["start_roles"] == ["tiep_cong_dan"]
    assert letter["start_form"]["properties"]["noi_dung_don"]["title"] == "Tóm tắt nội dung đơn"
    assert "nguoi_gui" not in letter["start_form"]["required"]
    shown = api.as_("tiep_cong_dan").get("/api/v1/process-models/xu_ly_don").get_json()
    assert shown["start_form"] == letter["start_form"]


def test_written_guidance_is_dated_by_the_register_not_typed(api):
    """The guidance's date was typed and checked against the letter's; the register now dates it the day it is
    issued (never before the letter, which is not received after today), and the form refuses a typed one."""
    from tests.api.test_xu_ly_don import ELIGIBLE
    case = Case(api, "xu_ly_don", "tiep_cong_dan", {**ANONYMOUS_LETTER, "nguoi_gui": "Võ Văn Em", "dia_chi": "Thôn Phú Sơn"})
    case.do("kiem_tra_dieu_kien", "tiep_cong_dan", {**ELIGIBLE, "thuoc_tham_quyen": False})
    guidance = {"noi_dung_huong_dan": "Gửi đơn đến UBND tỉnh"}
    refused = case.refuse("huong_dan_nguoi_gui", "tiep_cong_dan", {**guidance, "ngay_gui": "2026-03-01"})
    assert refused["status"] == 422 and "ngay_gui" in refused["details"]
    case.do("huong_dan_nguoi_gui", "tiep_cong_dan", guidance)
    assert (case.data["so_van_ban"], case.data["ngay_gui"]) == ("01/HD-UBND", "2026-03-02")
