"""What every page shares: CSRF on every form post, HTML error pages, template helpers."""
from __future__ import annotations

from flask import render_template, request, session
from flask_babel import format_date, format_datetime, gettext
from flask_wtf.csrf import CSRFError

from api.errors import STATUS
from engine.errors import DanchuError
from engine.roles import ADMINISTRATOR, AUDITOR, ROLES

from .. import csrf
from ..blueprint import bp
from ..engine_messages import N_
from ..form_render import display_value
from ..session_auth import current_principal

STATUS_LABELS = {"running": N_("Đang xử lý"), "completed": N_("Đã kết thúc"), "cancelled": N_("Đã hủy"),
                 "error": N_("Lỗi"), "ready": N_("Chờ nhận"), "claimed": N_("Đang làm")}
ACTION_LABELS = {"started": N_("Mở hồ sơ"), "claimed": N_("Nhận việc"), "unclaimed": N_("Trả lại việc"),
                 "completed": N_("Hoàn thành"), "message": N_("Nhận thông điệp"), "cancelled": N_("Hủy hồ sơ"),
                 "ended": N_("Kết thúc"), "error": N_("Lỗi quy trình"), "deployed": N_("Triển khai")}


@bp.before_request
def _check_csrf():
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


@bp.after_request
def _headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


@bp.errorhandler(DanchuError)
def _domain_error(exc: DanchuError):
    status = next((code for cls, code in STATUS if isinstance(exc, cls)), 400)
    return render_template("error.html", status=status, message=gettext(exc.message)), status


@bp.errorhandler(CSRFError)
def _csrf_error(exc):
    message = gettext("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại.")
    return render_template("error.html", status=400, message=message), 400


@bp.app_template_filter("dt")
def _datetime(value):
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


@bp.app_template_filter("d")
def _date(value):
    return format_date(value, "dd/MM/yyyy") if value else ""


@bp.app_template_filter("status_label")
def _status_label(value):
    return gettext(STATUS_LABELS[value]) if value in STATUS_LABELS else (value or "")


@bp.app_template_filter("action_label")
def _action_label(value):
    return gettext(ACTION_LABELS[value]) if value in ACTION_LABELS else (value or "")


@bp.app_template_filter("role_title")
def _role_title(code):
    return ROLES.get(code, code)


@bp.app_template_filter("tr")
def _translate(text):
    """Translate engine text (Vietnamese) when the catalog knows it."""
    return gettext(text) if text else ""


@bp.app_context_processor
def _context():
    principal = current_principal() if request.blueprint == "web" else None
    return {
        "principal": principal,
        "user_name": session.get("name"),
        "lang": session.get("lang", "vi"),
        "is_admin": bool(principal and principal.has_role(ADMINISTRATOR)),
        "is_auditor": bool(principal and principal.has_role(AUDITOR, ADMINISTRATOR)),
        "display_value": display_value,
    }
