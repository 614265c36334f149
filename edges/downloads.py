"""A stored file of a version, or of a case, as a download: never shown inline by a browser.

A diagram's XML, a form's JSON and a decision table are written by administrators and may hold markup (an
XHTML `<script>` inside `<bpmn:documentation>` is valid BPMN). Opened inline under danchu's origin it would
run in the reader's session; as an attachment the browser saves it, and the policy of `security_headers.py`
sandboxes it besides. Pages that draw diagrams read the same address with `fetch()`, which ignores
Content-Disposition.
"""
from __future__ import annotations

from flask import Response


def attachment(content: str | bytes, mimetype: str, filename: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response
