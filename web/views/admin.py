"""Administrators: process models and versions (upload, compare), users, units, and the working-day calendar.
The modeler's routes are `web.views.modeler`."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date, gettext

from edges.downloads import attachment
from edges.errors import error_status
from engine.calendar import delete_override, list_overrides, may_edit_calendar, put_override
from engine.core import ADMINISTRATOR, ROLES, DanchuError, InvalidInput, InvalidProcessModel
from engine.definitions import ProcessPackage, is_safe_file_name
from engine.files import list_templates, replace_template, version_template
from engine.people import add_unit, add_user, get_user, list_units, list_users, set_password, update_user
from engine.processes import (
    compare_versions,
    deploy_process_version,
    get_process_model,
    get_version,
    list_process_models,
    may_deploy,
)

from ..blueprint import bp
from ..form_render import day_to_iso
from ..session_auth import current_principal, roles_required, services
from .common import name_people
from .modeler_texts import element_kind, property_label

admin_only = roles_required(ADMINISTRATOR)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.route("/admin/processes")
@admin_only
def processes():
    return render_template("admin/processes.html",  # case counts: the administrator's own communes only
                           models=list_process_models(services(), current_principal()),
                           may_deploy=may_deploy(services(), current_principal()))


@bp.route("/admin/processes/<process_model>")
@admin_only
def process(process_model):
    model = get_process_model(services(), process_model, current_principal())
    name_people(v["deployed_by"] for v in model["versions"])
    return render_template("admin/process.html", model=model)


@bp.route("/admin/processes/upload", methods=["POST"])
@admin_only
def upload_process():
    diagram = request.files.get("bpmn")
    if diagram is None or not diagram.filename:
        flash(gettext("Hãy chọn tệp sơ đồ .bpmn."), "error")
        return redirect(url_for("web.processes"))
    files = {}
    for upload in request.files.getlist("files"):
        if upload.filename:
            if not is_safe_file_name(upload.filename):
                flash(gettext("Tên tệp không hợp lệ."), "error")
                return redirect(url_for("web.processes"))
            files[upload.filename] = upload.read()
    try:
        deployment = deploy_process_version(services(), current_principal(),
                                            ProcessPackage(diagram.filename, diagram.read(), files))
    except InvalidProcessModel as exc:
        return render_template("admin/processes.html", models=list_process_models(services(), current_principal()),
                               problems=exc.problems, may_deploy=True), 422
    version = deployment.version
    flash(gettext("Đã triển khai %(id)s phiên bản %(n)s.", id=version.process_model_id, n=version.version), "ok")
    return redirect(url_for("web.process", process_model=version.process_model_id))


@bp.route("/admin/processes/<process_model>/versions/<int:number>/bpmn")
@admin_only
def version_bpmn(process_model, number):
    """The diagram as a download, never shown inline (`edges/downloads.py`); the modeler fetches it."""
    version = get_version(services(), process_model, number)
    return attachment(version.bpmn_xml, "application/xml", f"{process_model}-v{number}.bpmn")


@bp.route("/admin/processes/<process_model>/templates")
@admin_only
def templates(process_model):
    """The document templates of the latest version, by the steps that issue them: download, upload."""
    return _templates_page(process_model)


@bp.route("/admin/processes/<process_model>/templates/<name>", methods=["POST"])
@admin_only
def upload_template(process_model, name):
    """An edited template uploaded as a new version of the process (`engine.files.replace_template`); the
    refusal shown beside the template, in words."""
    upload = request.files.get("mau")
    if upload is None or not upload.filename:
        return _templates_page(process_model, {name: gettext("Hãy chọn tệp Word .docx.")}, 422)
    try:
        deployment = replace_template(services(), current_principal(), process_model, name, upload.read())
    except InvalidProcessModel as exc:
        return _templates_page(process_model, {name: "; ".join(p["message"] for p in exc.problems)}, 422)
    except DanchuError as exc:
        problem = next(iter((exc.details or {}).values()), None) or exc.message
        return _templates_page(process_model, {name: gettext(problem)}, error_status(exc))
    if deployment.created:
        flash(gettext("Đã triển khai phiên bản %(n)s với mẫu mới.", n=deployment.version.version), "ok")
    else:
        flash(gettext("Mẫu tải lên giống mẫu hiện có; không có phiên bản mới."), "ok")
    return redirect(url_for("web.templates", process_model=process_model))


@bp.route("/admin/processes/<process_model>/versions/<int:number>/templates/<name>")
@admin_only
def template_file(process_model, number, name):
    return attachment(version_template(services(), process_model, number, name), DOCX, name)


def _templates_page(process_model: str, errors: dict | None = None, status: int = 200):
    model = get_process_model(services(), process_model, current_principal())
    return render_template("admin/templates.html", model=model, listing=list_templates(services(), process_model),
                           errors=errors or {}, may_deploy=may_deploy(services(), current_principal())), status


@bp.route("/admin/processes/<process_model>/compare")
@admin_only
def compare(process_model):
    model = get_process_model(services(), process_model, current_principal())
    latest = model["latest_version"]
    old = request.args.get("old", type=int) or max(1, latest - 1)
    new = request.args.get("new", type=int) or latest
    return render_template("admin/compare.html", model=model, property_label=property_label, element_kind=element_kind,
                           diff=compare_versions(services(), process_model, old, new))


USER_PAGE = 500  # a commune has tens of staff; a province's administrator filters by unit


@bp.route("/admin/users", methods=["GET", "POST"])
@admin_only
def users():
    """The users of the administrator's own units (a commune's administrator sees that commune's staff only),
    and a new account, audited like every change of the directory (`engine.people.accounts`)."""
    principal = current_principal()
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        values = {"username": request.form.get("username", "").strip()[:64],
                  "full_name": request.form.get("full_name", "").strip()[:200],
                  "roles": request.form.getlist("roles"), "unit": request.form.get("unit") or None}
        password = request.form.get("password", "")[:256]
        if not values["username"] or not values["full_name"] or not values["roles"]:
            errors = {k: gettext("Trường bắt buộc.") for k in ("username", "full_name", "roles") if not values[k]}
            status = 422
        else:
            try:
                add_user(services(), principal, username=values["username"], full_name=values["full_name"],
                         password=password, roles=values["roles"], unit=values["unit"])
                flash(gettext("Đã tạo tài khoản %(u)s.", u=values["username"]), "ok")
                return redirect(url_for("web.users"))
            except DanchuError as exc:
                flash(gettext(exc.message), "error")
                errors, status = exc.details, error_status(exc)
    unit = request.args.get("unit", "").strip()[:64] or None
    listed, total = list_users(services(), principal, unit=unit, limit=USER_PAGE)
    return render_template("admin/users.html", users=listed, total=total, unit=unit, roles=ROLES,
                           units=list_units(services(), principal), errors=errors, values=values), status


@bp.route("/admin/users/<username>", methods=["GET", "POST"])
@admin_only
def user(username):
    """One account: name, roles, unit, locked or not; and a new password set by the administrator. Each
    change ends the user's sessions where it must (a new unit, a lock, a password)."""
    principal = current_principal()
    account = get_user(services(), principal, username)
    errors, status = {}, 200
    if request.method == "POST":
        try:
            if request.form.get("form") == "password":
                set_password(services(), principal, username, request.form.get("password", "")[:256])
                flash(gettext("Đã đặt mật khẩu mới cho %(u)s.", u=username), "ok")
            else:
                update_user(services(), principal, username,
                            full_name=request.form.get("full_name", "").strip()[:200] or None,
                            roles=request.form.getlist("roles"), unit=request.form.get("unit") or None,
                            active=request.form.get("active") == "1")
                flash(gettext("Đã lưu tài khoản %(u)s.", u=username), "ok")
            return redirect(url_for("web.user", username=username))
        except DanchuError as exc:
            flash(gettext(exc.message), "error")
            errors, status = exc.details, error_status(exc)
            if request.form.get("form") != "password":  # the form again as it was sent, with its problems
                account = {**account, "full_name": request.form.get("full_name", "")[:200],
                           "roles": request.form.getlist("roles"), "active": request.form.get("active") == "1"}
    return render_template("admin/user.html", account=account, roles=ROLES, errors=errors,
                           units=list_units(services(), principal)), status


@bp.route("/admin/units", methods=["GET", "POST"])
@admin_only
def units():
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        values = {k: request.form.get(k, "").strip() for k in ("code", "name", "kind", "parent")}
        try:
            add_unit(services(), current_principal(), code=values["code"], name=values["name"],
                     kind=values["kind"], parent=values["parent"] or None)
            flash(gettext("Đã thêm đơn vị %(name)s.", name=values["name"]), "ok")
            return redirect(url_for("web.units"))
        except DanchuError as exc:
            flash(gettext(exc.message), "error")
            errors, status = exc.details, error_status(exc)
    listed = list_units(services(), current_principal())
    return render_template("admin/units.html", units=listed, names={u["code"]: u["name"] for u in listed},
                           errors=errors, values=values), status


@bp.route("/admin/calendar", methods=["GET", "POST"])
@admin_only
def calendar():
    today = services().clock.now().date()
    year = request.args.get("year", type=int) or today.year
    year = min(max(year, 2000), 2100)
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        values = {"day": request.form.get("day", "").strip()[:10], "name": request.form.get("name", "").strip()[:200],
                  "working": request.form.get("working") == "1"}
        try:
            day = _form_date(values["day"], "day")
            _, created = put_override(services(), current_principal(), day, values["working"], values["name"])
            flash(gettext("Đã thêm quyết định cho ngày %(d)s.", d=format_date(day, "dd/MM/yyyy")) if created else
                  gettext("Đã thay quyết định cho ngày %(d)s.", d=format_date(day, "dd/MM/yyyy")), "ok")
            return redirect(url_for("web.calendar", year=day.year))
        except DanchuError as exc:
            flash(gettext(exc.message), "error")
            errors, status = exc.details, error_status(exc)
    return render_template("admin/calendar.html", year=year, holidays=services().calendar.holidays(year),
                           overrides=list_overrides(services(), year), errors=errors, values=values,
                           may_change=may_edit_calendar(services(), current_principal())), status


@bp.route("/admin/calendar/<day>/delete", methods=["POST"])
@admin_only
def delete_calendar_override(day):
    parsed = _form_date(day, "day")
    delete_override(services(), current_principal(), parsed)
    flash(gettext("Đã xóa quyết định cho ngày %(d)s.", d=format_date(parsed, "dd/MM/yyyy")), "ok")
    return redirect(url_for("web.calendar", year=parsed.year))


def _form_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(day_to_iso(text.strip()))
    except ValueError:
        raise InvalidInput("Ngày không hợp lệ.", {field: "Ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026."}) from None
