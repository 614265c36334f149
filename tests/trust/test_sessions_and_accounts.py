"""Logging in and out (the throttle: tests/trust/test_login_throttle.py), revocation by logout,
password change and disabling, cookie sessions with CSRF for the web UI, and the auditor who changes nothing."""
import re

import pytest
from click.testing import CliRunner

from cli.main import main
from engine.people.users import DEMO_PASSWORD
from tests.conftest import SECRET
from tests.trust.helpers import PASSWORD, new_user

TOKEN = "/api/v1/auth/token"


def login(client, username, password, address="127.0.0.1"):
    return client.post(TOKEN, json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_logout_revokes_every_token_of_the_user(client, services):
    username, headers = new_user(services, client)
    second = login(client, username, PASSWORD).get_json()["access_token"]
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    for token in (headers["Authorization"][7:], second):
        response = client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.get_json()["error"]["message"] == "Mã truy cập đã bị thu hồi."
    assert login(client, username, PASSWORD).status_code == 200


def test_changing_the_password_revokes_tokens_and_needs_the_current_one(client, services, clock):
    username, headers = new_user(services, client)
    wrong = client.post("/api/v1/auth/password", headers=headers,
                        json={"current_password": "sai", "new_password": "mat-khau-moi-dai"})
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["error"]["details"]
    clock.advance(seconds=1)  # a failure holds the address back a second (tests/trust/test_login_throttle.py)
    short = client.post("/api/v1/auth/password", headers=headers,
                        json={"current_password": PASSWORD, "new_password": "ngan"})
    assert short.status_code == 422
    done = client.post("/api/v1/auth/password", headers=headers,
                       json={"current_password": PASSWORD, "new_password": "mat-khau-moi-dai"})
    assert done.status_code == 204
    assert client.get("/api/v1/tasks", headers=headers).status_code == 401
    assert login(client, username, PASSWORD).status_code == 401
    clock.advance(seconds=1)
    assert login(client, username, "mat-khau-moi-dai").status_code == 200


def test_wrong_current_passwords_count_as_failed_logins(client, services, clock):
    """A stolen token must not be a way to guess the password, which would outlive the token: each wrong
    current password doubles the address's wait, like a failed login, for the login too."""
    username, headers = new_user(services, client)
    change = {"current_password": "sai", "new_password": "mat-khau-moi-dai"}
    waits = []
    for _ in range(5):
        assert client.post("/api/v1/auth/password", headers=headers, json=change).status_code == 422
        throttled = client.post("/api/v1/auth/password", headers=headers,
                                json={**change, "current_password": PASSWORD})
        assert throttled.status_code == 429
        waits.append(int(throttled.headers["Retry-After"]))
        assert login(client, username, PASSWORD).status_code == 429  # the login is held back too
        clock.advance(seconds=waits[-1])
    assert waits == [1, 2, 4, 8, 16]


def test_disabling_a_user_revokes_their_tokens_at_once(api, client, services):
    username, headers = new_user(services, client)
    response = api.as_("quan_tri").patch(f"/api/v1/users/{username}", json={"active": False})
    assert response.status_code == 200 and response.get_json()["active"] is False
    assert client.get("/api/v1/tasks", headers=headers).status_code == 401
    assert login(client, username, PASSWORD).status_code == 401


def session_login(client, username, password=DEMO_PASSWORD):
    return client.post("/api/v1/auth/session", json={"username": username, "password": password})


def test_a_cookie_session_is_httponly_samesite_and_returns_a_csrf_token(client):
    """Secure too outside demo mode: tests/trust/test_secure_cookies.py."""
    response = session_login(client, "tiep_cong_dan")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("danchu_session=")
    for flag in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag in cookie
    body = response.get_json()
    assert body["username"] == "tiep_cong_dan" and body["csrf_token"] and body["authenticated_by"] == "cookie"
    assert body["csrf_token"] not in cookie
    me = client.get("/api/v1/auth/session").get_json()
    assert me["csrf_token"] == body["csrf_token"] and me["roles"] == ["tiep_cong_dan"]


def test_cookie_requests_need_the_csrf_token_on_unsafe_methods(client):
    csrf = session_login(client, "tiep_cong_dan").get_json()["csrf_token"]
    assert client.get("/api/v1/tasks").status_code == 200
    body = {"process_model": "khieu_nai", "data": {}}
    for headers in ({}, {"X-CSRF-Token": "gia-mao"}, {"X-CSRF-Token": ""}):
        response = client.post("/api/v1/instances", json=body, headers=headers)
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "csrf_failed"
    accepted = client.post("/api/v1/instances", json=body, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 422  # past the CSRF check; the form itself is incomplete


def test_a_csrf_token_of_another_session_does_not_work(app):
    first, second = app.test_client(), app.test_client()
    csrf_first = session_login(first, "tiep_cong_dan").get_json()["csrf_token"]
    session_login(second, "chu_tich")
    response = second.post("/api/v1/instances/x/cancel", json={}, headers={"X-CSRF-Token": csrf_first})
    assert response.status_code == 403


def test_bearer_requests_need_no_csrf_token(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "khieu_nai", "data": {}})
    assert response.status_code == 422


def test_ending_a_cookie_session_clears_the_cookie_and_revokes(client, services):
    username, _ = new_user(services, client)
    csrf = session_login(client, username, PASSWORD).get_json()["csrf_token"]
    assert client.delete("/api/v1/auth/session").status_code == 403  # no CSRF token
    response = client.delete("/api/v1/auth/session", headers={"X-CSRF-Token": csrf})
    assert response.status_code == 204
    assert re.search(r"danchu_session=;|Max-Age=0|expires=Thu, 01 Jan 1970", response.headers["Set-Cookie"])
    assert client.get("/api/v1/tasks").status_code == 401


def test_session_login_must_be_json_and_is_throttled_too(client, services):
    form = client.post("/api/v1/auth/session", data={"username": "chu_tich", "password": DEMO_PASSWORD})
    assert form.status_code == 415  # a cross-site HTML form cannot log a victim into an attacker's account
    username, _ = new_user(services, client)
    for _ in range(5):
        session_login(client, username, "sai")
    assert session_login(client, username, PASSWORD).status_code == 429


@pytest.fixture
def write_routes(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    routes = []
    for path, operations in spec["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch", "delete") and not path.startswith("/api/v1/auth/"):
                routes.append((method, re.sub(r"\{[^}]+\}", "1", path)))  # "1" fits int and str parameters
    assert len(routes) >= 10
    return routes


@pytest.mark.parametrize("auditor", ["kiem_tra", "kiem_tra.tinh"])
def test_the_auditor_is_refused_on_every_write_route(api, client, write_routes, auditor):
    headers = api.as_(auditor).headers
    for method, path in write_routes:
        response = getattr(client, method)(path, json={}, headers=headers)
        assert response.status_code == 403, (method, path, response.get_json())
        assert response.get_json()["error"]["code"] == "forbidden"


def test_the_auditor_reads_instances_tasks_history_and_the_log(api):
    auditor = api.as_("kiem_tra")
    for path in ("/api/v1/instances", "/api/v1/tasks?scope=visible", "/api/v1/process-models",
                 "/api/v1/audit/events", "/api/v1/audit/verify", "/api/v1/units"):
        assert auditor.get(path).status_code == 200, path


def test_cli_manages_users_and_units(services, database_url, monkeypatch, client):
    monkeypatch.setenv("DANCHU_DATABASE_URL", database_url)
    monkeypatch.setenv("DANCHU_SECRET_KEY", SECRET)
    monkeypatch.delenv("DANCHU_DEMO", raising=False)
    run = CliRunner()
    username, headers = new_user(services, client)
    listed = run.invoke(main, ["users", "list", "--unit", "tinh_phong"])
    assert listed.exit_code == 0 and "chu_tich.b\tchu_tich\ttinh_phong\tactive" in listed.output
    assert run.invoke(main, ["users", "set-roles", username, "--role", "van_phong", "--role", "tu_phap"]).exit_code == 0
    assert client.get("/api/v1/auth/session", headers=headers).get_json()["roles"] == ["tu_phap", "van_phong"]
    result = run.invoke(main, ["users", "set-password", username], input="mat-khau-cli-dai\nmat-khau-cli-dai\n")
    assert result.exit_code == 0, result.output
    assert client.get("/api/v1/tasks", headers=headers).status_code == 401
    assert login(client, username, "mat-khau-cli-dai").status_code == 200
    assert run.invoke(main, ["users", "disable", username]).exit_code == 0
    assert login(client, username, "mat-khau-cli-dai").status_code == 401
    assert run.invoke(main, ["users", "disable", "khong_ton_tai"]).exit_code != 0
    code = f"thon_{username[-6:]}"
    made = run.invoke(main, ["units", "create", "--code", code, "--name", "Thôn Mới", "--kind", "hamlet",
                             "--parent", "tinh_phong"])
    assert made.exit_code == 0, made.output
    assert f"{code}\thamlet\ttinh_phong" in run.invoke(main, ["units", "list"]).output
    assert run.invoke(main, ["units", "create", "--code", "x" + code, "--name", "Sai", "--kind", "hamlet",
                             "--parent", "quang_ngai"]).exit_code != 0
    key = run.invoke(main, ["keys", "generate"]).output.strip()
    assert len(key) == 44
