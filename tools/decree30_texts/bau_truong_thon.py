"""Electing or removing a village head: the election team's decision, the team's minutes of the result and the
Chairman's decision recognising it or not (Law 10/2022/QH15 Arts. 15, 20-23; Decree 59/2023/NĐ-CP Arts. 6-9)."""

from ._shared import ARCHIVE, VOTERS

LAW = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022; Nghị định số 59/2023/NĐ-CP ngày 14 tháng "
       "8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở;")
WHAT = "{% if loai_bau_cu == 'cho_thoi' %}cho thôi làm Trưởng thôn{% else %}bầu Trưởng thôn{% endif %}"
RESULT = ("{% if ket_qua_bau == 'trung_cu' %}ông/bà {{ nguoi_trung_cu }} trúng cử Trưởng thôn"
          "{% elif ket_qua_bau == 'cho_thoi' %}ông/bà {{ truong_thon_dang_giu }} thôi làm Trưởng thôn"
          "{% elif ket_qua_bau == 'khong_cho_thoi' %}không đủ số phiếu cho thôi làm Trưởng thôn"
          "{% else %}không có người trúng cử{% endif %}")

TEMPLATES = {
    "bau_truong_thon-ban_hanh_quyet_dinh_to_chuc.docx": ("QUYẾT ĐỊNH", "Về việc tổ chức cuộc họp " + WHAT +
                                                         " {{ thon }}", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        "Căn cứ Luật Tổ chức chính quyền địa phương;", LAW,
        "{% if loai_bau_cu == 'cho_thoi' %}Xét đề nghị cho thôi làm Trưởng thôn đối với ông/bà "
        "{{ truong_thon_dang_giu }}: {{ ly_do_cho_thoi }};{% endif %}",
        "Sau khi thống nhất với Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tổ chức cuộc họp " + WHAT + " {{ thon }}. Thành phần: " + VOTERS + " của thôn. Thời gian: ngày "
        "{{ ngay_hop_du_kien|ngay }}; địa điểm: {{ dia_diem_hop }}.",
        "Điều 2. Cuộc họp chỉ được tiến hành khi có trên một nửa tổng số " + VOTERS + " của thôn tham dự; kết quả "
        "được công nhận khi có trên một nửa tổng số " + VOTERS + " của thôn tán thành (Điều 20 đến Điều 23 Luật Thực "
        "hiện dân chủ ở cơ sở). Tổ bầu cử do Chủ tịch Ủy ban nhân dân xã quyết định thành lập chậm nhất "
        "{{ so_ngay_thanh_lap_to_truoc_hop }} ngày trước ngày họp.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Ban "
        "công tác Mặt trận và Trưởng thôn {{ thon }} chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 3;", "- Ủy ban MTTQ Việt Nam xã;", "- Niêm yết tại nhà văn hóa {{ thon }};", ARCHIVE]),
    "bau_truong_thon-thanh_lap_to_bau_cu.docx": ("QUYẾT ĐỊNH", "Về việc thành lập Tổ bầu cử để " + WHAT +
                                                 " {{ thon }}", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        "Căn cứ Luật Tổ chức chính quyền địa phương;", LAW,
        "Căn cứ Quyết định số {{ so_quyet_dinh_to_chuc }} ngày {{ ngay_quyet_dinh_to_chuc|ngay }} về việc tổ chức "
        "cuộc họp " + WHAT + " {{ thon }};",
        "Sau khi thống nhất với Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã (Điều 6 Nghị định số "
        "59/2023/NĐ-CP).",
        "QUYẾT ĐỊNH:",
        "Điều 1. Thành lập Tổ bầu cử để " + WHAT + " {{ thon }}, gồm: Tổ trưởng: ông/bà {{ to_truong }}, đại diện "
        "Ban công tác Mặt trận ở thôn{% if thanh_vien %}; thành viên: {{ thanh_vien|join(', ') }}{% endif %}.",
        "Điều 2. Tổ bầu cử niêm yết quyết định tổ chức, quyết định này, thời gian, địa điểm cuộc họp"
        "{% if loai_bau_cu != 'cho_thoi' %} và danh sách người ứng cử{% endif %} tại nhà văn hóa thôn chậm nhất "
        "{{ so_ngay_niem_yet_truoc_hop }} ngày trước ngày họp (dự kiến ngày {{ ngay_hop_du_kien|ngay }}); chủ trì "
        "cuộc họp, kiểm phiếu và lập biên bản kết quả gửi Ủy ban nhân dân xã. Tổ bầu cử tự giải thể sau khi hoàn "
        "thành nhiệm vụ.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Tổ bầu "
        "cử và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 3;", "- Ủy ban MTTQ Việt Nam xã;", "- Ban công tác Mặt trận {{ thon }};", ARCHIVE]),
    "bau_truong_thon-bao_cao_ket_qua.docx": ("BIÊN BẢN", "Kết quả cuộc họp " + WHAT + " {{ thon }}", [
        "Kính gửi: Ủy ban nhân dân {{ ten_xa }}.",
        "Thực hiện Quyết định số {{ so_quyet_dinh_to_chuc }} ngày {{ ngay_quyet_dinh_to_chuc|ngay }} của Chủ tịch "
        "Ủy ban nhân dân xã và Quyết định số {{ so_quyet_dinh_thanh_lap_to }} ngày {{ ngay_thanh_lap_to|ngay }} "
        "thành lập Tổ bầu cử; căn cứ Điều 20 đến Điều 23 Luật Thực hiện dân chủ ở cơ sở và Nghị định số "
        "59/2023/NĐ-CP, Tổ bầu cử {{ thon }} lập biên bản kết quả cuộc họp như sau:",
        "Ngày họp: {{ ngay_hop|ngay }}; chủ trì: ông/bà {{ chu_tri }}.",
        "Tổng số " + VOTERS + " của thôn: {{ tong_so_cu_tri }}; số dự họp: {{ so_cu_tri_du_hop }} "
        "({{ ty_le_tham_gia }}%).",
        "Hình thức biểu quyết: {% if hinh_thuc_bieu_quyet == 'bo_phieu_kin' %}bỏ phiếu kín{% else %}giơ tay"
        "{% endif %}.{% if so_phieu_phat_ra is not none %} Số phiếu phát ra: {{ so_phieu_phat_ra }}; thu về: "
        "{{ so_phieu_thu_ve }}; hợp lệ: {{ so_phieu_hop_le }}.{% endif %}",
        "{% if loai_bau_cu == 'cho_thoi' %}Số tán thành cho thôi làm Trưởng thôn đối với ông/bà "
        "{{ truong_thon_dang_giu }}: {{ so_phieu_dong_y_cho_thoi }}.{% else %}Số tán thành của từng người ứng cử: "
        "{% for u in ket_qua_ung_cu_vien or [] %}{{ u.ho_ten }}: {{ u.so_phieu }}; {% endfor %}{% endif %}",
        "Kết quả: " + RESULT + " (tỷ lệ tán thành trên tổng số của thôn: {{ ty_le_tan_thanh_tren_tong_so }}%).",
        "{% if ghi_chu %}Ghi chú: {{ ghi_chu }}{% endif %}",
        "Tổ bầu cử gửi biên bản này đến Ủy ban nhân dân xã để Chủ tịch Ủy ban nhân dân xã xem xét, ra quyết định "
        "công nhận.",
    ], ["- Như trên;", "- Ban công tác Mặt trận {{ thon }};", ARCHIVE],
        ("ỦY BAN NHÂN DÂN {{ ten_xa|upper }}", "TỔ BẦU CỬ {{ thon|upper }}")),
    "bau_truong_thon-quyet_dinh_cong_nhan.docx": ("QUYẾT ĐỊNH", "Về việc {% if quyet_dinh != 'cong_nhan' %}không "
                                                  "{% endif %}công nhận kết quả " + WHAT + " {{ thon }}", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        "Căn cứ Luật Tổ chức chính quyền địa phương;", LAW,
        "Căn cứ Quyết định số {{ so_quyet_dinh_to_chuc }} ngày {{ ngay_quyet_dinh_to_chuc|ngay }} về việc tổ chức "
        "cuộc họp " + WHAT + " {{ thon }};",
        "Xét Biên bản số {{ so_bien_ban }} ngày {{ ngay_gui_bien_ban|ngay }} của Tổ bầu cử {{ thon }} về kết quả "
        "cuộc họp ngày {{ ngay_hop|ngay }}: " + RESULT + ", đạt {{ ty_le_tan_thanh_tren_tong_so }}% tổng số "
        + VOTERS + " của thôn.",
        "QUYẾT ĐỊNH:",
        "{% if quyet_dinh == 'cong_nhan' %}Điều 1. {% if loai_bau_cu == 'cho_thoi' %}Cho ông/bà "
        "{{ truong_thon_dang_giu }} thôi làm Trưởng thôn {{ thon }} kể từ ngày ký Quyết định này.{% else %}Công nhận "
        "ông/bà {{ nguoi_trung_cu }} là Trưởng thôn {{ thon }} kể từ ngày ký Quyết định này.{% endif %}"
        "{% else %}Điều 1. Không công nhận kết quả cuộc họp " + WHAT + " {{ thon }} ngày {{ ngay_hop|ngay }}. Lý do: "
        "{{ ly_do_khong_cong_nhan }}. Giao Tổ bầu cử phối hợp Ban công tác Mặt trận thôn chuẩn bị tổ chức lại cuộc "
        "họp theo quy định.{% endif %}",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Tổ bầu "
        "cử {{ thon }}{% if nguoi_trung_cu %}, ông/bà {{ nguoi_trung_cu }}{% endif %}{% if truong_thon_dang_giu %}, "
        "ông/bà {{ truong_thon_dang_giu }}{% endif %} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 2;", "- Ủy ban MTTQ Việt Nam xã;", "- Ban công tác Mặt trận {{ thon }};", ARCHIVE]),
}
