"""Logging in, throttled per account and per address, with the counts kept in the database.

Failed attempts are rows of `login_attempts`; the limits apply over a sliding window
(`Settings.login_window_seconds`): at most `login_failures_per_account` failures for one username and
`login_failures_per_address` from one address. Because the rows live in the shared database, every server
process counts the same attempts. A throttled attempt is refused before the password is even checked and
answers 429 with the seconds until the oldest counted failure leaves the window. A success clears the
account's failures (not the address's: one good password must not reset a spray across accounts).
"""
from __future__ import annotations

from sqlalchemy import delete

from .errors import AuthenticationFailed, TooManyAttempts
from .principal import Principal
from .store.tables import LoginAttempt
from .throttle import record, retry_after
from .users import authenticate

THROTTLED = "Đăng nhập sai quá nhiều lần; hãy thử lại sau."


def log_in(services, username: str, password: str, address: str | None) -> Principal:
    username, address = username[:64], (address or "unknown")[:64]
    ensure_not_throttled(services, username, address)
    try:
        principal = authenticate(services, username, password)
    except AuthenticationFailed:
        record_failure(services, username, address)
        raise
    clear_failures(services, username)
    return principal


def ensure_not_throttled(services, username: str, address: str) -> None:
    settings = services.settings
    now, window = services.clock.now(), settings.login_window_seconds
    with services.uow(write=False) as uow:
        waits = [retry_after(uow.session, LoginAttempt.attempted_at, condition, now, window, limit)
                 for condition, limit in ((LoginAttempt.username == username, settings.login_failures_per_account),
                                          (LoginAttempt.address == address, settings.login_failures_per_address))]
    waits = [w for w in waits if w is not None]
    if waits:
        raise TooManyAttempts(THROTTLED, max(waits))


def record_failure(services, username: str, address: str) -> None:
    now = services.clock.now()
    with services.uow() as uow:
        record(uow.session, LoginAttempt(username=username, address=address, attempted_at=now),
               LoginAttempt.attempted_at, now, services.settings.login_window_seconds)
        uow.commit()


def clear_failures(services, username: str) -> None:
    with services.uow() as uow:
        uow.session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
        uow.commit()
