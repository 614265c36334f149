"""The Prometheus endpoint (`/metrics`) operators scrape.

Two kinds of figures, each counted where it is true:
- what a server process sees (requests by route, method and status with their latency, failed logins) is
  counted in that process. gunicorn runs several; prometheus-client's multiprocess mode keeps each process's
  values in files of `PROMETHEUS_MULTIPROC_DIR`, and a scrape of any process adds them all up (`danchu serve`
  prepares the folder; the mode must be chosen before prometheus-client is imported, which is its rule);
- what only the database knows (cases by process and status, open and overdue tasks by commune, timers late,
  emails waiting, recent login failures) is read from it at scrape time (`engine.health`), so every server
  answers the same.

Not for the public: with `DANCHU_METRICS_TOKEN` set, a scrape must send it as a bearer token; without one,
only the loopback address may scrape (a Prometheus beside the server, or through the reverse proxy's own rule)."""
from __future__ import annotations

import hmac
import ipaddress
import os
from time import perf_counter

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from edges.errors import error_response
from engine.core import CaseStatus
from engine.health import operational_figures

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LOGIN_ENDPOINTS = {"auth.token", "auth.session_login", "web.login"}
LOGIN_FAILURES = {401: "wrong", 429: "throttled"}


class ServerMetrics:
    """The figures one server process counts. Built per app, so nothing exists at import time; in multiprocess
    mode they are registered nowhere (their values live in the shared folder, collected at scrape)."""

    def __init__(self, multiprocess: bool):
        self.registry = None if multiprocess else CollectorRegistry()
        self.request_seconds = Histogram(
            "danchu_http_request_duration_seconds", "Time to answer a request, by route template, method and status",
            ["route", "method", "status"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.failed_logins = Counter(
            "danchu_failed_logins_total", "Refused logins, wrong (bad credentials) or throttled",
            ["outcome"], registry=self.registry)

    def process_text(self) -> bytes:
        if self.registry is not None:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)


class DatabaseFigures:
    """A collector that reads `engine.health.operational_figures` when scraped."""

    def __init__(self, services):
        self.services = services

    def collect(self):
        figures = operational_figures(self.services)
        started = CounterMetricFamily("danchu_cases_started", "Cases started, by process", labels=["process"])
        ended = CounterMetricFamily("danchu_cases_ended", "Cases ended, by process and outcome",
                                    labels=["process", "status"])
        running = GaugeMetricFamily("danchu_cases_running", "Cases running, by process", labels=["process"])
        totals: dict[str, int] = {}
        for (process, status), count in sorted(figures.cases_by_process_status.items()):
            totals[process] = totals.get(process, 0) + count
            if status in CaseStatus.ENDED:
                ended.add_metric([process, status], count)
            elif status == CaseStatus.RUNNING:
                running.add_metric([process], count)
        for process, count in sorted(totals.items()):
            started.add_metric([process], count)
        yield from (started, ended, running)
        open_tasks = GaugeMetricFamily("danchu_tasks_open", "Open tasks, by commune", labels=["commune"])
        overdue = GaugeMetricFamily("danchu_tasks_overdue", "Open tasks past their due time, by commune",
                                    labels=["commune"])
        for commune, count in sorted(figures.open_tasks_by_commune.items()):
            open_tasks.add_metric([commune], count)
            overdue.add_metric([commune], figures.overdue_tasks_by_commune.get(commune, 0))
        yield from (open_tasks, overdue)
        yield GaugeMetricFamily("danchu_timers_due", "Timers due and not yet fired", value=figures.timers_due)
        yield GaugeMetricFamily("danchu_timer_lag_seconds", "How long the oldest due timer has waited",
                                value=figures.timer_lag_seconds)
        yield GaugeMetricFamily("danchu_email_outbox_pending", "Emails waiting to be sent",
                                value=figures.emails_pending)
        yield GaugeMetricFamily("danchu_login_failures_recent", "Failed logins inside the throttling window",
                                value=figures.login_failures_recent)


def database_text(services) -> bytes:
    registry = CollectorRegistry()
    registry.register(DatabaseFigures(services))
    return generate_latest(registry)


def _may_scrape(token: str) -> bool:
    if token:
        sent = request.headers.get("Authorization", "")
        return sent.startswith("Bearer ") and hmac.compare_digest(sent[7:].encode(), token.encode())
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def register_metrics(app: Flask, services) -> None:
    metrics = ServerMetrics(multiprocess=bool(os.environ.get(MULTIPROCESS_ENV)))
    app.extensions["danchu.metrics"] = metrics
    token = services.settings.metrics_token

    @app.before_request
    def _start_clock():
        g.metrics_started = perf_counter()

    @app.after_request
    def _observe(response):
        started = g.pop("metrics_started", None)
        if started is not None and request.endpoint != "metrics":
            route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
            metrics.request_seconds.labels(route, request.method, str(response.status_code)).observe(
                perf_counter() - started)
            if request.method == "POST" and request.endpoint in LOGIN_ENDPOINTS \
                    and response.status_code in LOGIN_FAILURES:
                metrics.failed_logins.labels(LOGIN_FAILURES[response.status_code]).inc()
        return response

    def scrape():
        if not _may_scrape(token):
            return error_response(403, "forbidden", "Chỉ máy giám sát được đọc số liệu vận hành.",
                                  {"Authorization": "Gửi mã DANCHU_METRICS_TOKEN dạng 'Bearer <mã>'."})
        return Response(metrics.process_text() + database_text(services), mimetype=CONTENT_TYPE_LATEST)

    app.add_url_rule("/metrics", "metrics", scrape)
