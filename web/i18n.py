"""Vietnamese by default, English as a switch kept in the session. Message ids are the Vietnamese text, so
an engine message (always Vietnamese) is translated too when the English catalog knows it."""
import unicodedata
from urllib.parse import unquote, urlsplit

from flask import current_app, session

LANGUAGES = ("vi", "en")
MAX_NEXT = 2000  # longer than any page address danchu makes; past it, not worth parsing


def select_locale() -> str:
    lang = session.get("lang")
    return lang if lang in LANGUAGES else "vi"


def select_timezone() -> str:
    return current_app.extensions["danchu"].settings.timezone


def safe_next(target: str | None, default: str) -> str:
    """Only a path of this site: a `next` parameter must not send people to another one.

    What counts is what a browser makes of the `Location` header, not what the string looks like: browsers
    drop tabs and newlines anywhere in a URL and leading spaces and control characters, read `\\` as `/`, and
    take `//host`, `/\\host` or `https:host` as another site; Python's `urlsplit` drops tabs and newlines too,
    and Werkzeug's `redirect` quotes with it, which had turned `/%09/evil.example/` into `//evil.example/`. So a
    target with any control character or backslash is refused outright, and so is one whose percent-decoded
    form would fail the same checks (a layer that decodes once more must not find another site in it). What
    is kept is a path starting with exactly one `/`, with no scheme and no host."""
    if not target or len(target) > MAX_NEXT:
        return default
    if not (_is_local_path(target) and _is_local_path(unquote(target))):
        return default
    return target


def _is_local_path(target: str) -> bool:
    if any(ch == "\\" or unicodedata.category(ch) == "Cc" for ch in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/") and not parts.path.startswith("//")
