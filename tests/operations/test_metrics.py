"""The Prometheus endpoint: what operators watch, and who may watch it."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from engine.services import build_services
from server import create_app
from tests import conftest
from tests.samples import Complaint

OUTSIDE = {"REMOTE_ADDR": "10.20.30.40"}


def scrape(client, **kwargs) -> str:
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/plain"
    return response.get_data(as_text=True)


def value(text: str, name: str, **labels) -> float:
    """The sample `name{labels}` of an exposition (0 when absent)."""
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z_:]+)(?:\{(.*)\})? (\S+)", line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(match.group(3))
    return 0.0


def test_requests_by_route_template_with_latency(client, api):
    api.as_("chu_tich").get("/api/v1/tasks")
    client.get("/api/v1/instances/khong-co-that")  # no token: 401, counted under its template
    text = scrape(client)
    assert value(text, "danchu_http_request_duration_seconds_count", route="/api/v1/tasks", method="GET",
                 status="200") >= 1
    assert value(text, "danchu_http_request_duration_seconds_count", route="/api/v1/instances/<string:instance_id>",
                 method="GET", status="401") >= 1
    assert "khong-co-that" not in text  # paths as sent never become labels


def test_cases_tasks_and_overdue_by_commune_from_the_database(client, api, clock):
    before = scrape(client)
    Complaint(api)
    text = scrape(client)
    assert value(text, "danchu_cases_started_total", process="khieu_nai") == \
        value(before, "danchu_cases_started_total", process="khieu_nai") + 1
    assert value(text, "danchu_cases_running", process="khieu_nai") >= 1
    assert value(text, "danchu_tasks_open", commune="nghia_ky") >= 1
    assert value(text, "danchu_tasks_overdue", commune="nghia_ky") == 0
    clock.advance(days=120)
    later = scrape(client)
    assert value(later, "danchu_tasks_overdue", commune="nghia_ky") >= 1


def test_due_timers_show_their_lag_until_the_worker_fires_them(client, api, clock, services):
    from engine.worker import poll_once
    Complaint(api)
    clock.advance(days=120)
    text = scrape(client)
    assert value(text, "danchu_timers_due") >= 1
    assert value(text, "danchu_timer_lag_seconds") > 0
    while poll_once(services).busy:
        pass
    after = scrape(client)
    assert value(after, "danchu_timers_due") == 0 and value(after, "danchu_timer_lag_seconds") == 0


def test_failed_logins_are_counted(client):
    text = scrape(client)
    before = value(text, "danchu_failed_logins_total", outcome="wrong")
    response = client.post("/api/v1/auth/token", json={"username": "chu_tich", "password": "sai-mat-khau"})
    assert response.status_code == 401
    text = scrape(client)
    assert value(text, "danchu_failed_logins_total", outcome="wrong") == before + 1
    assert value(text, "danchu_login_failures_recent") >= 1


def test_not_for_the_public_without_a_token(client):
    response = client.get("/metrics", environ_base=OUTSIDE)
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "forbidden" and "Authorization" in error["details"]


@pytest.fixture
def token_app(services, database_url):
    settings = replace(conftest.test_settings(database_url), metrics_token="ma-giam-sat-rat-dai")
    other = build_services(settings, clock=services.clock)
    yield create_app(services=other)
    other.close()


def test_with_a_token_only_its_bearer_may_scrape(token_app):
    client = token_app.test_client()
    assert client.get("/metrics").status_code == 403  # the loopback is not enough once a token is set
    assert client.get("/metrics", headers={"Authorization": "Bearer sai"}).status_code == 403
    scrape(client, environ_base=OUTSIDE, headers={"Authorization": "Bearer ma-giam-sat-rat-dai"})


def test_the_worker_serves_its_own_figures(services, api, clock):
    import urllib.request

    from cli.observability import WorkerMetrics
    from engine.worker import poll_once
    Complaint(api)
    clock.advance(days=120)
    metrics = WorkerMetrics(services)
    while (result := poll_once(services)).busy:
        metrics.observe(result)
    port = conftest.free_port()
    server, thread = metrics.serve("127.0.0.1", port)
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    finally:
        server.shutdown()
        thread.join()
    assert value(text, "danchu_worker_timers_fired_total") >= 1
    assert value(text, "danchu_worker_round_seconds_count") >= 1
    assert value(text, "danchu_timers_due") == 0  # the database's figures too, the timer lag among them
