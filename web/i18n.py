"""Vietnamese by default, English as a switch kept in the session. Message ids are the Vietnamese text, so
an engine message (always Vietnamese) is translated too when the English catalog knows it."""
from flask import current_app, session

LANGUAGES = ("vi", "en")


def select_locale() -> str:
    lang = session.get("lang")
    return lang if lang in LANGUAGES else "vi"


def select_timezone() -> str:
    return current_app.extensions["danchu"].settings.timezone


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: a `next` parameter must not send people to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default

