"""The dialogue conference's documents (Law on Grassroots Democracy 2022, Arts. 25-27, dialogue between the
commune's Chairman and the people; the Fatherland Front takes part): the notice of the conference, given at
least `so_ngay_thong_bao_truoc` (7) days before it, and its minutes with the people's opinions and what the
Committee takes in or explains."""

from ._shared import ARCHIVE

TEMPLATES = {
    "doi_thoai-thong_bao_hoi_nghi.docx": ("THÔNG BÁO", "Về việc tổ chức hội nghị đối thoại với Nhân dân", [
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022, Ủy ban nhân dân {{ ten_xa }} phối hợp với Ủy "
        "ban Mặt trận Tổ quốc Việt Nam xã tổ chức hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân xã với Nhân dân:",
        "1. Nội dung đối thoại: {{ chu_de }}{% if noi_dung_doi_thoai %}. {{ noi_dung_doi_thoai }}{% endif %}",
        "2. Thời gian: ngày {{ ngay_to_chuc|ngay }}.",
        "3. Địa điểm: {{ dia_diem }}.",
        "4. Thành phần: {{ thanh_phan }}.",
        "Ủy ban nhân dân {{ ten_xa }} đề nghị các thôn, tổ dân phố thông báo rộng rãi để Nhân dân biết, tham dự và "
        "đóng góp ý kiến.",
    ], ["- Ủy ban MTTQ Việt Nam xã;", "- Trưởng các thôn, tổ dân phố;", "- Niêm yết tại trụ sở UBND xã;", ARCHIVE]),
    "doi_thoai-bien_ban_hoi_nghi.docx": ("BIÊN BẢN", "Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân xã với Nhân dân", [
        "Hội nghị đối thoại về: {{ chu_de }}.",
        "Thời gian: ngày {% if ngay_to_chuc_thuc_te %}{{ ngay_to_chuc_thuc_te|ngay }}{% else %}{{ ngay_to_chuc|ngay }}"
        "{% endif %}; địa điểm: {{ dia_diem }}.",
        "Chủ trì: Chủ tịch Ủy ban nhân dân {{ ten_xa }}, cùng đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã. Số người "
        "tham dự: {{ so_nguoi_tham_du }}.",
        "1. Ý kiến của Nhân dân ({{ so_y_kien }} ý kiến): {{ tom_tat_y_kien }}",
        "2. Nội dung tiếp thu, giải trình của Chủ tịch Ủy ban nhân dân xã: {{ noi_dung_tiep_thu_giai_trinh }}",
        "Kết quả hội nghị được công khai và gửi trưởng các thôn, tổ dân phố trong thời hạn 10 ngày kể từ ngày kết thúc "
        "hội nghị.",
    ], ["- Ủy ban MTTQ Việt Nam xã;", "- Trưởng các thôn, tổ dân phố;", ARCHIVE]),
}
