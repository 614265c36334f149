"""The outgoing-document register (sổ đăng ký văn bản đi) of a year, and its export for the clerk's book."""
from __future__ import annotations

from flask import render_template, request

from edges.downloads import attachment
from engine.core import InvalidInput
from engine.processes import outgoing_register, register_csv

from ..blueprint import bp
from ..session_auth import current_principal, login_required, services


def _year() -> int:
    raw = request.args.get("nam", "").strip()
    if not raw:
        return services().clock.now().year
    if not raw.isdigit() or not 1900 <= int(raw) <= 2200:
        raise InvalidInput("Năm không hợp lệ.", {"nam": "Từ 1900 đến 2200."})
    return int(raw)


@bp.route("/so-van-ban-di")
@login_required
def outgoing():
    year = _year()
    return render_template("register.html", year=year,
                           lines=outgoing_register(services(), current_principal(), year))


@bp.route("/so-van-ban-di.csv")
@login_required
def outgoing_csv():
    year = _year()
    lines = outgoing_register(services(), current_principal(), year)
    return attachment(register_csv(lines), "text/csv", f"so-van-ban-di-{year}.csv")
