"""The mediation's documents (Law on Grassroots Mediation 2013, Arts. 23, 24, 27(2)): the written record of a
settled mediation and of a failed one. They are the hamlet's mediation team's, not the People's Committee's:
the heading names the team under the commune, the mediator who completes the step signs for the team, and
the parties sign the record too (Art. 27(2): the parties and the mediators sign or fingerprint it)."""

ISSUER = ("ỦY BAN NHÂN DÂN {{ ten_xa|upper }}", "TỔ HÒA GIẢI {{ thon|upper }}")
CASE = [
    "Căn cứ Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013 và Nghị định số 15/2014/NĐ-CP ngày 27 tháng 02 năm 2014 "
    "của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hòa giải ở cơ sở;",
    "Ngày {{ ngay_hoa_giai|ngay }}, tại {{ dia_diem }}, tổ hòa giải {{ thon }} tiến hành hòa giải vụ việc theo yêu "
    "cầu, đề nghị nhận ngày {{ ngay_tiep_nhan|ngay }}.",
    "Hòa giải viên: {{ hoa_giai_vien|join(', ') }}.",
    "Các bên: {{ cac_ben|join('; ') }}.",
    "Nội dung vụ việc: {{ noi_dung }}",
    "Diễn biến: {{ dien_bien }}",
]
SIGNED = "Các bên và hòa giải viên ký tên hoặc điểm chỉ dưới đây (Điều 27 khoản 2 Luật Hòa giải ở cơ sở)."
RECEIVERS = ["- Các bên;", "- Tổ hòa giải (sổ theo dõi hoạt động hòa giải);", "- UBND xã (công chức Tư pháp - Hộ tịch);",
             "- Lưu: hồ sơ {{ ma_ho_so }}."]

TEMPLATES = {
    "hoa_giai-van_ban_hoa_giai_thanh.docx": ("VĂN BẢN", "Hòa giải thành", [
        *CASE,
        "Kết quả: các bên đã đạt được thỏa thuận (Điều 23 Luật Hòa giải ở cơ sở).",
        "Nội dung thỏa thuận: {{ thoa_thuan }}",
        "Phương thức thực hiện: {{ phuong_thuc_thuc_hien }}",
        "Thời hạn thực hiện: đến ngày {{ han_thuc_hien|ngay }}. Các bên có trách nhiệm thực hiện thỏa thuận; tổ hòa "
        "giải theo dõi, đôn đốc việc thực hiện (Điều 25).",
        SIGNED,
    ], RECEIVERS, ISSUER),
    "hoa_giai-van_ban_hoa_giai_khong_thanh.docx": ("VĂN BẢN", "Hòa giải không thành", [
        *CASE,
        "Kết quả: hòa giải không thành. Lý do: {{ ly_do_khong_thanh }}",
        "Căn cứ Điều 24 Luật Hòa giải ở cơ sở, hòa giải viên hướng dẫn các bên đề nghị "
        "{% if co_quan_co_tham_quyen == 'ubnd_xa' %}Ủy ban nhân dân {{ ten_xa }}"
        "{% elif co_quan_co_tham_quyen == 'cong_an_xa' %}Công an xã"
        "{% elif co_quan_co_tham_quyen == 'toa_an' %}Tòa án nhân dân có thẩm quyền"
        "{% else %}{{ ten_co_quan_khac }}{% endif %} giải quyết theo quy định của pháp luật.",
        SIGNED,
    ], RECEIVERS, ISSUER),
}
