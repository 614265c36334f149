"""The "Dân vận khéo" model's commendation decision (Law on Emulation and Commendation 2022; Decree 98/2023/NĐ-CP)."""

TEMPLATES = {
    "dan_van_kheo-khen_thuong.docx": ("QUYẾT ĐỊNH", "Về việc khen thưởng mô hình \"Dân vận khéo\" "
                                      "{{ ten_mo_hinh }}", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm "
        "2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ kết quả bình xét mô hình \"Dân vận khéo\" theo năm tiêu chí (cụ thể, có sự lãnh đạo của cấp ủy, có "
        "đăng ký, được nhân dân ủng hộ, bền vững): mô hình đạt {{ so_tieu_chi_dat }}/5 tiêu chí;",
        "Xét đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã.",
        "QUYẾT ĐỊNH:",
        "Điều 1. {% if hinh_thuc_khen == 'giay_khen' %}Tặng Giấy khen của Chủ tịch Ủy ban nhân dân {{ ten_xa }} "
        "cho{% elif hinh_thuc_khen == 'bieu_duong' %}Biểu dương{% else %}Công nhận mô hình \"Dân vận khéo\" cấp xã "
        "và đề nghị cấp trên xét khen thưởng{% endif %} {{ don_vi }} đã có thành tích xây dựng và thực hiện mô hình "
        "\"Dân vận khéo\" {{ ten_mo_hinh }} (người phụ trách: {{ nguoi_phu_trach }}).",
        "Mục tiêu của mô hình: {{ muc_tieu }}. Kết quả thực hiện: {{ ket_qua_thuc_hien_mo_hinh }}",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, {{ don_vi }} và các cơ quan, tổ chức, cá nhân có "
        "liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 3;", "- Ban Dân vận Đảng ủy xã;", "- Ủy ban MTTQ Việt Nam xã;", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
