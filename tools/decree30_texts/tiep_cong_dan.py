"""The citizen reception's document (Law on Citizen Reception 2013, Art. 9; Circular 04/2021/TT-TTCP): the
written notice refusing to receive a citizen whose matter was already settled lawfully, checked, reviewed and
answered. The visitor's name and address are confidential in this process and a generated document is a file
every reader of the case may download: the notice is addressed by the visit's day and case number."""

TEMPLATES = {
    "tiep_cong_dan-thong_bao_tu_choi.docx": ("THÔNG BÁO", "Về việc từ chối tiếp công dân", [
        "Kính gửi: Công dân đến trình bày ngày {{ ngay_tiep|ngay }} (hồ sơ {{ ma_ho_so }}).",
        "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân năm 2013 và Thông tư số 04/2021/TT-TTCP ngày 01 tháng 10 năm 2021 "
        "của Thanh tra Chính phủ quy định quy trình tiếp công dân;",
        "Vụ việc công dân trình bày đã được giải quyết đúng chính sách, pháp luật, đã được cơ quan có thẩm quyền kiểm "
        "tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố "
        "cáo kéo dài.{% if ghi_chu_kiem_tra %} {{ ghi_chu_kiem_tra }}{% endif %}",
        "Ủy ban nhân dân {{ ten_xa }} thông báo từ chối tiếp công dân đối với vụ việc nêu trên.",
    ], ["- Công dân (theo địa chỉ trong hồ sơ bảo mật);", "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
