"""Requests that carry files: `multipart/form-data` with the form's data as one JSON part, `data`, and one part
per file, named by its field (a field taking several files repeats its name).

The view's body schema reads a multipart request as it reads JSON (`MultipartAwareParser`): the text parts
are its keys, the `data` part decoded as a JSON object under the bounds of any JSON body (`api.request_guards`),
so the same schema refuses the same mistakes either way; the view takes the files (`request_uploads`).
"""
from __future__ import annotations

from flask import request
from webargs.flaskparser import FlaskParser

from edges.uploads import uploads_from
from engine.core import InvalidInput, loads_bounded

from .request_guards import has_nul

NOT_AN_OBJECT = "Phần data phải là một đối tượng JSON."


class MultipartAwareParser(FlaskParser):
    def load_json(self, req, schema):
        if req.mimetype == "multipart/form-data":
            return multipart_as_json(req)
        return super().load_json(req, schema)


def multipart_as_json(req) -> dict:
    parts = req.form
    if any("\x00" in name or "\x00" in value for name, value in parts.items(multi=True)):
        raise InvalidInput("Dữ liệu không hợp lệ.", {"body": "Chứa ký tự NUL."})
    body = {name: value for name, value in parts.items() if name != "data"}
    if "data" in parts:
        try:
            data = loads_bounded(parts["data"], "data") if parts["data"].strip() else {}
        except ValueError:
            raise InvalidInput("Dữ liệu không hợp lệ.", {"data": NOT_AN_OBJECT}) from None
        if not isinstance(data, dict) or has_nul(data):
            raise InvalidInput("Dữ liệu không hợp lệ.", {"data": NOT_AN_OBJECT})
        body["data"] = data
    return body


def request_uploads(settings) -> list:
    """The files of a multipart request (`engine.files.Upload`), none for a JSON one."""
    if request.mimetype != "multipart/form-data":
        return []
    return uploads_from(request.files, settings)


FILE_PARTS = {"type": "string", "format": "binary",
              "description": "One part per file, named by its form field (a field of several files repeats it)"}


def multipart_doc(**text_parts) -> dict:
    """The OpenAPI request body of a view taking JSON or multipart: the multipart alternative."""
    return {"requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
        **text_parts,
        "data": {"type": "string", "description": "The form's data, as a JSON object (file fields left out)"},
        "<field>": FILE_PARTS,
    }}}}}}
