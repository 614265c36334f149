"""Bearer tokens on every route but health, login and the OpenAPI document."""
from flask import current_app, g, request

from engine.errors import AuthenticationFailed
from engine.principal import Principal
from engine.users import principal_from_token

PUBLIC_ENDPOINTS = {"health.health", "auth.token", "api-docs.openapi_json", "api-docs.openapi_swagger_ui",
                    "swagger_ui_static", "static"}


def services():
    return current_app.extensions["danchu"]


def authenticate_request() -> None:
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None or request.method == "OPTIONS":
        return
    if not request.path.startswith("/api/"):
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("Cần đăng nhập (Authorization: Bearer <mã truy cập>).")
    g.principal = principal_from_token(services(), token.strip())


def current_principal() -> Principal:
    return g.principal
