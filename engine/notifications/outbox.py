"""Notifications: an outbox table, read in the app and mailed by the worker.

A notification is written in the transaction of the step that decided it (a reminder path of a diagram,
run by the worker when a timer fires), so it exists exactly when the step committed. Email is never sent
inside that transaction: a user with an address gets `email_status = pending`, and the worker sends it
later (`send_due_emails`). A send that fails is retried with exponential backoff (1 min, 2, 4 … capped at
1 h) up to `MAX_EMAIL_ATTEMPTS`, then marked `failed`; the case never waits for it. Each attempt first
leases the row (moves `email_next_at` ahead) in a short transaction, sends outside any transaction, then
records the result: two workers never send the same attempt, and a worker that dies mid-send only delays
the retry. Email is at-least-once: a crash between sending and recording can send a message twice.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import bindparam, func, select, update

from ..core.errors import NotFound
from ..core.principal import Principal
from ..core.request_context import current_request_id
from ..core.status import EmailStatus
from ..store.postgres_pool import CUSTOM_PLAN
from ..store.tables import Case, Notification, OrgUnit, User, UserRole
from ..trust.access import own_action
from ..trust.confidential import command_secrets
from ..trust.exclusions import excluded_usernames
from ..trust.secret_text import mask_secrets
from .mailer import email_enabled, send_email

log = logging.getLogger("danchu.worker.email")

MAX_EMAIL_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
LEASE = timedelta(minutes=5)


def notify(services, session, *, usernames, title: str, message: str, case: Case | None) -> list[str]:
    """Queue one notification per active user named who may see the case; returns who got one.

    Whatever a diagram addressed and wrote: a user who does not see the case (another commune's, another
    province's, a commune's user once the case moved to the province) is not told, nor is a person the case
    excludes (the one it denounces, `engine.trust.exclusions`); any confidential value of the case in the
    title or the message is masked for everyone, readers included, since a notification may be mailed
    (`engine.trust.secret_text`)."""
    now = services.clock.now()
    mail = email_enabled(services.settings)
    users = session.scalars(select(User).where(User.username.in_(sorted(set(usernames))), User.active)).all()
    if case is not None:
        seeing = users_seeing(session, [u.username for u in users], case.commune_id, case.handling_unit_id)
        seeing -= excluded_usernames(session, case.id)
        users = [u for u in users if u.username in seeing]
    secrets = command_secrets(session, case.id if case is not None else None)
    title, message = mask_secrets(title, secrets), mask_secrets(message, secrets)
    for user in users:
        pending = mail and bool(user.email)
        session.add(Notification(
            username=user.username, instance_id=case.id if case else None,
            business_key=case.business_key if case else None, title=title[:300], message=message,
            created_at=now, email_status=EmailStatus.PENDING if pending else EmailStatus.NONE, email_attempts=0,
            email_next_at=now if pending else None, request_id=current_request_id.get()))
    return [u.username for u in users]


def users_seeing(session, usernames, commune_id: int | None, handling_unit_id: int | None = None) -> set[str]:
    """Those of `usernames` who see a case of the commune: its own and its hamlets' users (unless the case moved
    to a unit above the commune, `handling_unit_id`), those of the province above it, and those attached to
    no unit (the same rule as `Principal.sees_case`)."""
    if not usernames:
        return set()
    province = session.scalar(select(OrgUnit.parent_id).where(OrgUnit.id == commune_id)) if commune_id else None
    rows = session.execute(select(User.username, User.unit_id, OrgUnit.kind, OrgUnit.parent_id)
                           .outerjoin(OrgUnit, OrgUnit.id == User.unit_id)
                           .where(User.username.in_(sorted(set(usernames))))).all()
    commune_sees = handling_unit_id is None
    return {username for username, unit_id, kind, parent_id in rows
            if commune_id is None or unit_id is None or (kind == "province" and unit_id == province)
            or (commune_sees and (unit_id == commune_id or (kind == "hamlet" and parent_id == commune_id)))}


def users_with_roles(session, roles, commune_id: int | None) -> list[str]:
    """Active holders of any of `roles` in the unit `commune_id` (a commune: it or one of its hamlets; the
    province a case moved to: its own users), or attached to no unit."""
    rows = session.execute(
        select(User.username, User.unit_id, OrgUnit.kind, OrgUnit.parent_id)
        .join(UserRole, UserRole.user_id == User.id).outerjoin(OrgUnit, OrgUnit.id == User.unit_id)
        .where(UserRole.role.in_(sorted(set(roles))), User.active)).all()
    names = []
    for username, unit_id, kind, parent_id in rows:
        if commune_id is None or unit_id is None or unit_id == commune_id or \
                (kind == "hamlet" and parent_id == commune_id):
            names.append(username)
    return sorted(set(names))


def list_notifications(services, principal: Principal, *, unread: bool | None = None, limit: int = 50,
                       offset: int = 0) -> tuple[list[dict], int, int]:
    query = select(Notification).where(Notification.username == principal.username)
    if unread is True:
        query = query.where(Notification.read_at.is_(None))
    elif unread is False:
        query = query.where(Notification.read_at.is_not(None))
    with services.uow(write=False) as uow:
        session = uow.session
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        unread_count = session.scalar(_UNREAD, {"username": principal.username})
        rows = session.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc())
                               .limit(limit).offset(offset)).all()
        return [notification_view(r) for r in rows], total, unread_count


def count_unread(services, principal: Principal) -> int:
    """What the web UI's menu shows on every page: one count over `ix_notifications_user`."""
    with services.database.reader.connect() as connection:
        return connection.execute(_UNREAD, {"username": principal.username}).scalar_one()


_UNREAD = select(func.count()).select_from(Notification).where(
    Notification.username == bindparam("username"), Notification.read_at.is_(None))


@own_action
def mark_read(services, principal: Principal, notification_id: int) -> dict:
    if not 0 < notification_id < 2**63:  # beyond any notification, and beyond what the BIGINT column can compare
        raise NotFound("Không tìm thấy thông báo.")
    with services.uow() as uow:
        row = uow.session.get(Notification, notification_id)
        if row is None or row.username != principal.username:
            raise NotFound("Không tìm thấy thông báo.")
        if row.read_at is None:
            row.read_at = services.clock.now()
        uow.commit()
        return notification_view(row)


@own_action
def mark_all_read(services, principal: Principal) -> int:
    with services.uow() as uow:
        marked = uow.session.execute(
            update(Notification).where(Notification.username == principal.username, Notification.read_at.is_(None))
            .values(read_at=services.clock.now()).execution_options(synchronize_session=False)).rowcount
        uow.commit()
        return marked


def notification_view(row: Notification) -> dict:
    return {"id": row.id, "instance_id": row.instance_id, "business_key": row.business_key, "title": row.title,
            "message": row.message, "created_at": row.created_at, "read_at": row.read_at,
            "email_status": row.email_status}


def send_due_emails(services, limit: int = 20) -> int:
    """Send the pending emails whose time has come; returns how many were sent."""
    if not email_enabled(services.settings):
        return 0
    leased = _lease(services, limit)
    sent = 0
    for notification_id, to, subject, body, request_id in leased:
        try:
            send_email(services.settings, to, subject, body)
        except Exception as exc:  # noqa: BLE001 - any failure of the mail server is retried later
            _record_failure(services, notification_id, type(exc).__name__)
            log.warning("email failed", extra={"notification_id": notification_id, "origin_request_id": request_id,
                                               "error": type(exc).__name__})
        else:
            _record_sent(services, notification_id)
            log.info("email sent", extra={"notification_id": notification_id, "origin_request_id": request_id})
            sent += 1
    return sent


def _lease(services, limit: int) -> list[tuple[int, str, str, str, str | None]]:
    now = services.clock.now()
    with services.uow() as uow:
        query = (select(Notification).where(Notification.email_status == EmailStatus.PENDING,
                                            Notification.email_next_at <= now)
                 .order_by(Notification.email_next_at, Notification.id).limit(limit))
        if uow.for_update:
            query = query.with_for_update(skip_locked=True)
        rows = uow.session.scalars(query.execution_options(**{CUSTOM_PLAN: True})).all()  # pending among all sent
        emails = dict(uow.session.execute(select(User.username, User.email).where(
            User.username.in_({r.username for r in rows}))).all()) if rows else {}
        leased = []
        for row in rows:
            to = emails.get(row.username)
            if not to:
                row.email_status, row.email_next_at = EmailStatus.NONE, None
                continue
            row.email_attempts += 1
            row.email_next_at = now + LEASE
            leased.append((row.id, to, _subject(row), _body(services, row), row.request_id))
        uow.commit()
        return leased


def _record_sent(services, notification_id: int) -> None:
    with services.uow() as uow:
        row = uow.session.get(Notification, notification_id)
        row.email_status, row.email_sent_at, row.email_next_at, row.email_error = \
            EmailStatus.SENT, services.clock.now(), None, None
        uow.commit()


def _record_failure(services, notification_id: int, error: str) -> None:
    with services.uow() as uow:
        row = uow.session.get(Notification, notification_id)
        row.email_error = error[:200]
        if row.email_attempts >= MAX_EMAIL_ATTEMPTS:
            row.email_status, row.email_next_at = EmailStatus.FAILED, None
        else:
            row.email_next_at = services.clock.now() + retry_delay(row.email_attempts)
        uow.commit()


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the `attempts`-th failed attempt: 1 min, 2, 4, 8 … at most 1 h."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def _subject(row: Notification) -> str:
    return f"[danchu] {row.business_key + ': ' if row.business_key else ''}{row.title}"


def _body(services, row: Notification) -> str:
    link = f"{services.settings.public_url.rstrip('/')}/api/v1/instances/{row.instance_id}" if row.instance_id else ""
    return "\n\n".join(part for part in (row.message, link) if part)
