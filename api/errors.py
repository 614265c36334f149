"""The API's side of the one error body (`edges.errors`): its OpenAPI schema and the handlers that answer it.

`{"error": {"code": ..., "message": ..., "details": {...}}}`: `details` names fields and problems, never
echoes submitted values, and never carries a stack trace; an unexpected exception is logged server-side
and answered with a bare 500 body.
"""
import logging

import marshmallow as ma
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, InternalServerError

from edges.errors import HTTP_CODES, error_response, error_status
from engine.core import errors as e

log = logging.getLogger("danchu.api")


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Stable machine-readable code"})
    message = ma.fields.String(required=True, metadata={"description": "Message for people (Vietnamese)"})
    details = ma.fields.Dict(metadata={"description": "Offending fields → problem, or a list of problems"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema, required=True)


class DanchuApi(Api):
    """flask-smorest's Api with danchu's error body instead of its own."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        if isinstance(error, InternalServerError):
            return error_response(500, "internal_error", "Lỗi máy chủ.")
        data = getattr(error, "data", None) or {}
        details = _flatten(data.get("messages") or data.get("errors") or {})
        message = data.get("message") or _default_message(error.code)
        response = error_response(error.code, HTTP_CODES.get(error.code, "error"), message, details)
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        return response


def register_error_handlers(app) -> None:
    @app.errorhandler(e.DanchuError)
    def _domain_error(exc: e.DanchuError):
        response = error_response(error_status(exc), exc.code, exc.message, exc.details)
        if isinstance(exc, e.TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return app.extensions["danchu_api"].handle_http_exception(exc)
        log.exception("unhandled error")
        return error_response(500, "internal_error", "Lỗi máy chủ.")


def _flatten(messages) -> dict:
    """webargs nests errors by location (`{"json": {"field": ["msg"]}}`); keep field → first message."""
    flat = {}
    if not isinstance(messages, dict):
        return {"request": str(messages)}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            for field, problems in fields.items():
                flat[str(field)] = _first(problems)
        else:
            flat[str(location)] = _first(fields)
    return flat


def _first(problems) -> str:
    if isinstance(problems, list) and problems:
        return _first(problems[0])
    if isinstance(problems, dict):
        return "; ".join(f"{k}: {_first(v)}" for k, v in problems.items())
    return str(problems)


def _default_message(code: int) -> str:
    return {
        400: "Yêu cầu không hợp lệ.", 401: "Cần đăng nhập.", 403: "Không có quyền.", 404: "Không tìm thấy.",
        405: "Phương thức không được hỗ trợ.", 409: "Xung đột dữ liệu.", 413: "Dữ liệu gửi lên quá lớn.",
        415: "Kiểu nội dung không được hỗ trợ.", 422: "Dữ liệu không hợp lệ.",
    }.get(code, "Lỗi.")
