"""Structured logs: one JSON line per request, and the request id followed into the worker's lines."""
from __future__ import annotations

import io
import json
import logging

import pytest

from cli.observability import RequestIdFilter, configure_logging
from engine.worker import poll_once
from tests.samples import INTAKE, Complaint


@pytest.fixture
def lines():
    """The JSON lines `danchu serve` and `danchu worker` would write, captured."""
    stream = io.StringIO()
    configure_logging("json")
    handler = logging.getLogger().handlers[0]
    handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().handlers[:] = []


def request_lines(found):
    return [line for line in found if line["logger"] == "danchu.request"]


def test_one_json_line_per_request_with_route_status_duration_and_user(api, lines):
    response = api.as_("chu_tich").get("/api/v1/tasks?q=Nguy%E1%BB%85n")
    [line] = [x for x in request_lines(lines()) if x["route"] == "/api/v1/tasks"]
    assert line["status"] == 200 and line["method"] == "GET" and line["user"] == "chu_tich"
    assert isinstance(line["duration_ms"], float) and line["level"] == "INFO"
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert "q=" not in json.dumps(line) and "Nguy" not in json.dumps(line)


def test_the_proxys_request_id_is_kept_when_plain_and_replaced_when_not(client, lines):
    assert client.get("/api/v1/health", headers={"X-Request-Id": "lb-7f3a.42"}).headers["X-Request-Id"] == \
        "lb-7f3a.42"
    forged = client.get("/api/v1/health", headers={"X-Request-Id": 'x" {"level": "ERROR"}'})
    assert forged.headers["X-Request-Id"] != "x" and len(forged.headers["X-Request-Id"]) == 32
    ids = [x["request_id"] for x in request_lines(lines())]
    assert ids[0] == "lb-7f3a.42" and ids[1] == forged.headers["X-Request-Id"]


def test_no_confidential_value_reaches_a_log_line(api, lines):
    Complaint(api)
    text = json.dumps(lines(), ensure_ascii=False)
    for secret in (INTAKE["nguoi_khieu_nai"], INTAKE["dia_chi"], INTAKE["so_dien_thoai"]):
        assert secret not in text


def test_the_worker_names_the_request_that_armed_a_timer(api, clock, services, lines):
    opened = api.as_("tiep_cong_dan").post("/api/v1/instances", headers={"X-Request-Id": "mo-ho-so-1"},
                                           json={"process_model": "khieu_nai", "data": INTAKE})
    assert opened.status_code == 201
    clock.advance(days=120)
    while poll_once(services).busy:
        pass
    fired = [x for x in lines() if x["message"] == "timer fired"]
    assert fired and all(x["case_id"] == opened.get_json()["id"] for x in fired)
    assert "mo-ho-so-1" in {x["origin_request_id"] for x in fired}
    assert all(x["request_id"].startswith("worker-") for x in fired)  # the round's own id


def test_text_format_names_the_request_too():
    record = logging.LogRecord("danchu.x", logging.INFO, __file__, 1, "hello", None, None)
    assert RequestIdFilter().filter(record) and record.request_id is None
