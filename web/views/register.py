"""The outgoing-document register (sổ đăng ký văn bản đi) of a year, and its export for the clerk's book."""
from __future__ import annotations

from flask import render_template, request

from edges.downloads import attachment
from engine.core import InvalidInput
from engine.processes import ISSUERS, fits_register, outgoing_register, register_csv

from ..blueprint import bp
from ..session_auth import current_principal, login_required, services


def _year() -> int:
    raw = request.args.get("nam", "").strip()
    if not raw:
        return services().clock.now().year
    if not (raw.isascii() and raw.isdigit()) or not 1900 <= int(raw) <= 2200:
        raise InvalidInput("Năm không hợp lệ.", {"nam": "Từ 1900 đến 2200."})
    return int(raw)


def _issuer() -> str | None:
    """One issuing body's book (`co_quan`, its code: UBND, MTTQ...), or every book when blank."""
    raw = request.args.get("co_quan", "").strip()
    if raw and not fits_register(raw):
        raise InvalidInput("Cơ quan ban hành không hợp lệ: hãy chọn một cơ quan trong danh sách.",
                           {"co_quan": "Chọn một cơ quan trong danh sách."})
    return raw or None


@bp.route("/so-van-ban-di")
@login_required
def outgoing():
    year, issuer = _year(), _issuer()
    return render_template("register.html", year=year, issuer=issuer, issuers=ISSUERS,
                           lines=outgoing_register(services(), current_principal(), year, issuer=issuer))


@bp.route("/so-van-ban-di.csv")
@login_required
def outgoing_csv():
    year = _year()
    lines = outgoing_register(services(), current_principal(), year, issuer=_issuer())
    return attachment(register_csv(lines), "text/csv", f"so-van-ban-di-{year}.csv")
