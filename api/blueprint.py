"""The API's blueprints: flask-smorest's, with argument schemas instantiated once.

Given a schema class, webargs builds a new instance of it on every request (0.2 ms of every list request);
a marshmallow schema holds no per-request state, so one instance serves every request and thread.
"""
from __future__ import annotations

import flask_smorest

from .uploads import MultipartAwareParser


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = MultipartAwareParser()  # a body schema reads multipart as it reads JSON (api/uploads.py)

    def arguments(self, schema, **kwargs):
        return super().arguments(schema() if isinstance(schema, type) else schema, **kwargs)
