"""What the staff see of a complaint's computed dates (`computedFields` of `bpmn/khieu_nai.bpmn`): the
limitation period's last day, the grounds of Art. 11 found, and the dates by which a second complaint or a
lawsuit may be brought, by their titles and as dd/mm/yyyy."""
from tests.samples import DECISION, SEND, TIME_BARRED, Complaint


def test_the_case_page_shows_the_limitation_date_and_the_grounds_found(web, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", TIME_BARRED)
    html = web("chu_tich").text(f"/cases/{case.id}")
    assert "Hạn cuối thời hiệu khiếu nại" in html and "30/12/2025" in html
    assert "Căn cứ không thụ lý (Điều 11)" in html and "Điều 11 khoản 6" in html


def test_the_case_page_shows_the_dates_of_a_second_complaint_and_of_a_lawsuit(web, api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    case.do("gui_quyet_dinh", "tiep_cong_dan", SEND)
    html = web("tiep_cong_dan").text(f"/cases/{case.id}")
    assert "Hạn khiếu nại lần hai" in html and "04/05/2026" in html
    assert "Hạn khởi kiện vụ án hành chính" in html and "01/04/2027" in html
    assert "2027-04-01" not in html


def test_the_case_page_shows_recorded_dates_and_chosen_recipients_as_people_read_them(web, api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    case.do("gui_quyet_dinh", "tiep_cong_dan", SEND)
    html = web("chu_tich").text(f"/cases/{case.id}")
    assert "<dt>Ngày nhận đơn</dt><dd>02/03/2026</dd>" in html
    assert "<dt>Nơi nhận</dt><dd>Người khiếu nại, Cơ quan thanh tra nhà nước cùng cấp</dd>" in html


def test_the_case_page_offers_the_issued_notice_for_download_by_its_kind(web, api):
    """The acceptance notice generated from its template is a file of the case, named by its number and
    said to be an issued document (not a form's field code)."""
    case = Complaint(api)
    case.accept()
    html = web("chu_tich").text(f"/cases/{case.id}")
    assert "01-TB-UBND.docx</a>" in html and "Văn bản ban hành" in html and ">van_ban<" not in html


def test_the_timeline_names_an_issued_document_by_its_number_not_as_an_attachment(web, api):
    """The case's history and its audit page say the step issued notice 01/TB-UBND ("Ban hành văn bản"), not
    that someone attached a file; the register's number and date read as data of the step."""
    case = Complaint(api)
    case.accept()
    for page, user in ((f"/cases/{case.id}", "chu_tich"), (f"/cases/{case.id}/audit", "kiem_tra")):
        html = web(user).text(page)
        assert "Ban hành văn bản 01/TB-UBND" in html and "Đính kèm tệp" not in html, page
    html = web("chu_tich").text(f"/cases/{case.id}")
    assert "<dt>Số, ký hiệu văn bản</dt><dd>01/TB-UBND</dd>" in html
    assert "<dt>Ngày ban hành văn bản</dt><dd>02/03/2026</dd>" in html
