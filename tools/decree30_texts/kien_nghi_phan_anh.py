"""The petition's documents (Law on Citizen Reception 2013; Circular 05/2021/TT-TTCP): the transfer slip to the
competent body and the written answer to a petition or a reflection, signed by the commune's Chairman. The
answer is a công văn (Decree 30/2020/NĐ-CP, Appendix I: no type name, the summary "V/v" under the number), with
the text the Chairman approved; the petitioner's address stays in the confidential fields."""

from ._shared import ARCHIVE

KIND = "{% if loai_don == 'phan_anh' %}phản ánh{% else %}kiến nghị{% endif %}"

TEMPLATES = {
    "kien_nghi_phan_anh-chuyen_kien_nghi.docx": ("PHIẾU CHUYỂN", "Về việc chuyển đơn " + KIND, [
        "Kính gửi: {{ co_quan_co_tham_quyen }}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn " + KIND + " của ông/bà "
        "{{ nguoi_kien_nghi }}{% if thon %}, {{ thon }}{% endif %}.",
        "Nội dung: {{ noi_dung_kien_nghi }}",
        "Căn cứ Thông tư số 05/2021/TT-TTCP của Thanh tra Chính phủ, nội dung đơn không thuộc thẩm quyền giải quyết "
        "của Ủy ban nhân dân {{ ten_xa }}. Ủy ban nhân dân {{ ten_xa }} chuyển đơn đến {{ co_quan_co_tham_quyen }} "
        "để xem xét, giải quyết theo thẩm quyền và thông báo cho người " + KIND + ".",
    ], ["- Như trên;", "- Ông/bà {{ nguoi_kien_nghi }} (để biết);", ARCHIVE]),
    "kien_nghi_phan_anh-tra_loi.docx": ("", "V/v trả lời " + KIND + " của ông/bà {{ nguoi_kien_nghi }}", [
        "Kính gửi: Ông/bà {{ nguoi_kien_nghi }}{% if thon %}, {{ thon }}{% endif %}.",
        "Ngày {{ ngay_nhan_don|ngay }}, Ủy ban nhân dân {{ ten_xa }} nhận được đơn " + KIND + " của ông/bà "
        "{{ nguoi_kien_nghi }} với nội dung: {{ noi_dung_kien_nghi }}",
        "Sau khi xem xét, Ủy ban nhân dân {{ ten_xa }} trả lời như sau:",
        "{{ du_thao_tra_loi }}",
        "Ủy ban nhân dân {{ ten_xa }} trả lời để ông/bà {{ nguoi_kien_nghi }} được biết.",
    ], ["- Như trên;", "- Niêm yết tại trụ sở UBND xã;", ARCHIVE]),
}
