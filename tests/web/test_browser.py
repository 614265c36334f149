"""What people click, in a real Chromium: the four journeys of the issue. Few and fast; the details of each
page are specified by the HTTP tests beside this file."""
from pathlib import Path

import pytest

from engine.processes.catalogue import get_process_model
from tests.samples import Complaint

from .browser import answer, answer_the_rest_no, log_in, screenshot
from .public_diagram import deploy_public_diagram

pytestmark = pytest.mark.browser
KHIEU_NAI = Path(__file__).resolve().parents[2] / "bpmn" / "khieu_nai.bpmn"


def test_reception_officer_opens_a_complaint_and_the_chairman_accepts_it(open_page):
    reception = open_page()
    reception.goto("/login")
    screenshot(reception, "staff-login")
    log_in(reception, "tiep_cong_dan")
    reception.get_by_role("link", name="Mở hồ sơ").first.click()
    reception.get_by_role("link", name="Giải quyết khiếu nại lần đầu").click()
    reception.get_by_label("Họ và tên người khiếu nại").fill("Nguyễn Văn An")
    reception.get_by_label("Địa chỉ").fill("Thôn Phú Sơn, xã Nghĩa Kỳ")
    reception.get_by_label("Thôn, tổ dân phố").fill("Thôn Phú Sơn")
    reception.get_by_label("Ngày nhận đơn").fill("2026-03-02")
    reception.get_by_label("Nội dung khiếu nại").fill("Khiếu nại quyết định thu hồi đất")
    reception.get_by_label("Quyết định, hành vi bị khiếu nại").fill("Quyết định số 12/QĐ-UBND")
    reception.get_by_label("Hình thức tiếp nhận").select_option("truc_tiep")
    answer_the_rest_no(reception)  # a yes/no (remote area) is answered, never assumed
    screenshot(reception, "staff-open-case")
    reception.locator("#open-case").click()
    reception.get_by_text("Đã mở hồ sơ KN-2026-000001.").wait_for()
    reception.get_by_role("link", name="Kiểm tra điều kiện và đề xuất thụ lý").click()
    reception.locator("#claim").click()
    reception.get_by_label("Ngày nhận được hoặc biết được quyết định, hành vi").fill("2026-02-10")
    reception.get_by_label("Trở ngại khách quan").select_option("khong_co")
    screenshot(reception, "staff-complaint-checks")
    answer(reception, "Thuộc thẩm quyền của Chủ tịch UBND xã", True)
    answer_the_rest_no(reception)
    reception.get_by_label("Thụ lý giải quyết").check()
    reception.locator("#complete").click()
    reception.get_by_text("Đã hoàn thành").wait_for()
    reception.wait_for_url("**/inbox")  # the next step is the Chairman's: back to the inbox
    reception.goto("/cases?business_key=KN-2026-000001")
    reception.get_by_role("link", name="KN-2026-000001").click()
    screenshot(reception, "staff-case")
    reception.goto("/cases?citizen=nguyen+van+an")
    assert reception.get_by_role("link", name="KN-2026-000001").count() == 1
    screenshot(reception, "staff-search")

    chairman = open_page()
    log_in(chairman, "chu_tich")
    row = chairman.locator("tr", has_text="KN-2026-000001")
    assert "Nguyễn Văn An" in row.inner_text()
    assert "Còn 10 ngày" in row.inner_text()
    screenshot(chairman, "staff-inbox")
    row.get_by_role("link", name="Quyết định thụ lý").click()
    chairman.locator("#claim").click()
    chairman.get_by_label("Thụ lý giải quyết").check()
    chairman.get_by_label("Cán bộ được giao xác minh").fill("Huỳnh Văn Minh")
    chairman.locator("#complete").click()  # no acceptance date: the server says so next to the field
    error = chairman.locator("#f-ngay_thu_ly-error")
    assert error.inner_text() == "Bắt buộc: hãy điền thông tin này."
    assert chairman.get_by_label("Ngày thụ lý").get_attribute("aria-invalid") == "true"
    screenshot(chairman, "staff-task-with-errors")
    chairman.get_by_label("Ngày thụ lý").fill("2026-03-05")
    chairman.locator("#complete").click()
    chairman.get_by_text("Đã hoàn thành: Quyết định thụ lý.").wait_for()
    chairman.goto("/cases?business_key=KN-2026-000001")
    chairman.get_by_role("link", name="KN-2026-000001").click()
    chairman.wait_for_url("**/cases/*")
    assert "Gửi thông báo thụ lý" in chairman.locator("#now-h + ul").inner_text()


def test_administrator_renames_a_task_in_the_modeler_and_deploys_version_two(open_page, services, tmp_path):
    page = open_page()
    log_in(page, "quan_tri.tinh")  # the province deploys (shared by every commune)
    page.goto("/admin/processes/khieu_nai")
    page.get_by_role("link", name="Mở trong trình vẽ").click()
    page.locator("#diagram[data-ready=true]").wait_for()
    page.get_by_label("Chọn phần tử").select_option("de_xuat_thu_ly")
    page.get_by_label("Tên hiển thị").fill("Kiểm tra điều kiện thụ lý")
    page.get_by_label("Tên hiển thị").press("Enter")
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    page.get_by_text("Sơ đồ hợp lệ: có thể triển khai.").wait_for()
    page.get_by_role("button", name="Triển khai").click()  # asks first: what changes, which cases stay behind
    page.locator("#deploy-dialog #diff-changed").get_by_text("Kiểm tra điều kiện thụ lý").wait_for()
    page.get_by_role("button", name="Xác nhận triển khai").click()
    page.get_by_text("Đã triển khai phiên bản 2.").wait_for()
    screenshot(page, "admin-modeler")
    model = get_process_model(services, "khieu_nai")
    assert model["latest_version"] == 2

    broken = KHIEU_NAI.read_text(encoding="utf-8").replace(
        "<bpmn:flowNodeRef>de_xuat_thu_ly</bpmn:flowNodeRef>", "")
    (tmp_path / "broken.bpmn").write_text(broken, encoding="utf-8")
    page.locator("#file-open").set_input_files(str(tmp_path / "broken.bpmn"))
    page.locator("#element-select option[value=de_xuat_thu_ly]").wait_for(state="attached")
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    page.get_by_text("Có 1 lỗi").wait_for()
    marked = page.locator('g.djs-element[data-element-id="de_xuat_thu_ly"]')
    assert "danchu-error" in marked.get_attribute("class")
    assert page.locator(".danchu-problem-badge").count() == 1
    assert "làn" in page.locator("#problems").inner_text()
    screenshot(page, "admin-modeler-problems")

    page.goto("/admin/processes/khieu_nai/compare?old=1&new=2")
    renamed = page.locator(".diff-renamed").inner_text()
    assert "Kiểm tra điều kiện và đề xuất thụ lý" in renamed and "Kiểm tra điều kiện thụ lý" in renamed
    screenshot(page, "admin-compare")
    page.goto("/admin/users")
    screenshot(page, "admin-users")


def test_auditor_sees_the_path_taken_and_the_current_step(open_page, api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})  # verified: the gateway's other branch
    case.do("xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Đúng như yêu cầu",
                                             "bao_cao_xac_minh_so": "06/BC", "ket_qua_khac_yeu_cau": False})
    page = open_page()
    log_in(page, "kiem_tra")
    page.goto(f"/cases/{case.id}/audit")
    page.locator("#diagram[data-ready=true]").wait_for()

    def classes(element_id):
        return page.locator(f'g.djs-element[data-element-id="{element_id}"]').get_attribute("class")

    for done in ("bat_dau", "de_xuat_thu_ly", "quyet_dinh_thu_ly", "gw_thu_ly", "thong_bao_thu_ly",
                 "gw_kiem_tra_lai", "f_gq_can_xac_minh", "xac_minh", "gw_gop_ra_quyet_dinh"):
        assert "danchu-done" in classes(done), done
    assert "danchu-current" in classes("ra_quyet_dinh")
    assert "danchu-done" not in classes("thong_bao_khong_thu_ly")
    # both ends of the gateway's direct flow to the decision were passed, but it was not taken
    assert "danchu-done" not in classes("f_gq_khieu_nai_dung")
    lane = page.locator('g.djs-element[data-element-id="lane_tiep_cong_dan"]').text_content()
    assert "Cán bộ tiếp công dân" in lane and "tiep_cong_dan" not in lane  # a lane reads as its role's title
    steps = page.locator(".audit-step.action-completed")
    assert steps.count() == 5
    assert "chu_tich" in steps.nth(1).inner_text() and "Huỳnh Văn Minh" in steps.nth(1).inner_text()
    screenshot(page, "auditor-case")
    page.goto("/audit?business_key=" + case.body["business_key"])
    page.locator(".chain-ok").wait_for()
    screenshot(page, "auditor-log")


def test_a_reminder_shows_in_the_menu_and_leads_to_its_case(open_page, api, services, clock):
    from datetime import datetime, timezone

    from engine.worker.timers import fire_due_timers
    case = Complaint(api)  # received Mon 2/3/2026: the reception officer is reminded from Tue 10/3
    clock.set(datetime(2026, 3, 9, 17, 0, 1, tzinfo=timezone.utc))
    assert fire_due_timers(services) == 1
    page = open_page()
    log_in(page, "tiep_cong_dan")
    page.locator("#nav-notifications .badge-count").get_by_text("1").wait_for()
    page.locator("#nav-notifications").click()
    page.get_by_text("Sắp đến hạn thụ lý đơn khiếu nại").wait_for()
    screenshot(page, "staff-notifications")
    page.get_by_role("button", name="Xem hồ sơ").click()  # view it: "Mở hồ sơ" is opening a new one
    page.wait_for_url(f"**/cases/{case.id}")
    assert page.locator("#nav-notifications .badge-count").count() == 0  # read once opened


def test_administrator_records_a_day_off_in_the_calendar(open_page):
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto("/admin/calendar?year=2026")
    page.locator("#day").fill("2026-06-05")
    page.get_by_label("Tên quyết định").fill("Nghỉ theo Thông báo 01/TB-VPCP")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Nghỉ theo Thông báo 01/TB-VPCP").first.wait_for()
    screenshot(page, "admin-calendar")


def test_citizen_submits_a_letter_and_tracks_it_on_a_phone(open_page, services):
    deploy_public_diagram(services)
    page = open_page(phone=True)
    page.goto("/cong-dan/")
    screenshot(page, "public-home")
    page.get_by_role("link", name="Thử nghiệm cổng công dân").click()
    page.get_by_label("Gửi đến UBND xã").select_option("nghia_ky")
    page.get_by_label("Họ và tên người gửi").fill("Trần Thị Bình")
    page.get_by_label("Tiêu đề").fill("Đường thôn xuống cấp")
    page.get_by_label("Nội dung").fill("Đề nghị sửa đường bê tông thôn Phú Sơn.")
    screenshot(page, "public-submit")
    page.locator("#send").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert code.startswith("TCD-2026-000001-") and len(code) == len("TCD-2026-000001-") + 10
    screenshot(page, "public-submitted")
    page.get_by_role("link", name="Theo dõi hồ sơ").click()
    assert "Đang xử lý" in page.locator("#track-status").inner_text()
    assert "Trần Thị Bình" not in page.content()
    screenshot(page, "public-track")
    page.goto("/cong-dan/cong-khai")
    assert "Đường thôn xuống cấp" in page.content() and "Trần Thị Bình" not in page.content()
    screenshot(page, "public-board")
    page.goto("/cong-dan/lay-y-kien/TCD-2026-000001")
    page.get_by_label("Ý kiến của bạn").fill("Nên làm trước mùa mưa.")
    page.locator("#send-comment").click()
    page.get_by_text("Cảm ơn bạn đã góp ý.").wait_for()
    screenshot(page, "public-consultation")
