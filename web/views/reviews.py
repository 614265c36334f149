"""The review of long-running cases (rà soát vụ việc kéo dài) for the Chairman, the Vice-Chairmen and auditors:
the page, and its export as the API gives it (CSV, Excel)."""
from __future__ import annotations

import io

from flask import abort, render_template, request, send_file

from engine.core import SECTORS, InvalidInput
from engine.people import list_units
from engine.reports import DEFAULT_OLDER_THAN_DAYS, EXPORT_TYPES, long_running_cases, long_running_export

from ..blueprint import bp
from ..session_auth import current_principal, login_required, services


def _criteria() -> dict:
    args = request.args
    raw = args.get("older_than_days", "").strip()
    try:
        days = int(raw) if raw else DEFAULT_OLDER_THAN_DAYS
    except ValueError:
        raise InvalidInput("Số ngày không hợp lệ.", {"older_than_days": "Phải là số nguyên."}) from None
    return {"older_than_days": days, "sector": args.get("sector") if args.get("sector") in SECTORS else None,
            "hamlet": args.get("hamlet", "").strip()[:200] or None}


@bp.route("/reviews/long-running")
@login_required
def long_running():
    review = long_running_cases(services(), current_principal(), **_criteria())
    groups = [(entry["sector"], [i for i in review["items"] if i["sector"] == entry["sector"]])
              for entry in review["by_sector"]]
    return render_template("long_running.html", review=review, groups=groups, args=request.args,
                           hamlets=[u for u in list_units(services(), current_principal()) if u["kind"] == "hamlet"])


@bp.route("/reviews/long-running.<kind>")
@login_required
def long_running_file(kind):
    if kind not in EXPORT_TYPES:
        abort(404)
    name, media_type, content = long_running_export(services(), current_principal(), kind, **_criteria())
    return send_file(io.BytesIO(content), mimetype=media_type, as_attachment=True, download_name=name)
