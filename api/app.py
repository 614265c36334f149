"""The application factory. Nothing connects, parses or reads configuration at import time."""
from __future__ import annotations

import os

from flask import Flask, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from engine.core.settings import Settings
from engine.services import Services, build_services
from web import register_web

from .auth import authenticate_request
from .errors import DanchuApi, register_error_handlers
from .openapi_errors import document_errors
from .request_guards import guard_request
from .routes import audit, auth, calendar, health, instances, notifications, process_models, reports, tasks, users
from .security_headers import register_security_headers

API_STATIC = os.path.join(os.path.dirname(__file__), "static")
UPLOAD_OVERHEAD = 256 * 1024  # multipart boundaries and headers around the 2 MB package cap


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> Flask:
    """Build the Flask app around a `Services` (tests pass their own, with a frozen clock)."""
    if services is None:
        services = build_services(settings or Settings.from_env())
    settings = services.settings
    if not settings.secret_key:
        raise RuntimeError("DANCHU_SECRET_KEY is not set")
    app = Flask(__name__, static_folder=None)  # api/static is served by its own routes
    app.json.ensure_ascii = False  # Vietnamese stays readable in responses
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + UPLOAD_OVERHEAD,
        API_TITLE="danchu API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="v1/openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/api/docs/static/",
        API_SPEC_OPTIONS={
            "info": {"description": "Quy trình dân chủ cơ sở cấp xã. Errors: "
                                    "{\"error\": {\"code\", \"message\", \"details\"}}."},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                              "bearerFormat": "JWT"}}},
            "security": [{"bearerAuth": []}],
        },
    )
    app.extensions["danchu"] = services
    api = DanchuApi(app)
    app.extensions["danchu_api"] = api
    for module in (health, auth, process_models, instances, tasks, calendar, notifications, reports, users, audit):
        api.register_blueprint(module.blp)
    document_errors(api)
    register_error_handlers(app)
    app.before_request(authenticate_request)
    app.before_request(guard_request)

    @app.route("/api/docs/static/<path:filename>", endpoint="swagger_ui_static")
    def swagger_ui_static(filename):
        return send_from_directory(swagger_ui_path, filename)

    @app.route("/api/docs/init.js", endpoint="swagger_init")
    def swagger_init():  # the page's start-up script as a file: no inline script under the policy
        return send_from_directory(API_STATIC, "swagger_init.js")

    register_web(app)
    register_security_headers(app)
    return app
