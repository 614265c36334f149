"""Public disclosure: the minutes of posting the information at the commune's office, and the minutes of the end
of posting once the period is over (Law 10/2022/QH15 Arts. 11-13; Law on Access to Information 2016 Art. 21)."""

from ._shared import ARCHIVE


TEMPLATES = {
    "cong_khai-niem_yet.docx": ("BIÊN BẢN", "Niêm yết công khai {{ tieu_de }}", [
        "Căn cứ Điều 11, Điều 12 và Điều 13 Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022 và Điều 21 "
        "Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;",
        "Hôm nay, ngày {{ ngay_niem_yet|ngay }}, tại {{ dia_diem_niem_yet }}, Ủy ban nhân dân {{ ten_xa }} tiến hành "
        "niêm yết công khai:",
        "Nội dung: {{ tieu_de }}. {{ noi_dung_tom_tat }}",
        "{% if khoan_dieu_11 %}Thông tin thuộc khoản {{ khoan_dieu_11 }} Điều 11 Luật Thực hiện dân chủ ở cơ sở."
        "{% else %}Thông tin khác Ủy ban nhân dân xã công khai theo Điều 11 Luật Thực hiện dân chủ ở cơ sở.{% endif %}",
        "Thời gian niêm yết: ít nhất {{ thoi_gian_niem_yet }} ngày kể từ ngày {{ ngay_niem_yet|ngay }}. Trong thời "
        "gian niêm yết, Nhân dân có ý kiến phản ánh gửi Ủy ban nhân dân xã.",
        "Biên bản được lập thành 02 bản, 01 bản lưu hồ sơ, 01 bản niêm yết cùng nội dung công khai.",
    ], ["- Niêm yết tại {{ dia_diem_niem_yet }};", "- Ủy ban MTTQ Việt Nam xã;", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
    "cong_khai-ket_thuc_niem_yet.docx": ("BIÊN BẢN", "Kết thúc niêm yết công khai {{ tieu_de }}", [
        "Căn cứ Điều 11, Điều 12 và Điều 13 Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022 và Điều 21 "
        "Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;",
        "Hôm nay, ngày {{ ngay_ban_hanh }}, tại {{ dia_diem_niem_yet }}, Ủy ban nhân dân {{ ten_xa }} lập biên bản "
        "kết thúc niêm yết công khai:",
        "Nội dung đã niêm yết: {{ tieu_de }}{% if so_bien_ban_niem_yet %} (Biên bản niêm yết số "
        "{{ so_bien_ban_niem_yet }}){% endif %}.",
        "Thời gian niêm yết: từ ngày {{ ngay_niem_yet|ngay }} đến ngày {{ ngay_ban_hanh }}, đủ thời gian niêm yết tối "
        "thiểu {{ thoi_gian_niem_yet }} ngày.",
        "Ý kiến phản ánh của Nhân dân trong thời gian niêm yết: {% if y_kien_phan_anh %}{{ y_kien_phan_anh }}"
        "{% else %}không có.{% endif %}",
        "Biên bản được lập thành 02 bản, 01 bản lưu hồ sơ, 01 bản gửi Ủy ban Mặt trận Tổ quốc Việt Nam xã.",
    ], ["- Ủy ban MTTQ Việt Nam xã;", ARCHIVE]),
}
