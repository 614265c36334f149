"""Refusals that apply to every request before any view runs: wrong content type, NUL characters, lone UTF-16
surrogates (`"\\ud800"` is valid JSON but no UTF-8 text: neither database, nor a file, can store it) and
non-finite numbers (which PostgreSQL cannot store or compare), JSON nested too deep or with integers past
64 bits (`engine.core.json_bounds`: Python's own parser would raise `RecursionError` or `ValueError` on them), so
no input ever reaches a view, or the database, in a form it would answer with an error of its own (a 500)."""
from __future__ import annotations

from flask import request
from werkzeug.exceptions import UnsupportedMediaType

from engine.core import InvalidInput, loads_bounded

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RAW_BODY_ENDPOINTS = {"process_models.deploy", "process_models.upload_template"}  # XML, multipart, .docx: checked by the view
FILE_ENDPOINTS = {"tasks.complete", "instances.create"}  # JSON, or multipart with files (api/uploads.py)


def guard_request() -> None:
    for name, value in request.args.items(multi=True):
        if "\x00" in name or "\x00" in value:
            raise InvalidInput("Tham số không hợp lệ.", {name.replace("\x00", "") or "query": "Chứa ký tự NUL."})
    if "\x00" in request.path:
        raise InvalidInput("Đường dẫn không hợp lệ.", {"path": "Chứa ký tự NUL."})
    if request.method not in BODY_METHODS or request.endpoint in RAW_BODY_ENDPOINTS:
        return
    if not request.path.startswith("/api/") and not request.is_json:  # the web UI posts HTML forms
        for name, value in request.form.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise InvalidInput("Dữ liệu không hợp lệ.", {name.replace("\x00", "") or "form": "Chứa ký tự NUL."})
        return
    if request.endpoint in FILE_ENDPOINTS and request.mimetype == "multipart/form-data":
        return  # its text parts are read and bounded like a JSON body by `api.uploads.multipart_body`
    body = request.get_data(cache=True)
    if not body:
        return
    if not request.is_json:
        raise UnsupportedMediaType("Dữ liệu phải gửi dạng JSON (Content-Type: application/json).")
    try:
        parsed = loads_bounded(body)
    except ValueError:  # InvalidInput (out of bounds) is no ValueError: it goes on to the 422
        return  # malformed JSON: the view's parser answers 400 as usual
    if has_nul(parsed):
        raise InvalidInput("Dữ liệu không hợp lệ.", {"body": UNSTORABLE})


UNSTORABLE = "Chứa ký tự NUL, ký tự không phải UTF-8 (\\ud800…) hoặc số không hữu hạn."


def has_nul(value) -> bool:
    """Whether a parsed JSON document holds what no store takes: a NUL, a lone surrogate, NaN or Infinity.
    Recursive, over a document `loads_bounded` has already found at most 64 levels deep."""
    if isinstance(value, str):
        return _unstorable_text(value)
    if isinstance(value, dict):
        return any(_unstorable_text(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))  # 1e999 parses as inf
    return False


def _unstorable_text(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: json.loads makes one of "\\udc80", UTF-8 has none
        return True
    return False
