"""A frozen report as a Word document (python-docx) and an Excel workbook (openpyxl).

Both are rendered from the frozen content alone, on every download: the same content gives the same text,
and the SHA-256 of the content is printed in the document so a printed copy can be checked against the
register. The Word document follows the usual layout of a commune report (authority and national motto,
title, period, the Office's text, the figures as tables, the approval); the workbook has one sheet per table
of figures, with the table's title above the column headings.
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime

DOCUMENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DRAFT_SECTIONS = (
    ("noi_dung_bao_cao", "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN"),
    ("danh_gia", "II. ĐÁNH GIÁ CHUNG"),
    ("phuong_huong", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"),
    ("kien_nghi_de_xuat", "IV. KIẾN NGHỊ, ĐỀ XUẤT"),
)
NOT_APPLICABLE = "—"
HEADER_ROW = 4  # in each sheet: title, period, blank line, then the column headings
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def render_document(kind: str, report: dict) -> bytes:
    return _docx(report) if kind == "docx" else _xlsx(report)


def period_text(content: dict) -> str:
    return f"Kỳ báo cáo: từ ngày {_vn_date(content['tu_ngay'])} đến ngày {_vn_date(content['den_ngay'])}"


def _docx(report: dict) -> bytes:
    """The Word document, in the order a commune report is read: heading, the Office's text, the figures, the
    approval."""
    from docx import Document
    from docx.shared import Pt

    content = report["content"]
    draft = content.get("du_thao") or {}
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    _docx_heading(document, content, draft)
    _docx_draft(document, draft)
    _docx_figures(document, content["so_lieu"])
    _docx_approval(document, content, report["sha256"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_heading(document, content: dict, draft: dict) -> None:
    """The authority and number beside the national motto, place and date; then title, subject and period."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    figures = content["so_lieu"]
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = content.get("co_quan") or ""
    left.add_paragraph(f"Số: {draft.get('so_ky_hieu') or '.../BC-UBND'}")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph(f"{content['so_lieu'].get('dia_danh') or ''}, {_vn_long_date(content['phe_duyet_luc'])}")
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].bold = True

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(content["tieu_de"])
    run.bold = True
    run.font.size = Pt(14)
    subject = document.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject.add_run(content.get("trich_yeu") or "").italic = True
    period = document.add_paragraph(f"{period_text(content)} (số liệu tính đến {_vn_datetime(figures['tinh_den'])}).")
    period.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _docx_draft(document, draft: dict) -> None:
    """The Office's text, section by section; a section left empty is not printed."""
    for key, heading in DRAFT_SECTIONS:
        text = (draft.get(key) or "").strip()
        if not text:
            continue
        document.add_heading(heading, level=2)
        for line in text.splitlines():
            if line.strip():
                document.add_paragraph(line.strip())


def _docx_figures(document, figures: dict) -> None:
    """The appendix: each table of figures under its title, the column headings in bold."""
    document.add_heading("PHỤ LỤC: SỐ LIỆU TỔNG HỢP", level=2)
    document.add_paragraph("Số liệu do hệ thống tổng hợp từ các hồ sơ của xã; định nghĩa từng chỉ tiêu xem tài "
                           "liệu quy trình báo cáo định kỳ.")
    for table in figures["bang"]:
        document.add_heading(table["tieu_de"], level=3)
        grid = document.add_table(rows=1, cols=len(table["cot"]))
        grid.style = "Table Grid"
        for cell, column in zip(grid.rows[0].cells, table["cot"]):
            cell.text = column["tieu_de"]
            cell.paragraphs[0].runs[0].bold = True
        for row in table["dong"]:
            cells = grid.add_row().cells
            for cell, column in zip(cells, table["cot"]):
                cell.text = _cell_text(row.get(column["ma"]))


def _docx_approval(document, content: dict, sha256: str) -> None:
    """The Chairman's comment and signature, then when, which case, and the hash to check a printed copy."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.add_heading("PHÊ DUYỆT", level=2)
    if content.get("y_kien_phe_duyet"):
        document.add_paragraph(f"Ý kiến của Chủ tịch UBND xã: {content['y_kien_phe_duyet']}")
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("CHỦ TỊCH\n").bold = True
    signature.add_run(content.get("ten_nguoi_phe_duyet") or content["nguoi_phe_duyet"])
    document.add_paragraph(f"Đã phê duyệt lúc {_vn_datetime(content['phe_duyet_luc'])}. Hồ sơ "
                           f"{content['ma_ho_so']}. Mã kiểm tra SHA-256: {sha256}")


def _xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    content = report["content"]
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in content["so_lieu"]["bang"]:
        sheet = workbook.create_sheet(_sheet_name(table.get("ten_ngan") or table["tieu_de"], used))
        sheet.cell(row=1, column=1, value=table["tieu_de"]).font = Font(bold=True)
        sheet.cell(row=2, column=1, value=f"{content['tieu_de']} - {content.get('co_quan') or ''}. "
                                          f"{period_text(content)}. Mã kiểm tra SHA-256: {report['sha256']}")
        for index, column in enumerate(table["cot"], start=1):
            sheet.cell(row=HEADER_ROW, column=index, value=column["tieu_de"]).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(row=HEADER_ROW, column=index).column_letter].width = \
                40 if index == 1 else 16
        for offset, row in enumerate(table["dong"], start=1):
            for index, column in enumerate(table["cot"], start=1):
                value = row.get(column["ma"])
                sheet.cell(row=HEADER_ROW + offset, column=index, value=NOT_APPLICABLE if value is None else value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set) -> str:
    name = SHEET_NAME.sub(" ", title)[:31].strip()
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _cell_text(value) -> str:
    return NOT_APPLICABLE if value is None else str(value)


def _vn_date(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")


def _vn_datetime(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%H:%M %d/%m/%Y")


def _vn_long_date(iso: str) -> str:
    day = datetime.fromisoformat(iso)
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
