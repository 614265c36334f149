"""Web UI fixtures: a logged-in browser-like client over Flask's test client (real session cookie, real
CSRF tokens), and the small public diagram the portal tests deploy."""
from __future__ import annotations

import re

import pytest

from engine.people.users import DEMO_PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
MODELER = "/admin/processes/khieu_nai/versions/1/modeler"


class WebClient:
    """A person at a browser: follows the forms, sends the session cookie and the CSRF token."""

    def __init__(self, client):
        self.client = client

    def token(self, path: str = "/login") -> str:
        match = CSRF.search(self.client.get(path).get_data(as_text=True))
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def login(self, username: str, password: str = DEMO_PASSWORD):
        response = self.client.post("/login", data={"username": username, "password": password,
                                                    "csrf_token": self.token()})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return self

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, page: str | None = None, **kwargs):
        """Post a form the way the page at `page` (default: `path`) would, with its CSRF token."""
        token = self.token(page or "/inbox")
        return self.client.post(path, data={**(data or {}), "csrf_token": token}, **kwargs)

    def post_xml(self, path: str, xml: str):
        """Post a diagram as the modeler page does: the XML as the body, the page's CSRF token in a header."""
        token = re.search(r'"csrf": "([^"]+)"', self.text(MODELER)).group(1)
        return self.client.post(path, data=xml.encode("utf-8"), content_type="application/xml",
                                headers={"X-CSRFToken": token})

    def text(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)


@pytest.fixture
def web(app):
    """`web("chu_tich")` is a fresh logged-in client; `web()` an anonymous one."""
    def make(username: str | None = None) -> WebClient:
        client = WebClient(app.test_client())
        return client.login(username) if username else client
    return make


from .browser import browser, live_server, open_page  # noqa: E402,F401 - fixtures for the browser tests
