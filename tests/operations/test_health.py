"""`GET /api/v1/health` for load balancers and alerts: 200 while the server reaches its database (503 when not),
and whether a worker is beating and the email outbox moves, in words only."""
from __future__ import annotations

from datetime import timedelta

from engine.core.status import EmailStatus
from engine.services import build_services
from engine.store.tables import Notification
from engine.worker import run_worker
from server import create_app
from tests import conftest

KEYS = {"status", "database", "worker", "outbox"}


def health(client) -> tuple[int, dict]:
    response = client.get("/api/v1/health")
    body = response.get_json()
    assert set(body) == KEYS, body  # nothing else: no count, name or address to anyone without a login
    return response.status_code, body


def one_round(services) -> None:
    """The worker as `danchu worker` runs it, stopped after its first round."""
    run_worker(services, wait=lambda seconds: True)


def test_without_any_worker_the_server_still_serves_but_says_so(client):
    assert health(client) == (200, {"status": "degraded", "database": "ok", "worker": "absent", "outbox": "ok"})


def test_a_worker_s_round_beats_and_a_silent_worker_turns_late(client, services, clock):
    one_round(services)
    assert health(client) == (200, {"status": "ok", "database": "ok", "worker": "ok", "outbox": "ok"})
    clock.advance(seconds=services.settings.worker_late_seconds)
    assert health(client)[1]["worker"] == "ok"
    clock.advance(seconds=1)
    assert health(client) == (200, {"status": "degraded", "database": "ok", "worker": "late", "outbox": "ok"})
    one_round(services)  # back: its next round beats again
    assert health(client)[1]["status"] == "ok"


def test_a_worker_beats_at_most_every_fifteen_seconds(services, clock):
    from engine.store.worker_tables import WorkerHeartbeat
    from engine.worker.heartbeat import Heartbeat

    beat = Heartbeat()
    assert beat.due(clock.now())
    beat.beat(services)
    clock.advance(seconds=14)
    assert not beat.due(clock.now())
    clock.advance(seconds=1)
    assert beat.due(clock.now())
    beat.beat(services)
    with services.uow(write=False) as uow:
        rows = uow.session.query(WorkerHeartbeat).all()
    assert [(r.worker_id, r.beat_at, r.started_at) for r in rows] == [
        (beat.worker_id, clock.now(), clock.now() - timedelta(seconds=15))]


def test_an_email_left_unsent_past_its_time_makes_the_outbox_late(client, services, clock):
    one_round(services)
    with services.uow() as uow:
        uow.session.add(Notification(
            username="chu_tich", title="Nhắc hạn", message="", created_at=clock.now(),
            email_status=EmailStatus.PENDING, email_attempts=0, email_next_at=clock.now()))
        uow.commit()
    clock.advance(seconds=services.settings.outbox_late_seconds - 60)
    one_round(services)  # no mail server configured here: the email stays pending
    assert health(client)[1]["outbox"] == "ok"
    clock.advance(seconds=61)
    one_round(services)
    assert health(client) == (200, {"status": "degraded", "database": "ok", "worker": "ok", "outbox": "late"})


def test_a_server_that_cannot_reach_its_database_answers_503_not_500(tmp_path):
    settings = conftest.test_settings(f"sqlite:///{tmp_path}/missing-folder/danchu.db")
    services = build_services(settings)
    try:
        client = create_app(services=services).test_client()
        assert health(client) == (503, {"status": "down", "database": "unreachable", "worker": "unknown",
                                        "outbox": "unknown"})
    finally:
        services.close()
