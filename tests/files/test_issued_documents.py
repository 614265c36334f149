"""Documents out: a step naming `document.symbol` and `document.template` issues its document when it completes,
filled from the package's `.docx` template with the case's data, the register's number and date, the commune
and the signer; it is a file of the case, listed by `/documents` (out, with its number) and downloaded as .docx."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import docx

from tests.deploys import post_package, problems
from tests.diagrams import diagram
from tests.files.test_outgoing_register import complete, open_step

TEMPLATE_NAME = "thu_nghiem-thong_bao.docx"
ISSUING = ('<spiffworkflow:property name="document.symbol" value="TB-UBND"/>'
           f'<spiffworkflow:property name="document.template" value="{TEMPLATE_NAME}"/>')


def template() -> bytes:
    """A small template in Word, with Jinja tags as an officer would type them."""
    document = docx.Document()
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "UBND {{ ten_xa|upper }}", "Số: {{ so_ky_hieu }}",
                 "{{ ten_xa }}, ngày {{ ngay }} tháng {{ thang }} năm {{ nam }}",
                 "Hồ sơ {{ ma_ho_so }}: {{ ghi_chu }}", "{{ tham_quyen_ky }}", "{{ chuc_vu_nguoi_ky }}",
                 "{{ nguoi_ky }}"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_a_completed_step_issues_its_document_from_the_template(api):
    deployed = post_package(api, diagram(task_props=ISSUING).encode(), {TEMPLATE_NAME: template()})
    assert deployed.status_code == 201, deployed.get_json()
    task_id = open_step(api)
    done = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/complete",
                                         json={"data": {"ghi_chu": "Nguyễn Văn A & <con>"}})
    assert done.status_code == 200, done.get_json()
    instance_id = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"][0]["instance_id"]
    listed = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/documents").get_json()["items"]
    issued = [d for d in listed if d["direction"] == "out"]
    assert len(issued) == 1 and issued[0]["reference"] == "01/TB-UBND" and issued[0]["downloadable"]
    assert [d for d in listed if d["direction"] == "in"] == []  # the issued document is not a document in
    download = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/attachments/{issued[0]['id']}")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    text = text_of(download.data)
    assert "Số: 01/TB-UBND" in text and "ngày 02 tháng 03 năm 2026" in text
    assert "Nguyễn Văn A & <con>" in text  # the case's data, escaped for Word's XML
    assert "UBND XÃ " in text and "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    assert "Trần Thị Tiếp" in text  # no signer's role named: who completes the step
    assert "{{" not in text and "}}" not in text
    assert hashlib.sha256(download.data).hexdigest() == issued[0]["sha256"]


def test_a_step_that_fails_issues_no_document(api):
    deployed = post_package(api, diagram(task_props=ISSUING, script="ket_qua = khong_co_bien + 1").encode(),
                            {TEMPLATE_NAME: template()})
    assert deployed.status_code == 201, deployed.get_json()
    assert complete(api, open_step(api)).status_code == 409
    assert api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"] == []


def test_a_step_naming_a_template_the_package_lacks_is_refused(api):
    refused = post_package(api, diagram(task_props=ISSUING).encode(), {})
    assert any(TEMPLATE_NAME in p["message"] for p in problems(refused))
    without_number = f'<spiffworkflow:property name="document.template" value="{TEMPLATE_NAME}"/>'
    refused = post_package(api, diagram(task_props=without_number).encode(), {TEMPLATE_NAME: template()})
    assert any("document.symbol" in p["message"] for p in problems(refused))


def test_audit_verify_finds_an_issued_document_altered_in_the_store(api, services):
    assert post_package(api, diagram(task_props=ISSUING).encode(), {TEMPLATE_NAME: template()}).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    verified = api.as_("kiem_tra").get("/api/v1/audit/verify").get_json()
    assert verified["ok"] and verified["files_checked"] == 1
    [(key, _)] = list(services.files.keys())
    services.files.put(key, services.files.get(key) + b"forged")  # someone edits the stored notice
    verified = api.as_("kiem_tra").get("/api/v1/audit/verify").get_json()
    assert not verified["ok"] and "đã bị thay đổi" in verified["first_broken"]["problem"]


def test_the_case_file_lists_the_issued_document_as_out_with_its_file(api):
    assert post_package(api, diagram(task_props=ISSUING).encode(), {TEMPLATE_NAME: template()}).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    instance_id = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"][0]["instance_id"]
    archive = zipfile.ZipFile(io.BytesIO(api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/case-file").data))
    index = list(csv.reader(io.StringIO(archive.read("muc-luc.csv").decode("utf-8-sig"))))[1:]
    [row] = index
    assert row[1] == "ra" and row[4] == "01/TB-UBND" and row[7].startswith("tai-lieu/")
    assert hashlib.sha256(archive.read(row[7])).hexdigest() == row[6]


def test_a_template_whose_tags_are_broken_is_refused_at_deploy(api):
    broken = docx.Document()
    broken.add_paragraph("{% if ghi_chu %}Ghi chú: {{ ghi_chu }}")  # the if never closed
    out = io.BytesIO()
    broken.save(out)
    refused = post_package(api, diagram(task_props=ISSUING).encode(), {TEMPLATE_NAME: out.getvalue()})
    assert any(TEMPLATE_NAME in p["message"] and "viết sai" in p["message"] for p in problems(refused))
