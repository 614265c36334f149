"""Flask's signed-cookie session, with its signer built once per secret key instead of on every request.

Flask opens the session on every request, the JSON API's included (which never use it), and builds an
itsdangerous serializer each time: about 1 % of a request's CPU in the benchmark's walk of a case. The key
and the cookie settings of an app do not change while it runs; a change of key still builds a new one.
"""
from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface


class CookieSessionInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app):
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        cached = self.__dict__.get("_serializer")
        if cached is None or cached[0] != key:
            cached = self._serializer = (key, super().get_signing_serializer(app))
        return cached[1]
