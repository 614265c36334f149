"""Every operation of the OpenAPI document lists the error statuses it can answer, each with the one
error body, so a client (and the property-based test) can rely on the document for failures too."""
from __future__ import annotations

ERROR_STATUSES = {
    "400": "Malformed request (e.g. invalid JSON)",
    "401": "No token, or a forged, expired or revoked one; wrong login",
    "403": "Outside your role or lane; auditors change nothing; missing CSRF token on a cookie session",
    "404": "Unknown id, or outside your commune (answered alike)",
    "405": "Method not allowed",
    "409": "Conflict: claimed or completed meanwhile, case ended, diagram fault, case unreadable",
    "413": "Payload too large",
    "415": "Unsupported media type",
    "422": "Invalid input; `details` names each offending field",
    "429": "Too many failed logins; see Retry-After",
}


def document_errors(api) -> None:
    """Add the error responses to every operation already registered (call after the blueprints)."""
    spec = api.spec
    spec.components.response("Error", {
        "description": "The one error body of danchu",
        "content": {"application/json": {"schema": api.ERROR_SCHEMA}},
        "headers": {"Retry-After": {"description": "Seconds to wait (429 only)", "schema": {"type": "integer"}}},
    })
    for operations in spec._paths.values():  # apispec keeps the document as plain dicts
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status in ERROR_STATUSES:
                operation["responses"].setdefault(status, {"$ref": "#/components/responses/Error"})
