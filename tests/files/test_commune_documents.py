"""The documents the grassroots-democracy processes issue: each document step, run through the HTTP API, is
numbered from the commune's register and generated from its Decree 30/2020 template with the case's data (the
complaint's documents: `test_khieu_nai_documents.py`, whose helpers these tests share)."""
from __future__ import annotations

from tests.api.cases import on
from tests.files.test_khieu_nai_documents import issued
from tests.api.test_bau_truong_thon import MINUTES, RECOGNISED, election, prepared
from tests.api.test_dan_ban_quyet_dinh import VOTED, open_convention
from tests.samples import (
    DVK_ALL_MET,
    DVK_COMMENDED,
    inspect,
    inspection_answered,
    CONSULTATION_CLOSED,
    POSTED,
    answers,
    comment,
    meeting,
    open_notice,
    open_period,
    open_matter,
    report_resolution,
    registered_model,
    supervise,
    supervision_answered,
)


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
    (held, held_text), (team, team_text), (minutes, minutes_text), (decision, decision_text) = issued(api, case)
    # the election team numbers its minutes in its own book (Decree 30 Art. 15: per issuing body)
    assert (held, team, minutes, decision) == ("01/QĐ-UBND", "02/QĐ-UBND", "01/BB-TBC", "03/QĐ-UBND")
    data = case.data
    assert (data["so_quyet_dinh_to_chuc"], data["ngay_quyet_dinh_to_chuc"]) == ("01/QĐ-UBND", "2026-03-02")
    assert (data["so_quyet_dinh_thanh_lap_to"], data["ngay_thanh_lap_to"]) == ("02/QĐ-UBND", "2026-03-12")
    assert (data["so_bien_ban"], data["ngay_gui_bien_ban"]) == ("01/BB-TBC", "2026-03-23")
    assert (data["so_quyet_dinh"], data["ngay_quyet_dinh"]) == ("03/QĐ-UBND", "2026-03-23")
    filled(held_text, held, "Về việc tổ chức cuộc họp bầu Trưởng thôn Thôn Phú Sơn", "cử tri đại diện hộ gia đình",
           "ngày 22/03/2026; địa điểm: Nhà văn hóa thôn Phú Sơn", "Lê Văn Chủ", "Nghị định số 59/2023/NĐ-CP")
    filled(team_text, team, "Về việc thành lập Tổ bầu cử để bầu Trưởng thôn Thôn Phú Sơn", "Dương Văn Công",
           "Trần Thị Hội, Lê Văn Hộ", "22/03/2026", "Quyết định số 01/QĐ-UBND ngày 02/03/2026", "Lê Văn Chủ",
           day="ngày 12 tháng 03 năm 2026")
    filled(minutes_text, minutes, "BIÊN BẢN", "TỔ BẦU CỬ THÔN PHÚ SƠN", "TM. TỔ BẦU CỬ", "TỔ TRƯỞNG",
           "Nguyễn Văn An: 51", "ông/bà Nguyễn Văn An trúng cử Trưởng thôn", "02/QĐ-UBND ngày 12/03/2026",
           "bỏ phiếu kín", day="ngày 23 tháng 03 năm 2026")
    filled(decision_text, decision, "Về việc công nhận kết quả bầu Trưởng thôn Thôn Phú Sơn",
           "Công nhận ông/bà Nguyễn Văn An là Trưởng thôn Thôn Phú Sơn", "Biên bản số 01/BB-TBC ngày 23/03/2026",
           "Lê Văn Chủ", "Nghị định số 59/2023/NĐ-CP", day="ngày 23 tháng 03 năm 2026")


def test_a_refused_recognition_is_a_decision_giving_its_reason(api, clock):
    case = prepared(api, clock)
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 60, 20))
    case.do("bao_cao_ket_qua", "ban_cong_tac_mat_tran", MINUTES)
    case.do("quyet_dinh_cong_nhan", "chu_tich", {"quyet_dinh": "khong_cong_nhan",
                                                 "ly_do_khong_cong_nhan": "Tổ bầu cử có người ứng cử"})
    *_, (reference, text) = issued(api, case)
    filled(text, reference, "Về việc không công nhận kết quả bầu Trưởng thôn", "Lý do: Tổ bầu cử có người ứng cử",
           day="ngày 22 tháng 03 năm 2026")  # decided the day of the meeting
    assert "Công nhận ông/bà" not in text


def test_the_fronts_supervision_notice_and_report_and_the_communes_answer(api):
    case = supervise(api)
    case.do("tra_loi_kien_nghi", "chu_tich", supervision_answered("chap_nhan", "chap_nhan_mot_phan", "khong_chap_nhan"))
    (notice, notice_text), (report, report_text), (answer, answer_text) = issued(api, case)
    # the Front's committee numbers its notice and report in its own book, the People's Committee its answer
    assert (notice, report, answer) == ("01/TB-MTTQ", "02/BC-MTTQ", "01/UBND")
    data = case.data
    assert (data["so_van_ban_thong_bao"], data["so_van_ban_kien_nghi"], data["so_van_ban_tra_loi"]) == (
        notice, report, answer)
    assert data["ngay_gui_kien_nghi"] == data["ngay_tra_loi"] == "2026-03-02"
    for text in (notice_text, report_text):  # issued by the Front's committee, signed by its chair
        assert "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM" in text and "TM. BAN THƯỜNG TRỰC" in text
        assert "Ngô Thị Mặt" in text and "TM. ỦY BAN NHÂN DÂN" not in text
    filled(notice_text, notice, "Về việc giám sát Thực hiện chính sách hỗ trợ hộ nghèo năm 2025",
           "Kính gửi: UBND xã Nghĩa Kỳ", "05/KH-MTTQ", "nghiên cứu, xem xét văn bản, khảo sát thực tế", "09/03/2026")
    filled(report_text, report, "BÁO CÁO", "Chi trả đúng đối tượng, chậm 2 tháng", "1. Chi trả đúng hạn",
           "3. Rà soát hộ cận nghèo", "Đã khảo sát 20 hộ", "Thông báo số 01/TB-MTTQ ngày 02/03/2026")
    filled(answer_text, answer, "V/v trả lời kiến nghị sau giám sát", "Báo cáo số 02/BC-MTTQ ngày 02/03/2026",
           "Kiến nghị số 2: chấp nhận một phần", "Kiến nghị số 3: không chấp nhận", "Lê Văn Chủ",
           "TM. ỦY BAN NHÂN DÂN")


def test_the_inspection_boards_report_and_the_chairmans_answer(api):
    case = inspect(api)
    case.do("tra_loi_kien_nghi", "chu_tich", inspection_answered("chap_nhan", "chap_nhan_mot_phan"))
    (report, report_text), (answer, answer_text) = issued(api, case)
    assert (report, answer) == ("01/BC-TTND", "01/UBND")  # the Board's book, then the People's Committee's
    assert (case.data["so_van_ban_kien_nghi"], case.data["so_van_ban_tra_loi"]) == (report, answer)
    filled(report_text, report, "BAN THANH TRA NHÂN DÂN", "TM. BAN THANH TRA NHÂN DÂN", "TRƯỞNG BAN",
           "Lý Thị Thanh", "Ban quản lý công trình đường thôn Phú Sơn", "03/KH-TTND", "Thu đúng, chi thiếu chứng từ",
           "phát hiện có vi phạm", "2. Công khai quyết toán tại nhà văn hóa", "Lý Thị Thanh, Phan Văn Hòa")
    assert "TM. ỦY BAN NHÂN DÂN" not in report_text
    filled(answer_text, answer, "V/v trả lời kiến nghị của Ban Thanh tra nhân dân", "Báo cáo số 01/BC-TTND",
           "Kiến nghị số 1: chấp nhận", "Giao kế toán thực hiện trước 15/4", "Lê Văn Chủ")


def test_a_hamlets_resolution_and_its_notice_of_the_result(api):
    case = open_matter(api)
    case.do("to_chuc_hop", "truong_thon", meeting(60, 51, 5))
    report_resolution(case)
    (minutes, minutes_text), (notice, notice_text) = issued(api, case)
    assert (minutes, notice) == ("01/BB-THON", "02/TB-THON")
    assert (case.data["so_bien_ban"], case.data["ngay_lap"]) == (minutes, "2026-03-02")
    assert (case.data["so_thong_bao_ket_qua"], case.data["ngay_cong_bo"]) == (notice, "2026-03-02")
    filled(minutes_text, minutes, "BIÊN BẢN", "THÔN PHÚ SƠN", "Đóng góp bê tông hóa đường thôn",
           "Mỗi hộ đóng góp 500.000 đồng hoặc 5 ngày công", "biểu quyết tại hội nghị ngày 02/03/2026",
           "thư ký: Lê Thị Ký", "Phương án được thông qua: Phương án 1, với 51.0% tổng số cử tri đại diện hộ gia đình",
           "Thông qua mức đóng góp", "TM. HỘI NGHỊ", "CHỦ TRÌ", "Đỗ Văn Thôn")
    filled(notice_text, notice, "THÔNG BÁO", "Biên bản, nghị quyết số 01/BB-THON ngày 02/03/2026",
           "niêm yết tại nhà văn hóa thôn, thông báo trên loa truyền thanh", "TM. THÔN", "TRƯỞNG THÔN")


def test_the_chairmans_decision_recognising_a_village_convention(api, clock):
    case = open_convention(api, clock)
    case.do("to_chuc_hop", "truong_thon", meeting(70, 51, ngay_hop=VOTED))
    report_resolution(case, VOTED)
    case.do("cong_nhan_huong_uoc", "chu_tich", {"quyet_dinh_cong_nhan": "cong_nhan"})
    *_, (reference, text) = issued(api, case)
    assert reference == "01/QĐ-UBND" == case.data["so_quyet_dinh_cong_nhan"]  # the hamlet's minutes are the hamlet's
    filled(text, reference, "Về việc công nhận hương ước, quy ước", "Nghị định số 61/2023/NĐ-CP",
           "Điều 1. Công nhận hương ước, quy ước", "Biên bản, nghị quyết số 01/BB-THON", "Lê Văn Chủ",
           day="ngày 01 tháng 04 năm 2026")  # issued after the vote, once the draft has been posted thirty days


def test_the_minutes_of_posting_a_public_notice(api):
    case = open_notice(api)
    case.do("niem_yet", "van_phong", POSTED)
    [(reference, text)] = issued(api, case)
    assert reference == "01/BB-UBND" == case.data["so_bien_ban_niem_yet"]
    assert case.data["ngay_niem_yet"] == "2026-03-02" and case.due_day("ket_thuc_niem_yet") == "2026-04-01"
    filled(text, reference, "BIÊN BẢN", "Niêm yết công khai Kế hoạch sử dụng đất năm 2026 của xã",
           "Các khu đất chuyển mục đích sử dụng trong năm", "Bảng tin UBND xã", "khoản 3 Điều 11",
           "ít nhất 30 ngày kể từ ngày 02/03/2026", "Lê Văn Chủ")


def test_the_published_summary_of_the_peoples_comments(api):
    case = open_period(api)
    for text in ("Giữ lại đất lúa", "Đồng ý chuyển đổi"):
        assert case.send("gop_y", "van_phong", comment(text)).status_code == 200
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    case.do("tiep_thu_giai_trinh", "van_phong", answers("giai_trinh", "tiep_thu"))
    case.do("duyet_giai_trinh", "chu_tich", {"duyet": "dong_y"})
    case.do("cong_bo_ket_qua", "van_phong", {"hinh_thuc_cong_bo_ket_qua": ["niem_yet_tru_so"]})
    [(reference, text)] = issued(api, case)
    assert reference == "01/BC-UBND" == case.data["so_bao_cao_tong_hop"]
    assert case.data["ngay_cong_bo_ket_qua"] == "2026-03-02"
    filled(text, reference, "BÁO CÁO", "Dự thảo kế hoạch sử dụng đất năm 2027", "Đã nhận 2 ý kiến",
           "1. Giữ lại đất lúa (Thôn Phú Sơn)", "Đa số đồng ý, một số đề nghị giữ đất lúa", "Ý kiến số 1: giải trình",
           "Ý kiến số 2: tiếp thu", "từ ngày 02/03/2026 đến ngày 01/04/2026", "Lê Văn Chủ")
