"""The commune's recurring schedules, for its administrators: the Chairman's reception days and the day of the
yearly dialogue conference, which the worker opens by itself (`engine.schedules`)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext

from edges.errors import error_status
from engine.core import ADMINISTRATOR, DanchuError
from engine.people import list_units
from engine.schedules import list_schedules, put_schedule

from ..blueprint import bp
from ..session_auth import current_principal, roles_required, services
from .common import name_people

WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)


@bp.route("/admin/schedules", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def schedules():
    commune = request.args.get("commune") or None
    if commune is None and current_principal().commune_id is None:  # a province's administrator picks one
        communes = [u for u in list_units(services(), current_principal()) if u["kind"] == "commune"]
        return render_template("admin/schedules.html", communes=communes)
    errors, status, kind = {}, 200, None
    if request.method == "POST":
        kind = request.form.get("kind", "")
        values = _values(kind)
        try:
            put_schedule(services(), current_principal(), kind, values, commune)
            flash(gettext("Đã lưu lịch định kỳ."), "ok")
            return redirect(url_for("web.schedules", commune=commune))
        except DanchuError as exc:
            flash(gettext(exc.message), "error")
            errors, status = exc.details, error_status(exc)
    listed = list_schedules(services(), current_principal(), commune)
    items = {item["kind"]: item for item in listed["items"]}
    name_people([item["updated_by"] for item in listed["items"] if item["updated_by"]])
    return render_template("admin/schedules.html", listed=listed, items=items, weekdays=WEEKDAYS,
                           errors=errors, failed=kind, commune=commune), status


def _values(kind: str) -> dict:
    form = request.form
    if kind == "tiep_cong_dan":
        return {"active": form.get("active") == "1", "start_time": form.get("start_time", "").strip()[:5],
                "weekdays": [int(d) for d in form.getlist("weekdays") if d in "1234567" and len(d) == 1]}
    return {"active": form.get("active") == "1", "month": _number(form.get("month")), "day": _number(form.get("day"))}


def _number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else None  # "²" is a digit int() refuses
