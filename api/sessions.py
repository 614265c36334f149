"""Cookie sessions for the web UI, with a CSRF token; bearer tokens for everything else.

A session is the same signed access token as a bearer token, carried in the `danchu_session` cookie:
HttpOnly (scripts cannot read it), Secure (HTTPS only, by `Settings.secure_cookies`: outside demo mode unless
`DANCHU_COOKIE_SECURE=0`, for plain-HTTP development), SameSite=Strict (no cross-site request carries it). On
top of that every unsafe request (POST, PUT, PATCH, DELETE) authenticated by the cookie must send the
session's CSRF token in the `X-CSRF-Token` header. The token is an HMAC of the session token under the server secret: it needs no
server-side storage, every server computes the same, and it changes with every login. A request with an
`Authorization: Bearer` header is authenticated by that header alone and needs no CSRF token (a browser
never adds that header on its own).
"""
from __future__ import annotations

import base64
import hashlib
import hmac

COOKIE = "danchu_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token_for(secret: str, session_token: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), b"danchu-csrf|" + session_token.encode("utf-8"), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode("ascii").rstrip("=")


def csrf_matches(secret: str, session_token: str, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(csrf_token_for(secret, session_token), sent)


def set_session_cookie(response, token: str, max_age: int, secure: bool) -> None:
    response.set_cookie(COOKIE, token, max_age=max_age, secure=secure, httponly=True, samesite="Strict",
                        path="/")


def clear_session_cookie(response, secure: bool) -> None:
    response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="Strict")
