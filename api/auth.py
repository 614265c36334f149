"""Authentication of every route but health, login and the OpenAPI document.

A bearer token (`Authorization: Bearer ...`) or the web UI's session cookie with its CSRF token
(`api.sessions`). After authentication, unsafe methods pass `engine.trust.access.ensure_may_change` (auditors are
read-only), except the user's own session routes.
"""
from flask import current_app, g, request

from engine.core import AuthenticationFailed, CsrfFailed, Principal
from engine.people import principal_from_token
from engine.trust import ensure_may_change

from .sessions import COOKIE, CSRF_HEADER, SAFE_METHODS, csrf_matches

PUBLIC_ENDPOINTS = {"health.health", "auth.token", "auth.session_login", "api-docs.openapi_json",
                    "api-docs.openapi_swagger_ui", "swagger_ui_static", "swagger_init", "static"}
OWN_SESSION_ENDPOINTS = {"auth.logout", "auth.session_logout", "auth.change_password"}


def services():
    return current_app.extensions["danchu"]


def authenticate_request() -> None:
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None or request.method == "OPTIONS":
        return
    if not request.path.startswith("/api/"):
        return
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationFailed("Cần đăng nhập (Authorization: Bearer <mã truy cập>).")
        g.principal = principal_from_token(services(), token.strip())
        g.session_token = None
    else:
        token = request.cookies.get(COOKIE)
        if not token:
            raise AuthenticationFailed("Cần đăng nhập (Authorization: Bearer <mã truy cập>).")
        g.principal = principal_from_token(services(), token)
        g.session_token = token
        if request.method not in SAFE_METHODS and not csrf_matches(
                services().settings.secret_key, token, request.headers.get(CSRF_HEADER)):
            raise CsrfFailed("Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token).")
    if request.method not in SAFE_METHODS and request.endpoint not in OWN_SESSION_ENDPOINTS:
        ensure_may_change(g.principal)


def current_principal() -> Principal:
    return g.principal


def session_token() -> str | None:
    """The cookie session's token when the request came with the cookie, else None."""
    return g.get("session_token")
