"""The words for how a case ended: the codes the library's diagrams put in `ket_qua_vu_viec`, as people read
them. A process's own `outcome.<code>` property wins (`outcome_label`); every code a diagram of `bpmn/` sets has
words here or there (`tests/web/test_audit_labels.py`), so no page shows a code such as `da_mo_ho_so`."""
from __future__ import annotations

from .messages import N_

OUTCOMES = {
    "da_giai_quyet": N_("Đã giải quyết"), "khong_thu_ly": N_("Không thụ lý"), "da_rut": N_("Người gửi đã rút"),
    "da_huong_dan": N_("Đã hướng dẫn gửi đến cơ quan có thẩm quyền"), "da_tra_loi": N_("Đã trả lời"),
    "da_chuyen": N_("Đã chuyển cơ quan có thẩm quyền"), "da_mo_ho_so": N_("Đã mở hồ sơ giải quyết"),
    "da_chuyen_xu_ly_don": N_("Đã chuyển sang xử lý đơn"), "da_tra_loi_truc_tiep": N_("Đã trả lời trực tiếp"),
    "tu_choi_tiep": N_("Từ chối tiếp"), "dinh_chi": N_("Đình chỉ giải quyết"), "luu_don": N_("Đơn được lưu (không có nội dung phải giải quyết)"),
    "luu_don_an_danh": N_("Lưu đơn không rõ người gửi"),
    "da_kiem_tra_don_an_danh": N_("Đã kiểm tra đơn không rõ người gửi"),
    "chuyen_co_quan_dieu_tra": N_("Đã chuyển cơ quan điều tra"),
    "da_thong_qua": N_("Đã thông qua"), "khong_thong_qua": N_("Không được thông qua"),
    "da_cong_nhan": N_("Đã được công nhận"), "khong_cong_nhan": N_("Không được công nhận"),
    "da_cong_khai": N_("Đã công khai"), "da_cong_khai_giai_trinh": N_("Đã công khai tiếp thu, giải trình"),
    "khong_co_y_kien": N_("Không có ý kiến góp ý"), "khong_co_kien_nghi": N_("Không có kiến nghị"),
    "da_thuc_hien_kien_nghi": N_("Kiến nghị đã được thực hiện"), "chuyen_mat_tran": N_("Chuyển Mặt trận xem xét"),
    "kien_nghi_cap_tren": N_("Kiến nghị cấp trên"), "tan_thanh_du_thao": N_("Tán thành dự thảo"),
    "da_tiep_thu_giai_trinh": N_("Đã tiếp thu, giải trình"), "da_nhan_rong": N_("Mô hình đã nhân rộng"),
    "khong_dat": N_("Mô hình không đạt"), "khong_chap_thuan_dang_ky": N_("Không chấp thuận đăng ký"),
    "da_phe_duyet": N_("Đã phê duyệt"), "da_to_chuc": N_("Đã tổ chức"), "khong_to_chuc": N_("Không tổ chức"),
    "khong_co_nguoi_trung_cu": N_("Không có người trúng cử"),
}


def outcome_label(properties: dict, code: str | None) -> str | None:
    """The words for an outcome code: the process's `outcome.<code>` property, else the common words, else the
    code with spaces (an outcome a diagram outside the library invented)."""
    if not code:
        return None
    return properties.get(f"outcome.{code}") or OUTCOMES.get(code) or code.replace("_", " ")
