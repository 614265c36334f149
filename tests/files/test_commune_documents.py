"""The documents the grassroots-democracy processes issue: each document step, run through the HTTP API, is
numbered from the commune's register and generated from its Decree 30/2020 template with the case's data (the
complaint's documents: `test_khieu_nai_documents.py`, whose helpers these tests share)."""
from __future__ import annotations

from tests.api.cases import Case
from tests.files.test_khieu_nai_documents import issued
from tests.api.test_bau_truong_thon import MINUTES, RECOGNISED, election, on, prepared
from tests.samples import DVK_ALL_MET, DVK_COMMENDED, registered_model


def filled(text: str, reference: str, *facts: str, day: str = "ngày 02 tháng 03 năm 2026") -> None:
    """The document carries its number and date, the case's facts, and no tag left unfilled."""
    assert f"Số: {reference}" in text and day in text
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


def test_the_election_teams_decision_its_minutes_and_the_chairmans_recognition(api, clock):
    case = prepared(api, clock)
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 51, 29))
    clock.set(on("2026-03-23"))
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    case.do("quyet_dinh_cong_nhan", "chu_tich", RECOGNISED)
    (team, team_text), (minutes, minutes_text), (decision, decision_text) = issued(api, case)
    assert (team, minutes, decision) == ("01/QĐ-UBND", "02/BB-TBC", "03/QĐ-UBND")
    data = case.data
    assert (data["so_quyet_dinh_thanh_lap_to"], data["ngay_thanh_lap_to"]) == ("01/QĐ-UBND", "2026-03-12")
    assert (data["so_bien_ban"], data["ngay_gui_bien_ban"]) == ("02/BB-TBC", "2026-03-23")
    assert (data["so_quyet_dinh"], data["ngay_quyet_dinh"]) == ("03/QĐ-UBND", "2026-03-23")
    filled(team_text, team, "Về việc thành lập Tổ bầu cử để bầu Trưởng thôn Thôn Phú Sơn", "Dương Văn Công",
           "Trần Thị Hội, Lê Văn Hộ", "22/03/2026", "12/QĐ-UBND", "Lê Văn Chủ", day="ngày 12 tháng 03 năm 2026")
    filled(minutes_text, minutes, "BIÊN BẢN", "TỔ BẦU CỬ THÔN PHÚ SƠN", "TM. TỔ BẦU CỬ", "TỔ TRƯỞNG",
           "Nguyễn Văn An: 51", "ông/bà Nguyễn Văn An trúng cử Trưởng thôn", "01/QĐ-UBND ngày 12/03/2026",
           "bỏ phiếu kín", day="ngày 23 tháng 03 năm 2026")
    filled(decision_text, decision, "Về việc công nhận kết quả bầu Trưởng thôn Thôn Phú Sơn",
           "Công nhận ông/bà Nguyễn Văn An là Trưởng thôn Thôn Phú Sơn", "Biên bản số 02/BB-TBC ngày 23/03/2026",
           "Lê Văn Chủ", "Nghị định số 59/2023/NĐ-CP", day="ngày 23 tháng 03 năm 2026")


def test_a_refused_recognition_is_a_decision_giving_its_reason(api, clock):
    case = prepared(api, clock)
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 60, 20))
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    case.do("quyet_dinh_cong_nhan", "chu_tich", {"quyet_dinh": "khong_cong_nhan",
                                                 "ly_do_khong_cong_nhan": "Tổ bầu cử có người ứng cử"})
    *_, (reference, text) = issued(api, case)
    filled(text, reference, "Về việc không công nhận kết quả bầu Trưởng thôn", "Lý do: Tổ bầu cử có người ứng cử",
           day="ngày 12 tháng 03 năm 2026")
    assert "Công nhận ông/bà" not in text
