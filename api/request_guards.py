"""Refusals that apply to every request before any view runs: wrong content type, NUL characters and
non-finite numbers (which PostgreSQL cannot store or compare), so no input ever reaches the database
in a form it would answer with an error of its own (a 500)."""
from __future__ import annotations

import json

from flask import request
from werkzeug.exceptions import UnsupportedMediaType

from engine.errors import InvalidInput

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RAW_BODY_ENDPOINTS = {"process_models.deploy"}  # takes XML or multipart, checked by the view


class _NonFinite(ValueError):
    pass


def _reject_constant(_name):
    raise _NonFinite()


def guard_request() -> None:
    for name, value in request.args.items(multi=True):
        if "\x00" in name or "\x00" in value:
            raise InvalidInput("Tham số không hợp lệ.", {name.replace("\x00", "") or "query": "Chứa ký tự NUL."})
    if "\x00" in request.path:
        raise InvalidInput("Đường dẫn không hợp lệ.", {"path": "Chứa ký tự NUL."})
    if request.method not in BODY_METHODS or request.endpoint in RAW_BODY_ENDPOINTS:
        return
    if not request.path.startswith("/api/"):  # the web UI posts HTML forms
        for name, value in request.form.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise InvalidInput("Dữ liệu không hợp lệ.", {name.replace("\x00", "") or "form": "Chứa ký tự NUL."})
        return
    body = request.get_data(cache=True)
    if not body:
        return
    if not request.is_json:
        raise UnsupportedMediaType("Dữ liệu phải gửi dạng JSON (Content-Type: application/json).")
    try:
        parsed = json.loads(body, parse_constant=_reject_constant)
    except _NonFinite:
        raise InvalidInput("Số không hợp lệ (NaN, Infinity).", {"body": "Chỉ dùng số hữu hạn."}) from None
    except ValueError:
        return  # malformed JSON: the view's parser answers 400 as usual
    if _has_nul(parsed):
        raise InvalidInput("Dữ liệu không hợp lệ.", {"body": "Chứa ký tự NUL hoặc số không hữu hạn."})


def _has_nul(value, depth: int = 0) -> bool:
    if depth > 50:
        return False
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any("\x00" in k or _has_nul(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v, depth + 1) for v in value)
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))  # 1e999 parses as inf
    return False
