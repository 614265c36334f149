"""The complaint's documents out (`bpmn/khieu_nai.bpmn`): the acceptance notice, the refusal notice and the
decision are generated from the package's templates in the layout of Decree 30/2020/NĐ-CP when their steps
complete, numbered from the commune's register; every shipped template carries the Decree's elements."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from tests.samples import Complaint

BPMN = Path(__file__).resolve().parents[2] / "bpmn"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DECREE_30 = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN",
             "Số: {{ so_ky_hieu }}", "{{ ten_xa }}, ngày {{ ngay }} tháng {{ thang }} năm {{ nam }}",
             "Nơi nhận:", "{{ tham_quyen_ky }}", "{{ chuc_vu_nguoi_ky }}", "{{ nguoi_ky }}")


def text_of(content: bytes) -> str:
    """Every paragraph of the document, those of its tables (the heading and the foot) included."""
    document = docx.Document(io.BytesIO(content))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("name", sorted(p.name for p in BPMN.glob("*.docx")))
def test_every_template_has_the_elements_of_decree_30(name):
    text = text_of((BPMN / name).read_bytes())
    missing = [element for element in DECREE_30 if element not in text]
    assert missing == []


def issued(api, case) -> list[tuple[str, str]]:
    """(reference, text) of each document the case issued, downloaded as .docx."""
    listed = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/documents").get_json()["items"]
    found = []
    for item in (d for d in listed if d["direction"] == "out"):
        assert item["downloadable"], item
        response = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/attachments/{item['id']}")
        assert response.status_code == 200 and response.mimetype == DOCX
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        found.append((item["reference"], text_of(response.data)))
    return found


def test_the_acceptance_notice_and_the_decision_are_generated_numbered(api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.resolve(ket_luan="dung", xu_ly_quyet_dinh_bi_khieu_nai="huy_bo_toan_bo")
    documents = issued(api, case)
    assert [reference for reference, _ in documents] == ["01/TB-UBND", "02/QĐ-UBND"]
    notice, decision = (text for _, text in documents)
    assert "THÔNG BÁO" in notice and "Về việc thụ lý giải quyết khiếu nại" in notice
    assert "Số: 01/TB-UBND" in notice and "ngày 02 tháng 03 năm 2026" in notice
    assert "Nguyễn Văn An" in notice and "05/03/2026" in notice  # the complainant, the date of acceptance
    assert "Lê Văn Chủ" in notice and "Trần Thị Tiếp" not in notice  # the commune's Chairman signs, not the officer
    assert "QUYẾT ĐỊNH" in decision and "Số: 02/QĐ-UBND" in decision and "Luật Đất đai 2024, Điều 91" in decision
    commune = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"][0]["commune"]
    for text in (notice, decision):
        assert "{{" not in text and "{%" not in text and "TM. ỦY BAN NHÂN DÂN" in text
        assert f"{commune}, ngày 02 tháng 03 năm 2026" in text and commune.upper() in text
    data = case.detail()["data"]
    assert data["so_thong_bao_thu_ly"] == "01/TB-UBND" and data["so_ky_hieu_quyet_dinh"] == "02/QĐ-UBND"


def test_the_refusal_notice_is_generated_numbered(api):
    case = Complaint(api)
    case.refuse_time_barred()
    [(reference, text)] = issued(api, case)
    assert reference == "01/TB-UBND"
    assert "Về việc không thụ lý giải quyết khiếu nại" in text and "Nguyễn Văn An" in text
    assert "{{" not in text


def test_an_administrator_downloads_a_template_and_uploads_it_as_a_new_version(api):
    route = "/api/v1/process-models/khieu_nai"
    latest = api.as_("quan_tri.tinh").get(route).get_json()["latest_version"]
    name = "khieu_nai-thong_bao_thu_ly.docx"
    download = api.as_("quan_tri.tinh").get(f"{route}/versions/{latest}/files/{name}")
    assert download.status_code == 200 and download.mimetype == DOCX
    assert download.headers["Content-Disposition"].startswith("attachment")
    edited = docx.Document(io.BytesIO(download.data))
    edited.add_paragraph("Ghi chú mới của xã: {{ nguoi_khieu_nai }} mang theo giấy hẹn.")
    out = io.BytesIO()
    edited.save(out)
    for refused, user in ((b"%PDF-1.4 not a word file", "quan_tri.tinh"), (out.getvalue(), "chu_tich")):
        response = api.as_(user).put(f"{route}/templates/{name}", data=refused, content_type=DOCX)
        assert response.status_code in (403, 422), response.get_json()
    assert api.as_("quan_tri.tinh").put(f"{route}/templates/khong_co.docx", data=out.getvalue(),
                                        content_type=DOCX).status_code == 422
    uploaded = api.as_("quan_tri.tinh").put(f"{route}/templates/{name}", data=out.getvalue(), content_type=DOCX)
    assert uploaded.status_code == 201, uploaded.get_json()
    assert uploaded.get_json()["version"]["version"] == latest + 1
    case = Complaint(api)
    case.accept()
    [(reference, text)] = issued(api, case)
    assert reference == "01/TB-UBND" and "Ghi chú mới của xã: Nguyễn Văn An mang theo giấy hẹn." in text
