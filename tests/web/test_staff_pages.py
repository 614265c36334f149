"""Staff pages through real HTTP: login and sessions, CSRF, the inbox, task forms, drafts, cases, search."""
import re
import uuid

from engine.people.users import create_user
from tests.deploys import deploy_extension
from tests.diagrams import extension_diagram
from tests.samples import INTAKE, PROPOSAL, Complaint, as_web_form, complete_as_chairman, visit

from .public_diagram import deploy_public_diagram


def test_wrong_password_is_refused_with_one_message(web):
    client = web()
    response = client.client.post("/login", data={"username": "chu_tich", "password": "sai-mat-khau",
                                                  "csrf_token": client.token()})
    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)


def test_the_login_form_is_throttled_like_the_api(web, services, clock):
    """Five wrong passwords from addresses the account was never used from lock it for the window there: the
    right one is refused too (429), so the form is no way around the API's throttle."""
    create_user(services, username="can_bo_thu_mk", password="mat-khau-dung-123", full_name="Cán bộ thử",
                roles=["van_phong"], unit_code="nghia_ky")
    client = web()

    def post(password, address):
        return client.client.post("/login", data={"username": "can_bo_thu_mk", "password": password,
                                                   "csrf_token": client.token()},
                                  environ_base={"REMOTE_ADDR": address})

    assert post("sai-mat-khau", "198.51.100.1").status_code == 401
    held = post("mat-khau-dung-123", "198.51.100.1")
    assert held.status_code == 429 and int(held.headers["Retry-After"]) == 1  # the address waits a second
    for index in range(2, 6):
        assert post("sai-mat-khau", f"198.51.100.{index}").status_code == 401
    response = post("mat-khau-dung-123", "198.51.100.9")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) == 15 * 60
    assert "Đăng nhập sai quá nhiều lần; hãy thử lại sau." in response.get_data(as_text=True)


def test_pages_need_a_login_and_come_back_after_it(web):
    client = web()
    response = client.get("/inbox")
    assert response.status_code == 302 and "/login?next=/inbox" in response.headers["Location"]


def test_session_cookie_is_http_only_and_same_site_lax(web):
    client = web()
    response = client.client.post("/login", data={"username": "chu_tich", "password": "danchu-demo",
                                                  "csrf_token": client.token()})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_new_secret_key_ends_the_sessions_signed_with_the_old_one(web, app, monkeypatch):
    """The cookie's signer is built once per key (`web.cookie_session`): a key rotation must still take
    effect at once, so a session signed with the old key no longer opens a page."""
    client = web("chu_tich")
    assert client.get("/inbox").status_code == 200
    assert client.get("/inbox").status_code == 200  # the signer built for this key, used again
    monkeypatch.setattr(app, "secret_key", "another-key-for-this-test-0123456789abcdef")
    response = client.get("/inbox")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_form_posted_without_its_csrf_token_is_refused(web, api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    client = web("tiep_cong_dan")
    response = client.client.post(f"/tasks/{task['id']}/claim")
    assert response.status_code == 400
    assert case.open_tasks()[0]["status"] == "ready"


def test_logout_ends_every_session_of_the_user(web, services):
    username = f"can_bo_{uuid.uuid4().hex[:8]}"
    create_user(services, username=username, password="mat-khau-rieng-123", full_name="Cán bộ thử",
                roles=["van_phong"], unit_code="nghia_ky")
    first, second = web(), web()
    first.login(username, "mat-khau-rieng-123")
    second.login(username, "mat-khau-rieng-123")
    assert second.get("/inbox").status_code == 200
    assert first.post("/logout", page="/inbox").status_code == 302
    assert second.get("/inbox").status_code == 302


def test_inbox_shows_case_citizen_step_and_deadline(web, api):
    Complaint(api)
    html = web("tiep_cong_dan").text("/inbox")
    row = re.search(r"<tr>.*?KN-2026-000001.*?</tr>", html, re.S).group(0)
    assert "Nguyễn Văn An" in row
    assert "Kiểm tra điều kiện và đề xuất thụ lý" in row
    assert "Còn 10 ngày" in row and "12/03/2026" in row


def test_inbox_flags_a_deadline_due_soon_and_one_passed(web, api, clock):
    Complaint(api)
    clock.advance(days=9)  # Wednesday 11 March: the last day is Thursday 12
    assert "Sắp đến hạn: còn 1 ngày" in web("tiep_cong_dan").text("/inbox")
    clock.advance(days=2)
    assert "Quá hạn 1 ngày" in web("tiep_cong_dan").text("/inbox")


def test_inbox_never_shows_a_confidential_citizen_name(web, services):
    from engine.portal.public import start_public_case
    deploy_public_diagram(services)
    start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky",
                      {"nguoi_gui": "Người Bí Mật", "tieu_de": "Tiêu đề", "noi_dung": "Nội dung"})
    html = web("van_phong").text("/cases")
    assert "TCD-2026-000001" in html and "Người Bí Mật" not in html


def test_task_form_is_rendered_from_its_schema_with_labels_and_help(web, api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    html = web("tiep_cong_dan").text(f"/tasks/{task['id']}")
    assert '<label for="f-ghi_chu">Ghi chú</label>' in html
    assert 'id="f-ghi_chu-help"' in html and 'aria-describedby="f-ghi_chu-help"' in html
    assert 'type="radio" name="de_xuat" value="thu_ly"' in html
    # a yes/no is a Có / Không choice with neither chosen: the officer answers each ground, none is assumed
    ground = re.search(r'<fieldset id="f-khong_lien_quan_truc_tiep" role="radiogroup".*?</fieldset>', html, re.S).group(0)
    assert 'value="true"' in ground and 'value="false"' in ground and "checked" not in ground
    # a day is typed as dd/mm/yyyy in a text field, whatever the browser's language (a date picker would not)
    assert re.search(r'<input id="f-ngay_nhan_biet_quyet_dinh" name="ngay_nhan_biet_quyet_dinh" type="text"', html)
    assert 'placeholder="ngày/tháng/năm"' in html


def test_a_day_typed_as_dd_mm_yyyy_is_read_by_the_server_and_shown_back_the_same_way(web, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.open_tasks()[0]
    client = web("chu_tich")
    page = f"/tasks/{task['id']}"
    client.post(f"{page}/claim", {}, page=page)
    refused = client.post(f"{page}/submit", {"action": "complete", "ket_qua_thu_ly": "thu_ly", "phuc_tap": "",
                                            "ngay_thu_ly": "31/02/2026"}, page=page).get_data(as_text=True)
    assert "Ngày không hợp lệ; ghi theo ngày/tháng/năm, ví dụ 25/12/2026." in refused
    assert 'value="31/02/2026"' in refused  # what was typed, to correct
    kept = client.post(f"{page}/submit", {"action": "save", "ket_qua_thu_ly": "thu_ly", "ngay_thu_ly": "5/3/2026"},
                       page=page)
    assert kept.status_code in (200, 302)
    assert 'value="05/03/2026"' in client.text(page)  # kept as 2026-03-05, shown as people write it


def test_server_validation_errors_appear_next_to_their_fields(web, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.open_tasks()[0]
    client = web("chu_tich")
    response = client.post(f"/tasks/{task['id']}/submit", {"action": "complete", "ket_qua_thu_ly": "khong_thu_ly"},
                           page=f"/tasks/{task['id']}")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="f-ly_do"[^>]*aria-describedby="[^"]*f-ly_do-error"[^>]*aria-invalid="true"', html)
    assert '<p class="error" id="f-ly_do-error">Bắt buộc: hãy điền thông tin này.</p>' in html
    assert 'value="khong_thu_ly"\n      checked' in html or 'value="khong_thu_ly"' in html
    assert case.open_tasks()[0]["status"] == "ready"


def test_claim_then_complete_moves_the_case_on(web, api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    client = web("tiep_cong_dan")
    assert client.post(f"/tasks/{task['id']}/claim", page=f"/tasks/{task['id']}").status_code == 302
    assert case.open_tasks()[0]["assignee"] == "tiep_cong_dan"
    form = {"action": "complete", **as_web_form(PROPOSAL)}
    response = client.post(f"/tasks/{task['id']}/submit", form, page=f"/tasks/{task['id']}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/inbox")  # the Chairman's next
    assert case.open_task_names() == ["quyet_dinh_thu_ly"]
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    submitted = next(e["data"] for e in history if e["action"] == "completed")
    assert submitted["toa_an_da_thu_ly"] is False and submitted["thuoc_tham_quyen"] is True


def test_a_saved_draft_comes_back_only_to_its_author(web, api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    author = web("tiep_cong_dan")
    response = author.post(f"/tasks/{task['id']}/submit", {"action": "save", "ghi_chu": "Cần bổ sung giấy tờ"},
                           page=f"/tasks/{task['id']}")
    assert response.status_code == 302
    assert "Cần bổ sung giấy tờ" in author.text(f"/tasks/{task['id']}")
    assert case.open_tasks()[0]["status"] == "ready"  # a draft changes nothing in the case
    other_html = web("chu_tich").get(f"/tasks/{task['id']}").get_data(as_text=True)
    assert "Cần bổ sung giấy tờ" not in other_html


def test_reception_officer_opens_a_case_from_the_start_form(web):
    client = web("tiep_cong_dan")
    assert "Giải quyết khiếu nại lần đầu" in client.text("/cases/new")
    response = client.post("/cases/new/khieu_nai", as_web_form(INTAKE), page="/cases/new/khieu_nai")
    assert response.status_code == 302
    case_page = client.text(response.headers["Location"])
    assert "KN-2026-000001" in case_page and "Thôn Phú Sơn" in case_page


def test_a_yes_no_question_left_unanswered_is_refused_not_taken_for_no(web):
    client = web("tiep_cong_dan")
    form = {k: v for k, v in as_web_form(INTAKE).items() if k != "vung_sau_vung_xa"}
    response = client.post("/cases/new/khieu_nai", form, page="/cases/new/khieu_nai")
    assert response.status_code == 422
    assert 'id="f-vung_sau_vung_xa-error"' in response.get_data(as_text=True)


def test_start_form_refuses_missing_fields_naming_them(web):
    client = web("tiep_cong_dan")
    response = client.post("/cases/new/khieu_nai", {"nguoi_khieu_nai": "A"}, page="/cases/new/khieu_nai")
    assert response.status_code == 422
    assert 'id="f-dia_chi-error"' in response.get_data(as_text=True)


def test_case_page_shows_current_step_deadline_data_and_timeline(web, api):
    case = Complaint(api)
    html = web("chu_tich").text(f"/cases/{case.id}")
    assert "Kiểm tra điều kiện và đề xuất thụ lý" in html and "Còn 10 ngày" in html
    assert "Khiếu nại quyết định thu hồi đất" in html
    assert "Mở hồ sơ" in html
    assert 'action="/cases/' in html and "Hủy hồ sơ" in html  # the Chairman may cancel


def test_case_and_task_pages_name_people_by_their_full_names(web, api, services):
    """Who opened the case, who holds a step and who did what read as names (the login on hover)."""
    create_user(services, username="tiep_dan_2", password="mat-khau-rieng-123", full_name="Phan Văn Hai",
                roles=["tiep_cong_dan"], unit_code="nghia_ky")
    case = Complaint(api)
    task_id = case.task("de_xuat_thu_ly")["id"]
    holder = web()
    holder.login("tiep_dan_2", "mat-khau-rieng-123")
    assert holder.post(f"/tasks/{task_id}/claim", {}, page=f"/tasks/{task_id}").status_code == 302
    opener = '<span class="person" title="tiep_cong_dan">Trần Thị Tiếp</span>'
    html = web("chu_tich").text(f"/cases/{case.id}")
    assert html.count(opener) == 2  # opened by, and the timeline's first event
    assert '(<span class="person" title="tiep_dan_2">Phan Văn Hai</span>)' in html  # holds the current step
    task_page = web("tiep_cong_dan").text(f"/tasks/{task_id}")
    assert 'Việc này đang do <span class="person" title="tiep_dan_2">Phan Văn Hai</span> làm.' in task_page


def test_withdrawal_is_sent_from_the_case_page_with_its_form(web, api):
    case = Complaint(api)
    client = web("tiep_cong_dan")
    page = client.text(f"/cases/{case.id}")
    assert f'href="/cases/{case.id}/messages/rut_khieu_nai">Rút khiếu nại</a>' in page  # its form's title
    response = client.post(f"/cases/{case.id}/messages/rut_khieu_nai",
                           {"ngay_rut": "2026-03-10", "ly_do_rut": "Đã thống nhất"},
                           page=f"/cases/{case.id}/messages/rut_khieu_nai")
    assert response.status_code == 302
    assert case.open_task_names() == ["quyet_dinh_dinh_chi"]  # a withdrawal ends with a suspension decision
    case.do("quyet_dinh_dinh_chi", "chu_tich", {"ly_do_dinh_chi": "Rút đơn"})  # numbered by the register
    case.do("thong_bao_dinh_chi", "tiep_cong_dan", {"ngay_gui_dinh_chi": "2026-03-12"})
    assert (case.detail()["status"], case.detail()["outcome"]) == ("completed", "da_rut")
    assert "Kết quả: Người gửi đã rút" in client.text(f"/cases/{case.id}")  # the outcome in words, not its code


def test_case_page_shows_the_statutory_deadline_and_each_change_of_it(web, api):
    assert deploy_extension(api, extension_diagram()).status_code == 201
    case = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": "gia_han", "data": {}}).get_json()
    client = web("chu_tich")
    html = client.text(f"/cases/{case['id']}")  # 2/3/2026 + 30 days: to the end of Wed 1/4
    deadline = re.search(r'<div id="case-deadline">(.*?)</div>', html, re.S).group(1)
    assert "Hạn giải quyết" in deadline and "đến hết 01/04/2026" in deadline and "Còn 30 ngày" in deadline
    complete_as_chairman(api, case, "gia_han_giai_quyet", {"so_ngay_gia_han": 15, "ly_do_gia_han": "Vụ việc phức tạp"})
    html = client.text(f"/cases/{case['id']}")
    assert "đến hết 16/04/2026" in re.search(r'<div id="case-deadline">(.*?)</div>', html, re.S).group(1)
    changes = re.search(r'<details class="deadline-history" id="deadline-history">(.*?)</details>', html, re.S).group(1)
    assert "(2)" in changes and "Tính thời hạn: đến hết 01/04/2026" in changes
    assert ("Gia hạn 15 ngày</strong>: đến hết 16/04/2026 (trước đó: đến hết 01/04/2026) · Vụ việc phức tạp · "
            '<span class="person" title="chu_tich">Lê Văn Chủ</span>') in changes


def test_case_search_by_citizen_without_accents_hamlet_number_and_status(web, api):
    Complaint(api)
    other = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "khieu_nai", "data": {
        **INTAKE, "nguoi_khieu_nai": "Lê Thị Hoa", "thon": "Thôn An Hòa Bắc"}})
    assert other.status_code == 201
    client = web("chu_tich")

    def found(query):
        html = client.text(f"/cases?{query}")
        return sorted(set(re.findall(r">(KN-2026-00000\d)</a>", html)))

    assert found("citizen=nguyen+van") == ["KN-2026-000001"]
    assert found("hamlet=an+hoa") == ["KN-2026-000002"]
    assert found("business_key=000002") == ["KN-2026-000002"]
    assert found("status=running&process_model=khieu_nai") == ["KN-2026-000001", "KN-2026-000002"]
    assert found("status=completed") == []
    assert found("created_from=2026-03-03") == []
    assert found("created_from=2026-03-02&created_to=2026-03-02") == ["KN-2026-000001", "KN-2026-000002"]
    assert found("created_from=02/03/2026&created_to=2%2F3%2F2026") == ["KN-2026-000001", "KN-2026-000002"]
    assert 'value="02/03/2026"' in web("chu_tich").text("/cases?created_from=2026-03-02")  # shown as people read it


def test_english_is_a_switch(web):
    client = web("chu_tich")
    client.get("/lang/en?next=/inbox")
    html = client.text("/inbox")
    assert "Inbox" in html and 'lang="en"' in html
    client.get("/lang/vi")
    assert "Hộp việc" in client.text("/inbox")


def test_language_switch_never_redirects_to_another_site(web):
    response = web().get("/lang/en?next=//evil.example/")
    assert response.headers["Location"] == "/"


def test_the_web_inbox_shows_a_capped_count_as_at_least(web, api, monkeypatch):
    import engine.cases.task_lists
    monkeypatch.setattr(engine.cases.task_lists, "COUNT_LIMIT", 1)
    monkeypatch.setattr("engine.cases.inbox.INBOX_LIMIT", 1)
    Complaint(api)
    Complaint(api)
    html = web("tiep_cong_dan").text("/inbox")
    assert '<span class="count">1+</span>' in html
    assert '<span class="count">0</span>' in html  # nothing claimed: exact


def test_claiming_from_the_web_records_no_confidential_read_of_its_own(web, api):
    case = visit(api)  # the first step's instructions name the citizen, a confidential field
    task = case.open_tasks()[0]
    client = web("tiep_cong_dan")

    def task_page_reads():
        events = api.as_("kiem_tra").get(
            f"/api/v1/audit/events?action=confidential_read&instance_id={case.id}").get_json()["items"]
        return [e["data"] for e in events if e["data"]["view"] == "task"]

    client.token(f"/tasks/{task['id']}")  # the person opens the task page: one read, the name shown
    assert task_page_reads() == [{"fields": ["ho_ten"], "view": "task"}]
    response = client.post(f"/tasks/{task['id']}/claim", page=None)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/tasks/{task['id']}")
    assert len(task_page_reads()) == 1  # the claim itself showed nothing
    assert "Nguyễn Thị Hoa" in client.text(f"/tasks/{task['id']}")
    assert len(task_page_reads()) == 2


def test_a_user_changes_their_own_password_and_stays_logged_in(web, api, services, clock):
    create_user(services, username="can_bo_doi_mk", password="mat-khau-tam-thoi", full_name="Cán bộ đổi mật khẩu",
                roles=["van_phong"], unit_code="nghia_ky")
    client = web()
    client.login("can_bo_doi_mk", "mat-khau-tam-thoi")
    page = "/account/password"
    assert 'href="/account/password"' in client.text("/inbox")  # the user's name in the header leads here
    wrong = client.post(page, {"current_password": "sai", "new_password": "mat-khau-rieng-456",
                               "confirm_password": "mat-khau-rieng-456"}, page=page)
    assert wrong.status_code == 422 and 'id="current_password-error"' in wrong.get_data(as_text=True)
    clock.advance(seconds=1)  # a wrong current password is a failed login: its address waits a second
    mismatch = client.post(page, {"current_password": "mat-khau-tam-thoi", "new_password": "mat-khau-rieng-456",
                                  "confirm_password": "mat-khau-khac-789"}, page=page)
    assert mismatch.status_code == 422 and 'id="confirm_password-error"' in mismatch.get_data(as_text=True)
    short = client.post(page, {"current_password": "mat-khau-tam-thoi", "new_password": "ngan",
                               "confirm_password": "ngan"}, page=page)
    assert short.status_code == 422 and 'id="new_password-error"' in short.get_data(as_text=True)
    done = client.post(page, {"current_password": "mat-khau-tam-thoi", "new_password": "mat-khau-rieng-456",
                              "confirm_password": "mat-khau-rieng-456"}, page=page)
    assert done.status_code == 302 and client.get("/inbox").status_code == 200  # still logged in
    again = web()
    assert again.client.post("/login", data={"username": "can_bo_doi_mk", "password": "mat-khau-tam-thoi",
                                             "csrf_token": again.token()}).status_code == 401
    clock.advance(seconds=1)
    again.login("can_bo_doi_mk", "mat-khau-rieng-456")
    events = api.as_("kiem_tra").get("/api/v1/audit/events?action=password_changed").get_json()["items"]
    assert [(e["actor"], e["data"]["username"]) for e in events] == [("can_bo_doi_mk", "can_bo_doi_mk")]
    # a wrong current password counts as a failed login
    client.post(page, {"current_password": "sai", "new_password": "mat-khau-khac-789",
                       "confirm_password": "mat-khau-khac-789"}, page=page)
    held = client.post(page, {"current_password": "mat-khau-rieng-456", "new_password": "mat-khau-khac-789",
                              "confirm_password": "mat-khau-khac-789"}, page=page)
    assert held.status_code == 429 and "Retry-After" in held.headers


def test_staff_read_their_reminders_in_the_menu_and_mark_them_read(web, api, services, clock):
    from datetime import datetime, timezone

    from engine.worker.timers import fire_due_timers
    case = Complaint(api)  # received Mon 2/3/2026: reminded 2 working days before Thu 12/3, from Tue 10/3
    client = web("tiep_cong_dan")
    assert 'id="nav-notifications">Thông báo</a>' in client.text("/inbox")  # nothing unread: no count
    clock.set(datetime(2026, 3, 9, 17, 0, 1, tzinfo=timezone.utc))
    assert fire_due_timers(services) == 1
    assert 'aria-label="1 chưa đọc">1</span>' in client.text("/inbox")
    page = client.text("/notifications")
    assert "Sắp đến hạn thụ lý đơn khiếu nại" in page and case.body["business_key"] in page
    assert 'class="notification unread"' in page
    notification_id = re.search(r'action="/notifications/(\d+)/read"', page).group(1)
    opened = client.post(f"/notifications/{notification_id}/read", {"open": "1"}, page="/notifications")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/cases/{case.id}")
    page = client.text("/notifications")
    assert 'class="notification unread"' not in page and 'aria-label="1 chưa đọc"' not in page
    assert web("chu_tich").post(f"/notifications/{notification_id}/read", {}).status_code == 404  # not theirs
    clock.set(datetime(2026, 3, 12, 17, 0, 1, tzinfo=timezone.utc))  # the deadline passes: the Chairman is told
    fire_due_timers(services)
    chairman = web("chu_tich")
    assert "1 chưa đọc" in chairman.text("/notifications")
    assert chairman.post("/notifications/read-all", {}, page="/notifications").status_code == 302
    assert "0 chưa đọc" in chairman.text("/notifications")


def test_a_page_number_past_any_list_answers_an_empty_page(web):
    """`?page=` beyond what the databases' integers hold (an offset that overflowed was a 500)."""
    for user, path in (("kiem_tra", "/audit?business_key=KN-2026-000001&page="), ("chu_tich", "/cases?page="),
                       ("chu_tich", "/notifications?page=")):
        for page in ("99999999999999999999999", "9223372036854775807", "-5", "x"):
            assert web(user).get(path + page).status_code == 200, (path, page)
