"""The commune's recurring schedules page (Quản trị → Lịch định kỳ): the administrator ticks the Chairman's
reception days and picks the conference's day; what the page saves is what the worker opens."""
import pytest

from engine.worker import poll_once

from .browser import log_in, screenshot
from tests.api.test_schedules import at, reception_tasks


def test_the_administrator_saves_the_schedules_from_the_page(web, api):
    admin = web("quan_tri")
    page = admin.text("/admin/schedules")
    assert "Lịch định kỳ của Xã Nghĩa Kỳ" in page and "Thứ Năm" in page
    form = {"kind": "tiep_cong_dan", "weekdays": ["2", "4"], "start_time": "07:30", "active": "1"}
    assert admin.post("/admin/schedules", form, page="/admin/schedules").status_code == 302
    refused = admin.post("/admin/schedules", {"kind": "tiep_cong_dan", "start_time": "07:30", "active": "1"},
                         page="/admin/schedules")
    assert refused.status_code == 422 and "ít nhất 1 ngày mỗi tuần" in refused.get_data(as_text=True)
    assert admin.post("/admin/schedules", {"kind": "doi_thoai", "day": "30", "month": "2", "active": "1"},
                      page="/admin/schedules").status_code == 422
    items = {s["kind"]: s for s in api.as_("quan_tri").get("/api/v1/schedules").get_json()["items"]}
    assert (items["tiep_cong_dan"]["weekdays"], items["doi_thoai"]["active"]) == ([2, 4], False)
    assert web("chu_tich").get("/admin/schedules").status_code in (302, 403)


@pytest.mark.parametrize("form, field", [
    ({"kind": "tiep_cong_dan", "weekdays": ["²"], "start_time": "07:30", "active": "1"}, "weekdays"),
    ({"kind": "tiep_cong_dan", "weekdays": ["٣"], "start_time": "07:30", "active": "1"}, "weekdays"),
    ({"kind": "doi_thoai", "month": "²", "day": "1", "active": "1"}, "month"),
    ({"kind": "doi_thoai", "month": "11", "day": "³", "active": "1"}, "day"),
])
def test_digits_int_cannot_read_are_refused_on_their_field_not_a_server_error(web, form, field):
    """"²" and "٣" are digits to Python's isdigit() but not numbers a commune types: refused, never a 500."""
    refused = web("quan_tri").post("/admin/schedules", form, page="/admin/schedules")
    assert refused.status_code == 422, refused.status_code
    assert f'id="f-{field}-error"' in refused.get_data(as_text=True) or "error" in refused.get_data(as_text=True)


def test_a_year_or_version_int_cannot_read_is_refused_not_a_server_error(web):
    assert web("chu_tich").get("/so-van-ban-di?nam=²⁰²⁶").status_code == 422
    page = "/admin/processes/khieu_nai/migrations"
    moved = web("quan_tri.tinh").post(page, {"to_version": "²", "from_version": "¹", "action": "move"}, page=page)
    assert moved.status_code < 500, moved.status_code  # read as no version given


@pytest.mark.browser
@pytest.mark.parametrize("phone", [False, True])
def test_the_administrator_sets_thursday_and_the_chairman_finds_the_day_in_his_inbox(open_page, services, clock,
                                                                                      api, phone):
    page = open_page(phone=phone)
    log_in(page, "quan_tri")
    page.goto("/admin/schedules")
    page.get_by_label("Thứ Năm").check()
    page.get_by_label("Giờ bắt đầu").fill("07:30")
    page.get_by_role("button", name="Lưu lịch tiếp công dân").click()
    page.get_by_text("Đã lưu lịch định kỳ.").wait_for()
    page.get_by_label("Ngày", exact=True).select_option("15")
    page.get_by_label("Tháng").select_option("11")
    page.get_by_role("button", name="Lưu lịch hội nghị đối thoại").click()
    page.get_by_text("Đã lưu lịch định kỳ.").wait_for()
    assert page.get_by_label("Thứ Năm").is_checked()
    screenshot(page, "admin-schedules" + ("-phone" if phone else ""))
    clock.set(at("2026-03-05"))
    assert poll_once(services).cases_opened == 1
    assert [t["due_at"][:10] for t in reception_tasks(api)] == ["2026-03-05"]
    chairman = open_page(phone=phone)
    log_in(chairman, "chu_tich")
    chairman.get_by_role("link", name="Tiếp công dân định kỳ").first.wait_for()


def test_a_province_administrator_picks_the_commune_first(web):
    admin = web("quan_tri.tinh")
    page = admin.text("/admin/schedules")
    assert "Chọn xã:" in page and "/admin/schedules?commune=nghia_ky" in page
    form = {"kind": "tiep_cong_dan", "weekdays": ["3"], "start_time": "08:00", "active": "1"}
    path = "/admin/schedules?commune=tinh_phong"
    assert admin.post(path, form, page=path).status_code == 302
    assert "Lịch định kỳ của Xã Tịnh Phong" in admin.text(path)
