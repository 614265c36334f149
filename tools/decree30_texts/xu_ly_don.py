"""The letter's document (Law on Citizen Reception 2013; Circular 05/2021/TT-TTCP, Form 02): the written guidance
given once to the sender of a letter that is not eligible or not for the commune.

The sender's name and address are confidential fields of this process (a letter may denounce someone), and a
generated document is a file every reader of the case may download: the guidance is addressed to "Người gửi
đơn" by the letter's date and number and sent to the address the confidential fields hold.
"""

TEMPLATES = {
    "xu_ly_don-huong_dan_nguoi_gui.docx": ("HƯỚNG DẪN", "Về việc gửi đơn", [
        "Kính gửi: Người gửi đơn (đơn nhận ngày {{ ngay_nhan_don|ngay }}, hồ sơ {{ ma_ho_so }}).",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn{% if co_quan_chuyen_don %} do "
        "{{ co_quan_chuyen_don }} chuyển đến{% endif %} với nội dung: {{ noi_dung_don }}",
        "Căn cứ Luật Tiếp công dân năm 2013 và Thông tư số 05/2021/TT-TTCP ngày 01 tháng 10 năm 2021 của Thanh tra "
        "Chính phủ quy định quy trình tiếp công dân, xử lý đơn khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh, đơn "
        "{% if ket_qua_kiem_tra == 'khong_du_dieu_kien' %}chưa đủ điều kiện xử lý{% else %}không thuộc thẩm quyền "
        "giải quyết của Ủy ban nhân dân {{ ten_xa }}{% endif %}.",
        "Ủy ban nhân dân {{ ten_xa }} hướng dẫn như sau: {{ noi_dung_huong_dan }}",
        "{% if co_quan_co_tham_quyen %}Đề nghị gửi đơn đến {{ co_quan_co_tham_quyen }} để được xem xét, giải quyết "
        "theo quy định của pháp luật. {% endif %}Việc hướng dẫn này chỉ thực hiện một lần.",
    ], ["- Người gửi đơn (theo địa chỉ trong hồ sơ bảo mật);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
