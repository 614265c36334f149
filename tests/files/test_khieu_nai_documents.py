"""The complaint's documents out (`bpmn/khieu_nai.bpmn`): the acceptance notice, the refusal notice and the
decision are generated from the package's templates in the layout of Decree 30/2020/NĐ-CP when their steps
complete, numbered from the commune's register; every shipped template carries the Decree's elements."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from tests.samples import PROPOSAL, Complaint

BPMN = Path(__file__).resolve().parents[2] / "bpmn"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ISSUERS = ("ỦY BAN NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "ỦY BAN MTTQ VIỆT NAM")  # the commune's, the Front's
DECREE_30 = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: {{ so_ky_hieu }}", "{{ ten_xa }}, ngày {{ ngay }} tháng {{ thang }} năm {{ nam }}",
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
    assert any(issuer in text for issuer in ISSUERS)  # the issuing body (or the body above it)


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
    assert (data["so_van_ban"], data["ngay_gui"]) == ("01/TB-UBND", "2026-03-02")  # the fields the process reads
    assert (data["so_quyet_dinh"], data["ngay_quyet_dinh"]) == ("02/QĐ-UBND", "2026-03-02")


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


def test_the_written_guidance_is_generated_numbered_and_names_the_competent_body(api):
    """Circular 05/2021/TT-TTCP, Form 02: a complaint outside the Chairman's competence is answered once, in
    writing, naming where to send it; the form asks only for that body."""
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "thuoc_tham_quyen": False,
                                                 "de_xuat": "khong_thuoc_tham_quyen"})
    case.do("quyet_dinh_thu_ly", "chu_tich", {"ket_qua_thu_ly": "khong_thuoc_tham_quyen",
                                               "ly_do": "Thuộc thẩm quyền Sở Nông nghiệp và Môi trường"})
    case.do("huong_dan_nguoi_khieu_nai", "tiep_cong_dan", {"co_quan_co_tham_quyen": "Sở Nông nghiệp và Môi trường"})
    [(reference, text)] = issued(api, case)
    assert reference == "01/HD-UBND" and "Số: 01/HD-UBND" in text and "HƯỚNG DẪN" in text
    assert "Nguyễn Văn An" in text and "gửi đơn khiếu nại đến Sở Nông nghiệp và Môi trường" in text
    assert "Lê Văn Chủ" in text and "{{" not in text and "{%" not in text


def test_the_suspension_decision_after_a_withdrawal_is_generated_numbered(api):
    """Art. 10 of the Law on Complaints: the withdrawal ends with the Chairman's suspension decision, numbered
    from the register and dated the day it is issued; the form asks only for the reason."""
    case = Complaint(api)
    case.accept()
    response = api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/messages", json={
        "name": "rut_khieu_nai", "data": {"ngay_rut": "2026-03-02", "ly_do_rut": "Đã thống nhất"}})
    assert response.status_code == 200, response.get_json()
    case.do("quyet_dinh_dinh_chi", "chu_tich", {"ly_do_dinh_chi": "Người khiếu nại rút toàn bộ khiếu nại"})
    notice, (reference, decision) = issued(api, case)
    assert notice[0] == "01/TB-UBND" and reference == "02/QĐ-UBND"
    assert "Về việc đình chỉ giải quyết khiếu nại của ông/bà Nguyễn Văn An" in decision
    assert "đơn rút khiếu nại ngày 02/03/2026" in decision and "Người khiếu nại rút toàn bộ khiếu nại" in decision
    assert "Điều 10 Luật Khiếu nại" in decision and "{{" not in decision and "{%" not in decision
    data = case.detail()["data"]
    assert (data["so_quyet_dinh_dinh_chi"], data["ngay_quyet_dinh_dinh_chi"]) == ("02/QĐ-UBND", "2026-03-02")
