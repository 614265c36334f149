"""A matter the people of a hamlet discuss and decide: the minutes and resolution of the vote (Decree 59/2023/NĐ-CP
Form 03), the village head's notice of the result, and the Chairman's decision recognising a village convention
or not (Law 10/2022/QH15 Arts. 15, 20-23; Decree 61/2023/NĐ-CP on village conventions)."""

from ._shared import VOTERS

HAMLET = ("ỦY BAN NHÂN DÂN {{ ten_xa|upper }}", "{{ thon|upper }}")
LAW = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022 (Điều 15, Điều 20 đến Điều 23) và Nghị định "
       "số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật;")
HOW = ("{% if vong_bieu_quyet == 'phieu' %}phát phiếu lấy ý kiến hộ gia đình (phát ra {{ so_phieu_phat_ra }}, thu về "
       "{{ so_phieu_thu_ve }}, hợp lệ {{ so_phieu_hop_le }}){% else %}biểu quyết tại hội nghị ngày {{ ngay_hop|ngay }} "
       "(chủ trì: {{ chu_tri }}; thư ký: {{ thu_ky }}; dự họp: {{ so_cu_tri_du_hop }}){% endif %}")
PASSED = ("Phương án được thông qua: {{ phuong_an_thong_qua }}, với {{ ty_le_tan_thanh_tren_tong_so }}% tổng số "
          + VOTERS + " của thôn ({{ tong_so_cu_tri }}) tán thành.")
ARCHIVE = "- Lưu: hồ sơ {{ ma_ho_so }}."

TEMPLATES = {
    "dan_ban_quyet_dinh-lap_nghi_quyet.docx": ("BIÊN BẢN", "Nhân dân {{ thon }} bàn và quyết định: {{ ten_van_de }}", [
        LAW,
        "Nội dung đưa ra bàn và quyết định: {{ ten_van_de }}. {{ noi_dung }}",
        "Hình thức: " + HOW + ".",
        PASSED,
        "NGHỊ QUYẾT:",
        "{{ noi_dung_nghi_quyet }}",
        "Trưởng thôn có trách nhiệm công khai kết quả đến Nhân dân trong thôn, tổ chức thực hiện và báo cáo Ủy ban "
        "nhân dân xã; Ban công tác Mặt trận thôn và Ban Thanh tra nhân dân giám sát việc thực hiện.",
    ], ["- Ủy ban nhân dân xã (để báo cáo);", "- Ban công tác Mặt trận thôn;", "- Niêm yết tại nhà văn hóa thôn;",
        ARCHIVE], HAMLET),
    "dan_ban_quyet_dinh-cong_bo_bao_cao.docx": ("THÔNG BÁO", "Kết quả Nhân dân {{ thon }} bàn và quyết định: "
                                                "{{ ten_van_de }}", [
        "Căn cứ Biên bản, nghị quyết số {{ so_bien_ban }} ngày {{ ngay_lap|ngay }} và Điều 23 Luật Thực hiện dân chủ "
        "ở cơ sở, Trưởng thôn thông báo đến Nhân dân trong thôn và báo cáo Ủy ban nhân dân {{ ten_xa }}:",
        PASSED,
        "Nội dung được quyết định: {{ noi_dung_nghi_quyet }}",
        "Hình thức công khai: {% for h in hinh_thuc_cong_bo or [] %}{% if h == 'niem_yet_nha_van_hoa' %}niêm yết tại "
        "nhà văn hóa thôn{% elif h == 'loa_truyen_thanh' %}thông báo trên loa truyền thanh{% elif h == 'hop_thon' %}"
        "thông báo tại cuộc họp thôn{% else %}hình thức khác{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}.",
        "Đề nghị các hộ gia đình trong thôn thực hiện; Ban công tác Mặt trận thôn giám sát việc thực hiện.",
    ], ["- Ủy ban nhân dân xã (để báo cáo);", "- Ban công tác Mặt trận thôn;", "- Các hộ gia đình trong thôn;",
        ARCHIVE], HAMLET),
    "dan_ban_quyet_dinh-cong_nhan_huong_uoc.docx": ("QUYẾT ĐỊNH", "Về việc {% if quyet_dinh_cong_nhan != 'cong_nhan' %}"
                                                    "không {% endif %}công nhận hương ước, quy ước {{ thon }}", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        "Căn cứ Luật Tổ chức chính quyền địa phương;", LAW,
        "Căn cứ Nghị định số 61/2023/NĐ-CP ngày 16 tháng 8 năm 2023 của Chính phủ về xây dựng và thực hiện hương ước, "
        "quy ước của cộng đồng dân cư;",
        "Xét Biên bản, nghị quyết số {{ so_bien_ban }} ngày {{ ngay_lap|ngay }} và báo cáo của Trưởng thôn "
        "{{ thon }}: hương ước, quy ước \"{{ ten_van_de }}\" được {{ ty_le_tan_thanh_tren_tong_so }}% tổng số "
        + VOTERS + " của thôn tán thành.",
        "QUYẾT ĐỊNH:",
        "{% if quyet_dinh_cong_nhan == 'cong_nhan' %}Điều 1. Công nhận hương ước, quy ước \"{{ ten_van_de }}\" của "
        "{{ thon }} (kèm theo Quyết định này).{% else %}Điều 1. Không công nhận hương ước, quy ước "
        "\"{{ ten_van_de }}\" của {{ thon }}. Lý do: {{ ly_do_khong_cong_nhan }}. Trưởng thôn phối hợp Ban công tác "
        "Mặt trận thôn hoàn thiện và tổ chức lấy ý kiến lại theo quy định.{% endif %}",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Trưởng "
        "thôn {{ thon }} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 2;", "- Ủy ban MTTQ Việt Nam xã;", "- Ban công tác Mặt trận {{ thon }};",
        "- Lưu: VT, hồ sơ {{ ma_ho_so }}."]),
}
