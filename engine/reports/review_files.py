"""The review of long-running cases as a file to keep or pass on: CSV (UTF-8 with a byte-order mark, so a
spreadsheet opens the Vietnamese right) or an Excel workbook (openpyxl).

Dates are ISO 8601 (`2026-03-02`) in the file, as a spreadsheet sorts and reads them whatever its language;
the sector is given by its name and its code. The first lines say what was asked and when.
"""
from __future__ import annotations

import csv
import io

from ..core.sectors import SECTORS
from ..core.cells import csv_text, put_cell
from .workbook import DOCUMENT_TYPES
from .long_running import long_running_cases

EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": DOCUMENT_TYPES["xlsx"]}
HEADINGS = ("Số hồ sơ", "Quy trình", "Lĩnh vực", "Mã lĩnh vực", "Thôn", "Người dân", "Ngày mở", "Hạn giải quyết",
            "Số ngày từ khi mở", "Số ngày quá hạn", "Đang ở bước")


def long_running_export(services, principal, kind: str, **criteria) -> tuple[str, str, bytes]:
    """(file name, media type, content) of the review `long_running_cases` gives for `criteria`."""
    review = long_running_cases(services, principal, **criteria)
    rows = [_row(item) for item in review["items"]]
    title = [f"Rà soát vụ việc kéo dài đến ngày {review['as_of'].isoformat()}: quá hạn giải quyết hoặc đã mở "
             f"quá {review['older_than_days']} ngày",
             "Lĩnh vực: " + ", ".join(SECTORS[code] for code in review["sectors"])
             + (f"; thôn: {review['hamlet']}" if review["hamlet"] else "")]
    name = f"ra-soat-vu-viec-keo-dai-{review['as_of'].isoformat()}.{kind}"
    content = _csv(title, rows) if kind == "csv" else _xlsx(title, rows)
    return name, EXPORT_TYPES[kind], content


def _row(item: dict) -> list:
    return [item["business_key"], item["process_name"], SECTORS[item["sector"]], item["sector"],
            item["hamlet"] or "", item["citizen_name"] or "", item["opened_on"].isoformat(),
            item["due_on"].isoformat() if item["due_on"] else "", item["days_open"],
            "" if item["days_overdue"] is None else item["days_overdue"], "; ".join(item["open_steps"])]


def _csv(title: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in title:
        writer.writerow([csv_text(line)])
    writer.writerow([])
    writer.writerow(HEADINGS)
    writer.writerows([csv_text(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(title: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rà soát"
    for index, line in enumerate(title, start=1):
        put_cell(sheet, index, 1, line).font = Font(bold=index == 1)  # the hamlet asked for, as typed
    header = len(title) + 2
    for column, heading in enumerate(HEADINGS, start=1):
        sheet.cell(row=header, column=column, value=heading).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(row=header, column=column).column_letter].width = \
            40 if heading in ("Quy trình", "Lĩnh vực", "Đang ở bước") else 18
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            put_cell(sheet, header + offset, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
