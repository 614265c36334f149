"""The administrators' page of a process's document templates: listed by the steps that issue them (titles,
not file names), downloaded, and uploaded back edited as a new version of the process, a refusal shown in
words beside the template."""
from __future__ import annotations

import io
import re

import docx

NAME = "khieu_nai-thong_bao_thu_ly.docx"
PAGE = "/admin/processes/khieu_nai/templates"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def latest(api) -> int:
    return api.as_("quan_tri.tinh").get("/api/v1/process-models/khieu_nai").get_json()["latest_version"]


def upload(client, index: int, content: bytes, filename: str = "thong-bao.docx"):
    """Post the file as the page's upload form of the template at `index` (1-based) does."""
    action = re.findall(r'<form method="post" action="([^"]+)"[^>]*class="template-upload"', client.text(PAGE))
    return client.client.post(action[index - 1], data={"csrf_token": client.token(PAGE),
                                                      "mau": (io.BytesIO(content), filename)},
                              content_type="multipart/form-data")


def section(html: str, title: str) -> str:
    return next(part for part in html.split('<section class="template"')[1:] if title in part.split("</h2>")[0])


def test_the_process_page_links_to_its_templates_listed_by_the_steps_that_issue_them(web):
    client = web("quan_tri.tinh")
    assert 'id="open-templates"' in client.text("/admin/processes/khieu_nai")
    html = client.text(PAGE)
    headings = re.findall(r'<h2 id="template-\d+-h">([^<]+)</h2>', html)
    assert {"Gửi thông báo thụ lý", "Gửi thông báo không thụ lý"} <= set(headings)
    assert all(".docx" not in h and "_" not in h for h in headings)  # titles, not codes
    link = re.search(r'class="template-download" href="([^"]+)"', section(html, "Gửi thông báo thụ lý")).group(1)
    download = client.get(link)
    assert download.status_code == 200 and download.mimetype == DOCX
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert docx.Document(io.BytesIO(download.data)).paragraphs  # a Word file


def test_an_edited_template_uploaded_from_the_page_becomes_a_new_version(web, api):
    client = web("quan_tri.tinh")
    before = latest(api)
    html = client.text(PAGE)
    index = html.split('<section class="template"')[1:].index(section(html, "Gửi thông báo thụ lý")) + 1
    edited = docx.Document(io.BytesIO(api.as_("quan_tri.tinh").get(
        f"/api/v1/process-models/khieu_nai/versions/{before}/files/{NAME}").data))
    edited.add_paragraph("Xã đã nhận đủ hồ sơ của ông/bà {{ nguoi_khieu_nai }}.")
    out = io.BytesIO()
    edited.save(out)
    response = upload(client, index, out.getvalue())
    assert response.status_code == 302
    assert latest(api) == before + 1
    page = client.text(PAGE)
    assert f"phiên bản {before + 1}" in page and f"Đã triển khai phiên bản {before + 1} với mẫu mới." in page
    stored = api.as_("quan_tri.tinh").get(f"/api/v1/process-models/khieu_nai/versions/{before + 1}/files/{NAME}")
    assert stored.data == out.getvalue()


def test_a_file_that_is_not_a_word_document_is_refused_in_words_and_deploys_nothing(web, api):
    client = web("quan_tri.tinh")
    before = latest(api)
    response = upload(client, 1, b"%PDF-1.4 a scanned notice, not a template", "mau.docx")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert">Mẫu văn bản phải là tệp Word .docx.</p>' in html and 'aria-invalid="true"' in html
    empty = client.client.post(re.search(r'action="([^"]+)"[^>]*class="template-upload"', html).group(1),
                               data={"csrf_token": client.token(PAGE)}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "Hãy chọn tệp Word .docx." in empty.get_data(as_text=True)
    assert latest(api) == before


def test_a_commune_administrator_downloads_templates_but_is_offered_no_upload(web, api):
    client = web("quan_tri")
    html = client.text(PAGE)
    assert 'class="template-download"' in html and 'class="template-upload"' not in html
    action = re.search(r'action="([^"]+)"[^>]*class="template-upload"', web("quan_tri.tinh").text(PAGE)).group(1)
    before = latest(api)
    word = api.as_("quan_tri").get(f"/api/v1/process-models/khieu_nai/versions/{before}/files/{NAME}").data
    refused = client.client.post(action, data={"csrf_token": client.token(PAGE), "mau": (io.BytesIO(word), "a.docx")},
                                 content_type="multipart/form-data")
    assert refused.status_code == 403 and latest(api) == before
    assert 'role="alert">' in refused.get_data(as_text=True)  # why, in words
    assert web("chu_tich").get(PAGE).status_code == 403


def test_a_template_whose_tags_are_broken_is_refused_with_the_reason(web, api):
    """A brace lost in Word would make every notice fail when its step completes: refused at the upload."""
    client = web("quan_tri.tinh")
    before = latest(api)
    broken = docx.Document()
    broken.add_paragraph("Số: {{ so_ky_hieu }")
    out = io.BytesIO()
    broken.save(out)
    response = upload(client, 1, out.getvalue())
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "viết sai" in html and 'aria-invalid="true"' in html
    assert latest(api) == before
