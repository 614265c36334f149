"""Moving running cases to another version: the administrator's page, a dry run first, then the move.

The page is a form over `engine.moves.move_cases` (the same verb as the API): which cases (every running case
on a version, or a list of case numbers), to which version, the mapping of renamed steps, whether to recompute
dates; **Chạy thử** shows, case by case, what would happen; **Chuyển hồ sơ** does it and shows what happened."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext

from edges.errors import error_status
from engine.core import ADMINISTRATOR, N_, DanchuError
from engine.moves import DEADLINE_ACTIONS, MAX_CASES, REASONS, change_words, move_cases
from engine.processes import get_process_model, may_deploy, running_by_version

from ..blueprint import bp
from ..session_auth import current_principal, roles_required, services

OUTCOMES = {"moved": N_("Đã chuyển"), "movable": N_("Chuyển được"), "refused": N_("Không chuyển"),
            "failed": N_("Lỗi")}
TASK_STATES = {"READY": N_("đang mở"), "WAITING": N_("đang chờ sự kiện"), "STARTED": N_("đang chạy"),
               "COMPLETED": N_("đã làm"), "ERROR": N_("lỗi"), "CANCELLED": N_("đã hủy"), "LIKELY": N_("sắp tới"),
               "MAYBE": N_("có thể tới"), "FUTURE": N_("chưa tới")}
TIMER_ACTIONS = {"kept": N_("giữ nguyên giờ hẹn"), "changed": N_("giờ hẹn đổi"), "cancelled": N_("bỏ"),
                 "new": N_("hẹn giờ mới")}
MAX_LINES = 500


@bp.route("/admin/processes/<process_model>/migrations", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def migrations(process_model):
    principal = current_principal()
    model = get_process_model(services(), process_model, principal)
    running = running_by_version(services(), process_model, principal)
    form = _form(model, running)
    report, errors, status = None, {}, 200
    if request.method == "POST":
        try:
            report = move_cases(services(), principal, process_model, **_arguments(form))
        except DanchuError as exc:
            errors, status = {"_": gettext(exc.message), **exc.details}, error_status(exc)
    return render_template("admin/migrations.html", model=model, running=running, form=form, report=report,
                           errors=errors, reasons=REASONS, outcomes=OUTCOMES, deadline_actions=DEADLINE_ACTIONS,
                           timer_actions=TIMER_ACTIONS, task_states=TASK_STATES, max_cases=MAX_CASES,
                           change_words=lambda names: change_words(", ".join(names), gettext),
                           may_move=may_deploy(services(), principal)), status


def _form(model, running) -> dict:
    source = request.form if request.method == "POST" else request.args
    older = sorted(v for v in running if v != model["latest_version"])
    return {"from_version": source.get("from_version", str(older[0]) if older else "")[:10],
            "to_version": source.get("to_version", str(model["latest_version"]))[:10],
            "cases": source.get("cases", "")[:20000], "mapping": source.get("mapping", "")[:20000],
            "recompute": source.get("recompute") == "1", "dry_run": source.get("action") != "move"}


def _arguments(form: dict) -> dict:
    """The verb's arguments from the form: case ids one per line, mapping lines `old = new`."""
    mapping, ids = {}, [line.strip() for line in form["cases"].splitlines() if line.strip()][:MAX_LINES]
    for line in form["mapping"].splitlines()[:MAX_LINES]:
        if "=" in line:
            old, new = (part.strip()[:100] for part in line.split("=", 1))
            if old and new:
                mapping[old] = new
    return {"to_version": _number(form["to_version"]), "from_version": _number(form["from_version"]),
            "instance_ids": ids or None, "mapping": mapping, "dry_run": form["dry_run"],
            "recompute_deadlines": form["recompute"]}


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 2**31 else None
