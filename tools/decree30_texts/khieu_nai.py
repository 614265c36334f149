"""The complaint's documents (Law on Complaints 2011; Decree 124/2020/NĐ-CP; Circular 05/2021/TT-TTCP forms):
the acceptance and refusal notices (Art. 27), the written guidance when not competent (Circular 05/2021, Form
02), the decision (Arts. 31, 33) and the suspension decision after a withdrawal (Art. 10)."""

LAW = "Căn cứ Luật Tổ chức chính quyền địa phương; Luật Khiếu nại ngày 11 tháng 11 năm 2011;"
RECEIVERS_NOTICE = ["- Ông/bà {{ nguoi_khieu_nai }};", "- Cơ quan, tổ chức đã chuyển đơn (nếu có);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]
SECOND_ROUND = ("Trong thời hạn {{ thoi_han_khieu_nai_lan_hai }} ngày kể từ ngày nhận được quyết định này, nếu không "
                "đồng ý thì người khiếu nại có quyền khiếu nại đến Chủ tịch Ủy ban nhân dân tỉnh hoặc khởi kiện vụ án "
                "hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính (Điều 33 Luật Khiếu nại).")

TEMPLATES = {
    "khieu_nai-thong_bao_thu_ly.docx": ("THÔNG BÁO", "Về việc thụ lý giải quyết khiếu nại", [
        "Kính gửi: Ông/bà {{ nguoi_khieu_nai }}, địa chỉ: {{ dia_chi }}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn khiếu nại của ông/bà "
        "{{ nguoi_khieu_nai }} đối với {{ quyet_dinh_hanh_vi_bi_khieu_nai }}.",
        "Nội dung khiếu nại: {{ noi_dung_khieu_nai }}",
        "Căn cứ Điều 27 Luật Khiếu nại, đơn khiếu nại đủ điều kiện thụ lý. Chủ tịch Ủy ban nhân dân {{ ten_xa }} "
        "thông báo đã thụ lý giải quyết khiếu nại kể từ ngày {{ ngay_thu_ly|ngay }}.",
    ], RECEIVERS_NOTICE),
    "khieu_nai-thong_bao_khong_thu_ly.docx": ("THÔNG BÁO", "Về việc không thụ lý giải quyết khiếu nại", [
        "Kính gửi: Ông/bà {{ nguoi_khieu_nai }}, địa chỉ: {{ dia_chi }}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn khiếu nại của ông/bà "
        "{{ nguoi_khieu_nai }} đối với {{ quyet_dinh_hanh_vi_bi_khieu_nai }}.",
        "Căn cứ Điều 11 và Điều 27 Luật Khiếu nại, khiếu nại không được thụ lý giải quyết vì lý do: "
        "{{ can_cu_khong_thu_ly_van_ban }}{% if ly_do %} ({{ ly_do }}){% endif %}.",
        "Ủy ban nhân dân {{ ten_xa }} thông báo để ông/bà {{ nguoi_khieu_nai }} biết.",
    ], RECEIVERS_NOTICE),
    "khieu_nai-ra_quyet_dinh.docx": ("QUYẾT ĐỊNH", "Về việc giải quyết khiếu nại của ông/bà {{ nguoi_khieu_nai }} "
                                     "(lần đầu)", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        LAW, "Căn cứ {{ can_cu_phap_luat }};",
        "Xét đơn khiếu nại ngày {{ ngay_nhan_don|ngay }} của ông/bà {{ nguoi_khieu_nai }}, địa chỉ {{ dia_chi }}, "
        "khiếu nại {{ quyet_dinh_hanh_vi_bi_khieu_nai }} của {{ nguoi_bi_khieu_nai }}.",
        "Nội dung khiếu nại: {{ noi_dung_khieu_nai }}",
        "Kết quả xác minh: {{ ket_qua_xac_minh_noi_dung }}",
        "{% if ket_qua_doi_thoai %}Kết quả đối thoại: {{ ket_qua_doi_thoai }}{% endif %}",
        "Kết luận: {{ ket_luan_tung_noi_dung }}",
        "QUYẾT ĐỊNH:",
        "Điều 1. {{ xu_ly_quyet_dinh_bi_khieu_nai }}. {{ noi_dung_quyet_dinh }}",
        "Điều 2. {% if noi_dung_boi_thuong %}{{ noi_dung_boi_thuong }}{% else %}Không có bồi thường thiệt hại."
        "{% endif %}",
        "Điều 3. " + SECOND_ROUND,
        "Điều 4. Quyết định có hiệu lực kể từ ngày ký. Ông/bà {{ nguoi_khieu_nai }}, {{ nguoi_bi_khieu_nai }} và "
        "các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 4;", "- Chủ tịch UBND cấp trên trực tiếp;", "- Cơ quan thanh tra nhà nước cùng cấp;",
        "- Cơ quan, tổ chức đã chuyển đơn (nếu có);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
    "khieu_nai-huong_dan_nguoi_khieu_nai.docx": ("HƯỚNG DẪN", "Về việc gửi đơn khiếu nại đến cơ quan có thẩm quyền", [
        "Kính gửi: Ông/bà {{ nguoi_khieu_nai }}, địa chỉ: {{ dia_chi }}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn khiếu nại của ông/bà "
        "{{ nguoi_khieu_nai }} đối với {{ quyet_dinh_hanh_vi_bi_khieu_nai }}.",
        "Nội dung khiếu nại: {{ noi_dung_khieu_nai }}",
        "Căn cứ Điều 17 và Điều 27 Luật Khiếu nại, Thông tư số 05/2021/TT-TTCP của Thanh tra Chính phủ, khiếu nại "
        "trên không thuộc thẩm quyền giải quyết của Chủ tịch Ủy ban nhân dân {{ ten_xa }}{% if ly_do %} "
        "({{ ly_do }}){% endif %}.",
        "Đề nghị ông/bà gửi đơn khiếu nại đến {{ co_quan_co_tham_quyen }} để được xem xét, giải quyết theo quy định "
        "của pháp luật. Việc hướng dẫn này chỉ thực hiện một lần.",
    ], RECEIVERS_NOTICE),
    "khieu_nai-quyet_dinh_dinh_chi.docx": ("QUYẾT ĐỊNH", "Về việc đình chỉ giải quyết khiếu nại của ông/bà "
                                           "{{ nguoi_khieu_nai }}", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        LAW, "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết một số "
        "điều và biện pháp thi hành Luật Khiếu nại;",
        "Xét đơn khiếu nại ngày {{ ngay_nhan_don|ngay }} của ông/bà {{ nguoi_khieu_nai }}, địa chỉ {{ dia_chi }}, "
        "khiếu nại {{ quyet_dinh_hanh_vi_bi_khieu_nai }}, và đơn rút khiếu nại ngày "
        "{{ rut_khieu_nai.ngay_rut|ngay }};",
        "Căn cứ Điều 10 Luật Khiếu nại: {{ ly_do_dinh_chi }}.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Đình chỉ việc giải quyết khiếu nại của ông/bà {{ nguoi_khieu_nai }} đối với "
        "{{ quyet_dinh_hanh_vi_bi_khieu_nai }} (hồ sơ {{ ma_ho_so }}).",
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Ông/bà {{ nguoi_khieu_nai }} và các cơ quan, tổ chức, cá nhân "
        "có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 2;", "- Cơ quan, tổ chức đã chuyển đơn (nếu có);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
