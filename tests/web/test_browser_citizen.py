"""What a citizen and a reception officer stumbled on, tried at phone width in Chromium (issue 19): an
anonymous letter is received on the portal and on the staff intake form, and a refused form names every
problem at once, at the top with links to the fields, in words a person can act on."""
from __future__ import annotations

import pytest

from .browser import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_citizen_sends_an_anonymous_letter_after_fixing_every_problem_named_at_once(open_page):
    page = open_page(phone=True)
    page.goto("/cong-dan/gui/xu_ly_don")
    assert page.locator("label[for=f-nguoi_gui] abbr").count() == 0  # no red star on what may be left blank
    assert page.locator("label[for=f-noi_dung_don] abbr").count() == 1
    page.get_by_label("Gửi đến UBND xã").select_option("nghia_ky")
    page.get_by_label("Số điện thoại").fill("không nhớ")
    page.locator("#send").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "Số điện thoại chỉ gồm chữ số" in summary.inner_text() and "ví dụ 0905 123 456" in summary.inner_text()
    assert "Tóm tắt nội dung đơn" in summary.inner_text()  # both problems, not the first one only
    screenshot(page, "public-submit-errors")
    summary.get_by_role("link", name="Tóm tắt nội dung đơn").click()
    assert page.evaluate("document.activeElement.id") == "f-noi_dung_don"
    page.get_by_label("Số điện thoại").fill("")
    page.get_by_label("Tóm tắt nội dung đơn").fill("Cán bộ địa chính thôn nhận tiền của người dân khi làm sổ đỏ.")
    page.locator("#send").click()
    assert page.locator("#tracking-code").inner_text().startswith("XLD-2026-000001-")


def test_a_reception_officer_logs_an_anonymous_letter(open_page):
    page = open_page(phone=True)
    log_in(page, "tiep_cong_dan")
    page.goto("/cases/new/xu_ly_don")
    page.get_by_label("Ngày nhận đơn").fill("2026-03-02")
    page.get_by_label("Hình thức tiếp nhận").select_option("buu_chinh")
    page.get_by_label("Tóm tắt nội dung đơn").fill("Đơn không ký tên tố cáo cán bộ thu tiền sai quy định.")
    page.locator("#open-case").click()
    page.get_by_text("XLD-2026-000001").first.wait_for()
    assert page.locator(".flash-error").count() == 0
