"""Every export danchu writes keeps people's text as text (`engine.core.cells`): a name or a title starting with
`=` is never a formula in the reader's spreadsheet, and a control character a form took never makes a
workbook unwritable (openpyxl refuses the whole file: a 500 for the commune's report)."""
from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from engine.processes.register import register_csv
from engine.reports.workbook import render_workbook

FORMULA = '=HYPERLINK("http://x","An")'


def test_the_register_s_csv_quotes_a_formula_sign_wherever_it_stands():
    line = {"reference": "01/TB-UBND", "issued_on": date(2026, 3, 2), "kind": FORMULA, "business_key": "KN-1",
            "commune": "-Xã", "issuer": "UBND", "created_by_name": "+Cán bộ"}
    rows = list(csv.reader(io.StringIO(register_csv([line]).lstrip("\ufeff"))))
    assert rows[1][2] == "'" + FORMULA and rows[1][4] == "'-Xã" and rows[1][6] == "'+Cán bộ"
    assert rows[1][0] == "01/TB-UBND" and rows[1][1] == "02/03/2026"


def test_the_periodic_report_s_workbook_keeps_text_as_text_without_the_characters_xml_lacks():
    report = {"sha256": "ab" * 32, "content": {
        "tieu_de": "Báo cáo", "co_quan": "UBND xã", "tu_ngay": "2026-01-15", "den_ngay": "2026-02-14",
        "so_lieu": {"bang": [{"tieu_de": "Theo thôn\x0b", "cot": [{"ma": "thon", "tieu_de": "Thôn"},
                                                                 {"ma": "so", "tieu_de": "Số vụ"}],
                              "dong": [{"thon": FORMULA, "so": 3}, {"thon": "Thôn\x1bA", "so": None}]}]}}}
    sheet = load_workbook(io.BytesIO(render_workbook(report))).worksheets[0]
    assert sheet.cell(row=1, column=1).value == "Theo thôn"
    first, second = (sheet.cell(row=5, column=1), sheet.cell(row=6, column=1))
    assert (first.value, first.data_type) == (FORMULA, "s")
    assert second.value == "ThônA" and sheet.cell(row=5, column=2).value == 3
