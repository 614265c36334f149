"""The Front's supervision: its notice and its report of conclusions and recommendations (issued by the commune
Front committee's standing board), and the People's Committee's written answer (Law on the Vietnam Fatherland
Front 2015 Arts. 25-32, amended by Law 97/2025; Joint Resolution 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN). The
Front's social criticism: the People's Committee's letter taking in or explaining each criticism of its draft,
signed by the Chairman (Law on the Vietnam Fatherland Front 2015, Chapter V, Arts. 25-35; Joint
Resolution 403/2017)."""

from ._shared import ANSWERS, ARCHIVE, RECOMMENDATIONS

FRONT = ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "{{ ten_xa|upper }}")
BASIS = ("Căn cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015 (sửa đổi, bổ sung năm 2025) và Nghị quyết liên tịch số "
         "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN ngày 15 tháng 6 năm 2017 quy định chi tiết các hình thức giám sát, "
         "phản biện xã hội của Mặt trận Tổ quốc Việt Nam;")
FORMS = ("{% for h in hinh_thuc_giam_sat or [] %}{% if h == 'nghien_cuu_van_ban' %}nghiên cứu, xem xét văn bản"
         "{% elif h == 'khao_sat_thuc_te' %}khảo sát thực tế{% elif h == 'hoi_nghi' %}tổ chức hội nghị{% else %}"
         "tổ chức đoàn giám sát{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}")

TEMPLATES = {
    "giam_sat_phan_bien-thong_bao_giam_sat.docx": ("THÔNG BÁO", "Về việc giám sát {{ noi_dung }}", [
        "Kính gửi: {{ doi_tuong }}.", BASIS,
        "Thực hiện Kế hoạch giám sát số {{ so_ke_hoach_giam_sat }}, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam "
        "{{ ten_xa }} thông báo giám sát như sau:",
        "1. Nội dung giám sát: {{ noi_dung }}.",
        "2. Hình thức giám sát: " + FORMS + ".",
        "3. Thời gian bắt đầu: ngày {{ ngay_bat_dau_giam_sat|ngay }}. Thành phần: {{ thanh_phan }}.",
        "Đề nghị {{ doi_tuong }} chuẩn bị báo cáo, tài liệu liên quan và cử người làm việc với đoàn giám sát.",
    ], ["- Như trên;", "- Ủy ban nhân dân xã;", "- Các tổ chức chính trị - xã hội xã;", ARCHIVE], FRONT),
    "giam_sat_phan_bien-ket_luan_kien_nghi.docx": ("BÁO CÁO", "Kết quả giám sát và kiến nghị về {{ noi_dung }}", [
        "Kính gửi: Ủy ban nhân dân {{ ten_xa }}.", BASIS,
        "Thực hiện Kế hoạch giám sát số {{ so_ke_hoach_giam_sat }} và Thông báo số {{ so_van_ban_thong_bao }} ngày "
        "{{ ngay_thong_bao|ngay }}, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {{ ten_xa }} đã giám sát "
        "{{ doi_tuong }} về {{ noi_dung }}.",
        "I. KẾT QUẢ GIÁM SÁT",
        "{{ ket_qua_giam_sat }}",
        "II. KẾT LUẬN",
        "{{ ket_luan_giam_sat }}",
        "III. KIẾN NGHỊ",
        RECOMMENDATIONS,
        "Đề nghị Ủy ban nhân dân xã xem xét, trả lời bằng văn bản từng kiến nghị trong thời hạn "
        "{{ thoi_han_tra_loi }} ngày kể từ ngày nhận được văn bản này.",
    ], ["- Như trên;", "- Thường trực Đảng ủy, HĐND xã;", "- {{ doi_tuong }};", ARCHIVE], FRONT),
    "giam_sat_phan_bien-tra_loi_kien_nghi.docx": ("", "V/v trả lời kiến nghị sau giám sát", [
        "Kính gửi: Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {{ ten_xa }}.",
        "Ủy ban nhân dân {{ ten_xa }} nhận được Báo cáo số {{ so_van_ban_kien_nghi }} ngày "
        "{{ ngay_gui_kien_nghi|ngay }} của Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã về kết quả giám sát "
        "{{ noi_dung }}, gồm {{ so_kien_nghi }} kiến nghị. Căn cứ Luật Mặt trận Tổ quốc Việt Nam và Nghị quyết liên "
        "tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN, Ủy ban nhân dân xã trả lời như sau:",
        ANSWERS,
        "Ủy ban nhân dân {{ ten_xa }} trân trọng cảm ơn và đề nghị Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam "
        "xã tiếp tục theo dõi, giám sát việc thực hiện.",
    ], ["- Như trên;", "- Thường trực Đảng ủy, HĐND xã;", ARCHIVE]),
    "giam_sat_phan_bien-ky_van_ban_tiep_thu.docx": ("", "V/v tiếp thu, giải trình ý kiến phản biện xã hội", [
        "Kính gửi: Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {{ ten_xa }}.",
        "Ủy ban nhân dân {{ ten_xa }} nhận được văn bản phản biện xã hội ngày {{ ngay_gui_van_ban_phan_bien|ngay }} "
        "của Ủy ban Mặt trận Tổ quốc Việt Nam xã đối với {{ doi_tuong }}, gồm {{ so_y_kien_phan_bien }} ý kiến. Căn "
        "cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015 (sửa đổi, bổ sung năm 2025) và Nghị quyết liên tịch số "
        "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN, {{ co_quan_soan_thao or 'cơ quan soạn thảo' }} đã "
        "nghiên cứu từng ý kiến; Ủy ban nhân dân xã tiếp thu {{ so_y_kien_tiep_thu }} ý kiến, giải trình "
        "{{ so_y_kien_giai_trinh }} ý kiến như sau:",
        "{% for x in xu_ly_y_kien_phan_bien or [] %}Ý kiến số {{ x.so_thu_tu }}: {% if x.cach_xu_ly == 'tiep_thu' %}"
        "tiếp thu, {% else %}giải trình, {% endif %}{{ x.noi_dung_xu_ly }}{% if not loop.last %} | {% endif %}"
        "{% endfor %}",
        "Ủy ban nhân dân {{ ten_xa }} trân trọng cảm ơn Ủy ban Mặt trận Tổ quốc Việt Nam xã đã đóng góp ý kiến "
        "phản biện.",
    ], ["- Như trên;", "- Thường trực Đảng ủy, HĐND xã;", ARCHIVE]),
}
