"""The denounced Chairman in a real Chromium: a denunciation of him is opened and passed up to the province,
and nothing of it shows to him anywhere he looks (Law on Denunciations 2018 Arts. 9, 13, 47)."""
import pytest

from tests.api.test_tiep_cong_dan import RECEIVABLE
from tests.api.test_to_cao_conflict import PASSED_UP
from tests.samples import DENUNCIATION_INTAKE, visit

from .browser import answer_the_rest_no, log_in

pytestmark = pytest.mark.browser


def test_the_denounced_chairman_sees_nothing_of_the_denunciation(open_page, api):
    accounts = api.as_("tiep_cong_dan").get("/api/v1/accounts").get_json()["items"]
    chairman = next(a["id"] for a in accounts if a["username"] == "chu_tich")
    opened = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "to_cao", "data": {
        **DENUNCIATION_INTAKE, "nguoi_bi_to_cao": "Ông Lê Văn Chủ", "vi_tri_nguoi_bi_to_cao": "chu_tich_ubnd_xa",
        "tai_khoan_nguoi_bi_to_cao": chairman}}).get_json()
    key = opened["business_key"]
    page = open_page()
    log_in(page, "chu_tich")
    assert key not in page.content()  # the inbox
    page.goto(f"/cases?business_key={key}")
    page.get_by_text("0 hồ sơ").wait_for()
    assert opened["id"] not in page.content()
    page.goto("/notifications")
    assert key not in page.content()
    officer = api.as_("tiep_cong_dan")
    task = opened["tasks"][0] if opened.get("tasks") else officer.get(f"/api/v1/instances/{opened['id']}").get_json()[
        "tasks"][0]
    officer.post(f"/api/v1/tasks/{task['id']}/claim")
    passed = officer.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PASSED_UP})
    assert passed.status_code == 200, passed.get_json()
    assert key in officer.get("/api/v1/register", query_string={"year": 2026}).get_data(as_text=True)
    page.goto("/so-van-ban-di?year=2026")  # the register: the transfer slip's line is not in his book
    page.get_by_role("heading").first.wait_for()
    assert key not in page.content() and opened["id"] not in page.content()
    response = page.goto(f"/cases/{opened['id']}")
    assert response.status == 404
    page.get_by_text("Không tìm thấy hồ sơ.").wait_for()
    assert DENUNCIATION_INTAKE["noi_dung_to_cao"] not in page.content()


def test_the_officer_names_the_denounced_chairman_on_the_visit_record_and_he_never_sees_it(open_page, api):
    """At the reception a crowd denounces the Chairman: the officer picks his account on the record's form; the
    visit goes to the officer's answer, not the Chairman's own reception, and nothing of it shows to him."""
    case = visit(api, so_nguoi=6, nguoi_dai_dien=["Nguyễn Văn Một"])
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    task = case.task("ghi_so_tiep_cong_dan")
    officer = open_page()
    log_in(officer, "tiep_cong_dan")
    officer.goto(f"/tasks/{task['id']}")
    officer.locator("#claim").click()
    officer.get_by_label("Số thứ tự trong sổ").fill("TCD-40")
    officer.get_by_label("Nội dung trình bày").fill("Tố cáo Chủ tịch UBND xã nhận tiền hỗ trợ")
    officer.get_by_label("Loại nội dung").select_option("to_cao")
    officer.get_by_label("Tài khoản của người bị tố cáo").select_option(label="Lê Văn Chủ (chu_tich)")
    answer_the_rest_no(officer)
    officer.locator("#complete").click()
    officer.get_by_text("Đã hoàn thành").wait_for()
    detail = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}").get_json()
    assert [t["name"] for t in detail["tasks"] if t["status"] == "ready"] == ["tra_loi_huong_dan"]
    chairman = open_page()
    log_in(chairman, "chu_tich")
    assert case.body["business_key"] not in chairman.content()
    assert chairman.goto(f"/cases/{case.id}").status == 404
