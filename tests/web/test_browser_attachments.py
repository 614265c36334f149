"""Attaching files in a real Chromium: a citizen's photo and PDF with a letter from a phone, an officer's
signed minutes on a task form, and the case page listing and serving them (the photo without its GPS)."""
from __future__ import annotations

import json

import pytest

from engine.files.storage import LocalBlobStore
from tests.deploys import deploy_multipart
from tests.diagrams import diagram
from tests.files.samples import FORM, FORM_NAME, PDF, gps_of, picture

from .browser import log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def fresh_store(services, monkeypatch, tmp_path):
    monkeypatch.setattr(services, "files", LocalBlobStore(tmp_path / "files"))


def test_a_citizen_attaches_a_photo_and_a_pdf_to_a_letter_on_a_phone(open_page, tmp_path):
    photo, letter = tmp_path / "duong-sat-lo.jpg", tmp_path / "don-de-nghi.pdf"
    photo.write_bytes(picture("image/jpeg", gps=True, size=(640, 480)))
    letter.write_bytes(PDF)
    page = open_page(phone=True)
    page.goto("/cong-dan/gui/xu_ly_don")
    page.get_by_label("Gửi đến UBND xã").select_option("nghia_ky")
    page.get_by_label("Họ và tên người gửi").fill("Trần Thị Mai")
    page.get_by_label("Tóm tắt nội dung đơn").fill("Đường bê tông thôn Phú Sơn bị sạt lở sau mưa lũ.")
    page.get_by_label("Ảnh, bản chụp đơn và tài liệu kèm theo").set_input_files([str(photo), str(letter)])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    screenshot(page, "public-submit-with-files")
    page.locator("#send").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert code.startswith("XLD-2026-000001-")

    officer = open_page()  # the Chairman: a letter's files are as confidential as its sender
    log_in(officer, "chu_tich")
    officer.goto("/cases?business_key=XLD-2026-000001")
    officer.get_by_role("link", name="XLD-2026-000001").click()
    files = officer.locator("#case-files")
    assert "duong-sat-lo.jpg" in files.inner_text() and "don-de-nghi.pdf" in files.inner_text()
    screenshot(officer, "staff-case-files")
    with officer.expect_download() as download:
        files.get_by_role("link", name="duong-sat-lo.jpg").click()
    saved = download.value.path()
    assert gps_of(open(saved, "rb").read()) == {}  # the portal took the position out
    on_phone = open_page(phone=True)
    log_in(on_phone, "chu_tich")
    on_phone.goto(officer.url)
    on_phone.locator("#case-files").scroll_into_view_if_needed()
    assert on_phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(on_phone, "staff-case-files-phone")


def test_an_officer_attaches_signed_minutes_on_a_task_form(open_page, api, tmp_path):
    assert deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: json.dumps(FORM)}).status_code == 201
    minutes = tmp_path / "bien-ban-xac-minh.pdf"
    minutes.write_bytes(PDF)
    impostor = tmp_path / "anh-hien-truong.jpg"
    impostor.write_bytes(b"MZ\x90\x00 not a picture")
    page = open_page()
    log_in(page, "tiep_cong_dan")
    page.goto("/cases/new/thu_nghiem")
    page.locator("form.task-form button[type=submit]").first.click()
    page.get_by_role("link", name="Bước một").click()
    page.locator("#claim").click()
    page.get_by_label("Biên bản đã ký").set_input_files(str(minutes))
    page.get_by_label("Ảnh hiện trường").set_input_files(str(impostor))
    page.locator("#complete").click()  # the disguised file is refused, named under its field
    assert "Loại tệp không được nhận" in page.locator("#f-anh-error").inner_text()
    screenshot(page, "staff-task-file-refused")
    page.get_by_label("Biên bản đã ký").set_input_files(str(minutes))
    page.get_by_label("Ảnh hiện trường").set_input_files([])
    page.locator("#complete").click()
    page.get_by_text("Đã hoàn thành").wait_for()
    page.goto("/cases?process_model=thu_nghiem")
    page.get_by_role("link", name="TN-2026-000001").click()
    page.wait_for_url("**/cases/*")
    assert "bien-ban-xac-minh.pdf" in page.locator("#case-files").inner_text()
    with page.expect_download() as download:
        page.locator("#case-files").get_by_role("link", name="bien-ban-xac-minh.pdf").click()
    assert open(download.value.path(), "rb").read() == PDF
