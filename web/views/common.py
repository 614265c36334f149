"""What every page shares: CSRF on every form post, HTML error pages (the one JSON error body for the
modeler's JSON calls), template helpers."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import g, make_response, render_template, request, session, url_for
from flask_babel import format_date, format_datetime, format_decimal, gettext
from flask_wtf.csrf import CSRFError
from markupsafe import Markup

from edges.errors import error_response, error_status
from engine.core import ADMINISTRATOR, AUDITOR, N_, ROLES, SECTORS, CsrfFailed, DanchuError
from engine.definitions import say_lint, translate_filled
from engine.notifications import count_unread
from engine.people import full_names
from engine.processes import list_process_models
from engine.reports import REVIEW_ROLES

from ..blueprint import bp
from ..csrf import csrf
from ..form_render import display_value, iso_to_day
from ..i18n import safe_next
from ..session_auth import current_principal, services

STATUS_LABELS = {"running": N_("Đang xử lý"), "completed": N_("Đã kết thúc"), "cancelled": N_("Đã hủy"),
                 "error": N_("Lỗi"), "ready": N_("Chờ nhận"), "claimed": N_("Đang làm")}
ACTION_LABELS = {  # every action the audit log records (`engine.trust.audit.record_event`), as people name it
    "started": N_("Mở hồ sơ"), "claimed": N_("Nhận việc"), "unclaimed": N_("Trả lại việc"),
    "completed": N_("Hoàn thành"), "message": N_("Nhận thông điệp"), "timer_fired": N_("Đến giờ hẹn"),
    "cancelled": N_("Hủy hồ sơ"), "ended": N_("Kết thúc"), "error": N_("Lỗi quy trình"),
    "confidential_read": N_("Xem thông tin bảo mật"), "deployed": N_("Triển khai"), "moved": N_("Chuyển phiên bản"),
    "calendar_override_set": N_("Điều chỉnh lịch làm việc"), "calendar_override_deleted": N_("Bỏ điều chỉnh lịch"),
    "user_created": N_("Thêm người dùng"), "user_updated": N_("Sửa người dùng"), "password_set": N_("Đặt mật khẩu"),
    "password_changed": N_("Đổi mật khẩu"), "unit_created": N_("Thêm đơn vị"), "audit_exported": N_("Xuất nhật ký"),
    "excluded": N_("Loại người bị tố cáo khỏi hồ sơ"), "transferred": N_("Chuyển cấp giải quyết"),
    "schedule_changed": N_("Đổi lịch định kỳ"),
    "attached": N_("Đính kèm tệp"), "attachment_downloaded": N_("Tải tệp đính kèm"),
    "attachment_resealed": N_("Mã hoá lại tệp bảo mật"), "case_file_exported": N_("Xuất hồ sơ"),
    "sent_back": N_("Trả về bước trước"),
    "warnings_confirmed": N_("Xác nhận số liệu có cảnh báo"),
}

# How one case came from another (`instance_links.relation`, set by `danchu.start_case`), from each side.
RELATION_LABELS = {
    "don_thu": (N_("Hồ sơ mở từ đơn này"), N_("Mở từ đơn")),
    "tiep_cong_dan": (N_("Hồ sơ mở từ buổi tiếp công dân này"), N_("Mở từ buổi tiếp công dân")),
    "nhan_rong": (N_("Mô hình nhân rộng từ mô hình này"), N_("Nhân rộng từ mô hình")),
    "mo_ho_so": (N_("Hồ sơ mở từ hồ sơ này"), N_("Mở từ hồ sơ")),
}
# Who acted when no person did: the portal for citizens (`engine.core.principal.PORTAL_USER`), the system.
ACTOR_LABELS = {"cong_thong_tin": N_("Cổng thông tin (công dân gửi)"), "system": N_("Hệ thống")}
# The audit log's own data keys (a case's form fields are named by their forms' titles instead).
EVENT_KEY_LABELS = {
    "outcome": N_("Kết quả"), "view": N_("Xem tại"), "fields": N_("Trường"), "format": N_("Định dạng"),
    "count": N_("Số sự kiện"), "filters": N_("Điều kiện"), "reason": N_("Lý do"), "field": N_("Trường"),
    "account": N_("Tài khoản"), "from_unit": N_("Từ đơn vị"), "to_unit": N_("Đến đơn vị"),
    "from_version": N_("Từ phiên bản"), "to_version": N_("Đến phiên bản"), "mapping": N_("Ghép bước"),
    "tasks": N_("Các bước"), "deadline": N_("Thời hạn"), "recompute_deadlines": N_("Tính lại thời hạn"),
    "username": N_("Tài khoản"), "roles": N_("Vai trò"), "unit": N_("Đơn vị"), "element": N_("Phần tử sơ đồ"),
    "kind": N_("Loại"), "due_at": N_("Hạn"), "name": N_("Tên"), "data": N_("Dữ liệu"), "parent": N_("Hồ sơ gốc"),
    "sha256": N_("Mã băm SHA-256"), "files": N_("Tệp"), "code": N_("Mã"), "day": N_("Ngày"),
    "working": N_("Ngày làm việc"), "with_completion": N_("Nhận khi hoàn thành"),
}
VIEW_LABELS = {"instance": N_("trang hồ sơ"), "task": N_("trang công việc"), "history": N_("lịch sử hồ sơ"),
               "steps": N_("các bước trước của hồ sơ")}


OVERVIEW_ROLES = ("chu_tich", "pho_chu_tich", AUDITOR)  # the menu offers the overview to leaders and auditors


@bp.before_request
def _check_csrf():
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


@bp.app_template_global()
def back_url() -> str:
    """The page the person came from, for "Quay lại" on error pages, when it is a page of this site (a
    `javascript:history.back()` link would not run under the Content-Security-Policy)."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.scheme in ("http", "https"):
        return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""), url_for("web.home"))
    return url_for("web.home")


# The modeler's and form editor's calls, whose script reads the error body (`docs/api.md`) whatever refused them
JSON_ENDPOINTS = frozenset({"web.validate_version", "web.preview_deploy", "web.deploy_version",
                            "web.sandbox_verdicts", "web.form_preview"})


def _wants_json() -> bool:
    return request.is_json or request.endpoint in JSON_ENDPOINTS


@bp.errorhandler(DanchuError)
def _domain_error(exc: DanchuError):
    status = error_status(exc)
    if _wants_json():  # a refusal before the view ran (the request guards): the body the script reads
        return error_response(status, exc.code, gettext(exc.message), exc.details)
    return render_template("error.html", status=status, message=gettext(exc.message)), status


@bp.errorhandler(CSRFError)
def _csrf_error(exc):
    message = gettext("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại.")
    if _wants_json():
        return error_response(error_status(CsrfFailed(message)), CsrfFailed.code, message, {"csrf_token": message})
    return render_template("error.html", status=400, message=message), 400


MAX_PAGE = 100_000  # far past any list; beyond it an offset would overflow the databases' integers


def page_response(page: str, status: int, retry_after: int | None = None):
    """A rendered page with its status, and `Retry-After` when a throttle refused the request (429)."""
    response = make_response(page, status)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def page_number() -> int:
    """The list page asked for (`?page=`), from 1 to MAX_PAGE whatever was sent."""
    return min(max(request.args.get("page", type=int) or 1, 1), MAX_PAGE)


def name_people(*groups) -> None:
    """Look up at once the full names of the users this page mentions, for the `person` filter: staff know
    each other by name, not by login."""
    g.people = full_names(services(), (username for group in groups for username in group))


@bp.app_template_filter("person")
def _person(username, with_login: bool = False):
    """A user's full name (the login on hover), or the login when the page did not look it up or it is no
    user; `with_login`, for auditors: both, since the login is what the audit log records."""
    name = g.get("people", {}).get(username) if username else None
    if name is None and username in ACTOR_LABELS:
        return gettext(ACTOR_LABELS[username])
    if name is None:
        return username or ""
    if with_login:
        return Markup("{} (<code>{}</code>)").format(name, username)
    return Markup('<span class="person" title="{}">{}</span>').format(username, name)


@bp.app_template_filter("dt")
def _datetime(value):
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


@bp.app_template_filter("d")
def _date(value):
    return format_date(value, "dd/MM/yyyy") if value else ""


@bp.app_template_filter("iso_date")
def _iso_date(value):
    """A day the case data holds as ISO 8601 (`2026-03-05`), as people read it: 05/03/2026."""
    return iso_to_day(value) if isinstance(value, str) else _date(value)


@bp.app_template_filter("due_day")
def _due_day(value):
    """The last day of a period from the instant it expires (24:00 of that day, the next day's 00:00 in the
    commune's time), as the law names the deadline: "đến hết ngày ..."."""
    return format_date(value - timedelta(microseconds=1), "dd/MM/yyyy") if value else ""


@bp.app_template_filter("filesize")
def _file_size(value):
    """A file's size as people read it: kB under a megabyte, else MB (decimal comma in Vietnamese)."""
    if value is None:
        return ""
    if value < 1024 * 1024:
        return f"{format_decimal(max(1, round(value / 1024)))} kB"
    return f"{format_decimal(round(value / (1024 * 1024), 1))} MB"


@bp.app_template_filter("status_label")
def _status_label(value):
    return gettext(STATUS_LABELS[value]) if value in STATUS_LABELS else (value or "")


@bp.app_template_filter("sector_label")
def _sector_label(value):
    """A sector's name (lĩnh vực), never its code."""
    return gettext(SECTORS[value]) if value in SECTORS else (value or "")


@bp.app_template_filter("action_label")
def _action_label(value):
    return gettext(ACTION_LABELS[value]) if value in ACTION_LABELS else (value or "")


@bp.app_template_filter("event_label")
def _event_label(event: dict) -> str:
    """What an event of the log did, in words: a file a step issued (`attached` with the register's
    reference, `engine.files.issued`) is the issuing of that document, not an attachment."""
    data = event.get("data") if isinstance(event.get("data"), dict) else {}
    if event.get("action") == "attached" and data.get("issued"):
        return gettext("Ban hành văn bản %(reference)s", reference=data["issued"])
    return _action_label(event.get("action"))


@bp.app_template_filter("relation_label")
def _relation_label(link: dict) -> str:
    """How a linked case relates to this one, in words, from this case's side."""
    outgoing, incoming = RELATION_LABELS.get(link.get("relation"), (N_("Hồ sơ liên quan"), N_("Hồ sơ liên quan")))
    words = outgoing if link.get("direction") == "outgoing" else incoming
    return gettext(words)


@bp.app_template_filter("process_name")
def _process_name(code: str) -> str:
    """A process's name (its code when no process has it), the catalogue read once per page."""
    if "process_names" not in g:
        g.process_names = {m["id"]: m["name"] for m in list_process_models(services())}
    return g.process_names.get(code) or code


@bp.app_template_filter("event_key")
def _event_key(key: str, fields: dict) -> str:
    """An audit event's data key: the form field's title, the log's own word for it, else the key."""
    title = (fields.get(key) or {}).get("title")
    if title:
        return title
    return gettext(EVENT_KEY_LABELS[key]) if key in EVENT_KEY_LABELS else key


@bp.app_template_filter("event_value")
def _event_value(value, key: str, fields: dict) -> str:
    """An audit event's value as people read it: a form field's option title or Có/Không, the page a
    confidential value was read on, else the value (`display_value`)."""
    if key == "view" and value in VIEW_LABELS and key not in fields:
        return gettext(VIEW_LABELS[value])
    return display_value(fields.get(key), value)


@bp.app_template_filter("role_title")
def _role_title(code):
    return ROLES.get(code, code)


@bp.app_template_filter("tr")
def _translate(text):
    """Translate engine text (Vietnamese) when the catalog knows it, or knows the template it was filled from
    (a form's limits: "Dài quá: tối đa 200 ký tự.", a lint rule's "Tên làn 'x' không phải…")."""
    if not text:
        return ""
    translated = gettext(text)
    if translated == text:
        return translate_filled(text, gettext) or say_lint(text, gettext) or text
    return translated


def said_problems(problems: list[dict]) -> list[dict]:
    """A diagram's problems for a page: each message in the reader's language where the catalog has it (the
    lint rules'); the API's error body keeps them Vietnamese, its documented language."""
    return [{**problem, "message": _translate(problem.get("message"))} for problem in problems]


@bp.app_context_processor
def _context():
    principal = current_principal() if request.blueprint == "web" else None
    return {
        "principal": principal,
        "user_name": session.get("name"),
        "lang": session.get("lang", "vi"),
        "is_admin": bool(principal and principal.has_role(ADMINISTRATOR)),
        "is_auditor": bool(principal and principal.has_role(AUDITOR, ADMINISTRATOR)),
        "sees_overview": bool(principal and principal.has_role(*OVERVIEW_ROLES)),
        "unread_notifications": count_unread(services(), principal) if principal else 0,
        "display_value": display_value,
        "sectors": SECTORS,
        "can_review": bool(principal and principal.has_role(*REVIEW_ROLES)),
    }
