"""Write the `.docx` templates of the document steps in the layout of Decree 30/2020/NĐ-CP (Appendix I): the
issuing body and the number and symbol on the left of the heading, the national title and motto and the place
and date on its right; the type and summary centred; the body; the recipients on the left of the foot, the
signer's authority, title and name on its right. Times New Roman 13-14 as the Decree asks.

The templates are files of `bpmn/` (each diagram's package takes those its steps name); their texts are in
`tools/decree30_texts/<process>.py` (one module per process, each a `TEMPLATES` dict: file name -> kind,
summary, body lines, recipients) and this script lays them out: change a text and run `make templates`. Tags
are Jinja (docxtpl): `docs/bpmn-conventions.md`.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
BPMN = Path(__file__).resolve().parents[1] / "bpmn"


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


def template(kind: str, summary: str, body: list[str], receivers: list[str],
             issuer: tuple[str, str] = ("ỦY BAN NHÂN DÂN", "{{ ten_xa|upper }}")) -> docx.Document:
    """`issuer`: the issuing body's two lines (the body above it, then itself), e.g. the Front's committee; a
    `kind` left empty lays out a letter (công văn, Decree 30 Appendix I): its summary ("V/v …") under the
    number instead of a type name and summary centred."""
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    head = document.add_table(rows=1, cols=2)
    left, right = (_fresh(c) for c in head.rows[0].cells)
    _line(left, issuer[0], size=12)
    _line(left, issuer[1], bold=True, size=12)
    _line(left, "Số: {{ so_ky_hieu }}", size=13)
    if not kind:  # a letter (công văn): no type name, its summary under the number
        _line(left, summary, size=12)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _line(right, "{{ ten_xa }}, ngày {{ ngay }} tháng {{ thang }} năm {{ nam }}", italic=True, size=13)
    if kind:
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


def all_texts() -> dict[str, tuple]:
    """Every process's texts, by file name (a name given twice is a mistake, refused)."""
    package = Path(__file__).resolve().parent / "decree30_texts"
    sys.path.insert(0, str(package.parent))
    texts: dict[str, tuple] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules([str(package)]) if not m.name.startswith("_")):
        for name, parts in importlib.import_module(f"decree30_texts.{module}").TEMPLATES.items():
            if name in texts:
                raise SystemExit(f"{name} is written twice")
            texts[name] = parts
    return texts


def main(folder: Path = BPMN) -> None:
    for name, parts in all_texts().items():
        template(*parts).save(folder / name)
        print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else BPMN)
