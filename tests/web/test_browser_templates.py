"""An administrator changes a notice's wording in Chromium: from the process's page to its templates, the
acceptance notice downloaded, a wrong file refused in words beside the template, the edited notice uploaded
as a new version of the process."""
from __future__ import annotations

import io

import docx
import pytest

from .browser import log_in, screenshot

pytestmark = pytest.mark.browser


def test_an_administrator_downloads_a_notice_template_and_uploads_it_edited(open_page, api, tmp_path):
    before = api.as_("quan_tri.tinh").get("/api/v1/process-models/khieu_nai").get_json()["latest_version"]
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto("/admin/processes/khieu_nai")
    page.locator("#open-templates").click()
    page.get_by_role("heading", name="Mẫu văn bản", exact=True).wait_for()
    notice = page.locator("section.template", has=page.get_by_role("heading", name="Gửi thông báo thụ lý",
                                                                     exact=True))
    with page.expect_download() as download:
        notice.locator(".template-download").click()
    edited = docx.Document(download.value.path())
    edited.add_paragraph("Mọi thắc mắc xin liên hệ bộ phận một cửa của xã.")
    saved = tmp_path / "thong-bao-thu-ly.docx"
    edited.save(saved)
    scan = tmp_path / "ban-chup.docx"
    scan.write_bytes(b"%PDF-1.4 a scan renamed .docx")

    notice.get_by_label("Mẫu đã sửa (.docx)").set_input_files(str(scan))
    notice.get_by_role("button", name="Tải lên thành phiên bản mới").click()
    page.get_by_text("Mẫu văn bản phải là tệp Word .docx.").wait_for()
    notice = page.locator("section.template", has=page.get_by_role("heading", name="Gửi thông báo thụ lý",
                                                                     exact=True))
    assert notice.locator("[aria-invalid=true]").count() == 1  # beside the template it was meant for
    screenshot(page, "admin-templates-refused")

    notice.get_by_label("Mẫu đã sửa (.docx)").set_input_files(str(saved))
    notice.get_by_role("button", name="Tải lên thành phiên bản mới").click()
    page.get_by_text(f"Đã triển khai phiên bản {before + 1} với mẫu mới.").wait_for()
    screenshot(page, "admin-templates")
    stored = api.as_("quan_tri.tinh").get(
        f"/api/v1/process-models/khieu_nai/versions/{before + 1}/files/khieu_nai-thong_bao_thu_ly.docx").data
    assert "Mọi thắc mắc xin liên hệ" in "\n".join(p.text for p in docx.Document(io.BytesIO(stored)).paragraphs)
