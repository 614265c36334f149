"""Write the `.docx` templates of the document steps in the layout of Decree 30/2020/NĐ-CP (Appendix I): the
issuing body and the number and symbol on the left of the heading, the national title and motto and the place
and date on its right; the type and summary centred; the body; the recipients on the left of the foot, the
signer's authority, title and name on its right. Times New Roman 13-14 as the Decree asks.

The templates are files of `bpmn/` (each diagram's package takes those its steps name); this script is their
source: change it and run `make templates`. Tags are Jinja (docxtpl): `docs/bpmn-conventions.md`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
BPMN = Path(__file__).resolve().parents[1] / "bpmn"
LAW = "Căn cứ Luật Tổ chức chính quyền địa phương; Luật Khiếu nại ngày 11 tháng 11 năm 2011;"
RECEIVERS_NOTICE = ["- Ông/bà {{ nguoi_khieu_nai }};", "- Cơ quan, tổ chức đã chuyển đơn (nếu có);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]
SECOND_ROUND = ("Trong thời hạn {{ thoi_han_khieu_nai_lan_hai }} ngày kể từ ngày nhận được quyết định này, nếu không "
                "đồng ý thì người khiếu nại có quyền khiếu nại đến Chủ tịch Ủy ban nhân dân tỉnh hoặc khởi kiện vụ án "
                "hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính (Điều 33 Luật Khiếu nại).")

TEMPLATES = {
    "khieu_nai-thong_bao_thu_ly.docx": ("THÔNG BÁO", "Về việc thụ lý giải quyết khiếu nại", [
        "Kính gửi: Ông/bà {{ nguoi_khieu_nai }}, địa chỉ: {{ dia_chi }}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn khiếu nại của ông/bà "
        "{{ nguoi_khieu_nai }} đối với {{ quyet_dinh_hanh_vi_bi_khieu_nai }}.",
        "Nội dung khiếu nại: {{ noi_dung_khieu_nai }}",
        "Căn cứ Điều 27 Luật Khiếu nại, đơn khiếu nại đủ điều kiện thụ lý. Chủ tịch Ủy ban nhân dân {{ ten_xa }} "
        "thông báo đã thụ lý giải quyết khiếu nại kể từ ngày {{ ngay_thu_ly|ngay }}.",
    ], RECEIVERS_NOTICE),
    "khieu_nai-thong_bao_khong_thu_ly.docx": ("THÔNG BÁO", "Về việc không thụ lý giải quyết khiếu nại", [
        "Kính gửi: Ông/bà {{ nguoi_khieu_nai }}, địa chỉ: {{ dia_chi }}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn khiếu nại của ông/bà "
        "{{ nguoi_khieu_nai }} đối với {{ quyet_dinh_hanh_vi_bi_khieu_nai }}.",
        "Căn cứ Điều 11 và Điều 27 Luật Khiếu nại, khiếu nại không được thụ lý giải quyết vì lý do: "
        "{{ can_cu_khong_thu_ly_van_ban }}{% if ly_do %} ({{ ly_do }}){% endif %}.",
        "Ủy ban nhân dân {{ ten_xa }} thông báo để ông/bà {{ nguoi_khieu_nai }} biết.",
    ], RECEIVERS_NOTICE),
    "khieu_nai-ra_quyet_dinh.docx": ("QUYẾT ĐỊNH", "Về việc giải quyết khiếu nại của ông/bà {{ nguoi_khieu_nai }} "
                                     "(lần đầu)", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        LAW, "Căn cứ {{ can_cu_phap_luat }};",
        "Xét đơn khiếu nại ngày {{ ngay_nhan_don|ngay }} của ông/bà {{ nguoi_khieu_nai }}, địa chỉ {{ dia_chi }}, "
        "khiếu nại {{ quyet_dinh_hanh_vi_bi_khieu_nai }} của {{ nguoi_bi_khieu_nai }}.",
        "Nội dung khiếu nại: {{ noi_dung_khieu_nai }}",
        "Kết quả xác minh: {{ ket_qua_xac_minh_noi_dung }}",
        "{% if ket_qua_doi_thoai %}Kết quả đối thoại: {{ ket_qua_doi_thoai }}{% endif %}",
        "Kết luận: {{ ket_luan_tung_noi_dung }}",
        "QUYẾT ĐỊNH:",
        "Điều 1. {{ xu_ly_quyet_dinh_bi_khieu_nai }}. {{ noi_dung_quyet_dinh }}",
        "Điều 2. {% if noi_dung_boi_thuong %}{{ noi_dung_boi_thuong }}{% else %}Không có bồi thường thiệt hại."
        "{% endif %}",
        "Điều 3. " + SECOND_ROUND,
        "Điều 4. Quyết định có hiệu lực kể từ ngày ký. Ông/bà {{ nguoi_khieu_nai }}, {{ nguoi_bi_khieu_nai }} và "
        "các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 4;", "- Chủ tịch UBND cấp trên trực tiếp;", "- Cơ quan thanh tra nhà nước cùng cấp;",
        "- Cơ quan, tổ chức đã chuyển đơn (nếu có);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}


def _line(cell_or_doc, text: str, *, bold=False, italic=False, size=13, align=CENTER):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), "Times New Roman"
    return paragraph


def _fresh(cell):
    """A table cell starts with one empty paragraph; the first line goes into it."""
    cell._element.remove(cell.paragraphs[0]._element)
    return cell


def template(kind: str, summary: str, body: list[str], receivers: list[str]) -> docx.Document:
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    head = document.add_table(rows=1, cols=2)
    left, right = (_fresh(c) for c in head.rows[0].cells)
    _line(left, "ỦY BAN NHÂN DÂN", size=12)
    _line(left, "{{ ten_xa|upper }}", bold=True, size=12)
    _line(left, "Số: {{ so_ky_hieu }}", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _line(right, "{{ ten_xa }}, ngày {{ ngay }} tháng {{ thang }} năm {{ nam }}", italic=True, size=13)
    _line(document, kind, bold=True, size=14)
    _line(document, summary, bold=True, size=14)
    for text in body:
        centred = text.isupper() or text.startswith("CHỦ TỊCH")
        _line(document, text, bold=centred, size=14, align=CENTER if centred else JUSTIFY)
    foot = document.add_table(rows=1, cols=2)
    left, right = (_fresh(c) for c in foot.rows[0].cells)
    _line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for receiver in receivers:
        _line(left, receiver, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, "{{ tham_quyen_ky }}", bold=True, size=13)
    _line(right, "{{ chuc_vu_nguoi_ky }}", bold=True, size=13)
    _line(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)
    _line(right, "{{ nguoi_ky }}", bold=True, size=13)
    return document


def main(folder: Path = BPMN) -> None:
    for name, parts in TEMPLATES.items():
        template(*parts).save(folder / name)
        print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else BPMN)
