"""Logging in and out, and the language switch."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext

from engine.core import AuthenticationFailed, InvalidInput, TooManyAttempts
from engine.people import change_own_password

from ..blueprint import bp
from ..i18n import LANGUAGES, safe_next
from ..session_auth import current_principal, log_in, log_out, login_required, services
from .common import page_response


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
        retry = None
        try:
            log_in(username, request.form.get("password", "")[:256])
            return redirect(target)
        except AuthenticationFailed:
            error, status = gettext("Sai tên đăng nhập hoặc mật khẩu."), 401
        except TooManyAttempts as exc:
            error, status, retry = gettext(exc.message), 429, exc.retry_after
        return page_response(render_template("login.html", error=error, next=target, username=username), status,
                             retry)
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


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def own_password():
    """Anyone changes their own password (an administrator's temporary one, first of all). Every session of the
    user ends with the old password, so this one logs in again with the new one."""
    errors, status, retry = {}, 200, None
    if request.method == "POST":
        principal = current_principal()
        new = request.form.get("new_password", "")[:256]
        try:
            if new != request.form.get("confirm_password", "")[:256]:
                raise InvalidInput("Hai lần nhập mật khẩu mới không khớp.", {"confirm_password": "Không khớp."})
            change_own_password(services(), principal, request.form.get("current_password", "")[:256], new,
                                request.remote_addr)
        except InvalidInput as exc:
            flash(gettext(exc.message), "error")
            status = 422  # the engine names the new password `password`; this form, `new_password`
            errors = {("new_password" if name == "password" else name): problem
                      for name, problem in exc.details.items()}
        except TooManyAttempts as exc:  # wrong current passwords count as failed logins
            flash(gettext(exc.message), "error")
            status, retry = 429, exc.retry_after
        else:
            log_in(principal.username, new)
            flash(gettext("Đã đổi mật khẩu."), "ok")
            return redirect(url_for("web.inbox"))
    return page_response(render_template("password.html", errors=errors), status, retry)
