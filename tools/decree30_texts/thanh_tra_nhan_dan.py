"""The People's Inspection Board's report of conclusions and recommendations, and the Chairman's written answer
(Law 10/2022/QH15 Arts. 36-38; Decree 59/2023/NĐ-CP Arts. 13-14)."""

from ._shared import ANSWERS, ARCHIVE, RECOMMENDATIONS

BOARD = ("ỦY BAN MTTQ VIỆT NAM {{ ten_xa|upper }}", "BAN THANH TRA NHÂN DÂN")

TEMPLATES = {
    "thanh_tra_nhan_dan-ket_luan_kien_nghi.docx": ("BÁO CÁO", "Kết quả kiểm tra và kiến nghị về "
                                                   "{{ noi_dung_kiem_tra }}", [
        "Kính gửi: Chủ tịch Ủy ban nhân dân {{ ten_xa }}.",
        "Căn cứ Điều 36 đến Điều 38 Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022 và Điều 13, Điều 14 "
        "Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;",
        "Thực hiện Kế hoạch kiểm tra số {{ so_ke_hoach }} đã được Ủy ban Mặt trận Tổ quốc Việt Nam xã chỉ đạo, Ban "
        "Thanh tra nhân dân {{ ten_xa }} đã kiểm tra {{ doi_tuong_kiem_tra }} về {{ noi_dung_kiem_tra }} (kết thúc "
        "ngày {{ ngay_ket_thuc_kiem_tra|ngay }}; thành viên đoàn: {{ thanh_vien_doan|join(', ') }}).",
        "I. KẾT LUẬN",
        "{{ ket_luan }} {% if co_vi_pham %}Qua kiểm tra phát hiện có vi phạm.{% else %}Qua kiểm tra không phát hiện "
        "vi phạm.{% endif %}",
        "II. KIẾN NGHỊ",
        RECOMMENDATIONS,
        "Đề nghị Chủ tịch Ủy ban nhân dân xã xem xét, trả lời từng kiến nghị trong thời hạn {{ thoi_han_tra_loi }} "
        "ngày kể từ ngày nhận được báo cáo này.",
    ], ["- Như trên;", "- Ban Thường trực Ủy ban MTTQ Việt Nam xã;", "- {{ doi_tuong_kiem_tra }};", ARCHIVE], BOARD),
    "thanh_tra_nhan_dan-tra_loi_kien_nghi.docx": ("", "V/v trả lời kiến nghị của Ban Thanh tra nhân dân", [
        "Kính gửi: Ban Thanh tra nhân dân {{ ten_xa }}.",
        "Chủ tịch Ủy ban nhân dân {{ ten_xa }} nhận được Báo cáo số {{ so_van_ban_kien_nghi }} ngày "
        "{{ ngay_gui_kien_nghi|ngay }} của Ban Thanh tra nhân dân về kết quả kiểm tra {{ doi_tuong_kiem_tra }}, gồm "
        "{{ so_kien_nghi }} kiến nghị. Căn cứ Luật Thực hiện dân chủ ở cơ sở, Chủ tịch Ủy ban nhân dân xã trả lời "
        "như sau:",
        ANSWERS,
        "Đề nghị Ban Thanh tra nhân dân tiếp tục theo dõi việc thực hiện và báo cáo Ủy ban Mặt trận Tổ quốc Việt Nam "
        "xã.",
    ], ["- Như trên;", "- Ủy ban MTTQ Việt Nam xã;", "- {{ doi_tuong_kiem_tra }};", ARCHIVE]),
}
