"""Both session cookies, the web UI's (`session`) and the API's (`danchu_session`), are Secure by default: a
browser sends them over HTTPS only, so a network attacker cannot read them from a plain-HTTP request (a link
to http://, a downgrade). Demo mode (plain HTTP on 127.0.0.1) drops the flag; `DANCHU_COOKIE_SECURE=0` drops
it for plain-HTTP development outside demo mode. One setting, `Settings.secure_cookies`, for both."""
import re
from dataclasses import replace

import pytest

from engine.core.settings import Settings
from engine.people.users import create_user
from engine.services import build_services
from server import create_app
from tests import conftest

from .helpers import PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def make_app(services, database_url):
    """An app over the test database with other settings (demo mode off: real passwords only)."""
    built = []

    def make(**changes):
        settings = replace(conftest.test_settings(database_url), **changes)
        other = build_services(settings, clock=services.clock)
        built.append(other)
        return create_app(services=other)
    yield make
    for other in built:
        other.close()


def _account(services) -> str:
    import uuid
    username = f"cookie_{uuid.uuid4().hex[:8]}"
    create_user(services, username=username, password=PASSWORD, full_name="Cán bộ thử", roles=["tiep_cong_dan"],
                unit_code="nghia_ky")
    return username


def _cookies(app, username) -> dict[str, str]:
    """The Set-Cookie headers of a web login (and of the login page before it) and of an API session."""
    client = app.test_client()
    page = client.get("/login")
    token = CSRF.search(page.get_data(as_text=True)).group(1)
    web = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert web.status_code == 302, web.get_data(as_text=True)[:300]
    api = app.test_client().post("/api/v1/auth/session", json={"username": username, "password": PASSWORD})
    assert api.status_code == 200, api.get_json()
    return {"login page": page.headers["Set-Cookie"], "web login": web.headers["Set-Cookie"],
            "api session": api.headers["Set-Cookie"]}


def _secure(cookie: str) -> bool:
    return "secure" in [part.strip().lower() for part in cookie.split(";")]


def test_outside_demo_mode_both_session_cookies_are_secure(make_app, services):
    cookies = _cookies(make_app(demo_mode=False), _account(services))
    for name, cookie in cookies.items():
        assert _secure(cookie) and "HttpOnly" in cookie, (name, cookie)
    assert cookies["web login"].startswith("session=") and cookies["api session"].startswith("danchu_session=")


def test_demo_mode_on_plain_http_sends_them_without_the_flag(make_app, services):
    for name, cookie in _cookies(make_app(demo_mode=True), _account(services)).items():
        assert not _secure(cookie) and "HttpOnly" in cookie, (name, cookie)


def test_an_explicit_setting_overrides_the_default_either_way(make_app, services):
    username = _account(services)
    for name, cookie in _cookies(make_app(demo_mode=False, cookie_secure=False), username).items():
        assert not _secure(cookie), (name, cookie)
    for name, cookie in _cookies(make_app(demo_mode=True, cookie_secure=True), username).items():
        assert _secure(cookie), (name, cookie)


@pytest.mark.parametrize("env,demo,expected", [
    ({}, "0", True), ({}, "1", False), ({"DANCHU_COOKIE_SECURE": "0"}, "0", False),
    ({"DANCHU_COOKIE_SECURE": "1"}, "1", True), ({"DANCHU_SECURE_COOKIES": "0"}, "0", False),
    ({"DANCHU_SECURE_COOKIES": "1"}, "1", True), ({"DANCHU_COOKIE_SECURE": "false"}, "0", False),
])
def test_the_one_setting_is_read_from_the_environment(monkeypatch, env, demo, expected):
    for name in ("DANCHU_COOKIE_SECURE", "DANCHU_SECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DANCHU_DEMO", demo)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().secure_cookies is expected
