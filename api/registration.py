"""The API edge's registration on the one Flask app (`server.create_app`): flask-smorest's Api with its OpenAPI
document, the routes, authentication, the request guards and the error handlers."""
from __future__ import annotations

import os

from flask import Blueprint, Flask, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from .auth import authenticate_request
from .errors import DanchuApi, register_error_handlers
from .openapi_errors import document_errors
from .request_guards import guard_request
from .routes import (audit, auth, calendar, health, instances, notifications, process_models, register, reports,
                     reviews, schedules, tasks, users)

API_STATIC = os.path.join(os.path.dirname(__file__), "static")
# The API's own page templates (Swagger UI started from a file, no inline script): registered before
# flask-smorest's documentation blueprint, so Flask finds them first.
PAGES = Blueprint("api_pages", __name__, template_folder="templates")
OPENAPI_CONFIG = {
    "API_TITLE": "danchu API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "v1/openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/static/",
    "API_SPEC_OPTIONS": {
        "info": {"description": "Quy trình dân chủ cơ sở cấp xã. Errors: "
                                "{\"error\": {\"code\", \"message\", \"details\"}}."},
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                                          "bearerFormat": "JWT"}}},
        "security": [{"bearerAuth": []}],
    },
}


def register_api(app: Flask) -> None:
    """Attach the API to `app` (whose `extensions["danchu"]` holds the engine's services)."""
    app.config.update(OPENAPI_CONFIG)
    app.register_blueprint(PAGES)
    api = DanchuApi(app)
    app.extensions["danchu_api"] = api
    for module in (health, auth, process_models, instances, tasks, calendar, notifications, reports, register, reviews, users,
                   audit, schedules):
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
