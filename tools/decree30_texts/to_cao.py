"""The denunciation's documents (Law on Denunciations 2018; Decree 31/2019/NĐ-CP and its forms): the decision
to accept a denunciation (Art. 29(1), (2)), the notice of acceptance to the denouncer and of the denunciation's
content to the person denounced (Art. 29; the latter's rights, Art. 10), the notice of refusal (Art. 29(2)), the transfer of a letter outside the commune's competence
(Art. 24(2)) or against the Chairman or a Vice-Chairman to the province (Art. 13), the transfer of a case with
signs of a crime to the investigating body (Art. 24(1)(đ), Art. 36(2)), the extension decisions (Art. 30), the
suspension decision after a withdrawal (Art. 33), the conclusion (Art. 35) and the report to the body that
forwarded the letter (Art. 26(2)).

None of them names the denouncer: their name, address and handwriting are kept secret (Art. 9(1)(b), Art. 47;
Decision 774/QĐ-TTg) and a generated document is a file every reader of the case may download. A notice to the
denouncer is addressed as "Người tố cáo" and sent to the address the confidential file holds.
"""

from ._shared import ARCHIVE

LAW = "Căn cứ Luật Tổ chức chính quyền địa phương; Luật Tố cáo ngày 12 tháng 6 năm 2018;"
DECREE = ("Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một số điều "
          "và biện pháp tổ chức thi hành Luật Tố cáo;")
DEAR = "Kính gửi: Người tố cáo (đơn tố cáo nhận ngày {{ ngay_nhan_don|ngay }}, hồ sơ {{ ma_ho_so }})."
ABOUT = ("Ủy ban nhân dân {{ ten_xa }} nhận được đơn tố cáo ngày {{ ngay_nhan_don|ngay }} tố cáo "
         "{{ nguoi_bi_to_cao }}{% if chuc_vu_nguoi_bi_to_cao %}, {{ chuc_vu_nguoi_bi_to_cao }}{% endif %}.")
CONTENT = "Nội dung tố cáo: {{ noi_dung_to_cao }}"
TO_DENOUNCER = ["- Người tố cáo (theo địa chỉ trong hồ sơ bảo mật);", ARCHIVE]

TEMPLATES = {
    "to_cao-quyet_dinh_thu_ly.docx": ("QUYẾT ĐỊNH", "Về việc thụ lý tố cáo", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        LAW, DECREE,
        "Xét đơn tố cáo nhận ngày {{ ngay_nhan_don|ngay }} tố cáo {{ nguoi_bi_to_cao }}"
        "{% if chuc_vu_nguoi_bi_to_cao %}, {{ chuc_vu_nguoi_bi_to_cao }}{% endif %};",
        "Xét thấy tố cáo đủ điều kiện thụ lý theo khoản 1 Điều 29 Luật Tố cáo và thuộc thẩm quyền giải quyết của Chủ "
        "tịch Ủy ban nhân dân {{ ten_xa }};",
        "QUYẾT ĐỊNH:",
        "Điều 1. Thụ lý tố cáo đối với {{ nguoi_bi_to_cao }} (hồ sơ {{ ma_ho_so }}). Nội dung tố cáo được thụ lý: "
        "{{ noi_dung_to_cao }}",
        "Điều 2. Thời hạn giải quyết tố cáo là 30 ngày kể từ ngày ký Quyết định này; vụ việc phức tạp, đặc biệt phức "
        "tạp có thể được gia hạn theo Điều 30 Luật Tố cáo. Giao {{ can_bo_xac_minh_duoc_giao }} xác minh nội dung tố "
        "cáo, báo cáo kết quả xác minh.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Người được giao xác minh, người bị tố cáo và các cơ quan, tổ "
        "chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 3;", "- Người tố cáo (theo địa chỉ trong hồ sơ bảo mật);", ARCHIVE]),
    "to_cao-thong_bao_nguoi_bi_to_cao.docx": ("THÔNG BÁO", "Về nội dung tố cáo", [
        "Kính gửi: {{ nguoi_bi_to_cao }}{% if chuc_vu_nguoi_bi_to_cao %}, {{ chuc_vu_nguoi_bi_to_cao }}{% endif %}.",
        "Căn cứ Điều 29 Luật Tố cáo, Chủ tịch Ủy ban nhân dân {{ ten_xa }} thông báo: tố cáo đối với ông (bà) "
        "đã được thụ lý theo Quyết định số {{ so_quyet_dinh_thu_ly }} ngày {{ ngay_thu_ly|ngay }}.",
        CONTENT,
        "Theo Điều 10 Luật Tố cáo, người bị tố cáo có quyền được thông báo về nội dung tố cáo, đưa ra chứng cứ để "
        "chứng minh nội dung tố cáo là không đúng sự thật; có nghĩa vụ giải trình bằng văn bản về hành vi bị tố cáo, "
        "cung cấp thông tin, tài liệu liên quan khi được yêu cầu. Đề nghị ông (bà) làm việc với "
        "{{ can_bo_xac_minh_duoc_giao }}, người được giao xác minh.",
        "Thông báo này không nêu và người nhận không được tìm hiểu danh tính người tố cáo (Điều 9, Điều 47 Luật Tố "
        "cáo).",
    ], ["- Như trên;", ARCHIVE]),
    "to_cao-thong_bao_thu_ly.docx": ("THÔNG BÁO", "Về việc thụ lý tố cáo", [
        DEAR, ABOUT, CONTENT,
        "Căn cứ Điều 29 Luật Tố cáo, Chủ tịch Ủy ban nhân dân {{ ten_xa }} đã thụ lý tố cáo kể từ ngày "
        "{{ ngay_thu_ly|ngay }}{% if so_quyet_dinh_thu_ly %} (Quyết định thụ lý số {{ so_quyet_dinh_thu_ly }})"
        "{% endif %}. Thời hạn giải quyết tố cáo là 30 ngày kể từ ngày thụ lý, có thể gia hạn theo Điều 30 Luật Tố cáo.",
        "Người tố cáo có quyền được giữ bí mật họ tên, địa chỉ, bút tích và các thông tin cá nhân khác và được bảo "
        "vệ khi tố cáo (Điều 9, Điều 47 Luật Tố cáo).",
    ], TO_DENOUNCER),
    "to_cao-thong_bao_khong_thu_ly.docx": ("THÔNG BÁO", "Về việc không thụ lý tố cáo", [
        DEAR, ABOUT, CONTENT,
        "Căn cứ khoản 2 Điều 29 Luật Tố cáo, tố cáo không được thụ lý vì lý do: {{ ly_do }}.",
        "Ủy ban nhân dân {{ ten_xa }} thông báo để người tố cáo biết.",
    ], TO_DENOUNCER),
    "to_cao-chuyen_don_to_cao.docx": ("PHIẾU CHUYỂN", "Về việc chuyển đơn tố cáo", [
        "Kính gửi: {{ co_quan_nhan_chuyen }}.",
        ABOUT, CONTENT,
        "Căn cứ khoản 2 Điều 24 Luật Tố cáo, tố cáo không thuộc thẩm quyền giải quyết của Chủ tịch Ủy ban nhân dân "
        "{{ ten_xa }}. Ủy ban nhân dân {{ ten_xa }} chuyển đơn tố cáo đến {{ co_quan_nhan_chuyen }} để xem xét, "
        "giải quyết theo thẩm quyền và thông báo cho người tố cáo. Việc chuyển đơn chỉ thực hiện một lần.",
        "Cơ quan nhận đơn có trách nhiệm giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân của người tố cáo "
        "(Điều 9 Luật Tố cáo).",
    ], ["- Như trên;", "- Người tố cáo (để biết);", ARCHIVE]),
    "to_cao-chuyen_len_cap_tinh.docx": ("PHIẾU CHUYỂN", "Về việc chuyển đơn tố cáo đến Chủ tịch Ủy ban nhân dân tỉnh", [
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh.",
        ABOUT, CONTENT,
        "Căn cứ Điều 13 và khoản 2 Điều 24 Luật Tố cáo, tố cáo hành vi vi phạm của Chủ tịch, Phó Chủ tịch Ủy ban "
        "nhân dân cấp xã thuộc thẩm quyền giải quyết của Chủ tịch Ủy ban nhân dân tỉnh. Ủy ban nhân dân {{ ten_xa }} "
        "chuyển đơn tố cáo (số vào sổ {{ so_vao_so_xa }}) đến Chủ tịch Ủy ban nhân dân tỉnh để giải quyết theo thẩm "
        "quyền và thông báo cho người tố cáo.",
        "Đề nghị giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân của người tố cáo (Điều 9 Luật Tố cáo).",
    ], ["- Như trên;", "- Thanh tra tỉnh;", "- Người tố cáo (để biết);", ARCHIVE]),
    "to_cao-chuyen_co_quan_dieu_tra.docx": ("", "V/v chuyển hồ sơ vụ việc tố cáo có dấu hiệu tội phạm", [
        "Kính gửi: {% if co_quan_dieu_tra %}{{ co_quan_dieu_tra }}{% else %}Cơ quan điều tra, Viện kiểm sát nhân "
        "dân có thẩm quyền{% endif %}.",
        ABOUT, CONTENT,
        "{% if so_ket_luan %}Kết luận nội dung tố cáo số {{ so_ket_luan }} xác định hành vi vi phạm có dấu hiệu tội "
        "phạm. {% endif %}Căn cứ điểm đ khoản 1 Điều 24 và khoản 2 Điều 36 Luật Tố cáo, Ủy ban nhân dân {{ ten_xa }} "
        "chuyển hồ sơ, tài liệu của vụ việc để xem xét, xử lý theo quy định của pháp luật về tố tụng hình sự.",
        "Đề nghị giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân của người tố cáo (Điều 9 Luật Tố cáo).",
    ], ["- Như trên;", "- Người tố cáo (để biết);", ARCHIVE]),
    "to_cao-gia_han_giai_quyet.docx": ("QUYẾT ĐỊNH", "Về việc gia hạn giải quyết tố cáo", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        LAW, DECREE,
        "Xét tố cáo đối với {{ nguoi_bi_to_cao }} đã được thụ lý ngày "
        "{{ ngay_thu_ly|ngay }}; lý do gia hạn: {{ ly_do_gia_han }};",
        "QUYẾT ĐỊNH:",
        "Điều 1. Gia hạn thời hạn giải quyết tố cáo {{ so_ngay_gia_han }} ngày theo "
        "Điều 30 Luật Tố cáo: vụ việc phức tạp được gia hạn một lần, vụ việc đặc biệt phức tạp được gia hạn hai "
        "lần, mỗi lần không quá 30 ngày.",
        "Điều 2. Quyết định được gửi cho người tố cáo và người bị tố cáo.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có "
        "liên quan chịu trách nhiệm thi hành Quyết định này.",
    ], ["- Như Điều 2, Điều 3;", ARCHIVE]),
    "to_cao-quyet_dinh_dinh_chi.docx": ("QUYẾT ĐỊNH", "Về việc đình chỉ việc giải quyết tố cáo", [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN {{ ten_xa|upper }}",
        LAW, DECREE,
        "Xét tố cáo nhận ngày {{ ngay_nhan_don|ngay }} đối với {{ nguoi_bi_to_cao }} và việc người tố cáo rút toàn "
        "bộ tố cáo{% if rut_to_cao and rut_to_cao.ngay_rut %} ngày {{ rut_to_cao.ngay_rut|ngay }}{% endif %};",
        "Xét thấy không có căn cứ xác định việc rút tố cáo do bị đe dọa, ép buộc và hành vi bị tố cáo không có dấu "
        "hiệu vi phạm pháp luật phải tiếp tục giải quyết (khoản 4 Điều 33 Luật Tố cáo);",
        "QUYẾT ĐỊNH:",
        "Điều 1. Đình chỉ việc giải quyết tố cáo đối với {{ nguoi_bi_to_cao }} (hồ sơ {{ ma_ho_so }}) theo điểm a "
        "khoản 1 Điều 34 Luật Tố cáo.",
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký, được gửi cho người tố cáo và người bị tố cáo.",
    ], ["- Như Điều 2;", ARCHIVE]),
    "to_cao-ket_luan.docx": ("KẾT LUẬN", "Nội dung tố cáo đối với {{ nguoi_bi_to_cao }}", [
        ABOUT, CONTENT,
        "Căn cứ Điều 35 Luật Tố cáo, sau khi xem xét báo cáo kết quả xác minh nội dung tố cáo, Chủ tịch Ủy ban nhân "
        "dân {{ ten_xa }} kết luận như sau:",
        "{{ noi_dung_ket_luan }}",
        "Kết luận này được gửi cho người bị tố cáo, thông báo cho người tố cáo và được công khai theo Điều 35, Điều 36 "
        "Luật Tố cáo; không công khai thông tin về người tố cáo.",
    ], ["- Người bị tố cáo;", "- Chủ tịch UBND cấp trên trực tiếp;", "- Cơ quan thanh tra nhà nước cùng cấp;", ARCHIVE]),
    "to_cao-bao_cao_don_chuyen_den.docx": ("BÁO CÁO", "Kết quả xử lý đơn tố cáo do {{ co_quan_chuyen_don }} chuyển đến", [
        "Kính gửi: {{ co_quan_chuyen_don }}.",
        "Ủy ban nhân dân {{ ten_xa }} nhận được đơn tố cáo do {{ co_quan_chuyen_don }} chuyển đến ngày "
        "{{ ngay_nhan_don|ngay }}, tố cáo {{ nguoi_bi_to_cao }}.",
        "Căn cứ khoản 2 Điều 26 Luật Tố cáo, Ủy ban nhân dân {{ ten_xa }} báo cáo kết quả xử lý đơn: "
        "{% if ket_qua_xu_ly == 'thu_ly' %}đã thụ lý giải quyết tố cáo từ ngày {{ ngay_thu_ly|ngay }}"
        "{% elif ket_qua_xu_ly == 'chuyen_don' %}đã chuyển đơn đến {{ co_quan_nhan_chuyen }}"
        "{% elif ket_qua_xu_ly == 'chuyen_co_quan_dieu_tra' %}đã chuyển hồ sơ đến {{ co_quan_dieu_tra }}"
        "{% else %}không thụ lý{% if ly_do %} ({{ ly_do }}){% endif %}{% endif %}.",
    ], ["- Như trên;", ARCHIVE]),
}
