"""What danchu serves must never run an administrator's markup in a reader's browser: the diagram, form and
decision files of a version are downloads (`Content-Disposition: attachment`, `nosniff`, and a policy that
sandboxes them), on every route, web and API; every response carries `nosniff`, `Referrer-Policy`, no framing
and a Content-Security-Policy, strict on pages (only danchu's own script files). The browser side, a real
Chromium opening the XML link and drawing diagrams under the policy, is in test_browser_policy.py."""
import re
import uuid
from pathlib import Path

import pytest

from tests.samples import Complaint

from .hostile_diagram import store_hostile_documentation

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [*sorted((ROOT / "web" / "templates").rglob("*.html")),
             *sorted((ROOT / "api" / "templates").rglob("*.html"))]


def _assert_download(response, filename: str, mimetype: str):
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:200])
    disposition = response.headers.get("Content-Disposition", "")
    assert disposition.startswith("attachment") and filename in disposition, disposition
    assert response.mimetype == mimetype
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy, policy


def _assert_common_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_admin_xml_link_serves_a_stored_diagram_as_a_download(web, services):
    hostile = store_hostile_documentation(services, f"xss_{uuid.uuid4().hex[:8]}")
    page = web("quan_tri").text("/admin/processes/khieu_nai")
    assert "/admin/processes/khieu_nai/versions/1/bpmn" in page  # the XML link of the finding
    response = web("quan_tri").get("/admin/processes/khieu_nai/versions/1/bpmn")
    _assert_download(response, "khieu_nai-v1.bpmn", "application/xml")
    assert response.get_data(as_text=True) == hostile  # the exact content, only never inline


def test_the_case_diagram_is_a_download_for_every_reader(web, api, services):
    case = Complaint(api)
    store_hostile_documentation(services, f"xss_{uuid.uuid4().hex[:8]}")
    for user in ("kiem_tra", "quan_tri", "tiep_cong_dan"):
        _assert_download(web(user).get(f"/cases/{case.id}/diagram.xml"), "khieu_nai-v1.bpmn", "application/xml")


def test_the_api_serves_diagrams_forms_and_decision_tables_as_downloads(api, services):
    store_hostile_documentation(services, f"xss_{uuid.uuid4().hex[:8]}")
    user = api.as_("quan_tri")
    _assert_download(user.get("/api/v1/process-models/khieu_nai/versions/1/bpmn"), "khieu_nai-v1.bpmn",
                     "application/xml")
    form = "khieu_nai-tiep_nhan.schema.json"
    _assert_download(user.get(f"/api/v1/process-models/khieu_nai/versions/1/files/{form}"), form,
                     "application/json")
    dmn = "dan_ban_quyet_dinh-ket_qua.dmn"
    _assert_download(user.get(f"/api/v1/process-models/dan_ban_quyet_dinh/versions/1/files/{dmn}"), dmn,
                     "application/xml")


PAGES = [  # (user or None, path): pages of each kind, the portal, the API's documentation, errors
    (None, "/login"), (None, "/cong-dan/"), (None, "/cong-dan/tra-cuu?ma=TCD-2026-000001-X"), (None, "/api/docs"),
    ("tiep_cong_dan", "/inbox"), ("quan_tri", "/admin/processes/khieu_nai"),
    ("quan_tri", "/admin/processes/khieu_nai/versions/1/modeler"), ("quan_tri", "/admin/processes/khieu_nai/compare"),
    ("quan_tri", "/admin/users"), ("kiem_tra", "/audit"), ("kiem_tra", "/cases/{case}/audit"),
    ("chu_tich", "/cases/{case}"), ("chu_tich", "/cases/khong-co/audit"),
]


def test_every_page_carries_a_strict_policy_and_the_other_headers(web, api):
    case = Complaint(api)
    for user, path in PAGES:
        response = web(user).get(path.format(case=case.id))
        assert response.mimetype == "text/html", (path, response.status_code)
        _assert_common_headers(response)
        policy = response.headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                          "form-action 'self'"):
            assert directive in policy, (path, policy)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, (path, policy)


def test_every_api_answer_and_redirect_carries_the_headers_too(client, api):
    user = api.as_("chu_tich")
    for response in (client.get("/api/v1/health"), client.get("/api/v1/openapi.json"), user.get("/api/v1/tasks"),
                     client.get("/api/v1/tasks"), client.post("/api/v1/auth/token", json={}),
                     client.get("/khong-co-trang-nay"), client.get("/inbox"), client.get("/ui/static/danchu.css")):
        _assert_common_headers(response)
        if response.mimetype != "text/html":
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline script"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "style element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_nothing_the_policy_refuses(template):
    """Data for scripts travels in `<script type="application/json">` blocks, which are never run."""
    source = template.read_text(encoding="utf-8")
    for pattern, what in INLINE:
        assert not pattern.search(source), (what, pattern.search(source).group(0))
