"""Sending one email with the standard library's smtplib: the only network call notifications make.

Kept apart so the worker can call it outside any database transaction; it raises on any failure and the
caller decides about retrying.
"""
from __future__ import annotations

import smtplib
from email.message import EmailMessage


def email_enabled(settings) -> bool:
    return bool(settings.smtp_host)


def send_email(settings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)
