"""Who is logged in to the web UI.

At login the session stores the user's signed access claims (`engine.people.users.issue_token`: username, token
generation, expiry). Every request re-checks them with `principal_from_token`, so raising the user's token
generation (logout, password change, disabling) ends every session at once.
"""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, redirect, request, session, url_for

from engine.core import AuthenticationFailed, Forbidden, Principal
from engine.people import full_name, issue_token, principal_from_token, revoke_tokens
from engine.people import log_in as throttled_log_in


def services():
    return current_app.extensions["danchu"]


def log_in(username: str, password: str) -> Principal:
    """The web form's login, throttled per account and per address like the API's (`engine.people.login`)."""
    principal = throttled_log_in(services(), username, password, request.remote_addr)
    token, _expires = issue_token(services(), principal)
    lang = session.get("lang")
    session.clear()  # a new session on login: nothing from before survives
    session["token"] = token
    session["name"] = full_name(services(), principal.username) or principal.username
    if lang:
        session["lang"] = lang
    return principal


def log_out() -> None:
    principal = current_principal()
    if principal is not None:
        revoke_tokens(services(), principal.username)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def current_principal() -> Principal | None:
    if "web_principal" not in g:
        g.web_principal = None
        token = session.get("token")
        if token:
            try:
                g.web_principal = principal_from_token(services(), token)
            except AuthenticationFailed:
                session.pop("token", None)
    return g.web_principal


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_principal() is None:
            return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapper


def roles_required(*roles: str):
    """Hide a page from users who hold none of `roles` (the engine still checks every action)."""
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not current_principal().has_role(*roles):
                raise Forbidden("Trang này dành cho vai trò khác.")
            return view(*args, **kwargs)
        return wrapper
    return decorate
