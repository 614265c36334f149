"""The one place where domain errors become HTTP statuses, and the one error body, for both edges.

`{"error": {"code": ..., "message": ..., "details": {...}}}`: `details` names fields and problems, never echoes
submitted values, and never carries a stack trace. The API answers it as JSON; the web pages show the same
status with the message on a page (and the modeler's JSON calls get this very body).
"""
from flask import jsonify

from engine.core import errors as e

STATUS = [
    (e.NotFound, 404),
    (e.AuthenticationFailed, 401),
    (e.Forbidden, 403),
    (e.Conflict, 409),
    (e.InvalidInput, 422),
    (e.InvalidProcessModel, 422),
    (e.PayloadTooLarge, 413),
    (e.TooManyAttempts, 429),
]

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
              415: "unsupported_media_type", 422: "invalid_input", 429: "too_many_requests"}


def error_status(exc: e.DanchuError) -> int:
    """The HTTP status of a domain error."""
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 400)


def error_response(status: int, code: str, message: str, details: dict | None = None):
    response = jsonify({"error": {"code": code, "message": message, "details": details or {}}})
    response.status_code = status
    return response
