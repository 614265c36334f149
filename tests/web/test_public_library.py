"""The portal on the real process library: disclosures of `cong_khai` on the board, consultations of
`lay_y_kien` open to citizens' comments."""
from tests.api.cases import Case
from tests.samples import CONSULTED_MATTER, PUBLIC_NOTICE, open_period


def test_a_disclosure_is_posted_on_the_public_board(api, web):
    Case(api, "cong_khai", "van_phong", PUBLIC_NOTICE)
    html = web().text("/cong-dan/cong-khai")
    assert PUBLIC_NOTICE["tieu_de"] in html and PUBLIC_NOTICE["noi_dung_tom_tat"] in html


def test_citizens_comment_on_an_open_consultation(api, web):
    case = open_period(api)
    portal = web()
    listing = portal.text("/cong-dan/lay-y-kien")
    assert case.body["business_key"] in listing and CONSULTED_MATTER["ten_noi_dung"] in listing
    page = f"/cong-dan/lay-y-kien/{case.body['business_key']}"
    form = portal.text(page)
    assert CONSULTED_MATTER["noi_dung_du_thao"] in form
    # the draft's title is the heading; the period's end is said; the citizen gives no date and no channel
    assert f"<h1>{CONSULTED_MATTER['ten_noi_dung']}</h1>" in form
    assert "Nhận góp ý đến hết ngày <strong>01/04/2026</strong>" in form  # 2/3 + 30 calendar days
    assert 'name="ngay_gop_y"' not in form and 'name="kenh"' not in form
    assert 'for="f-nguoi_gop_y">Người góp ý</label>' in form  # optional: no red star
    response = portal.post(page, {"thon": "Thôn Phú Sơn", "noi_dung": "Đề nghị giữ lại đất lúa"}, page=page)
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    comment = [e for e in history if e["action"] == "message"][-1]
    assert comment["actor"] == "cong_thong_tin"
    assert comment["data"]["data"]["noi_dung"] == "Đề nghị giữ lại đất lúa"
    assert (comment["data"]["data"]["kenh"], comment["data"]["data"]["ngay_gop_y"]) == ("cong_thong_tin", "2026-03-02")


LETTER = {"nguoi_gui": "Lê Thị Cúc", "so_giay_to_tuy_than": "051090004321", "dia_chi": "Thôn An Hòa Nam",
          "so_dien_thoai": "0905333444", "thon": "Thôn An Hòa Nam",
          "noi_dung_don": "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất chậm"}


def test_citizen_sends_a_letter_that_opens_the_letter_process(api, web):
    portal = web()
    page = "/cong-dan/gui/xu_ly_don"
    form = portal.text(page)
    assert 'name="hinh_thuc_tiep_nhan"' not in form and 'name="ngay_nhan_don"' not in form  # filled by the portal
    response = portal.post(page, {**LETTER, "commune": "nghia_ky"}, page=page)
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    code = portal.text("/cong-dan/da-gui").split('id="tracking-code">')[1].split("<")[0]
    assert code.startswith("XLD-2026-000001-")
    cases = api.as_("chu_tich").get("/api/v1/instances?process_model=xu_ly_don").get_json()["items"]
    case = api.as_("chu_tich").get(f"/api/v1/instances/{cases[0]['id']}").get_json()
    assert (case["data"]["hinh_thuc_tiep_nhan"], case["data"]["ngay_nhan_don"]) == ("truc_tuyen", "2026-03-02")
    assert [t["role"] for t in case["tasks"] if t["status"] == "ready"] == ["tiep_cong_dan"]
    tracked = portal.text(f"/cong-dan/tra-cuu?ma={code}")
    assert "Lê Thị Cúc" not in tracked and "Đang xử lý" in tracked


def portal_letter_opening_a_complaint(api, web):
    """A citizen's letter sent on the portal, checked and classified as a complaint by the reception officer:
    (the portal's client, the tracking code, the letter, the id of the complaint it opened)."""
    from tests.api.test_xu_ly_don import COMPLAINT, ELIGIBLE, NONE

    portal = web()
    page = "/cong-dan/gui/xu_ly_don"
    assert portal.post(page, {**LETTER, "commune": "nghia_ky"}, page=page).status_code == 302
    code = portal.text("/cong-dan/da-gui").split('id="tracking-code">')[1].split("<")[0]
    letter = Case.existing(api, api.as_("chu_tich").get("/api/v1/instances?process_model=xu_ly_don")
                           .get_json()["items"][0]["id"])
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", {**NONE, **COMPLAINT})
    return portal, code, letter, next(link["instance_id"] for link in letter.detail()["links"])


def test_tracking_follows_the_letter_into_the_complaint_it_became_with_its_notice(api, web):
    """Tracking used to stop at the letter ("Đã kết thúc · da mo ho so"): the citizen sees each case the letter
    became, the step it is at in the step's own words, its statutory date and the notices sent to them."""
    from tests.samples import ACCEPT, PROPOSAL
    from tests.samples import LETTER as NOTICE

    portal, code, letter, complaint_id = portal_letter_opening_a_complaint(api, web)
    complaint = Case.existing(api, complaint_id)
    complaint.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    complaint.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    complaint.do("thong_bao_thu_ly", "tiep_cong_dan", NOTICE)

    html = portal.text(f"/cong-dan/tra-cuu?ma={code}")
    became = html.split('class="result track-case"')[1]
    assert complaint.body["business_key"] in became and "Giải quyết khiếu nại lần đầu" in became
    assert "Đang xử lý" in became
    steps = [t["title"] for t in complaint.open_tasks()]
    assert steps and all(title in became for title in steps)
    assert "đến hết" in became  # the complaint's statutory date
    assert "01/TB-UBND" in became and "02/03/2026" in became  # the acceptance notice sent to the citizen, as issued
    assert "Đã mở hồ sơ giải quyết" in html.split('class="result track-case"')[0]  # the letter's outcome, in words
    assert "Lê Thị Cúc" not in html and LETTER["so_dien_thoai"] not in html


def test_tracking_shows_the_complainant_the_last_days_of_a_second_complaint_and_of_a_lawsuit(api, web):
    """Art. 33 of the Law on Complaints and Art. 116 of the Law on Administrative Procedure: the complainant who
    received the decision sees, under the complaint the letter became, the decision sent to them and the last
    day of each right, as dd/mm/yyyy; before the decision is received, no such date."""
    from tests.samples import DECISION, SEND, Complaint

    portal, code, letter, complaint_id = portal_letter_opening_a_complaint(api, web)
    complaint = Complaint.existing(api, complaint_id)
    complaint.accept()
    complaint.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    complaint.do("ra_quyet_dinh", "chu_tich", DECISION)
    assert "Hạn khiếu nại lần hai" not in portal.text(f"/cong-dan/tra-cuu?ma={code}")
    complaint.do("gui_quyet_dinh", "tiep_cong_dan", SEND)  # received 1/4/2026
    became = portal.text(f"/cong-dan/tra-cuu?ma={code}").split('class="result track-case"')[1]
    assert "02/QĐ-UBND" in became  # the decision sent to the complainant, numbered by the register
    dates = became.split('class="facts track-dates"')[1].split("</dl>")[0]
    assert "<dt>Hạn khiếu nại lần hai</dt><dd>đến hết 04/05/2026</dd>" in dates
    assert "<dt>Hạn khởi kiện vụ án hành chính</dt><dd>đến hết 01/04/2027</dd>" in dates
