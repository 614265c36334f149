"""The periodic report (sơ kết, tổng kết) as the commune sends it: the Office's text and the figures the engine
compiled (`so_lieu_bao_cao`, frozen with the Chairman's approval), issued when the report is sent (Circular
01/2024/TT-TTCP Art. 7; Law 10/2022/QH15 Art. 33 for grassroots democracy)."""

FIGURES = "{{ '—' if d[c.ma] is none else d[c.ma] }}"
SECTIONS = (("noi_dung_bao_cao", "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN"), ("danh_gia", "II. ĐÁNH GIÁ CHUNG"),
            ("phuong_huong", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"), ("kien_nghi_de_xuat", "IV. KIẾN NGHỊ, ĐỀ XUẤT"))


def _section(field: str, heading: str) -> list[str]:
    """A heading and the Office's text one paragraph a line; a section left empty is not printed."""
    return [f"{{%p if ({field} or '').strip() %}}", heading,
            f"{{%p for line in ({field} or '').splitlines() if line.strip() %}}", "{{ line.strip() }}", "{%p endfor %}",
            "{%p endif %}"]


TEMPLATES = {
    "bao_cao_dinh_ky-gui_bao_cao.docx": ("{{ so_lieu_bao_cao.tieu_de }}", "{{ so_lieu_bao_cao.trich_yeu }}", [
        "Kỳ báo cáo: từ ngày {{ so_lieu_bao_cao.tu_ngay|ngay }} đến ngày {{ so_lieu_bao_cao.den_ngay|ngay }} (số liệu "
        "tính đến {{ so_lieu_bao_cao.tinh_den|ngay }}).",
        "Thực hiện Thông tư số 01/2024/TT-TTCP của Thanh tra Chính phủ quy định chế độ báo cáo công tác thanh tra, "
        "tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo và Luật Thực hiện dân chủ ở cơ sở năm 2022, Ủy ban "
        "nhân dân {{ ten_xa }} báo cáo như sau:",
        *[line for field, heading in SECTIONS for line in _section(field, heading)],
        "PHỤ LỤC: SỐ LIỆU TỔNG HỢP",
        "Số liệu do hệ thống tổng hợp từ các hồ sơ của xã (hồ sơ {{ ma_ho_so }}); định nghĩa từng chỉ tiêu xem tài "
        "liệu quy trình báo cáo định kỳ.",
        "{%p for b in so_lieu_bao_cao.bang %}",
        "{{ b.tieu_de }}",
        "{%p for d in b.dong %}",
        "- {% for c in b.cot %}{% if loop.first %}{{ d[c.ma] }}:{% else %} {{ c.tieu_de }} " + FIGURES +
        "{% if not loop.last %},{% endif %}{% endif %}{% endfor %}",
        "{%p else %}",
        "- (không có)",
        "{%p endfor %}",
        "{%p endfor %}",
        "{% if y_kien_chu_tich %}Ý kiến phê duyệt của Chủ tịch Ủy ban nhân dân xã: {{ y_kien_chu_tich }}{% endif %}",
        "Báo cáo đã được Chủ tịch Ủy ban nhân dân xã phê duyệt và khóa; mã kiểm tra SHA-256 của nội dung đã khóa: "
        "{{ bao_cao_da_khoa.sha256 }}",
    ], ["- UBND tỉnh (qua Thanh tra tỉnh);", "- Thường trực HĐND xã;", "- Ủy ban MTTQ Việt Nam xã;",
        "{% if noi_nhan_khac %}- {{ noi_nhan_khac }};{% endif %}", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
