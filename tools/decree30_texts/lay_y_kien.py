"""A matter the people comment on: the People's Committee's report summarising the comments and what it took in
or explained, published (Law 10/2022/QH15 Arts. 25-27)."""

HANDLED = ("{% for x in xu_ly_y_kien or [] %}Ý kiến số {{ x.so_thu_tu }}: {% if x.cach_xu_ly == 'tiep_thu' %}tiếp "
           "thu{% else %}giải trình{% endif %}. {{ x.noi_dung_xu_ly }}{% if not loop.last %} | {% endif %}{% endfor %}")

TEMPLATES = {
    "lay_y_kien-cong_bo_ket_qua.docx": ("BÁO CÁO", "Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân về "
                                        "{{ ten_noi_dung }}", [
        "Căn cứ Điều 25, Điều 26 và Điều 27 Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022, Ủy ban nhân dân "
        "{{ ten_xa }} đã lấy ý kiến Nhân dân về {{ ten_noi_dung }} (cơ quan soạn thảo: {{ co_quan_soan_thao }}) từ "
        "ngày {{ ngay_bat_dau_lay_y_kien|ngay }} đến ngày {{ ngay_ket_thuc_lay_y_kien|ngay }}; dự thảo được đăng tại "
        "{{ noi_dang_du_thao }}.",
        "I. TỔNG HỢP Ý KIẾN",
        "{% if so_y_kien %}Đã nhận {{ so_y_kien }} ý kiến: {% for y in danh_sach_y_kien or [] %}{{ loop.index }}. "
        "{{ y.noi_dung }}{% if y.thon %} ({{ y.thon }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}."
        "{% else %}Trong thời gian lấy ý kiến, Ủy ban nhân dân xã không nhận được ý kiến nào.{% endif %}",
        "{% if bao_cao_tong_hop %}{{ bao_cao_tong_hop }}{% endif %}",
        "II. TIẾP THU, GIẢI TRÌNH",
        "{% if so_y_kien %}Tiếp thu {{ so_y_kien_tiep_thu }} ý kiến, giải trình {{ so_y_kien_giai_trinh }} ý kiến. "
        + HANDLED + "{% else %}Không có ý kiến phải tiếp thu, giải trình.{% endif %}",
        "Báo cáo này được công khai để Nhân dân biết và giám sát việc thực hiện.",
    ], ["- Thường trực HĐND xã;", "- Ủy ban MTTQ Việt Nam xã;", "- Trưởng các thôn (để thông báo);",
        "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
