"""The documents the grassroots-democracy processes issue: each document step, run through the HTTP API, is
numbered from the commune's register and generated from its Decree 30/2020 template with the case's data (the
complaint's documents: `test_khieu_nai_documents.py`, whose helpers these tests share)."""
from __future__ import annotations

from tests.api.cases import Case
from tests.files.test_khieu_nai_documents import issued
from tests.samples import DVK_ALL_MET, DVK_COMMENDED, registered_model


def filled(text: str, reference: str, *facts: str) -> None:
    """The document carries its number, the case's facts, and no tag left unfilled."""
    assert f"Số: {reference}" in text and "ngày 02 tháng 03 năm 2026" in text
    missing = [fact for fact in facts if fact not in text]
    assert missing == []
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_the_commendation_decision_of_a_dan_van_kheo_model(api):
    case = registered_model(api)
    case.do("binh_xet", "van_phong", DVK_ALL_MET)
    case.do("khen_thuong", "chu_tich", DVK_COMMENDED)
    [(reference, text)] = issued(api, case)
    assert reference == "01/QĐ-UBND" and case.data["so_quyet_dinh_khen"] == "01/QĐ-UBND"
    assert case.data["ngay_khen"] == "2026-03-02"
    filled(text, reference, "QUYẾT ĐỊNH", "Dân vận khéo trong chuyển đổi số", "Tặng Giấy khen",
           "Đoàn Thanh niên xã", "Hồ Văn Đoàn", "620 hộ đã dùng dịch vụ công", "5/5", "Lê Văn Chủ",
           "Luật Thi đua, khen thưởng")
