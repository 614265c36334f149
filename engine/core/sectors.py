"""The sectors (lĩnh vực) a complaint, denunciation, petition or letter is about: one closed list.

The commune's plan (Kế hoạch 31/KH-UBND, section II.7) asks the commune to review the sectors where people's
complaints run long, "nhất là" land, compensation and resettlement, the environment, people with merit,
social security, sustainable poverty reduction and new rural areas: those are the priority sectors, and
everything else is `khac`. A case records one of these codes (`instances.sector`, filled from the field its
process names in `sectorField`), so the case search filters by it and the leaders' reports count by it.

Before this list, a petition's `linh_vuc` was free text ("Đất đai", "Hạ tầng"...): `sector_code` maps such a
text to the list by its words (accents ignored), and anything it does not recognise to `khac`.
"""
from __future__ import annotations

import unicodedata

from .messages import N_

OTHER = "khac"
SECTORS: dict[str, str] = {
    "dat_dai": N_("Đất đai"),
    "boi_thuong_tai_dinh_cu": N_("Bồi thường, giải phóng mặt bằng, tái định cư"),
    "moi_truong": N_("Môi trường"),
    "nguoi_co_cong": N_("Chính sách người có công"),
    "an_sinh_xa_hoi": N_("An sinh xã hội"),
    "giam_ngheo": N_("Giảm nghèo bền vững"),
    "nong_thon_moi": N_("Xây dựng nông thôn mới, đô thị văn minh"),
    OTHER: N_("Khác"),
}
PRIORITY_SECTORS = tuple(code for code in SECTORS if code != OTHER)  # the plan's "nhất là" list

# Words of an old free-text value -> its code, tried in this order (compensation before land: "bồi thường
# đất" is about compensation). Accent-free and lowercase, as `_plain` makes the text.
_KEYWORDS = (
    ("boi_thuong_tai_dinh_cu", ("boi thuong", "tai dinh cu", "giai phong mat bang", "gpmb", "thu hoi dat")),
    ("dat_dai", ("dat dai", "dat ", "quyen su dung", "so do", "dia chinh")),
    ("moi_truong", ("moi truong", "o nhiem", "rac", "nuoc thai")),
    ("nguoi_co_cong", ("nguoi co cong", "thuong binh", "liet si", "co cong")),
    ("an_sinh_xa_hoi", ("an sinh", "bao tro xa hoi", "tro cap", "chinh sach xa hoi", "bao hiem")),
    ("giam_ngheo", ("giam ngheo", "ho ngheo", "can ngheo")),
    ("nong_thon_moi", ("nong thon moi", "do thi van minh")),
)


def sector_code(value) -> str | None:
    """The code of a sector value: a code as it is; an old free text mapped by its words (else `khac`);
    None for no value at all (nothing recorded)."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text in SECTORS:
        return text
    plain = _plain(text) + " "
    for code, words in _KEYWORDS:
        if any(word in plain for word in words):
            return code
    return OTHER


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())
