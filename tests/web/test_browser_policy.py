"""The Content-Security-Policy and the diagram downloads in a real Chromium: a province administrator opening
the "XML" link of a diagram whose documentation holds an XHTML script gets a file, and the script never runs
(it had created an administrator account with the reader's session); the modeler, the auditor's case diagram
and the API's documentation still work under the policy, with no violation reported."""
import uuid

import pytest

from tests.samples import Complaint
from tests.trust.helpers import sql

from .browser import log_in
from .hostile_diagram import XSS_MARKER, store_hostile_documentation

pytestmark = pytest.mark.browser

REPORT = """document.addEventListener('securitypolicyviolation', function (e) {
  window.danchuCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || ''));
});"""


@pytest.fixture
def watched_page(open_page):
    """`watched_page()` is a page whose policy violations and console errors are collected in `problems`."""
    pages = []

    def make():
        page = open_page()
        problems = []
        page.expose_function("danchuCspViolation", lambda text: problems.append("violation: " + text))
        page.add_init_script(REPORT)
        page.on("console", lambda message: problems.append(
            f"console {message.type}: {message.text} ({message.location.get('url')})")
            if (message.type == "error" or "Content Security Policy" in message.text)
            and not message.location.get("url", "").endswith("/favicon.ico") else None)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        pages.append(page)
        return page, problems
    return make


def test_the_xml_link_downloads_the_diagram_and_its_script_never_runs(watched_page, services, tmp_path):
    intruder = f"xss_{uuid.uuid4().hex[:8]}"
    store_hostile_documentation(services, intruder)
    page, problems = watched_page()
    log_in(page, "quan_tri.tinh")
    page.goto("/admin/processes/khieu_nai")
    with page.expect_download() as download:
        page.get_by_role("link", name="XML", exact=True).first.click()
    assert download.value.suggested_filename == "khieu_nai-v1.bpmn"
    saved = tmp_path / "saved.bpmn"
    download.value.save_as(saved)
    assert intruder in saved.read_text(encoding="utf-8")  # the file is the stored diagram, script and all
    page.goto("/admin/processes/khieu_nai")  # the script, had it run, would have finished by now
    page.wait_for_timeout(500)
    assert page.evaluate(f"localStorage.getItem('{XSS_MARKER}')") is None
    assert sql(services, "SELECT count(*) FROM users WHERE username = :u", u=intruder).scalar() == 0
    assert problems == []


def test_the_modeler_draws_checks_and_shows_problems_under_the_policy(watched_page):
    page, problems = watched_page()
    log_in(page, "quan_tri.tinh")  # the province deploys, so it checks diagrams too
    page.goto("/admin/processes/khieu_nai/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    assert page.locator('g.djs-element[data-element-id="de_xuat_thu_ly"]').count() == 1
    assert page.locator(".djs-palette-entries .entry").count() > 5  # the editing palette, styled by bpmn-js
    page.get_by_label("Chọn phần tử").select_option("de_xuat_thu_ly")
    page.locator(".djs-context-pad .entry").first.wait_for()  # bpmn-js's context pad, placed by inline styles
    page.locator('g.djs-element[data-element-id="de_xuat_thu_ly"]').dblclick()
    page.locator(".djs-direct-editing-parent").wait_for()  # the label editor, sized by inline styles too
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Kiểm tra").click()
    page.get_by_text("Sơ đồ hợp lệ: có thể triển khai.").wait_for()
    page.goto("/admin/processes/khieu_nai/compare?old=1&new=1")
    page.get_by_text("Không có khác biệt").wait_for()
    assert problems == []


def test_the_auditor_sees_the_case_diagram_under_the_policy(watched_page, api, services):
    case = Complaint(api)
    store_hostile_documentation(services, f"xss_{uuid.uuid4().hex[:8]}")
    page, problems = watched_page()
    log_in(page, "kiem_tra")
    page.goto(f"/cases/{case.id}/audit")
    page.locator("#diagram[data-ready=true]").wait_for()
    current = page.locator('g.djs-element[data-element-id="de_xuat_thu_ly"]').get_attribute("class")
    assert "danchu-current" in current
    assert page.evaluate(f"localStorage.getItem('{XSS_MARKER}')") is None
    assert problems == []


def test_the_api_documentation_works_under_the_policy(watched_page):
    page, problems = watched_page()
    page.goto("/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "danchu API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 20
    assert problems == []
