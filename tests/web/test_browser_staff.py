"""What officers and the Chairman click, in Chromium: a decision taken with the earlier steps in view, the
next task after a step, the overview, the search, an assignment, a case sent back."""
import pytest

from tests.samples import PROPOSAL, Complaint

from .browser import answer, answer_the_rest_no, log_in, screenshot

pytestmark = pytest.mark.browser


def test_at_phone_width_the_chairman_decides_with_the_proposal_in_view_then_reaches_the_inbox(open_page, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "ghi_chu": "Đơn đủ điều kiện, đề nghị thụ lý"})
    chairman = open_page(phone=True)
    log_in(chairman, "chu_tich")
    chairman.goto(f"/tasks/{case.task('quyet_dinh_thu_ly')['id']}")
    earlier = chairman.locator("#earlier-steps")
    proposal = earlier.locator("details", has_text="Kiểm tra điều kiện và đề xuất thụ lý")
    assert proposal.get_attribute("open") is not None  # the step just before is open, older ones folded
    assert "Thụ lý giải quyết" in proposal.inner_text() and "Đơn đủ điều kiện" in proposal.inner_text()
    assert "thu_ly" not in proposal.inner_text()
    assert "10/02/2026" in proposal.inner_text() and "2026-02-10" not in proposal.inner_text()  # days as people write
    width = chairman.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing wider than the phone
    screenshot(chairman, "staff-task-earlier-steps")
    chairman.locator("#claim").click()
    chairman.get_by_label("Thụ lý giải quyết").check()
    chairman.get_by_label("Cán bộ được giao xác minh").fill("Huỳnh Văn Minh")
    chairman.get_by_label("Ngày thụ lý").fill("2026-03-05")
    chairman.locator("#complete").click()
    chairman.wait_for_url("**/inbox")  # the notice is the officer's: nothing more of the Chairman's to do
    chairman.get_by_text("Đã hoàn thành: Quyết định thụ lý.").wait_for()

    officer = open_page(phone=True)
    log_in(officer, "tiep_cong_dan")
    notice = case.task("thong_bao_thu_ly")
    officer.goto(f"/tasks/{notice['id']}")
    officer.locator("#claim").click()
    other = Complaint(api)
    officer.goto(f"/tasks/{other.task('de_xuat_thu_ly')['id']}")
    officer.locator("#claim").click()
    officer.get_by_label("Ngày nhận được hoặc biết được quyết định, hành vi").fill("2026-02-10")
    officer.get_by_label("Trở ngại khách quan").select_option("khong_co")
    answer(officer, "Thuộc thẩm quyền của Chủ tịch UBND xã", True)
    answer_the_rest_no(officer)
    officer.get_by_label("Thụ lý giải quyết").check()
    officer.locator("#complete").click()
    officer.wait_for_url(f"**/tasks/{notice['id']}")  # the task they hold comes next, not the case
    officer.get_by_text("Công việc tiếp theo của bạn: Gửi thông báo thụ lý").wait_for()


def test_the_chairman_reads_the_overview_and_opens_the_overdue_cases_of_a_process(open_page, api, clock):
    from tests.samples import visit

    late = visit(api, thon="Thôn Kỳ Thọ Bắc")
    Complaint(api)
    Complaint(api, thon="Thôn Kỳ Thọ Nam")
    clock.advance(days=5)
    page = open_page()
    log_in(page, "chu_tich")
    page.get_by_role("link", name="Tổng quan").click()
    page.wait_for_url("**/overview")
    assert page.locator("#total-overdue").inner_text() == "1"
    assert page.locator("#total-running").inner_text() == "3"
    assert page.locator("figure.chart svg rect.bar-overdue").count() == 2
    assert page.locator("#by-sector tr", has_text="Khác").locator("td").last.inner_text() == "2"
    screenshot(page, "staff-overview")
    page.locator("#by-process tr", has_text="Tiếp công dân").locator("td").first.get_by_role("link").click()
    page.wait_for_url("**/cases?*due=overdue*")
    assert page.get_by_role("link", name=late.body["business_key"]).count() == 1
    assert page.locator("table.list tbody tr").count() == 1
    assert page.get_by_label("Hạn").input_value() == "overdue"


def test_the_chairman_sends_a_wrong_decision_back_and_redoes_it(open_page, api):
    from tests.samples import DECISION

    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.do("ra_quyet_dinh", "chu_tich", DECISION)
    page = open_page()
    log_in(page, "chu_tich")
    page.goto(f"/cases/{case.id}")
    section = page.locator("#send-back")
    assert section.get_by_role("radio", name="Quyết định thụ lý").is_enabled()  # in the stage the case left
    section.get_by_role("radio", name="Ra quyết định giải quyết khiếu nại").check()
    section.get_by_label("Lý do trả về").fill("Quyết định ghi sai diện tích đất")
    screenshot(page, "staff-send-back")
    page.locator("#send-back-submit").click()
    page.get_by_text("Đã trả hồ sơ về bước trước").wait_for()
    assert "Ra quyết định giải quyết khiếu nại" in page.locator("#now-h + ul").inner_text()
    assert "Lý do: Quyết định ghi sai diện tích đất" in page.locator(".timeline").inner_text()
    page.locator("#now-h + ul").get_by_role("link", name="Ra quyết định giải quyết khiếu nại").click()
    page.wait_for_url("**/tasks/*")  # the whole new page, not the part parsed so far
    assert "02/QĐ-UBND" in page.locator("#earlier-steps").inner_text()  # its first pass, to correct
    page.locator("#claim").click()
    page.locator("#prefilled").wait_for()  # the form opens with its first pass's values, to correct
    assert page.get_by_label("Số quyết định").count() == 0  # the register numbers the decision again
    assert page.get_by_label("Người bị khiếu nại").input_value() == DECISION["nguoi_bi_khieu_nai"]
    assert page.get_by_label("Khiếu nại đúng một phần").is_checked()
    assert page.get_by_label("Xử lý quyết định, hành vi bị khiếu nại").input_value() == "sua_doi_bo_sung"
    screenshot(page, "staff-redo-prefilled")
    page.get_by_label("Giải quyết các vấn đề cụ thể").fill("Sửa đổi một phần quyết định số 12, diện tích đúng")
    page.locator("#complete").click()
    page.get_by_text("Đã hoàn thành: Ra quyết định giải quyết khiếu nại.").wait_for()
    page.goto(f"/cases/{case.id}/audit")
    page.locator("#diagram[data-ready=true]").wait_for()
    assert "danchu-done" in page.locator('g.djs-element[data-element-id="ra_quyet_dinh"]').get_attribute("class")


def test_the_chairman_finds_cases_by_tracking_code_and_by_a_denouncers_name(open_page, api, services):
    from engine.portal.public import start_public_case
    from tests.api.cases import Case as AnyCase
    from tests.samples import DENUNCIATION_INTAKE, LETTER_INTAKE

    sent = start_public_case(services, "xu_ly_don", "nghia_ky", LETTER_INTAKE)
    denunciation = AnyCase(api, "to_cao", "tiep_cong_dan", DENUNCIATION_INTAKE)
    page = open_page()
    log_in(page, "chu_tich")
    page.get_by_role("link", name="Tra cứu hồ sơ").click()
    page.get_by_label("Số hồ sơ").fill(sent["tracking_code"])
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name=sent["business_key"]).wait_for()
    page.get_by_label("Số hồ sơ").fill("")
    page.get_by_label("Người dân").fill("pham thi cuc")
    page.get_by_role("button", name="Tìm").click()
    row = page.locator("table.list tbody tr", has_text=denunciation.body["business_key"])
    row.wait_for()
    assert "Phạm Thị Cúc" in row.inner_text() and "bảo mật" in row.inner_text()
    screenshot(page, "staff-search-confidential")


def test_the_chairman_assigns_the_verification_to_a_verifier_who_finds_it_in_their_inbox(open_page, api):
    from tests.deploys import ASSIGNMENT, deploy_assignment

    deploy_assignment(api)
    case = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": ASSIGNMENT, "data": {}}).get_json()
    chairman = open_page(phone=True)
    log_in(chairman, "chu_tich")
    chairman.goto(f"/tasks/{case['tasks'][0]['id']}")
    chairman.locator("#claim").click()
    chairman.get_by_text("Bạn đã nhận công việc này.").wait_for()
    picker = chairman.locator("#f-can_bo_xu_ly")
    options = picker.locator("option").all_inner_texts()
    assert options[1:] == ["Huỳnh Văn Minh (can_bo_xac_minh)"]  # only the holders of the verification's role
    picker.select_option(label="Huỳnh Văn Minh (can_bo_xac_minh)")
    screenshot(chairman, "staff-task-assign")
    chairman.locator("#complete").click()
    chairman.wait_for_url("**/inbox")
    verifier = open_page()
    log_in(verifier, "can_bo_xac_minh")
    verifier.locator("#nav-notifications .badge-count").wait_for()
    mine = verifier.locator("section", has_text="Việc tôi đang làm")
    assert "Xác minh" in mine.inner_text()
