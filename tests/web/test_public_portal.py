"""The public portal, without login: submitting, tracking codes that cannot be guessed, the disclosure board
that shows only public, non-confidential fields, and comments during a consultation."""
import re
import threading

import pytest

from engine.cases.lifecycle import case_history
from engine.core.principal import Principal
from engine.portal.public import start_public_case
from tests.samples import LETTER_INTAKE, PORTAL_LETTER

from .public_diagram import deploy_public_diagram


@pytest.fixture
def portal(services, web):
    deploy_public_diagram(services)
    return web()


def submit(portal, data=PORTAL_LETTER, commune="nghia_ky", address="127.0.0.1"):
    page = "/cong-dan/gui/thu_nghiem_cong_dan"
    return portal.post(page, {**data, "commune": commune}, page=page, environ_base={"REMOTE_ADDR": address})


def test_portal_lists_only_processes_open_to_the_public(portal):
    html = portal.text("/cong-dan/")
    assert "Thử nghiệm cổng công dân" in html and "Giải quyết khiếu nại lần đầu" not in html
    assert portal.get("/cong-dan/gui/khieu_nai").status_code == 404


def test_citizen_submits_a_letter_and_gets_a_tracking_code_once(portal, services):
    response = submit(portal)
    assert response.status_code == 302
    html = portal.text("/cong-dan/da-gui")
    code = re.search(r'id="tracking-code">([^<]+)<', html).group(1)
    assert re.fullmatch(r"TCD-2026-000001-[2-9A-HJ-NP-Z]{10}", code)
    assert portal.get("/cong-dan/da-gui").status_code == 302  # shown once
    history = case_history(services, Principal("kiem_tra", frozenset({"kiem_tra"})),
                               _case_id(services, "TCD-2026-000001"))
    assert history[0]["actor"] == "cong_thong_tin" and history[0]["action"] == "started"


def test_one_address_sending_too_many_letters_and_comments_is_throttled(portal, services, clock):
    """30 a hour from one address (a mobile carrier's shared address carries many citizens); refused ones
    are not counted, and another address is not held back."""
    for _ in range(29):
        start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER, "203.0.113.7")
    assert submit(portal, {**PORTAL_LETTER, "tieu_de": ""}, address="203.0.113.7").status_code == 422  # not counted
    assert submit(portal, address="203.0.113.7").status_code == 302  # the 30th
    refused = submit(portal, address="203.0.113.7")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) == 3600
    assert "Đã gửi quá nhiều lần từ địa chỉ này; hãy thử lại sau." in refused.get_data(as_text=True)
    consultation = start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER)["business_key"]
    page = f"/cong-dan/lay-y-kien/{consultation}"
    comment = portal.post(page, {"y_kien": "Đồng ý"}, page=page, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert comment.status_code == 429  # comments count with letters
    assert submit(portal, address="203.0.113.8").status_code == 302
    clock.advance(minutes=61)
    assert submit(portal, address="203.0.113.7").status_code == 302


def test_letters_sent_at_the_same_instant_are_counted_in_turn(portal, services, web):
    """Two submissions checked at the same instant had both passed the limit (PostgreSQL): each now counts
    under a lock of its address, so of ten racing for the last two places, two get in."""
    for _ in range(28):
        start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER, "203.0.113.9")
    page = "/cong-dan/gui/thu_nghiem_cong_dan"
    clients = [web() for _ in range(10)]
    tokens = [client.token(page) for client in clients]
    barrier, statuses = threading.Barrier(len(clients)), [None] * len(clients)

    def send(index):
        barrier.wait()
        statuses[index] = clients[index].client.post(page, data={**PORTAL_LETTER, "commune": "nghia_ky",
                                                                 "csrf_token": tokens[index]},
                                                     environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 302] + [429] * 8


def test_submission_without_a_commune_or_a_required_field_is_refused_by_field(portal):
    response = submit(portal, PORTAL_LETTER, commune="xa_khong_co")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#commune"' in html
    response = submit(portal, {**PORTAL_LETTER, "tieu_de": ""})
    assert response.status_code == 422 and 'id="f-tieu_de-error"' in response.get_data(as_text=True)


def test_tracking_shows_status_and_step_but_no_personal_data(portal, services):
    code = start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER)["tracking_code"]
    response = portal.get(f"/cong-dan/tra-cuu?ma={code.lower()}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Đang xử lý" in html
    # the diagram's statutory date, by its name: opened Mon 2/3/2026 + 60 days = Fri 1/5, a holiday (as are
    # 30/4 and the weekend after it), so the period ends with Mon 4/5
    assert '<div id="track-deadline"><dt>Hạn trả lời kiến nghị</dt><dd>đến hết 04/05/2026</dd></div>' in html
    for personal in ("Trần Thị Bình", "0905111222", "Đề nghị sửa đường."):
        assert personal not in html


def test_tracking_shows_the_date_the_commune_must_answer_by(portal, services):
    code = start_public_case(services, "xu_ly_don", "nghia_ky", LETTER_INTAKE)["tracking_code"]
    html = portal.text(f"/cong-dan/tra-cuu?ma={code}")
    # received Mon 2/3/2026, handled within 10 days (the letter's steps): to the end of Thu 12/3
    assert '<div id="track-deadline"><dt>Hạn xử lý</dt><dd>đến hết 12/03/2026</dd></div>' in html


def test_a_case_number_with_a_wrong_secret_is_not_found(portal, services):
    code = start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER)["tracking_code"]
    key, secret = code.rsplit("-", 1)
    for guess in (key, f"{key}-{'2' * 10}", f"{key}-{secret[:-1]}", "KN-2026-000001-ABCDEFGHJK"):
        response = portal.get(f"/cong-dan/tra-cuu?ma={guess}")
        assert response.status_code == 404
        assert "Không tìm thấy hồ sơ với mã này." in response.get_data(as_text=True)


def test_board_shows_public_fields_but_never_confidential_ones(portal, services):
    start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER)
    html = portal.text("/cong-dan/cong-khai")
    assert "Đường thôn xuống cấp" in html and "Đề nghị sửa đường." in html
    assert "Trần Thị Bình" not in html  # listed in publicFields, but x-confidential
    assert "0905111222" not in html and "Đất đai" not in html  # not listed


def test_citizens_comment_while_the_consultation_is_open(portal, services):
    start_public_case(services, "thu_nghiem_cong_dan", "nghia_ky", PORTAL_LETTER)
    assert "TCD-2026-000001" in portal.text("/cong-dan/lay-y-kien")
    page = "/cong-dan/lay-y-kien/TCD-2026-000001"
    for comment in ("Đồng ý sửa", "Nên làm trước mùa mưa"):
        assert portal.post(page, {"y_kien": comment}, page=page).status_code == 302
    refused = portal.post(page, {"y_kien": ""}, page=page)
    assert refused.status_code == 422 and 'id="f-y_kien-error"' in refused.get_data(as_text=True)
    history = case_history(services, Principal("kiem_tra", frozenset({"kiem_tra"})),
                               _case_id(services, "TCD-2026-000001"))
    messages = [e for e in history if e["action"] == "message"]
    assert [m["data"]["data"]["y_kien"] for m in messages] == ["Đồng ý sửa", "Nên làm trước mùa mưa"]
    assert {m["actor"] for m in messages} == {"cong_thong_tin"}


def test_unknown_consultation_is_not_found(portal):
    assert portal.get("/cong-dan/lay-y-kien/KN-2026-000001").status_code == 404


def _case_id(services, business_key):
    from engine.cases.index import search_cases
    items, _ = search_cases(services, Principal("kiem_tra", frozenset({"kiem_tra"})), business_key=business_key)
    return items[0]["id"]


def test_every_problem_of_a_letter_is_listed_at_the_top_with_its_limit_in_the_readers_language(web):
    """The engine fills its messages in Vietnamese; an English reader reads them, limits included."""
    portal = web()
    page = "/cong-dan/gui/xu_ly_don"
    response = portal.post(page, {"commune": "nghia_ky", "nguoi_gui": "A" * 201}, page=page)
    html = response.get_data(as_text=True)
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert response.status_code == 422
    assert 'href="#f-nguoi_gui"' in summary and "Dài quá: tối đa 200 ký tự." in summary
    assert 'href="#f-noi_dung_don"' in summary and "Bắt buộc: hãy điền thông tin này." in summary
    assert "Còn 2 chỗ cần sửa:" in summary
    portal.get("/lang/en")
    html = portal.post(page, {"commune": "nghia_ky", "nguoi_gui": "A" * 201}, page=page).get_data(as_text=True)
    assert "Too long: at most 200 characters." in html and "2 problems to fix:" in html


def test_a_citizens_letter_cannot_name_an_account_to_hide_it_from_the_chairman(web, api, services):
    """The staff intake names the denounced person's account (the letter is then hidden from them); the portal
    neither offers the picker nor takes a value for it: a citizen could otherwise hide a letter from anyone."""
    portal = web()
    assert 'name="tai_khoan_nguoi_bi_to_cao"' not in portal.text("/cong-dan/gui/xu_ly_don")
    chairman = next(a["id"] for a in api.as_("tiep_cong_dan").get("/api/v1/accounts").get_json()["items"]
                    if a["username"] == "chu_tich")
    start_public_case(services, "xu_ly_don", "nghia_ky", {**LETTER_INTAKE, "tai_khoan_nguoi_bi_to_cao": chairman})
    letters = api.as_("chu_tich").get("/api/v1/instances", query_string={"process_model": "xu_ly_don"}).get_json()
    assert letters["total"] == 1
    assert api.as_("chu_tich").get(f"/api/v1/instances/{letters['items'][0]['id']}").get_json()["data"][
        "tai_khoan_nguoi_bi_to_cao"] is None
