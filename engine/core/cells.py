"""Text typed by people (a citizen's name, a hamlet) as a spreadsheet cell: never run as a formula, and without
the characters a worksheet cannot hold.

A citizen's name comes from the portal as typed: `=HYPERLINK(...)` would be a formula in the reviewer's
spreadsheet, and a control character (U+000B, U+001B...) or U+FFFE, which the JSON and the database take, is
no XML 1.0 character: openpyxl refuses the whole workbook, so one letter would have made the commune's review
unexportable (a 500). The CSV keeps such characters (they are harmless there) and quotes a leading formula
sign; the worksheet drops them and stores the text as text. Every export danchu writes goes through here: the
audit log's, the register's, the case file's history, the review of long-running cases, the periodic report's
workbook."""
from __future__ import annotations

import re

FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def csv_text(value):
    """A CSV cell: text starting with a formula sign gets a leading apostrophe; other values unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_SIGNS:
        return "'" + value
    return value


def sheet_text(value):
    """A worksheet value: text without the characters XML 1.0 lacks; other values unchanged."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def put_cell(sheet, row: int, column: int, value):
    """Write `value` at (row, column), text always as text (openpyxl would take `=...` for a formula)."""
    cell = sheet.cell(row=row, column=column, value=sheet_text(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
