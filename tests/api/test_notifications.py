"""The notification outbox: the in-app list per user, marking read, and email through a real SMTP server
(aiosmtpd on 127.0.0.1, started by the test) with retries and backoff when sending fails. A failing mail
server never blocks a case: the escalation's step commits, and the email waits for the worker."""
from __future__ import annotations

from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from engine.notifications.outbox import MAX_EMAIL_ATTEMPTS, notify, send_due_emails
from engine.people.user_email import set_user_email
from engine.services import build_services
from engine.store.tables import Notification, User
from engine.worker.timers import fire_due_timers
from tests import conftest
from tests.samples import PROPOSAL, Complaint


class Inbox:
    """An SMTP handler that keeps what it receives; it refuses the first `refuse` messages (451)."""

    def __init__(self, refuse: int = 0):
        self.refuse = refuse
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 Thử lại sau"
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp_port():
    return conftest.free_port()


@pytest.fixture
def mail_services(database_url, clock, services, smtp_port):
    """A second process's services with SMTP configured (the worker's view), on the same database."""
    settings = replace(conftest.test_settings(database_url), smtp_host="127.0.0.1", smtp_port=smtp_port,
                       smtp_timeout_seconds=5)
    mailing = build_services(settings, clock=clock)
    set_user_email(mailing, "chu_tich", "chu.tich@nghiaky.example")
    yield mailing
    set_user_email(mailing, "chu_tich", None)
    mailing.close()


def queue(services, title="Quá hạn thụ lý đơn khiếu nại", users=("chu_tich",)):
    with services.uow() as uow:
        notify(services, uow.session, usernames=users, title=title, message="Nội dung nhắc việc", case=None)
        uow.commit()


def email_state(services):
    with services.uow(write=False) as uow:
        return [(n.username, n.email_status, n.email_attempts) for n in
                uow.session.scalars(select(Notification).order_by(Notification.id))]


def test_in_app_list_unread_and_mark_read(api, services):
    queue(services, "Một")
    queue(services, "Hai")
    queue(services, "Của người khác", users=("tiep_cong_dan",))
    body = api.as_("chu_tich").get("/api/v1/notifications").get_json()
    assert (body["total"], body["unread"]) == (2, 2)
    assert sorted(n["title"] for n in body["items"]) == ["Hai", "Một"]
    first = body["items"][0]["id"]
    other = api.as_("tiep_cong_dan").get("/api/v1/notifications").get_json()["items"][0]["id"]
    assert api.as_("chu_tich").post(f"/api/v1/notifications/{other}/read").status_code == 404
    read = api.as_("chu_tich").post(f"/api/v1/notifications/{first}/read")
    assert read.status_code == 200 and read.get_json()["read_at"] is not None
    assert api.as_("chu_tich").get("/api/v1/notifications?unread=true").get_json()["total"] == 1
    assert api.as_("chu_tich").post("/api/v1/notifications/read-all").get_json() == {"marked": 1}
    assert api.as_("chu_tich").get("/api/v1/notifications").get_json()["unread"] == 0
    assert api.as_("tiep_cong_dan").get("/api/v1/notifications").get_json()["unread"] == 1


@pytest.mark.parametrize("number", [0, 2**63, 45847532676170579861196242944])
def test_marking_an_id_no_notification_can_have_is_not_found(api, number):
    """An id past the BIGINT column's range was a 500 (SQLite: int too large; PostgreSQL: out of range),
    found by a long schemathesis run."""
    response = api.as_("chu_tich").post(f"/api/v1/notifications/{number}/read")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_without_smtp_nothing_is_mailed(services):
    set_user_email(services, "chu_tich", "chu.tich@nghiaky.example")
    try:
        queue(services)
        assert email_state(services) == [("chu_tich", "none", 0)]
        assert send_due_emails(services) == 0
    finally:
        set_user_email(services, "chu_tich", None)


def test_a_notification_is_mailed_when_smtp_is_configured(mail_services, smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        queue(mail_services)
        queue(mail_services, users=("tiep_cong_dan",))  # no address: in-app only
        assert send_due_emails(mail_services) == 1
    finally:
        controller.stop()
    assert email_state(mail_services) == [("chu_tich", "sent", 1), ("tiep_cong_dan", "none", 0)]
    (recipients, content), = inbox.messages
    assert recipients == ["chu.tich@nghiaky.example"]
    assert "Nội dung nhắc việc" in content


def test_a_refused_email_is_retried_with_backoff(mail_services, smtp_port, clock):
    inbox = Inbox(refuse=2)
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        queue(mail_services)
        assert send_due_emails(mail_services) == 0
        assert email_state(mail_services) == [("chu_tich", "pending", 1)]
        assert send_due_emails(mail_services) == 0  # not before the backoff (1 minute)
        clock.advance(minutes=1)
        assert send_due_emails(mail_services) == 0  # refused again; now 2 minutes
        clock.advance(minutes=1)
        assert send_due_emails(mail_services) == 0
        clock.advance(minutes=1)
        assert send_due_emails(mail_services) == 1
    finally:
        controller.stop()
    assert email_state(mail_services) == [("chu_tich", "sent", 3)]
    assert len(inbox.messages) == 1


def test_an_email_that_never_goes_through_is_marked_failed(mail_services, clock):
    queue(mail_services)  # nothing listens on the port
    for _ in range(MAX_EMAIL_ATTEMPTS):
        send_due_emails(mail_services)
        clock.advance(hours=1)
    assert email_state(mail_services) == [("chu_tich", "failed", MAX_EMAIL_ATTEMPTS)]
    with mail_services.uow(write=False) as uow:
        assert uow.session.scalars(select(Notification.email_error)).one() == "ConnectionRefusedError"
    assert send_due_emails(mail_services) == 0


def test_a_mail_server_that_is_down_never_blocks_the_escalation(api, mail_services, clock):
    from datetime import datetime, timezone
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    clock.set(datetime(2026, 3, 12, 17, 0, 1, tzinfo=timezone.utc))
    assert fire_due_timers(mail_services) == 2  # the worker, with SMTP configured but unreachable
    assert send_due_emails(mail_services) == 0
    titles = sorted(n["title"] for n in api.as_("chu_tich").get("/api/v1/notifications").get_json()["items"])
    assert titles == ["Quá hạn thụ lý đơn khiếu nại", "Sắp đến hạn thụ lý đơn khiếu nại"]
    assert {status for user, status, _ in email_state(mail_services) if user == "chu_tich"} == {"pending"}
    assert case.open_task_names() == ["quyet_dinh_thu_ly"]


def test_user_email_is_validated(services):
    from engine.core.errors import InvalidInput
    with pytest.raises(InvalidInput) as refused:
        set_user_email(services, "chu_tich", "khong-phai-email")
    assert "email" in refused.value.details
    with services.uow(write=False) as uow:
        assert uow.session.scalars(select(User.email).where(User.username == "chu_tich")).one() is None
