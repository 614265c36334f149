"""Logging in, bearer tokens, and the one error body every failure uses."""

import jwt
import pytest

from engine.core.settings import Settings
from engine.people.users import DEMO_PASSWORD
from tests.conftest import SECRET

ERROR_KEYS = {"code", "message", "details"}


def assert_error(response, status: int, code: str | None = None):
    body = response.get_json()
    assert response.status_code == status, body
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_login_returns_a_bearer_token(client):
    response = client.post("/api/v1/auth/token", json={"username": "chu_tich", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["access_token"] and body["expires_at"]


@pytest.mark.parametrize("username, password", [
    ("chu_tich", "wrong-password"), ("khong_ton_tai", DEMO_PASSWORD), ("chu_tich", ""),
])
def test_wrong_credentials_are_refused_alike(client, username, password):
    response = client.post("/api/v1/auth/token", json={"username": username, "password": password})
    assert response.status_code in (401, 422)
    if response.status_code == 401:
        assert assert_error(response, 401, "authentication_failed")["message"] == "Sai tên đăng nhập hoặc mật khẩu."


def test_demo_password_does_not_work_outside_demo_mode(services, database_url):
    from engine.services import build_services
    from server import create_app

    production = build_services(Settings(database_url=database_url, secret_key=SECRET, demo_mode=False),
                                clock=services.clock)
    client = create_app(services=production).test_client()
    response = client.post("/api/v1/auth/token", json={"username": "chu_tich", "password": DEMO_PASSWORD})
    assert_error(response, 401, "authentication_failed")
    production.close()


@pytest.mark.parametrize("path", ["/api/v1/tasks", "/api/v1/instances", "/api/v1/process-models"])
def test_routes_need_a_token(client, path):
    assert_error(client.get(path), 401, "authentication_failed")


def test_health_and_openapi_need_no_token(client):
    assert client.get("/api/v1/health").get_json()["database"] == "ok"  # the rest: tests/operations/test_health.py
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/tasks/{task_id}/complete" in spec["paths"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger" in docs.data.lower()
    asset = client.get("/api/docs/static/swagger-ui-bundle.js")
    assert asset.status_code == 200


def test_forged_token_is_refused(client):
    forged = jwt.encode({"sub": "quan_tri", "gen": 0, "exp": 4102444800}, "not-the-secret-but-long-enough-for-hs256-0000", algorithm="HS256")
    assert_error(client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {forged}"}), 401)


def test_expired_token_is_refused(client, clock):
    token = client.post("/api/v1/auth/token", json={"username": "van_phong", "password": DEMO_PASSWORD}).get_json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200  # its signature is now known good
    clock.advance(days=3651)
    response = client.get("/api/v1/tasks", headers=headers)
    assert assert_error(response, 401)["message"] == "Mã truy cập đã hết hạn."


def test_malformed_authorization_header_is_refused(client):
    assert_error(client.get("/api/v1/tasks", headers={"Authorization": "Basic abc"}), 401)
    assert_error(client.get("/api/v1/tasks", headers={"Authorization": "Bearer "}), 401)


def test_unknown_route_and_method_use_the_error_body(api):
    assert_error(api.as_("chu_tich").get("/api/v1/khong-co"), 404)
    assert_error(api.as_("chu_tich").get("/api/v1/tasks/khong-co-id/complete"), 405)


def test_invalid_json_is_a_400_naming_the_body(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", data=b"{not json",
                                             headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert set(response.get_json()["error"]) == ERROR_KEYS


def test_unknown_fields_in_a_request_are_named(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "khieu_nai", "x": 1})
    assert assert_error(response, 422)["details"] == {"x": "Unknown field."}


@pytest.mark.parametrize("query", ["status=xoa", "limit=0", "limit=100000", "offset=-1",
                                   "created_from=hom-qua", "process_model=' OR 1=1 --"])
def test_bad_filters_are_refused_or_match_nothing(api, query):
    response = api.as_("chu_tich").get(f"/api/v1/instances?{query}")
    if response.status_code == 200:
        assert response.get_json()["total"] == 0
    else:
        error = assert_error(response, 422)
        assert error["details"]


def test_error_bodies_carry_no_case_data(api):
    secret_name = "Nguyễn Thị Bí Mật"
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "khieu_nai", "data": {"nguoi_khieu_nai": secret_name, "ngay_nhan_don": "khong-phai-ngay"}})
    error = assert_error(response, 422, "invalid_input")
    assert "ngay_nhan_don" in error["details"]
    assert secret_name not in response.get_data(as_text=True)
    assert "khong-phai-ngay" not in response.get_data(as_text=True)


def test_unknown_process_model_is_404(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "khong_co"})
    assert_error(response, 404, "process_model_not_found")
