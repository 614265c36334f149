"""The roles of a commune People's Committee, as codes.

BPMN lanes are named with these codes, users hold them, and the deploy-time validation refuses a lane
whose name is not one of them. The Vietnamese titles are what people read in the UI.
"""

ROLES: dict[str, str] = {
    "quan_tri": "Quản trị hệ thống",
    "tiep_cong_dan": "Cán bộ tiếp công dân, xử lý đơn",
    "chu_tich": "Chủ tịch UBND xã",
    "pho_chu_tich": "Phó Chủ tịch UBND xã",
    "van_phong": "Văn phòng UBND xã",
    "can_bo_xac_minh": "Cán bộ xác minh",
    "tu_phap": "Công chức Tư pháp - Hộ tịch",
    "dia_chinh": "Công chức Địa chính",
    "truong_thon": "Trưởng thôn",
    "mat_tran": "Ủy ban MTTQ xã",
    "ban_cong_tac_mat_tran": "Ban công tác Mặt trận thôn",
    "ban_ttnd": "Ban Thanh tra nhân dân",
    "to_hoa_giai": "Tổ hòa giải ở cơ sở",
    "doan_the": "Tổ chức chính trị - xã hội",
    "kiem_tra": "Kiểm tra, giám sát (kiểm toán viên)",
}

ADMINISTRATOR = "quan_tri"
AUDITOR = "kiem_tra"


def is_known_role(code: str) -> bool:
    return code in ROLES
