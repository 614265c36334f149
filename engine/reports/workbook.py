"""The figures of a frozen report as an Excel workbook (openpyxl), one sheet per table of figures with the
table's title above the column headings, rendered from the frozen content alone on every download (the same
content gives the same workbook; its SHA-256 is printed on each sheet to check a copy against the register).

The report's Word document is no longer drawn here: it is the document the sending step issues from the
package's template (`bao_cao_dinh_ky-gui_bao_cao.docx`, `engine.files.issued`), numbered from the register.
"""
from __future__ import annotations

import io
import re
from datetime import date

from ..core.cells import put_cell, sheet_text

DOCUMENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NOT_APPLICABLE = "—"
HEADER_ROW = 4  # in each sheet: title, period, blank line, then the column headings
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def period_text(content: dict) -> str:
    return f"Kỳ báo cáo: từ ngày {_vn_date(content['tu_ngay'])} đến ngày {_vn_date(content['den_ngay'])}"


def render_workbook(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    content = report["content"]
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in content["so_lieu"]["bang"]:
        sheet = workbook.create_sheet(_sheet_name(sheet_text(table.get("ten_ngan") or table["tieu_de"]), used))
        put_cell(sheet, 1, 1, table["tieu_de"]).font = Font(bold=True)  # a process's words, a hamlet's name:
        put_cell(sheet, 2, 1, f"{content['tieu_de']} - {content.get('co_quan') or ''}. "  # text, never a formula
                              f"{period_text(content)}. Mã kiểm tra SHA-256: {report['sha256']}")
        for index, column in enumerate(table["cot"], start=1):
            put_cell(sheet, HEADER_ROW, index, column["tieu_de"]).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(row=HEADER_ROW, column=index).column_letter].width = \
                40 if index == 1 else 16
        for offset, row in enumerate(table["dong"], start=1):
            for index, column in enumerate(table["cot"], start=1):
                value = row.get(column["ma"])
                put_cell(sheet, HEADER_ROW + offset, index, NOT_APPLICABLE if value is None else value)
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


def _vn_date(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
