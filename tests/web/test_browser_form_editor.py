"""The modeler's form editor, in a real Chromium: every attribute of a field an administrator sets (title,
type, required, options, limits, help, confidential mark) is written into the package's JSON Schema file as
docs/bpmn-conventions.md ("Forms") documents it, the live preview shows the form as the staff's task page
renders it, the editor shows the saved form again when reopened, and a file name it cannot take says what a
name may be."""
import json

import pytest

from .browser import log_in
from .change_diagram import FORM_NAME, PROCESS_ID, deploy_change_diagram

pytestmark = pytest.mark.browser


def open_group(page, group_id: str) -> None:
    header = page.locator(f'[data-group-id="group-{group_id}"] .bio-properties-panel-group-header')
    if "open" not in (header.get_attribute("class") or ""):
        header.click()


def add_field(editor, number: int, name: str, title: str, kind: str) -> None:
    editor.get_by_role("button", name="Thêm trường").click()
    editor.get_by_label(f"Mã trường {number}", exact=True).fill(name)
    editor.get_by_label(f"Tên trường {number}", exact=True).fill(title)
    editor.get_by_label(f"Kiểu trường {number}", exact=True).select_option(kind)


@pytest.fixture
def editor(open_page, services):
    deploy_change_diagram(services)
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto(f"/admin/processes/{PROCESS_ID}/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    page.get_by_label("Chọn phần tử").select_option("tiep_nhan")
    open_group(page, "danchu-task")
    page.get_by_role("button", name="Sửa biểu mẫu…").click()
    return page


def test_each_attribute_of_a_field_is_written_to_the_json_schema_and_previewed_as_staff_see_it(editor):
    page, dialog = editor, editor.locator("#form-editor")
    assert dialog.get_by_label("Tên trường 1", exact=True).input_value() == "Đủ điều kiện"  # the form as it is
    add_field(dialog, 3, "linh_vuc", "Lĩnh vực", "choice")
    dialog.get_by_label("Lựa chọn 3", exact=True).fill("dat_dai = Đất đai\nkhac = Khác")
    dialog.get_by_label("Bắt buộc 3", exact=True).check()
    dialog.get_by_label("Hướng dẫn 3", exact=True).fill("Chọn lĩnh vực của đề nghị")
    add_field(dialog, 4, "so_nguoi", "Số người", "integer")
    dialog.get_by_label("Tối thiểu 4", exact=True).fill("1")
    dialog.get_by_label("Tối đa 4", exact=True).fill("50")
    add_field(dialog, 5, "ho_ten_nguoi_bi_phan_anh", "Người bị phản ánh", "string")
    dialog.get_by_label("Tối thiểu 5", exact=True).fill("2")
    dialog.get_by_label("Tối đa 5", exact=True).fill("120")
    dialog.get_by_label("Bảo mật 5", exact=True).check()
    add_field(dialog, 6, "ngay_hop", "Ngày họp", "date")
    preview = dialog.locator("#form-preview")
    preview.get_by_text("Chọn lĩnh vực của đề nghị").wait_for()  # the live preview, rendered by the server
    assert preview.get_by_text("Đất đai").count()
    assert preview.get_by_label("Ngày họp").get_attribute("placeholder") == "ngày/tháng/năm"  # dd/mm/yyyy, as staff type it
    number = preview.get_by_label("Số người")
    assert (number.get_attribute("min"), number.get_attribute("max")) == ("1", "50")
    assert preview.get_by_label("Người bị phản ánh").get_attribute("maxlength") == "120"
    dialog.get_by_role("button", name="Lưu biểu mẫu").click()

    with page.expect_request(lambda r: r.url.endswith("/validate")) as sent:
        page.get_by_role("button", name="Kiểm tra").click()
    schema = json.loads(sent.value.post_data_json["files"][FORM_NAME])
    fields = schema["properties"]
    assert fields["linh_vuc"] == {"title": "Lĩnh vực", "description": "Chọn lĩnh vực của đề nghị", "type": "string",
                                  "oneOf": [{"const": "dat_dai", "title": "Đất đai"}, {"const": "khac", "title": "Khác"}]}
    assert fields["so_nguoi"] == {"title": "Số người", "type": "integer", "minimum": 1, "maximum": 50}
    assert fields["ho_ten_nguoi_bi_phan_anh"] == {"title": "Người bị phản ánh", "type": "string", "maxLength": 120,
                                                  "minLength": 2, "x-confidential": True}
    assert fields["ngay_hop"] == {"title": "Ngày họp", "type": "string", "format": "date"}
    assert schema["required"] == ["linh_vuc"] and schema["title"] == "Tiếp nhận"
    page.get_by_text("Sơ đồ hợp lệ: có thể triển khai.").wait_for()  # the server takes the form it wrote

    page.get_by_role("button", name="Sửa biểu mẫu…").click()  # reopened: the fields as saved
    assert dialog.get_by_label("Lựa chọn 3", exact=True).input_value() == "dat_dai = Đất đai\nkhac = Khác"
    assert dialog.get_by_label("Bắt buộc 3", exact=True).is_checked()
    assert dialog.get_by_label("Bảo mật 5", exact=True).is_checked()
    assert dialog.get_by_label("Tối đa 4", exact=True).input_value() == "50"


def test_a_file_name_the_package_cannot_hold_says_what_a_name_may_be(editor):
    dialog = editor.locator("#form-editor")
    dialog.get_by_label("Tên tệp").fill("biểu mẫu mới")
    dialog.get_by_role("button", name="Lưu biểu mẫu").click()
    dialog.get_by_text("Tên tệp chỉ gồm chữ không dấu, số, dấu _ . - và kết thúc bằng .json").wait_for()
    assert dialog.get_by_label("Tên tệp").get_attribute("aria-invalid") == "true"
    dialog.get_by_label("Tên tệp").fill("thay_doi-moi.schema.json")
    dialog.get_by_role("button", name="Lưu biểu mẫu").click()
    assert not dialog.is_visible()
    assert editor.locator("#bio-properties-panel-danchu-form").input_value() == "thay_doi-moi.schema.json"
