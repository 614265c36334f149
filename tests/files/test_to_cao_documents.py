"""The denunciation's documents out (`bpmn/to_cao.bpmn`): each step that issues one (notices, transfers,
extension, suspension, conclusion, the report to who forwarded the letter) is numbered from the commune's
register and generated from its Decree 30 template, with the case's data and never the denouncer's identity
(Law on Denunciations Art. 9: a generated document is a file every reader of the case may download)."""
from __future__ import annotations

from tests.api.test_to_cao import (CHECK, CONCLUSION, EXTEND, FULL, HANDLING, NEEDS_TIME, NO_GROUNDS, RESULT,
                                   SUSPEND, VERIFIED, accepted, open_case)
from tests.files.test_khieu_nai_documents import issued
from tests.samples import DENUNCIATION_INTAKE

SECRETS = (DENUNCIATION_INTAKE["nguoi_to_cao"], DENUNCIATION_INTAKE["so_dien_thoai"],
           DENUNCIATION_INTAKE["so_giay_to_tuy_than"], DENUNCIATION_INTAKE["dia_chi"])


def clean(text: str) -> bool:
    """No template tag left and nothing of the denouncer's identity printed."""
    return "{{" not in text and "{%" not in text and not any(secret in text for secret in SECRETS)


def test_the_notice_extension_and_conclusion_are_generated_numbered_without_the_denouncer(api):
    case = accepted(api)
    case.do("xac_minh", "can_bo_xac_minh", NEEDS_TIME)
    case.do("gia_han_giai_quyet", "chu_tich", EXTEND)
    case.do("xac_minh", "can_bo_xac_minh", VERIFIED)
    case.do("ket_luan", "chu_tich", CONCLUSION)
    case.do("xu_ly_ket_luan", "chu_tich", HANDLING)
    case.do("thong_bao_ket_qua", "tiep_cong_dan", RESULT)
    documents = dict(issued(api, case))
    assert sorted(documents) == ["01/QĐ-UBND", "02/TB-UBND", "03/TB-UBND", "04/QĐ-UBND", "05/KL-UBND"]
    decision, notice, to_denounced, extension, conclusion = (documents[r] for r in sorted(documents))
    assert "QUYẾT ĐỊNH" in decision and "Về việc thụ lý tố cáo" in decision and "Điều 29 Luật Tố cáo" in decision
    assert "Huỳnh Văn Minh" in decision and "ngày 10 tháng 03 năm 2026" in decision  # the day it was signed
    assert "Về việc thụ lý tố cáo" in notice and "Ông Lê Văn Dũng" in notice and "10/03/2026" in notice
    assert "Kính gửi: Người tố cáo" in notice and "Quyết định thụ lý số 01/QĐ-UBND" in notice
    assert "Về nội dung tố cáo" in to_denounced and "Kính gửi: Ông Lê Văn Dũng" in to_denounced
    assert "Quyết định số 01/QĐ-UBND ngày 10/03/2026" in to_denounced and "Điều 10 Luật Tố cáo" in to_denounced
    assert "Về việc gia hạn giải quyết tố cáo" in extension and "30 ngày" in extension
    assert "Vụ việc phức tạp" in extension and "Điều 30 Luật Tố cáo" in extension
    assert "KẾT LUẬN" in conclusion and "Tố cáo đúng" in conclusion and "Điều 35 Luật Tố cáo" in conclusion
    for text in (decision, notice, to_denounced, extension, conclusion):
        assert clean(text) and "Lê Văn Chủ" in text
    for text in (notice, to_denounced, extension, conclusion):
        assert "ngày 02 tháng 03 năm 2026" in text
    data = case.detail()["data"]
    assert (data["so_quyet_dinh_thu_ly"], data["so_van_ban_thong_bao_thu_ly"], data["so_ket_luan"]) == (
        "01/QĐ-UBND", "02/TB-UBND", "05/KL-UBND")


def test_a_withdrawal_ends_with_a_generated_suspension_decision(api):
    case = accepted(api)
    response = api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/messages",
                                             json={"name": "rut_to_cao", "data": FULL})
    assert response.status_code == 200, response.get_json()
    case.do("xem_xet_rut_khi_giai_quyet", "chu_tich", NO_GROUNDS)
    case.do("quyet_dinh_dinh_chi_khi_giai_quyet", "chu_tich", SUSPEND)
    reference, text = dict(issued(api, case)) and next(
        (r, t) for r, t in issued(api, case) if r == "04/QĐ-UBND")  # after the decision and the two notices
    assert "Về việc đình chỉ việc giải quyết tố cáo" in text
    assert "rút toàn bộ tố cáo ngày 18/03/2026" in text and "Điều 34 Luật Tố cáo" in text and clean(text)


def test_the_transfer_the_refusal_and_the_report_back_are_generated_numbered(api):
    moved = open_case(api, nguoi_bi_to_cao="Ông Trần Văn Hải", vi_tri_nguoi_bi_to_cao="nguoi_khac")
    moved.do("kiem_tra_to_cao", "tiep_cong_dan", {**CHECK, "thuoc_tham_quyen": False, "de_xuat": "chuyen_don"})
    moved.do("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "chuyen_don", "co_quan_nhan_chuyen": "UBND tỉnh",
                                               "ly_do": "Người bị tố cáo không do Chủ tịch UBND xã quản lý"})
    moved.do("chuyen_don_to_cao", "tiep_cong_dan", {"da_thong_bao_nguoi_to_cao": True})
    [(reference, text)] = issued(api, moved)
    assert reference == "01/PC-UBND" and "PHIẾU CHUYỂN" in text and "Kính gửi: UBND tỉnh." in text
    assert "Ông Trần Văn Hải" in text and clean(text)

    refused = open_case(api, hinh_thuc_tiep_nhan="chuyen_den", co_quan_chuyen_don="Ban Tiếp công dân tỉnh")
    refused.do("kiem_tra_to_cao", "tiep_cong_dan", {**CHECK, "du_dieu_kien_thu_ly": False, "de_xuat": "khong_thu_ly"})
    refused.do("quyet_dinh_xu_ly", "chu_tich", {"ket_qua_xu_ly": "khong_thu_ly", "ly_do": "Tố cáo đã được giải quyết"})
    refused.do("bao_cao_don_chuyen_den", "tiep_cong_dan", {})
    refused.do("thong_bao_khong_thu_ly", "tiep_cong_dan", {})
    (report_number, report), (notice_number, notice) = issued(api, refused)
    assert (report_number, notice_number) == ("02/BC-UBND", "03/TB-UBND")  # the commune's one sequence
    assert "Kính gửi: Ban Tiếp công dân tỉnh." in report and "không thụ lý (Tố cáo đã được giải quyết)" in report
    assert "Về việc không thụ lý tố cáo" in notice and "Tố cáo đã được giải quyết" in notice
    assert clean(report) and clean(notice)
