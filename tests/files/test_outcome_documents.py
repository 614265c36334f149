"""Documents issued only on the outcome that needs them (`document.when`): the Chairman's letter taking in or
explaining the Front's criticisms (`giam_sat_phan_bien`) when he signs it, not when he sends the draft back;
and the record of the end of posting (`cong_khai`), numbered and dated by the register the day the posting is
taken down, never before its period is over. Both from their Decree 30/2020 templates."""
from __future__ import annotations

from tests.api.cases import on
from tests.files.test_commune_documents import filled
from tests.files.test_khieu_nai_documents import issued
from tests.samples import CRITICISMS, POSTED, criticise, criticisms_handled, open_notice


def test_the_letter_answering_the_criticisms_is_issued_when_signed_only(api):
    case = criticise(api)
    case.do("to_chuc_phan_bien", "mat_tran", CRITICISMS)
    case.do("tiep_thu_giai_trinh", "van_phong", criticisms_handled("tiep_thu", "giai_trinh"))
    case.do("ky_van_ban_tiep_thu", "chu_tich", {"ky_van_ban": "yeu_cau_sua"})
    assert issued(api, case) == []  # sent back for changes: nothing issued, no number taken
    case.do("tiep_thu_giai_trinh", "van_phong", criticisms_handled("tiep_thu", "giai_trinh"))
    case.do("ky_van_ban_tiep_thu", "chu_tich", {"ky_van_ban": "ky"})
    [(reference, text)] = issued(api, case)
    filled(text, "01/UBND", "V/v tiếp thu, giải trình ý kiến phản biện xã hội",
           "Dự thảo đề án xây dựng chợ Nghĩa Kỳ", "gồm 2 ý kiến", "10/03/2026", "Văn phòng UBND xã",
           "Ý kiến số 1: tiếp thu, Đã sửa mục 3", "Ý kiến số 2: giải trình", "Kính gửi: Ban Thường trực Ủy ban Mặt trận")
    assert reference == "01/UBND"


def test_the_record_of_the_end_of_posting_is_dated_the_day_it_is_taken_down(api, clock):
    case = open_notice(api)
    case.do("niem_yet", "van_phong", POSTED)
    clock.set(on("2026-04-02"))
    case.do("ket_thuc_niem_yet", "van_phong", {"da_go_niem_yet": True, "y_kien_phan_anh": "Đề nghị nêu rõ lộ giới"})
    (_, posting), (reference, text) = issued(api, case)
    assert reference == "02/BB-UBND"
    filled(text, "02/BB-UBND", "Kết thúc niêm yết công khai", "Biên bản niêm yết số 01/BB-UBND",
           "từ ngày 02/03/2026 đến ngày 02/04/2026", "tối thiểu 30 ngày", "Đề nghị nêu rõ lộ giới",
           day="ngày 02 tháng 04 năm 2026")
