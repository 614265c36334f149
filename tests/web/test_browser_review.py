"""The Chairman reviews the long-running cases in Chromium, at desktop and phone width, and downloads them."""
from datetime import datetime, timezone

import pytest

from tests.samples import Complaint

from .browser import log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_chairman_reviews_long_running_cases_by_sector_and_downloads_them(open_page, api, clock, phone):
    land = Complaint(api, linh_vuc="dat_dai", thon="Thôn Phú Sơn")
    environment = Complaint(api, linh_vuc="moi_truong", thon="Thôn Kỳ Thọ Nam")
    environment.accept()
    clock.set(datetime(2026, 4, 20, 1, 0, tzinfo=timezone.utc))
    page = open_page(phone=phone)
    log_in(page, "chu_tich")
    if phone:
        page.goto("/reviews/long-running")
    else:
        page.get_by_role("link", name="Rà soát vụ việc kéo dài").click()
    page.get_by_role("heading", name="Môi trường").wait_for()
    assert page.get_by_role("link", name=environment.body["business_key"]).is_visible()
    assert page.get_by_role("link", name=land.body["business_key"]).count() == 0  # 49 days, no date passed
    page.get_by_label("Đã mở quá (ngày)").fill("30")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("heading", name="Đất đai").wait_for()
    assert page.locator("#by-sector").inner_text().count("1") >= 2
    screenshot(page, "review-long-running" + ("-phone" if phone else ""))
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    assert download.value.suggested_filename == "ra-soat-vu-viec-keo-dai-2026-04-20.xlsx"
    page.get_by_role("link", name=land.body["business_key"]).click()
    page.locator("#case-sector").get_by_text("Đất đai").wait_for()
