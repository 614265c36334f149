"""The documents of letters, petitions, reception, mediation and dialogue: each step that issues one is numbered
from the commune's register and generated from its Decree 30 template with the case's data; a confidential
field (a letter's sender, a petitioner's address) is never printed, since any reader of the case may download
the file."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.api import test_kien_nghi_phan_anh as petition
from tests.api.test_xu_ly_don import ELIGIBLE, open_letter
from tests.files.test_khieu_nai_documents import issued
from tests.samples import LETTER_INTAKE


def clean(text: str, *secrets: str) -> bool:
    return "{{" not in text and "{%" not in text and not any(secret in text for secret in secrets)


def test_a_letter_outside_competence_gets_generated_written_guidance_without_its_sender(api):
    case = open_letter(api)
    case.do("kiem_tra_dieu_kien", "tiep_cong_dan", {**ELIGIBLE, "thuoc_tham_quyen": False})
    case.do("huong_dan_nguoi_gui", "tiep_cong_dan", {"noi_dung_huong_dan": "Gửi đơn đến Thanh tra tỉnh",
                                                     "co_quan_co_tham_quyen": "Thanh tra tỉnh Quảng Ngãi"})
    [(reference, text)] = issued(api, case)
    assert reference == "01/HD-UBND" and "Số: 01/HD-UBND" in text and "Kính gửi: Người gửi đơn" in text
    assert "không thuộc thẩm quyền" in text and "Đề nghị gửi đơn đến Thanh tra tỉnh Quảng Ngãi" in text
    assert LETTER_INTAKE["noi_dung_don"] in text and "Lê Văn Chủ" in text
    assert clean(text, LETTER_INTAKE["nguoi_gui"], LETTER_INTAKE["dia_chi"], LETTER_INTAKE["so_dien_thoai"])


def test_the_answer_to_a_petition_is_generated_when_sent_with_the_approved_text(api):
    case = petition.open_case(api)
    case.do("xem_xet_kien_nghi", "chu_tich", petition.ASSIGN)
    case.do("du_thao_tra_loi", "can_bo_xac_minh", petition.DRAFT)
    case.do("duyet_tra_loi", "chu_tich", {"phe_duyet": "yeu_cau_sua", "y_kien_duyet": "Nêu rõ thời gian"})
    assert issued(api, case) == []  # a draft sent back issues nothing
    case.do("du_thao_tra_loi", "can_bo_xac_minh", {**petition.DRAFT, "du_thao_tra_loi": "Sửa chữa trước 30/6/2026"})
    case.do("duyet_tra_loi", "chu_tich", petition.APPROVE)
    case.do("cong_khai_tra_loi", "tiep_cong_dan", petition.PUBLISH)
    [(reference, text)] = issued(api, case)
    assert reference == "01/UBND" and "V/v trả lời phản ánh của ông/bà Trần Văn Bình" in text
    assert "Sửa chữa trước 30/6/2026" in text and "Đường bê tông liên thôn bị sụt lún" in text
    assert clean(text, petition.INTAKE["dia_chi"], petition.INTAKE["so_dien_thoai"])


def test_a_petition_transferred_gets_a_generated_transfer_slip(api):
    case = petition.open_case(api)
    case.do("xem_xet_kien_nghi", "chu_tich", {"huong_xu_ly": "chuyen",
                                              "co_quan_co_tham_quyen": "Công ty Điện lực Quảng Ngãi"})
    case.do("chuyen_kien_nghi", "tiep_cong_dan", {"da_thong_bao_nguoi_kien_nghi": True})
    [(reference, text)] = issued(api, case)
    assert reference == "01/PC-UBND" and "Kính gửi: Công ty Điện lực Quảng Ngãi." in text
    assert "Về việc chuyển đơn phản ánh" in text and clean(text, petition.INTAKE["dia_chi"])
    assert case.detail()["data"]["so_van_ban_chuyen"] == "01/PC-UBND"


def test_the_mediation_records_are_the_teams_numbered_and_signed_by_the_mediator(api, clock):
    """Law on Grassroots Mediation Arts. 23, 24, 27(2): a settled and a failed mediation each end with their
    written record, issued by the hamlet's mediation team (not the People's Committee) and signed for the team
    by the mediator completing the step."""
    from tests.api import test_hoa_giai as mediation

    settled = mediation.in_mediation(api, clock)
    clock.set(datetime(2026, 3, 5, 3, 0, tzinfo=timezone.utc))  # the session, and its record the day they agree
    settled.do("tien_hanh_hoa_giai", "to_hoa_giai", mediation.SETTLED)
    settled.do("lap_van_ban_hoa_giai_thanh", "to_hoa_giai", mediation.RECORD)
    [(reference, text)] = issued(api, settled)
    assert reference == "01/BB-THG" and "TỔ HÒA GIẢI THÔN PHÚ SƠN" in text and "Hòa giải thành" in text
    assert "Nguyễn Văn Đông; Trần Văn Tây" in text and "Lê Thị Hiền, Phạm Văn Hòa" in text
    assert "Ông Tây dỡ hàng rào, trả lại lối đi 1,5 m" in text and "đến ngày 20/03/2026" in text
    assert "ngày 05 tháng 03 năm 2026" in text and "TM. TỔ HÒA GIẢI" in text and "HÒA GIẢI VIÊN" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text and "Lê Văn Chủ" not in text and clean(text)
    assert settled.data["ngay_lap"] == "2026-03-05"

    failed = mediation.in_mediation(api, clock)
    failed.do("tien_hanh_hoa_giai", "to_hoa_giai", {**mediation.SESSION, "ket_qua_buoi": "khong_the_hoa_giai"})
    mediation.on(clock, mediation.FAILED["ngay_huong_dan"])  # the parties guided a week later
    failed.do("lap_van_ban_hoa_giai_khong_thanh", "to_hoa_giai", mediation.FAILED)
    [(reference, text)] = issued(api, failed)
    assert reference == "02/BB-THG" and "Hòa giải không thành" in text
    assert "Ông Tây không đồng ý trả lối đi" in text and "hướng dẫn các bên đề nghị Ủy ban nhân dân" in text
    assert clean(text)


def test_the_dialogue_notice_and_minutes_are_generated_numbered(api, clock):
    from tests.api import test_doi_thoai as dialogue

    case = dialogue.planned(api)
    dialogue.forward(clock, dialogue.NOTICE["ngay_thong_bao"])
    case.do("thong_bao_hoi_nghi", "van_phong", dialogue.NOTICE)
    dialogue.forward(clock, dialogue.HELD["ngay_to_chuc_thuc_te"])
    case.do("to_chuc_doi_thoai", "chu_tich", dialogue.HELD)
    case.do("lap_bien_ban", "van_phong", dialogue.MINUTES)
    (notice_number, notice), (minutes_number, minutes) = issued(api, case)
    assert (notice_number, minutes_number) == ("01/TB-UBND", "02/BB-UBND")
    assert "Về việc tổ chức hội nghị đối thoại với Nhân dân" in notice and "ngày 20/03/2026" in notice
    assert "Giải phóng mặt bằng đường liên xã" in notice and "Hội trường UBND xã" in notice
    assert "BIÊN BẢN" in minutes and "Số người tham dự: 120" in minutes and "(14 ý kiến)" in minutes
    assert "Đề nghị tăng mức hỗ trợ" in minutes and "Tiếp thu, báo cáo huyện" in minutes
    assert "CHỦ TRÌ HỘI NGHỊ" in minutes and "Lê Văn Chủ" in minutes and clean(notice) and clean(minutes)
    assert case.data["ngay_thong_bao"] == "2026-03-12"  # the day people were told stays the officer's


def test_a_refused_visit_gets_a_generated_notice_without_the_visitors_identity(api):
    from tests.api.test_tiep_cong_dan import RECEIVABLE
    from tests.samples import VISIT, visit

    case = visit(api)
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", {**RECEIVABLE, "vu_viec_da_giai_quyet_dung": True})
    case.do("thong_bao_tu_choi", "tiep_cong_dan", {})
    [(reference, text)] = issued(api, case)
    assert reference == "01/TB-UBND" and "Về việc từ chối tiếp công dân" in text
    assert "Công dân đến trình bày ngày 02/03/2026" in text and "Điều 9 Luật Tiếp công dân" in text
    assert clean(text, VISIT["ho_ten"], VISIT["dia_chi"], VISIT["so_dien_thoai"], VISIT["so_giay_to_tuy_than"])
    assert case.data["so_van_ban_tu_choi"] == "01/TB-UBND"
