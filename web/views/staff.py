"""Staff pages: the inbox, a task with its form, opening a case, a case, and case search."""
from __future__ import annotations

import json
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from edges.downloads import attachment
from edges.uploads import uploads_from
from engine.cases import (
    DUE_FILTERS,
    OPEN_TASK_STATUSES,
    STATUSES,
    case_history,
    case_summaries,
    claim_task,
    complete_task,
    describe_deadline,
    describe_tasks,
    discard_task_draft,
    download_attachment,
    download_attachment_pdf,
    export_case_file,
    earlier_steps,
    get_case,
    get_task,
    get_task_draft,
    inbox_of,
    list_attachments,
    may_cancel,
    next_task_for,
    save_task_draft,
    search_cases,
    send_back,
    send_back_targets,
    send_message,
    start_form,
    unclaim_task,
)
from engine.cases import cancel_case as cancel_a_case
from engine.cases import start_case as open_a_case
from engine.core import SECTORS, InvalidInput
from engine.definitions import confidential_fields, version_fields
from engine.people import list_accounts, list_units
from engine.portal import outcome_label
from engine.processes import get_version, list_process_models

from ..blueprint import bp
from ..form_render import build_fields, day_to_iso, has_account_field, parse_submission
from ..session_auth import current_principal, login_required, services
from .common import name_people, page_number

PAGE_SIZE = 25


@bp.route("/inbox")
@login_required
def inbox():
    boxes = inbox_of(services(), current_principal())
    return render_template("inbox.html", boxes=boxes)


def _confirmed() -> bool:
    """The person ticked the box confirming the warnings of the form's checks (`x-checks`)."""
    return request.form.get("confirm_warnings") == "1"


def _pending_warnings(exc: InvalidInput) -> bool:
    """Only warnings stand: the form is shown again with the box that confirms them."""
    return exc.code == "warnings_unconfirmed"


def _task_page(task_id: str, *, values=None, errors=None, status=200, pending_warnings=False):
    principal = current_principal()
    task = get_task(services(), principal, task_id)
    task.update(describe_tasks(services(), [task])[0])
    draft = get_task_draft(services(), principal, task_id)
    prefilled = values is None and not draft and bool(task.get("last_pass"))  # a redo: its last pass's values
    if values is None:
        values = draft["data"] if draft else (task["last_pass"]["data"] if prefilled else {})
    is_open = task["status"] in OPEN_TASK_STATUSES and task["role"] in principal.roles
    mine = task["status"] == "claimed" and task["assignee"] == principal.username
    taken = task["status"] == "claimed" and not mine
    accounts = _accounts(principal, task["form"])
    fields = build_fields(task["form"], values, errors, task.get("ui_schema"), accounts)
    _only_role_holders(fields, accounts, task.get("assignee_roles") or {})
    steps = earlier_steps(services(), principal, task_id)
    name_people([task["assignee"], (task.get("last_pass") or {}).get("completed_by")], (s["actor"] for s in steps))
    return render_template("task.html", task=task, fields=fields, draft=draft, errors=errors or {},
                           can_act=is_open and not taken, mine=mine, taken=taken, steps=steps,
                           pending_warnings=pending_warnings, prefilled=prefilled), status


@bp.route("/tasks/<task_id>")
@login_required
def task(task_id):
    return _task_page(task_id)


@bp.route("/tasks/<task_id>/claim", methods=["POST"])
@login_required
def claim(task_id):
    claim_task(services(), current_principal(), task_id, detail=False)  # the task page comes next
    flash(gettext("Bạn đã nhận công việc này."), "ok")
    return redirect(url_for("web.task", task_id=task_id))


@bp.route("/tasks/<task_id>/unclaim", methods=["POST"])
@login_required
def unclaim(task_id):
    unclaim_task(services(), current_principal(), task_id, detail=False)
    flash(gettext("Đã trả lại công việc cho nhóm."), "ok")
    return redirect(url_for("web.inbox"))


@bp.route("/tasks/<task_id>/submit", methods=["POST"])
@login_required
def submit_task(task_id):
    principal = current_principal()
    task = get_task(services(), principal, task_id)
    data = parse_submission(task["form"], request.form)
    try:
        if request.form.get("action") == "save":
            save_task_draft(services(), principal, task_id, data)
            flash(gettext("Đã lưu nháp."), "ok")
            return redirect(url_for("web.task", task_id=task_id))
        complete_task(services(), principal, task_id, data, confirm_warnings=_confirmed(),
                      uploads=uploads_from(request.files, services().settings))
    except InvalidInput as exc:
        flash(gettext(exc.message), "error")
        return _task_page(task_id, values=data, errors=exc.details, status=422,
                          pending_warnings=_pending_warnings(exc))
    discard_task_draft(services(), principal, task_id)
    flash(gettext("Đã hoàn thành: %(title)s.", title=task["title"]), "ok")
    following = next_task_for(services(), principal, task["instance_id"])
    if following is None:
        return redirect(url_for("web.inbox"))
    flash(gettext("Công việc tiếp theo của bạn: %(title)s (%(key)s).", title=following["title"],
                  key=following["business_key"]), "info")
    return redirect(url_for("web.task", task_id=following["id"]))


def _startable(principal):
    return [m for m in list_process_models(services(), principal) if principal.has_role(*m["start_roles"])]


@bp.route("/cases/new")
@login_required
def new_case():
    return render_template("new_case.html", models=_startable(current_principal()))


@bp.route("/cases/new/<process_model>", methods=["GET", "POST"])
@login_required
def start_case(process_model):
    principal = current_principal()
    model = next((m for m in _startable(principal) if m["id"] == process_model), None)
    if model is None:
        abort(404)
    schema = start_form(get_version(services(), process_model, model["latest_version"]))
    values, errors, status, pending = {}, {}, 200, False
    if request.method == "POST":
        values = parse_submission(schema, request.form)
        try:
            case = open_a_case(services(), principal, process_model, values, confirm_warnings=_confirmed(),
                               uploads=uploads_from(request.files, services().settings))
            flash(gettext("Đã mở hồ sơ %(key)s.", key=case["business_key"]), "ok")
            return redirect(url_for("web.case", instance_id=case["id"]))
        except InvalidInput as exc:
            flash(gettext(exc.message), "error")
            errors, status, pending = exc.details, 422, _pending_warnings(exc)
    return render_template("start_case.html", model=model, schema=schema,
                           fields=build_fields(schema, values, errors, accounts=_accounts(principal, schema)),
                           errors=errors, pending_warnings=pending), status


def _only_role_holders(fields, accounts, roles: dict[str, str]) -> None:
    """A picker that assigns a later step (`x-assigns`) offers only the holders of that step's role."""
    for f in fields:
        if f.name in roles:
            holders = {str(a["id"]) for a in accounts or [] if roles[f.name] in a["roles"]}
            f.options = [option for option in f.options if option[0] in holders]


def _accounts(principal, schema) -> list[dict] | None:
    """The accounts an account picker of the form offers, read only when the form has one."""
    return list_accounts(services(), principal) if has_account_field(schema) else None


@bp.route("/cases/<instance_id>")
@login_required
def case(instance_id):
    principal = current_principal()
    detail = get_case(services(), principal, instance_id)
    version = get_version(services(), detail["process_model"], detail["version"])
    schemas = version_fields(version)
    secret = confidential_fields(version)
    data = [{"name": n, "title": s.get("title") or n, "value": detail["data"].get(n), "schema": s,
             "confidential": n in secret} for n, s in schemas.items() if n in detail["data"]]
    tasks = describe_tasks(services(), detail["tasks"])
    summary = case_summaries(services(), [instance_id]).get(instance_id, {})
    cancellable = may_cancel(services(), principal, instance_id)
    history = case_history(services(), principal, instance_id)
    targets = send_back_targets(services(), principal, instance_id)
    files = list_attachments(services(), principal, instance_id)
    name_people([detail["created_by"]], (t["assignee"] for t in tasks), (e["actor"] for e in history),
                (c["actor"] for c in detail["deadline_history"]), (f["created_by"] for f in files),
                (t["completed_by"] for t in targets))
    return render_template("case.html", case=detail, data=data, summary=summary,
                           case_deadline=describe_deadline(services(), detail["due_at"]),
                           outcome=outcome_label(version, detail["outcome"]),
                           open_tasks=[t for t in tasks if t["status"] in OPEN_TASK_STATUSES],
                           done_tasks=[t for t in tasks if t["status"] not in OPEN_TASK_STATUSES],
                           history=history, may_cancel=cancellable, files=files, targets=targets,
                           field_titles={n: s.get("title") or n for n, s in schemas.items()},
                           files_by_id={f["id"]: f for f in files})


@bp.route("/cases/<instance_id>/ho-so.zip")
@login_required
def case_file_zip(instance_id):
    """The whole case file as one ZIP (engine.cases.case_file); recorded in the audit log."""
    name, content = export_case_file(services(), current_principal(), instance_id)
    return attachment(content, "application/zip", name)


@bp.route("/cases/<instance_id>/files/<attachment_id>")
@login_required
def case_file(instance_id, attachment_id):
    """A file of the case, as a download; recorded in the audit log."""
    found = download_attachment(services(), current_principal(), instance_id, attachment_id)
    return attachment(found["content"], found["media_type"], found["name"])


@bp.route("/cases/<instance_id>/files/<attachment_id>/pdf")
@login_required
def case_file_pdf(instance_id, attachment_id):
    """A Word file of the case as PDF, where LibreOffice is installed (engine.files.pdf); recorded likewise."""
    found = download_attachment_pdf(services(), current_principal(), instance_id, attachment_id)
    return attachment(found["content"], found["media_type"], found["name"])


@bp.route("/cases/<instance_id>/cancel", methods=["POST"])
@login_required
def cancel_case(instance_id):
    cancel_a_case(services(), current_principal(), instance_id, request.form.get("reason", "")[:2000])
    flash(gettext("Đã hủy hồ sơ."), "ok")
    return redirect(url_for("web.case", instance_id=instance_id))


@bp.route("/cases/<instance_id>/send-back", methods=["POST"])
@login_required
def send_back_case(instance_id):
    """The Chairman sends the case back to an earlier step; a refusal is shown on the case page."""
    try:
        send_back(services(), current_principal(), instance_id, request.form.get("task_id", "")[:36],
                  request.form.get("reason", "")[:2000])
    except InvalidInput as exc:
        flash(gettext(exc.message), "error")
        for problem in exc.details.values():
            flash(gettext(problem), "error")
        return redirect(url_for("web.case", instance_id=instance_id) + "#send-back-h")
    flash(gettext("Đã trả hồ sơ về bước trước; bước đó đang chờ làm lại."), "ok")
    return redirect(url_for("web.case", instance_id=instance_id))


@bp.route("/cases/<instance_id>/messages/<name>", methods=["GET", "POST"])
@login_required
def case_message(instance_id, name):
    principal = current_principal()
    detail = get_case(services(), principal, instance_id)
    if not any(m["name"] == name and m["allowed"] for m in detail["messages"]):
        abort(404)
    version = get_version(services(), detail["process_model"], detail["version"])
    form_name = version.properties.get(f"message.{name}.form")
    schema = json.loads(version.files[form_name]) if form_name else None
    values, errors, status, pending = {}, {}, 200, False
    if request.method == "POST":
        values = parse_submission(schema, request.form)
        try:
            send_message(services(), principal, instance_id, name, values, confirm_warnings=_confirmed())
            flash(gettext("Đã ghi nhận."), "ok")
            return redirect(url_for("web.case", instance_id=instance_id))
        except InvalidInput as exc:
            flash(gettext(exc.message), "error")
            errors, status, pending = exc.details, 422, _pending_warnings(exc)
    return render_template("message.html", case=detail, name=name, schema=schema, errors=errors,
                           fields=build_fields(schema, values, errors), pending_warnings=pending), status


@bp.route("/cases")
@login_required
def cases():
    args = request.args
    page = page_number()
    criteria = {
        "business_key": args.get("business_key", "").strip()[:40] or None,
        "citizen": args.get("citizen", "").strip()[:200] or None,
        "process_model": args.get("process_model") or None,
        "status": args.get("status") if args.get("status") in STATUSES else None,
        "hamlet": args.get("hamlet", "").strip()[:200] or None,
        "sector": args.get("sector") if args.get("sector") in SECTORS else None,
        "created_from": _date(args.get("created_from")),
        "created_to": _date(args.get("created_to")),
        "due": args.get("due") if args.get("due") in DUE_FILTERS else None,
    }
    items, total = search_cases(services(), current_principal(), **criteria,
                                limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render_template("cases.html", items=items, total=total, page=page, pages=max(1, -(-total // PAGE_SIZE)),
                           args=args, statuses=STATUSES, due_filters=DUE_FILTERS, models=list_process_models(services(), current_principal()),
                           hamlets=[u for u in list_units(services(), current_principal()) if u["kind"] == "hamlet"])


def _date(value) -> date | None:
    try:
        return date.fromisoformat(day_to_iso(value.strip())) if value else None
    except ValueError:
        raise InvalidInput("Ngày không hợp lệ.", {"date": "Ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026."}) from None
