"""Downloads of an approved periodic report from its case page (the same files as the API's)."""
from __future__ import annotations

import io

from flask import abort, send_file

from engine.reports import DOCUMENT_TYPES, report_document

from ..blueprint import bp
from ..session_auth import current_principal, login_required, services


@bp.route("/cases/<instance_id>/bao-cao.<kind>")
@login_required
def report_file(instance_id, kind):
    if kind not in DOCUMENT_TYPES:
        abort(404)
    name, media_type, content = report_document(services(), current_principal(), instance_id, kind)
    return send_file(io.BytesIO(content), mimetype=media_type, as_attachment=True, download_name=name)
