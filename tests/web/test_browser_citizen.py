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


def test_a_reception_officer_logs_an_anonymous_letter(open_page, api):
    page = open_page(phone=True)
    log_in(page, "tiep_cong_dan")
    page.goto("/cases/new/xu_ly_don")
    assert page.get_by_label("Ngày nhận đơn").get_attribute("placeholder") == "ngày/tháng/năm"
    page.get_by_label("Ngày nhận đơn").fill("02/03/2026")  # as people write a day here, whatever the browser
    page.get_by_label("Hình thức tiếp nhận").select_option("buu_chinh")
    page.get_by_label("Tóm tắt nội dung đơn").fill("Đơn không ký tên tố cáo cán bộ thu tiền sai quy định.")
    page.locator("#open-case").click()
    page.get_by_text("XLD-2026-000001").first.wait_for()
    assert page.locator(".flash-error").count() == 0
    letter = api.as_("tiep_cong_dan").get("/api/v1/instances?process_model=xu_ly_don").get_json()["items"][0]
    data = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{letter['id']}").get_json()["data"]
    assert data["ngay_nhan_don"] == "2026-03-02"  # ISO in the data and the API


def test_a_citizen_keeps_a_receipt_and_follows_the_letter_into_the_complaint_it_became(open_page, api):
    from tests.api.cases import Case
    from tests.api.test_xu_ly_don import COMPLAINT, ELIGIBLE, NONE
    from tests.samples import ACCEPT, LETTER, PROPOSAL

    page = open_page(phone=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/cong-dan/gui/xu_ly_don")
    page.get_by_label("Gửi đến UBND xã").select_option("nghia_ky")
    page.get_by_label("Họ và tên người gửi").fill("Lê Thị Cúc")
    page.get_by_label("Địa chỉ").fill("Thôn An Hòa Nam, xã Nghĩa Kỳ")  # a complaint needs who and where
    page.get_by_label("Tóm tắt nội dung đơn").fill("Khiếu nại quyết định thu hồi đất của UBND xã.")
    page.locator("#send").click()
    code_box = page.locator("#tracking-code")
    code = code_box.inner_text().strip()
    assert code.startswith("XLD-2026-000001-")
    assert code_box.evaluate("e => e.scrollWidth <= e.clientWidth")  # the whole code shows on a phone
    page.get_by_role("button", name="Chép mã").click()
    page.get_by_text("Đã chép mã vào bộ nhớ tạm.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code
    assert page.get_by_role("button", name="In biên nhận").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and page.locator("#tracking-code").is_visible()
    page.emulate_media(media="screen")
    screenshot(page, "public-submitted")

    letter = Case.existing(api, api.as_("chu_tich").get("/api/v1/instances?process_model=xu_ly_don")
                           .get_json()["items"][0]["id"])
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", {**NONE, **COMPLAINT})
    complaint = Case.existing(api, letter.detail()["links"][0]["instance_id"])
    complaint.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    complaint.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    complaint.do("thong_bao_thu_ly", "tiep_cong_dan", LETTER)

    page.get_by_role("link", name="Theo dõi hồ sơ").click()
    assert page.locator("#ma").evaluate("e => e.scrollWidth <= e.clientWidth")  # the code fits its field
    became = page.locator(".track-case")
    assert became.count() == 1
    text = became.inner_text()
    assert "KN-2026-000001" in text and "Đang xử lý" in text and "đến hết" in text
    assert "01/TB-UBND" in text and "02/03/2026" in text  # the notice as the register numbered it
    assert "Lê Thị Cúc" not in page.content()
    screenshot(page, "public-track")
    link = became.get_by_role("link", name="Tải văn bản 01/TB-UBND (Word)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "01-TB-UBND.docx"
    with open(download.value.path(), "rb") as notice:
        assert notice.read(2) == b"PK"  # a Word file the phone saves, not a page it shows


def test_a_citizen_comments_on_a_draft_with_only_the_comment(open_page, api):
    from tests.samples import CONSULTED_MATTER, open_period

    case = open_period(api)
    page = open_page(phone=True)
    page.goto("/cong-dan/lay-y-kien")
    page.get_by_role("link", name=CONSULTED_MATTER["ten_noi_dung"]).click()
    assert page.locator("h1").inner_text() == CONSULTED_MATTER["ten_noi_dung"]
    assert "01/04/2026" in page.locator("#comments-close").inner_text()
    assert page.locator("#f-ngay_gop_y").count() == 0 and page.locator("[name=kenh]").count() == 0
    page.get_by_label("Nội dung góp ý").fill("Nên giữ lại đất lúa ở cánh đồng thôn Phú Sơn.")
    page.locator("#send-comment").click()
    page.get_by_text("Cảm ơn bạn đã góp ý.").wait_for()
    screenshot(page, "public-consultation")
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert [e for e in history if e["action"] == "message"][-1]["data"]["data"]["kenh"] == "cong_thong_tin"
