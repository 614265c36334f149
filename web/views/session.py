"""Logging in and out, and the language switch."""
from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext

from engine.errors import AuthenticationFailed

from ..blueprint import bp
from ..i18n import LANGUAGES, safe_next
from ..session_auth import current_principal, log_in, log_out


@bp.route("/")
def home():
    if current_principal() is not None:
        return redirect(url_for("web.inbox"))
    return redirect(url_for("web.public_home"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = safe_next(request.values.get("next"), url_for("web.inbox"))
    error = None
    if request.method == "POST":
        username = request.form.get("username", "").strip()[:64]
        try:
            log_in(username, request.form.get("password", "")[:256])
            return redirect(target)
        except AuthenticationFailed:
            error = gettext("Sai tên đăng nhập hoặc mật khẩu.")
        return render_template("login.html", error=error, next=target, username=username), 401
    return render_template("login.html", error=None, next=target, username="")


@bp.route("/logout", methods=["POST"])
def logout():
    log_out()
    return redirect(url_for("web.login"))


@bp.route("/lang/<code>")
def set_language(code):
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("web.home")))
