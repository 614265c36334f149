"""Changing a process after a change in the law, in a real Chromium: the administrator adds a step in the
modeler and gives it, in the properties panel, a form (made in the form editor, previewed as staff will see
it), a role (the lane's) and a deadline; the lint shows the step's problems until they are fixed; the deploy
asks first, with the difference drawn on the diagram and listed; staff then open a case on the new version and
complete the new step. Cases running on the old version are moved through a dry run and the real run, and an
unsafe move is refused with its reason. No policy violation on the way."""
import pytest

from tests.api.cases import Case
from tests.deploys import deploy
from tests.diagrams import moving_diagram

from .browser import answer, log_in, screenshot
from .change_diagram import PROCESS_ID, deploy_change_diagram

pytestmark = pytest.mark.browser
REPORT = """document.addEventListener('securitypolicyviolation', function (e) {
  window.danchuCspViolation(e.violatedDirective + ' ' + e.blockedURI);
});"""
ADD_STEP = """() => {
  const modeler = window.danchuModeler;
  const registry = modeler.get('elementRegistry');
  const modeling = modeler.get('modeling');
  const step = modeling.appendShape(registry.get('tiep_nhan'), { type: 'bpmn:UserTask' }, { x: 500, y: 395 });
  modeling.reconnectStart(registry.get('f2'), step, { x: 550, y: 395 });
  return step.id;
}"""


def watched(page) -> list[str]:
    violations = []
    page.expose_function("danchuCspViolation", lambda text: violations.append(text))
    page.add_init_script(REPORT)
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    return violations


def open_group(page, group_id: str) -> None:
    header = page.locator(f'[data-group-id="group-{group_id}"] .bio-properties-panel-group-header')
    if "open" not in (header.get_attribute("class") or ""):
        header.click()


def test_an_administrator_adds_a_step_with_a_form_a_role_and_a_deadline_and_staff_complete_it(open_page, services):
    deploy_change_diagram(services)
    page = open_page()
    violations = watched(page)
    log_in(page, "quan_tri.tinh")
    page.goto(f"/admin/processes/{PROCESS_ID}/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    step = page.evaluate(ADD_STEP)  # drawn on the canvas (bpmn-js), between the reception and the gateway
    page.locator(f'#problems li[data-rule="danchu/user-task-form"]').wait_for()  # the lint, as it is drawn
    assert step in page.locator("#problems").inner_text()

    page.get_by_label("Chọn phần tử").select_option(step)
    assert page.locator("#element-type").inner_text() == "Công việc của người dùng"  # a kind in words, not UserTask
    assert page.locator('[data-group-id="group-general"] .bio-properties-panel-group-header-title').inner_text() == \
        "Chung"
    assert page.locator(".bio-properties-panel-header-type").inner_text().lower() == "công việc của người dùng"
    page.get_by_label("Tên hiển thị").fill("Thẩm định theo luật mới")
    page.get_by_label("Tên hiển thị").press("Enter")
    open_group(page, "danchu-task")
    page.get_by_role("button", name="Tạo biểu mẫu mới…").click()
    editor = page.locator("#form-editor")
    editor.get_by_label("Tiêu đề biểu mẫu").fill("Thẩm định")
    editor.get_by_label("Mã trường 1").fill("y_kien")
    editor.get_by_label("Tên trường 1").fill("Ý kiến thẩm định")
    editor.get_by_label("Bắt buộc 1").check()
    editor.get_by_label("Tối đa 1").fill("1000")
    editor.locator("#form-preview").get_by_label("Ý kiến thẩm định").wait_for()  # rendered as on the task page
    screenshot(page, "admin-form-editor")
    editor.get_by_role("button", name="Lưu biểu mẫu").click()
    assert page.locator("#bio-properties-panel-danchu-form").input_value() == f"{PROCESS_ID}-{step}.schema.json"
    page.locator("#bio-properties-panel-danchu-deadline-days").fill("5")
    page.locator("#bio-properties-panel-danchu-deadline-kind").select_option("working")
    page.locator(".danchu-verdict-ok").first.wait_for()  # the sandbox's verdict on the deadline, inline
    page.get_by_label("Chọn phần tử").select_option("lan_xu_ly")
    open_group(page, "danchu-lane")
    page.locator("#bio-properties-panel-danchu-role").select_option("can_bo_xac_minh")
    page.locator('#lint-status[data-problems="0"]').wait_for()
    screenshot(page, "admin-modeler-panel")

    page.get_by_role("button", name="Triển khai").click()
    dialog = page.locator("#deploy-dialog")
    dialog.locator("#diff-added").get_by_text(f"Thẩm định theo luật mới ({step}) · Cán bộ xác minh").wait_for()
    assert "danchu-diff-added" in page.locator(f'g.djs-element[data-element-id="{step}"]').get_attribute("class")
    assert f"{PROCESS_ID}-{step}.schema.json (thêm)" in dialog.locator("#diff-changed").inner_text()
    screenshot(page, "admin-deploy-preview")
    dialog.get_by_role("button", name="Xác nhận triển khai").click()
    page.get_by_text("Đã triển khai phiên bản 2.").wait_for()

    reception = open_page()
    log_in(reception, "tiep_cong_dan")
    reception.goto(f"/cases/new/{PROCESS_ID}")
    reception.get_by_label("Người đề nghị").fill("Trần Thị Bình")
    reception.locator("#open-case").click()
    reception.get_by_role("link", name="Tiếp nhận đề nghị").click()
    reception.locator("#claim").click()
    answer(reception, "Đủ điều kiện", True)
    reception.locator("#complete").click()
    reception.get_by_text("Đã hoàn thành").wait_for()

    verifier = open_page()
    log_in(verifier, "can_bo_xac_minh")
    row = verifier.locator("tr", has_text="Thẩm định theo luật mới")
    assert "Còn" in row.inner_text()  # the deadline set in the panel: 5 working days
    row.get_by_role("link", name="Thẩm định theo luật mới").click()
    verifier.locator("#claim").click()
    verifier.get_by_label("Ý kiến thẩm định").fill("Đủ điều kiện theo luật mới")
    verifier.locator("#complete").click()
    verifier.get_by_text("Đã hoàn thành: Thẩm định theo luật mới.").wait_for()
    assert violations == []


def test_cases_on_the_old_version_are_moved_after_a_dry_run_and_an_unsafe_one_is_refused_with_its_reason(
        open_page, api):
    assert deploy(api, moving_diagram(1), pid="chuyen").status_code == 201
    waiting = Case(api, "chuyen", "tiep_cong_dan", {})
    past = Case(api, "chuyen", "tiep_cong_dan", {})
    past.do("tiep_nhan", "tiep_cong_dan", {})
    assert deploy(api, moving_diagram(2, case_days="45"), pid="chuyen").status_code == 201
    page = open_page()
    violations = watched(page)
    log_in(page, "quan_tri.tinh")
    page.goto("/admin/processes/chuyen")
    page.get_by_role("link", name="Chuyển hồ sơ đang xử lý sang phiên bản mới").click()
    page.get_by_label("Từ phiên bản").select_option("1")
    page.get_by_label("Sang phiên bản").select_option("2")
    page.get_by_role("button", name="Chạy thử").click()
    page.locator("#report-title").get_by_text("Kết quả chạy thử").wait_for()
    movable = page.locator(f'section[data-instance="{waiting.id}"]')
    refused = page.locator(f'section[data-instance="{past.id}"]')
    assert "Chuyển được" in movable.inner_text() and "Giữ hạn cũ" in movable.inner_text()
    assert "Không chuyển" in refused.inner_text()
    assert "Bước đã làm “Tiếp nhận” (tiep_nhan) đổi chỗ trong luồng" in refused.inner_text()
    screenshot(page, "admin-migration-dry-run")
    assert waiting.detail()["version"] == 1  # a dry run changes nothing

    page.get_by_role("button", name="Chuyển hồ sơ").click()
    page.locator("#report-title").get_by_text("Kết quả chuyển hồ sơ").wait_for()
    assert "Đã chuyển" in page.locator(f'section[data-instance="{waiting.id}"]').inner_text()
    assert "Không chuyển" in page.locator(f'section[data-instance="{past.id}"]').inner_text()
    screenshot(page, "admin-migration-done")
    assert waiting.detail()["version"] == 2 and past.detail()["version"] == 1
    waiting.do("tiep_nhan", "tiep_cong_dan", {})
    assert waiting.open_task_names() == ["tham_dinh"]
    assert violations == []


def test_deploying_an_unchanged_diagram_says_nothing_differs_and_how_many_cases_run_before_asking(open_page, api,
                                                                                                  services):
    deploy_change_diagram(services)
    Case(api, PROCESS_ID, "tiep_cong_dan", {"nguoi_de_nghi": "Trần Thị Bình"})
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto(f"/admin/processes/{PROCESS_ID}/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    page.get_by_role("button", name="Triển khai").click()
    dialog = page.locator("#deploy-dialog")
    dialog.get_by_text("Không có bước, vai trò, thuộc tính hay biểu mẫu nào khác phiên bản hiện hành.").wait_for()
    assert dialog.locator("#deploy-running").inner_text().startswith("1 hồ sơ đang xử lý theo phiên bản cũ (phiên bản 1: 1)")
    dialog.get_by_role("button", name="Hủy").click()
    assert not dialog.is_visible()
