"""A denunciation of the commune Chairman on the web pages (Law on Denunciations 2018 Arts. 9, 13, 47): the
reception officer picks the denounced person's account on the intake form, and the Chairman named finds
nothing of the case on any page (inbox, search, the case, its audit page, history and diagram downloads,
notifications), while the province, which handles it once passed up, does. The API's side is in
`tests/api/test_to_cao_conflict.py`."""
import re

from tests.api.cases import Case
from tests.api.test_thanh_tra_nhan_dan import BOARD_ON_THE_COMMITTEE
from tests.samples import DENUNCIATION_INTAKE, INSPECTION_APPROVED, INSPECTION_PLAN, Complaint

PASSED_UP = {"so_vao_so_xa": "TC-21", "da_thong_bao_chuyen_len_tinh": True,
             "ngay_thong_bao_chuyen_len_tinh": "2026-03-02"}


def chairman_id(api) -> int:
    items = api.as_("tiep_cong_dan").get("/api/v1/accounts").get_json()["items"]
    return next(a["id"] for a in items if a["username"] == "chu_tich")


def opened_on_the_form(web, api) -> tuple[str, str]:
    """The intake form filled in by the reception officer, the Chairman's account picked: (id, case number)."""
    fields = {k: ("true" if v else "false") if isinstance(v, bool) else v for k, v in DENUNCIATION_INTAKE.items()}
    response = web("tiep_cong_dan").post("/cases/new/to_cao", {
        **fields, "nguoi_bi_to_cao": "Ông Lê Văn Chủ", "vi_tri_nguoi_bi_to_cao": "chu_tich_ubnd_xa",
        "tai_khoan_nguoi_bi_to_cao": str(chairman_id(api))}, page="/cases/new/to_cao")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    instance_id = response.headers["Location"].rsplit("/", 1)[-1]
    detail = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{instance_id}").get_json()
    return instance_id, detail["business_key"]


def test_the_intake_form_offers_the_communes_accounts_to_pick_the_denounced_person(web, api):
    html = web("tiep_cong_dan").text("/cases/new/to_cao")
    picker = re.search(r'<select id="f-tai_khoan_nguoi_bi_to_cao".*?</select>', html, re.S).group(0)
    assert f'<option value="{chairman_id(api)}"' in picker and "Lê Văn Chủ (chu_tich)" in picker
    assert "Trương Văn Bình" not in picker  # another commune's Chairman


def test_the_denounced_chairman_finds_nothing_of_the_case_on_any_page(web, api):
    instance_id, key = opened_on_the_form(web, api)
    detail = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{instance_id}").get_json()
    assert detail["data"]["tai_khoan_nguoi_bi_to_cao"] == chairman_id(api)
    assert [t["name"] for t in detail["tasks"]] == ["chuyen_len_cap_tinh"]
    chairman = web("chu_tich")
    for page in ("/inbox", "/cases", "/notifications"):
        assert key not in chairman.text(page) and instance_id not in chairman.text(page), page
    searched = chairman.text(f"/cases?business_key={key}")
    assert instance_id not in searched and "0 hồ sơ" in searched
    for page in (f"/cases/{instance_id}", f"/cases/{instance_id}/audit", f"/cases/{instance_id}/history.csv",
                 f"/cases/{instance_id}/diagram.xml", f"/tasks/{detail['tasks'][0]['id']}"):
        assert chairman.get(page).status_code == 404, page


def test_once_passed_up_the_province_finds_the_case_and_the_commune_no_longer_does(web, api):
    instance_id, key = opened_on_the_form(web, api)
    task = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{instance_id}").get_json()["tasks"][0]
    officer = web("tiep_cong_dan")
    assert officer.post(f"/tasks/{task['id']}/claim", page=f"/tasks/{task['id']}").status_code == 302
    submitted = officer.post(f"/tasks/{task['id']}/submit", {
        **{k: v for k, v in PASSED_UP.items() if not isinstance(v, bool)}, "da_thong_bao_chuyen_len_tinh": "on"},
        page=f"/tasks/{task['id']}")
    assert submitted.status_code == 302, submitted.get_data(as_text=True)[:2000]
    assert key in web("chu_tich.tinh").text(f"/cases?business_key={key}")
    assert "Vào sổ, kiểm tra điều kiện thụ lý" in web("tiep_cong_dan.tinh").text("/inbox")
    assert key not in officer.text("/cases")
    assert officer.get(f"/cases/{instance_id}").status_code == 404


def test_the_cancel_button_shows_only_to_who_may_cancel(web, api):
    """A province's Chairman sees a commune's case but does not act on it: no cancel button, and the cancel
    itself is refused; the commune's Chairman has the button; a message the province may not send is not
    offered either."""
    case = Complaint(api)
    province = web("chu_tich.tinh").text(f"/cases/{case.id}")
    assert case.body["business_key"] in province and "Hủy hồ sơ" not in province
    response = api.as_("chu_tich.tinh").post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "thử"})
    assert response.status_code == 403
    assert 'class="danger"' in web("chu_tich").text(f"/cases/{case.id}")
    assert "Hủy hồ sơ" not in web("tiep_cong_dan").text(f"/cases/{case.id}")  # not in cancelRoles
    messages = api.as_("chu_tich.tinh").get(f"/api/v1/instances/{case.id}").get_json()["messages"]
    assert messages and not any(m["allowed"] for m in messages)


def test_the_register_page_and_its_export_hold_no_line_of_the_case_for_the_denounced_chairman(web, api):
    """The transfer slip is numbered in the commune's book; the officer reads its line, the Chairman it is
    about does not (the line names the case and that it went to the provincial Chairman)."""
    instance_id, key = opened_on_the_form(web, api)
    task = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{instance_id}").get_json()["tasks"][0]
    api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/claim")
    completed = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PASSED_UP})
    assert completed.status_code == 200, completed.get_json()
    assert key in web("tiep_cong_dan").text("/so-van-ban-di?year=2026")
    chairman = web("chu_tich")
    for page in ("/so-van-ban-di?year=2026", "/so-van-ban-di.csv?year=2026", "/reviews/long-running",
                 "/reviews/long-running.csv"):
        response = chairman.get(page)
        assert response.status_code == 200, page
        assert key not in response.get_data(as_text=True) and instance_id not in response.get_data(as_text=True), page


def test_the_public_portal_shows_nothing_of_the_denunciation_to_anyone(web, api):
    """The portal has no sign-in: what it shows anyone, the denounced included, is its board and its
    consultations, which list only processes marked public; a denunciation is not (Law on Denunciations Art. 9),
    and its case number with a made-up secret is a tracking code like any unknown one."""
    instance_id, key = opened_on_the_form(web, api)
    visitor = web()
    for page in ("/cong-dan/cong-khai", "/cong-dan/lay-y-kien"):
        response = visitor.get(page)
        assert response.status_code == 200, page
        assert key not in response.get_data(as_text=True) and instance_id not in response.get_data(as_text=True)
    assert visitor.get(f"/cong-dan/lay-y-kien/{key}").status_code == 404  # no consultation of that number
    tracked = visitor.get("/cong-dan/tra-cuu", query_string={"ma": f"{key}-000000"})
    assert key not in tracked.get_data(as_text=True).replace(f"{key}-000000", "")


def test_the_boards_case_page_offers_the_send_back_to_the_front_not_to_the_inspected_chairman(web, api):
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", BOARD_ON_THE_COMMITTEE)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    assert 'id="send-back"' in web("mat_tran").text(f"/cases/{case.id}")
    assert 'id="send-back"' not in web("chu_tich").text(f"/cases/{case.id}")
