"""The one application factory: one Flask app with both edges, the API and the web pages, around the engine's
services. Nothing connects, parses or reads configuration at import time."""
from __future__ import annotations

from flask import Flask, request

from api import register_api
from engine.core import Settings
from engine.services import Services, build_services
from web import register_web

from .metrics import register_metrics
from .request_log import register_request_log
from .security_headers import register_security_headers

UPLOAD_OVERHEAD = 256 * 1024  # multipart boundaries and headers around the 2 MB package cap


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> Flask:
    """Build the Flask app around a `Services` (tests pass their own, with a frozen clock)."""
    if services is None:
        services = build_services(settings or Settings.from_env())
    settings = services.settings
    if not settings.secret_key:
        raise RuntimeError("DANCHU_SECRET_KEY is not set")
    app = Flask(__name__, static_folder=None)  # each edge serves its own static files
    app.json.ensure_ascii = False  # Vietnamese stays readable in responses
    app.config.update(SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=max(
        settings.max_upload_bytes, settings.attachment_request_max_bytes) + UPLOAD_OVERHEAD)
    app.before_request(lambda: _limit_body(settings))
    app.extensions["danchu"] = services
    register_request_log(app)
    register_metrics(app, services)
    register_api(app)
    register_web(app)
    register_security_headers(app)
    return app


def _limit_body(settings: Settings) -> None:
    """Only a multipart request (files sent with a form, a process package) may be as large as attachments
    need; any other body keeps the package cap."""
    if request.mimetype != "multipart/form-data":
        request.max_content_length = settings.max_upload_bytes + UPLOAD_OVERHEAD
