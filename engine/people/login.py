"""Logging in, throttled per address first and per account, with every count in the shared database.

An attempt is reserved before its password is checked: one write transaction, serialised with every other
attempt on the same account or from the same address (`engine.people.throttle.serialise`, account first), counts
and refuses (429 with the seconds to wait) or inserts a pending `login_attempts` row. The password is
checked after it commits; the row then becomes a failure, or is deleted if the password was right. Pending
rows count against the limits like failures, so however many requests race, no more passwords are checked
than the limits allow. Over a sliding window (`Settings.login_window_seconds`):

- Per address: after its n-th failure in the window, an address waits `login_address_delay_seconds *
  2**(n-1)` seconds (up to the window) before its next attempt, and it makes at most
  `login_failures_per_address` attempts. Attempts still being checked count toward that cap, not toward
  the delay: people logging in together from one shared address do not hold each other back.
- Per account: at most `login_failures_per_account` attempts from addresses not known for the account. A
  known address (one the account logged in from successfully within `login_known_address_days`, kept as an
  HMAC under the server secret) is exempt from this lock, so guessing from elsewhere cannot lock the
  official out of the addresses they work from; guessing spread over many addresses stays within the
  account's budget.

A refusal caused only by attempts still being checked answers `Retry-After: 1` (they end within a second).
A success deletes the failures of that account from that address (its owner's typos must not hold the
address back) and remembers the address; the account's failures from other addresses stay counted.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from sqlalchemy import delete, select, update

from ..core.errors import AuthenticationFailed, TooManyAttempts
from ..core.principal import Principal
from ..store.tables import LoginAttempt, LoginKnownAddress
from .throttle import doubling_wait, record, retry_after, serialise
from .users import authenticate

THROTTLED = "Đăng nhập sai quá nhiều lần; hãy thử lại sau."


def log_in(services, username: str, password: str, address: str | None) -> Principal:
    username, address = username[:64], (address or "unknown")[:64]
    attempt = reserve_attempt(services, username, address)
    try:
        principal = authenticate(services, username, password)
    except AuthenticationFailed:
        record_failure(services, attempt)
        raise
    remember_success(services, username, address, attempt)
    return principal


def reserve_attempt(services, username: str, address: str) -> int:
    """The id of the pending attempt, or 429 (`TooManyAttempts`) when a limit holds it back."""
    settings, now = services.settings, services.clock.now()
    window = settings.login_window_seconds
    with services.uow() as uow:
        session = uow.session
        serialise(session, _account_key(username), _address_key(address))
        from_address = LoginAttempt.address == address
        waits = [doubling_wait(session, LoginAttempt.attempted_at, from_address & ~LoginAttempt.pending, now, window,
                               settings.login_address_delay_seconds),
                 _cap_wait(session, from_address, now, window, settings.login_failures_per_address)]
        known = _is_known(session, settings, username, address, now)
        if not known:
            waits.append(_cap_wait(session, (LoginAttempt.username == username) & LoginAttempt.counts_for_account,
                                   now, window, settings.login_failures_per_account))
        waits = [wait for wait in waits if wait is not None]
        if waits:
            raise TooManyAttempts(THROTTLED, max(waits))
        attempt = LoginAttempt(username=username, address=address, attempted_at=now, counts_for_account=not known,
                               pending=True)
        record(session, attempt, LoginAttempt.attempted_at, now, window)
        session.flush()
        attempt_id = attempt.id
        uow.commit()
    return attempt_id


def _cap_wait(session, condition, now, window: int, limit: int) -> int | None:
    """`retry_after` over failures and pending attempts; one second when a pending one is among them."""
    wait = retry_after(session, LoginAttempt.attempted_at, condition, now, window, limit)
    if wait is not None and session.scalar(select(LoginAttempt.id).where(
            condition, LoginAttempt.pending, LoginAttempt.attempted_at > now - timedelta(seconds=window)).limit(1)):
        return 1
    return wait


def record_failure(services, attempt_id: int) -> None:
    with services.uow() as uow:
        uow.session.execute(update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(pending=False))
        uow.commit()


def remember_success(services, username: str, address: str, attempt_id: int) -> None:
    """Forget this attempt and the account's failures from this address (not attempts still being checked
    there: someone else may be guessing), and remember the address as known for the account."""
    settings, now = services.settings, services.clock.now()
    marker = _marker(settings, username, address)
    with services.uow() as uow:
        session = uow.session
        serialise(session, _account_key(username))
        session.execute(delete(LoginAttempt).where(
            LoginAttempt.username == username, LoginAttempt.address == address,
            ~LoginAttempt.pending | (LoginAttempt.id == attempt_id)))
        # Forget the account's addresses not used within the window first: this one among them, when its
        # user comes back after a long leave, is then remembered anew (updating it and deleting it in one
        # flush had made every later login from that address a server error).
        session.execute(delete(LoginKnownAddress).where(
            LoginKnownAddress.username == username,
            LoginKnownAddress.last_success_at < now - timedelta(days=settings.login_known_address_days)))
        known = session.get(LoginKnownAddress, (username, marker), populate_existing=True)
        if known is None:
            session.add(LoginKnownAddress(username=username, marker=marker, last_success_at=now))
        else:
            known.last_success_at = now
        uow.commit()


def _is_known(session, settings, username: str, address: str, now) -> bool:
    since = now - timedelta(days=settings.login_known_address_days)
    return session.scalar(select(LoginKnownAddress.username).where(
        LoginKnownAddress.username == username, LoginKnownAddress.marker == _marker(settings, username, address),
        LoginKnownAddress.last_success_at > since)) is not None


def _marker(settings, username: str, address: str) -> str:
    return hmac.new(settings.secret_key.encode("utf-8"), f"login-address\n{username}\n{address}".encode("utf-8"),
                    hashlib.sha256).hexdigest()


def _account_key(username: str) -> str:
    return f"login-account:{username}"


def _address_key(address: str) -> str:
    return f"login-address:{address}"
