"""axe-core checks every page type in Chromium; a serious or critical violation fails the suite.

The list of page types is the app's own routes (`url_map`): every GET route is either a page below, loaded
once as the person who sees it, or named as something else (a download, a redirect, the JSON API), so a new
page cannot go unchecked. axe-core comes from npm (`web/frontend/package.json`, installed by `make frontend`)
and is loaded into each page as a script of the page's own origin, as the Content-Security-Policy allows
(`script-src 'self'`): the browser's requests for it are answered from `node_modules`, so it is never part
of what the server ships, and the policy stays in force while axe runs.
"""
from __future__ import annotations

import pytest

from tests.samples import Complaint, open_period

from .browser import FRONTEND, log_in

pytestmark = pytest.mark.browser
AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe__/axe.min.js"  # answered by the browser context from node_modules, never by the app
FAILING = ("serious", "critical")

# GET routes that are not pages people read, each with why.
NOT_PAGES = {
    "web.home": "redirects to the inbox or the portal",
    "web.set_language": "redirects back after choosing the language",
    "web.static": "scripts, styles and images",
    "web.latest_bpmn": "a diagram download", "web.version_bpmn": "a diagram download",
    "web.case_diagram_xml": "a diagram download", "web.case_history_csv": "a CSV download",
    "web.audit_export": "a CSV or JSON download", "web.report_file": "a report download (docx, xlsx)",
    "web.case_file": "an attachment download", "web.outgoing_csv": "a CSV download",
    "web.long_running_file": "a review download (docx, xlsx)",
    "web.case_file_zip": "a ZIP download",
    "web.public_document": "a document download (docx) with the tracking code",
    "web.template_file": "a template download (docx)",
    "web.case_file_pdf": "an attachment download (PDF)",
    "web.public_document_pdf": "a document download (PDF) with the tracking code",
    "swagger_init": "the API console's script", "swagger_ui_static": "the API console's scripts and styles",
    "metrics": "Prometheus's text format",
}


def pages(case_id: str, task_id: str, business_key: str, consultation: str) -> dict[str, tuple[str | None, str]]:
    """Endpoint -> (who looks at it, one URL of it). The portal's receipt and tracking pages come from a letter
    sent in the browser (`_send_letter`)."""
    admin, reception, auditor = "quan_tri.tinh", "tiep_cong_dan", "kiem_tra"
    return {
        "web.login": (None, "/login"),
        "web.public_home": (None, "/cong-dan/"),
        "web.public_board": (None, "/cong-dan/cong-khai"),
        "web.public_consultations": (None, "/cong-dan/lay-y-kien"),
        "web.public_consultation": (None, f"/cong-dan/lay-y-kien/{consultation}"),
        "web.inbox": (reception, "/inbox"),
        "web.task": (reception, f"/tasks/{task_id}"),
        "web.case": (reception, f"/cases/{case_id}"),
        "web.case_message": (reception, f"/cases/{case_id}/messages/rut_khieu_nai"),
        "web.cases": (reception, "/cases?citizen=nguyen"),
        "web.outgoing": (reception, "/so-van-ban-di?nam=2026"),
        "web.new_case": (reception, "/cases/new"),
        "web.start_case": (reception, "/cases/new/khieu_nai"),
        "web.notifications": (reception, "/notifications"),
        "web.own_password": (reception, "/account/password"),
        "web.overview": ("chu_tich", "/overview"),
        "web.long_running": ("chu_tich", "/reviews/long-running"),
        "web.audit_home": (auditor, f"/audit?business_key={business_key}"),
        "web.case_audit": (auditor, f"/cases/{case_id}/audit"),
        "web.processes": (admin, "/admin/processes"),
        "web.process": (admin, "/admin/processes/khieu_nai"),
        "web.templates": (admin, "/admin/processes/khieu_nai/templates"),
        "web.compare": (admin, "/admin/processes/khieu_nai/compare?old=1&new=1"),
        "web.migrations": (admin, "/admin/processes/khieu_nai/migrations"),
        "web.modeler": (admin, "/admin/processes/khieu_nai/versions/1/modeler"),
        "web.calendar": (admin, "/admin/calendar?year=2026"),
        "web.schedules": (admin, "/admin/schedules"),
        "web.units": (admin, "/admin/units"),
        "web.users": (admin, "/admin/users"),
        "web.user": (admin, "/admin/users/chu_tich"),
        "api-docs.openapi_swagger_ui": (None, "/api/docs"),
    }


PORTAL_LETTER = {"nguoi_gui": "Lê Thị Cúc", "so_giay_to_tuy_than": "051090004321", "dia_chi": "Thôn An Hòa Nam",
                 "so_dien_thoai": "0905333444", "thon": "Thôn An Hòa Nam",
                 "noi_dung_don": "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất chậm"}
SENT_PAGES = {"web.public_start": "/cong-dan/gui/xu_ly_don", "web.public_submitted": "/cong-dan/da-gui",
              "web.public_track": "/cong-dan/tra-cuu?ma=…"}
# The API console is swagger-ui's markup and styles (third party, for developers): its badges' contrast and
# its operation buttons' labels are swagger-ui's own; the rest of axe's rules hold there too.
THIRD_PARTY_RULES = {"api-docs.openapi_swagger_ui": ["color-contrast", "label-content-name-mismatch"]}
READY = {"web.modeler": "#diagram[data-ready=true]", "web.case_audit": "#diagram[data-ready=true]"}


def _api_route(rule) -> bool:
    return rule.rule.startswith("/api/v1/")


def test_every_get_route_is_a_checked_page_or_named_as_something_else(app):
    routes = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods and not _api_route(rule)}
    checked = set(pages("c", "t", "b", "k")) | set(SENT_PAGES) | {"error"}
    assert routes - checked - set(NOT_PAGES) == set(), "a new page: add it to pages() (or NOT_PAGES, saying why)"
    assert (checked | set(NOT_PAGES)) - routes == {"error"}, "a page that is gone: remove it here"


def serious_violations(page, skipped_rules: list[str] = ()) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    page.add_script_tag(url=AXE_URL)
    found = page.evaluate("""async (skipped) => {
        const rules = Object.fromEntries(skipped.map((id) => [id, {enabled: false}]));
        const result = await axe.run(document, {resultTypes: ['violations'], rules});
        return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                              nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
    }""", list(skipped_rules))
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in found if v["impact"] in FAILING]


def _send_letter(page) -> dict[str, list[str]]:
    """The portal's letter form, its receipt and the tracking page of the code it gives."""
    found = {}
    page.goto(SENT_PAGES["web.public_start"])
    found["web.public_start"] = serious_violations(page)
    page.locator("[name=commune]").select_option("nghia_ky")
    for name, value in PORTAL_LETTER.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("#send").click()
    page.wait_for_url("**/cong-dan/da-gui")
    found["web.public_submitted"] = serious_violations(page)
    code = page.locator("#tracking-code").inner_text().strip()
    page.goto(f"/cong-dan/tra-cuu?ma={code}")
    found["web.public_track"] = serious_violations(page)
    return found


def test_no_page_has_a_serious_or_critical_accessibility_violation(open_page, api):
    case = Complaint(api)
    task_id = case.open_tasks()[0]["id"]
    consultation = open_period(api).body["business_key"]
    listed = pages(case.id, task_id, case.body["business_key"], consultation)
    found: dict[str, list[str]] = {}
    by_user: dict[str | None, list[str]] = {}
    for endpoint, (user, _) in listed.items():
        by_user.setdefault(user, []).append(endpoint)
    for user, endpoints in by_user.items():
        page = open_page()
        page.context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=str(AXE),
                                                                       content_type="text/javascript"))
        if user:
            log_in(page, user)
        else:
            found.update(_send_letter(page))
            page.goto("/cases/00000000-0000-0000-0000-000000000000")  # the error page (404)
            found["error"] = serious_violations(page)
        for endpoint in endpoints:
            response = page.goto(listed[endpoint][1])
            assert response.status == 200, (endpoint, response.status)
            if endpoint in READY:
                page.locator(READY[endpoint]).wait_for()
            found[endpoint] = serious_violations(page, THIRD_PARTY_RULES.get(endpoint, ()))
    problems = [f"{endpoint} {line}" for endpoint, lines in sorted(found.items()) for line in lines]
    assert not problems, "\n".join(problems)
