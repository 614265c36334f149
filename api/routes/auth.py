from flask import make_response, request

from engine.core import InvalidInput
from engine.people import change_own_password, describe_user, issue_token, log_in, revoke_tokens

from ..auth import current_principal, services, session_token
from ..blueprint import Blueprint
from ..schemas import TokenRequest, TokenResponse
from ..security_schemas import PasswordChange, SessionRequest, SessionSchema
from ..sessions import clear_session_cookie, csrf_token_for, set_session_cookie

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth",
                description="Log in (bearer token, or a cookie session for the web UI), log out")


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
def token(body):
    """Exchange a username and password for an access token (throttled: 429 with Retry-After)."""
    principal = log_in(services(), body["username"], body["password"], request.remote_addr)
    access_token, expires = issue_token(services(), principal)
    return {"access_token": access_token, "token_type": "Bearer", "expires_at": expires}


@blp.route("/session", methods=["POST"])
@blp.arguments(SessionRequest)
@blp.response(200, SessionSchema)
def session_login(body):
    """Log in the web UI: sets the HttpOnly session cookie and returns the CSRF token to send back."""
    if not request.is_json:
        raise InvalidInput("Đăng nhập phải gửi JSON.", {"body": "Content-Type: application/json."})
    settings = services().settings
    principal = log_in(services(), body["username"], body["password"], request.remote_addr)
    access_token, expires = issue_token(services(), principal)
    view = {**describe_user(services(), principal), "authenticated_by": "cookie", "expires_at": expires,
            "csrf_token": csrf_token_for(settings.secret_key, access_token)}
    response = make_response(SessionSchema().dump(view))
    set_session_cookie(response, access_token, settings.token_ttl_seconds, settings.secure_cookies)
    return response


@blp.route("/session", methods=["GET"])
@blp.response(200, SessionSchema)
def session_show():
    """Who I am; for a cookie session also its CSRF token (e.g. after the page was reloaded)."""
    token = session_token()
    csrf = csrf_token_for(services().settings.secret_key, token) if token else None
    return {**describe_user(services(), current_principal()), "authenticated_by": "cookie" if token else "bearer",
            "csrf_token": csrf, "expires_at": None}


@blp.route("/session", methods=["DELETE"])
@blp.response(204)
def session_logout():
    """Log out the web UI: revokes every token of the user and clears the cookie."""
    return _logout()


@blp.route("/logout", methods=["POST"])
@blp.response(204)
def logout():
    """Log out: revokes every token and session of the user (all devices)."""
    return _logout()


@blp.route("/password", methods=["POST"])
@blp.arguments(PasswordChange)
@blp.response(204)
def change_password(body):
    """Change my password; every token and session of mine stops working (log in again)."""
    change_own_password(services(), current_principal(), body["current_password"], body["new_password"],
                        request.remote_addr)
    response = make_response("", 204)
    clear_session_cookie(response, services().settings.secure_cookies)
    return response


def _logout():
    revoke_tokens(services(), current_principal().username)
    response = make_response("", 204)
    clear_session_cookie(response, services().settings.secure_cookies)
    return response
