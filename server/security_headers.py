"""Headers on every response, the API's and the web UI's alike, set in one place.

A stored diagram is content an administrator wrote, shown to others (a province's administrator, auditors):
served inline as XML, an XHTML `<script>` in a `<bpmn:documentation>` ran with danchu's origin and the
viewer's session. So every page carries a Content-Security-Policy that runs only danchu's own script files
(the bpmn-js bundle is built and served locally; templates hold no inline script, no handler attribute, no
`javascript:` link, and no style attribute), and every other response (JSON, the diagram, form and decision
files, exports) a policy that runs nothing and sandboxes the document should a browser ever render it. The
diagram, form and decision files of a version are served as downloads too (`attachment`, `downloads.py`):
the pages that draw diagrams read them with `fetch()`, which does not care. `nosniff` stops a browser from
guessing HTML in what is declared XML, JSON or text; no page may be framed (clickjacking); no address of a
page (with a tracking code or a citizen's name in its query) leaves the site in a Referer.
"""
from __future__ import annotations

from flask import Flask

PAGE_POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:",
    "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
))
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
FIXED = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def _security_headers(response):
        for name, value in FIXED.items():
            response.headers.setdefault(name, value)
        policy = PAGE_POLICY if response.mimetype == "text/html" else OTHER_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response
