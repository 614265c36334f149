"""In a real Chromium: a form's cross-field checks (`x-checks`) shown on their fields, and a warning confirmed
with its box, on the village head's ballot count (`dan_ban_quyet_dinh`), at desktop and phone width."""
import json

import pytest

from tests.samples import open_matter

from .browser import log_in, screenshot

pytestmark = pytest.mark.browser
OPTIONS = [{"ten": "Phương án 1", "so_tan_thanh": 60}, {"ten": "Phương án 2", "so_tan_thanh": 30}]


@pytest.mark.parametrize("phone", [False, True])
def test_village_head_fixes_a_refused_count_then_confirms_a_warning(open_page, api, phone):
    case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
    page = open_page(phone=phone)
    log_in(page, "truong_thon")
    page.get_by_role("link", name="Phát phiếu lấy ý kiến hộ gia đình và kiểm phiếu").first.click()
    page.locator("#claim").click()
    page.locator("#f-ngay_phat_phieu").fill("2026-02-27")
    page.locator("#f-ngay_kiem_phieu").fill("2026-03-02")  # counted today: a count is recorded once made
    page.locator("#f-so_phieu_phat_ra").fill("100")
    page.locator("#f-so_phieu_thu_ve").fill("90")
    page.locator("#f-so_phieu_hop_le").fill("91")  # more valid ballots than returned
    page.locator("#f-phuong_an_phieu").fill(json.dumps(OPTIONS[:1], ensure_ascii=False))
    page.locator("#complete").click()
    error = page.locator("#f-so_phieu_hop_le-error")
    assert error.inner_text() == "Số phiếu hợp lệ (91) không được lớn hơn số phiếu thu về (90)."
    assert page.locator("#f-so_phieu_hop_le").get_attribute("aria-invalid") == "true"
    assert page.locator("#confirm_warnings").count() == 0  # an error is fixed, never confirmed
    screenshot(page, "staff-form-check-error" + ("-phone" if phone else ""))

    page.locator("#f-so_phieu_hop_le").fill("80")
    page.locator("#f-phuong_an_phieu").fill(json.dumps(OPTIONS, ensure_ascii=False))  # 90 votes, 80 valid ballots
    page.locator("#complete").click()
    warning = page.locator("#f-phuong_an_phieu-error")
    assert warning.inner_text().startswith("Tổng số phiếu tán thành các phương án lớn hơn số phiếu hợp lệ (80)")
    assert page.locator("#error-summary-h").inner_text() == "Còn 1 cảnh báo cần xem và xác nhận:"
    screenshot(page, "staff-form-check-warning" + ("-phone" if phone else ""))
    page.get_by_label("Tôi đã xem các cảnh báo trên và xác nhận số liệu là đúng.").check()
    page.locator("#complete").click()
    page.get_by_text("Đã hoàn thành: Phát phiếu lấy ý kiến hộ gia đình và kiểm phiếu.").wait_for()
    assert case.data["ket_qua_bieu_quyet"] == "thong_qua"
    assert case.data["phuong_an_phieu"] == OPTIONS


def test_a_visit_on_a_day_still_to_come_is_refused_on_the_form_at_phone_width(open_page, api):
    page = open_page(phone=True)
    log_in(page, "tiep_cong_dan")
    page.goto("/cases/new/tiep_cong_dan")
    page.locator("#f-ngay_tiep").fill("03/03/2026")  # today is 02/03/2026
    page.get_by_label("Tiếp thường xuyên (cán bộ tiếp công dân)").check()
    page.locator("#f-ho_ten").fill("Nguyễn Thị Hoa")
    page.locator("#f-so_nguoi").fill("1")
    page.locator("#open-case").click()
    error = page.locator("#f-ngay_tiep-error")
    assert "03/03/2026" in error.inner_text() and "chưa đến" in error.inner_text()
    assert page.locator("#f-ngay_tiep").get_attribute("aria-invalid") == "true"
    assert "Ngày tiếp" in page.locator("#error-summary").inner_text()  # the summary links to the field
    screenshot(page, "staff-visit-future-day-phone")
    assert api.as_("chu_tich").get("/api/v1/instances").get_json()["total"] == 0  # nothing opened
    page.locator("#f-ngay_tiep").fill("02/03/2026")
    page.locator("#open-case").click()
    page.get_by_text("Đã mở hồ sơ TCD-2026-000001.").wait_for()
