"""The web application: server-rendered pages for staff, administrators, auditors and the public.

An edge like `api/`: views parse the request, call engine verbs, render a Jinja template. Staff log in with a
form; the session cookie (signed, HttpOnly, SameSite=Lax, and Secure by the API cookie's rule,
`Settings.secure_cookies`: outside demo mode unless `DANCHU_COOKIE_SECURE=0`) carries the user's access
claims, which include the token generation, so logout, a password change or disabling the account revokes it.
Every form carries a CSRF token (Flask-WTF), checked only on these pages: the JSON API uses bearer tokens.
"""
from __future__ import annotations

import os

from flask import Flask
from flask_babel import Babel

from . import views  # noqa: F401 - attaches the routes to the blueprint
from .blueprint import bp
from .cookie_session import CookieSessionInterface
from .csrf import csrf
from .i18n import select_locale, select_timezone


def register_web(app: Flask) -> None:
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # checked by the web blueprint only
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # the token lives as long as the session
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SECURE"] = app.extensions["danchu"].settings.secure_cookies
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "vi")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", os.path.join(os.path.dirname(__file__), "translations"))
    app.session_interface = CookieSessionInterface()
    csrf.init_app(app)
    Babel(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.register_blueprint(bp)
