"""No lost work when a server dies: a real gunicorn server is killed with SIGKILL in the middle of a burst
of task completions, started again, and the database must hold every completion it acknowledged exactly
once and nothing half-written (the `bench/crash.py` run does the same at length, under load).

The test holds the listening socket and hands it to gunicorn (`fd://`), so requests made while the server
is down wait in the socket's queue for the next server: no polling, no sleeping.
"""
from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading

import pytest
from sqlalchemy import func, select

from engine.cases.consistency import check_consistency
from engine.cases.lifecycle import start_case
from engine.people.users import DEMO_PASSWORD, authenticate
from engine.store.tables import AuditEvent, Task
from engine.trust.audit_chain import verify_chain
from tests.conftest import ROOT, SECRET
from tests.samples import INTAKE, PROPOSAL

CASES = 16
KILL_AFTER = 5  # acknowledged completions before the server is killed
CLIENTS = 4


class Gunicorn:
    """`gunicorn 'server:create_app()'` on a socket the test owns, as production runs it."""

    def __init__(self, sock: socket.socket, database_url: str):
        self.sock = sock
        self.env = {**os.environ, "DANCHU_DATABASE_URL": database_url, "DANCHU_SECRET_KEY": SECRET,
                    "DANCHU_DEMO": "1"}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        fd = self.sock.fileno()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"fd://{fd}", "--workers", "2", "--threads", "4",
             "--graceful-timeout", "5", "server:create_app()"],
            pass_fds=(fd,), env=self.env, cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: the machine lost power."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


@pytest.fixture
def listening_socket():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    sock.set_inheritable(True)
    yield sock
    sock.close()


@pytest.fixture
def server(listening_socket, database_url, services):
    server = Gunicorn(listening_socket, database_url)
    yield server
    server.stop()


def open_cases(services, count: int = CASES) -> list[str]:
    """Complaints waiting at their first task; returns the ids of those tasks."""
    reception = authenticate(services, "tiep_cong_dan", DEMO_PASSWORD)
    task_ids = []
    for _ in range(count):
        case = start_case(services, reception, "khieu_nai", INTAKE)
        task_ids += [t["id"] for t in case["tasks"] if t["status"] == "ready"]
    return task_ids


class Burst:
    """Client threads completing the tasks of a queue; a completion is acknowledged by a 2xx answer."""

    def __init__(self, port: int, token: str, task_ids: list[str]):
        self.port, self.token = port, token
        self.todo: queue.Queue[str] = queue.Queue()
        for task_id in task_ids:
            self.todo.put(task_id)
        self.acknowledged: list[str] = []
        self.already_done: list[str] = []  # 409 on a retry: an unacknowledged attempt had committed
        self.unexpected: list[tuple[str, int]] = []
        self.interrupted = 0
        self.remaining = len(task_ids)
        self.enough = threading.Event()
        self.finished = threading.Event()
        self.lock = threading.Lock()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while not self.finished.is_set():
            try:
                task_id = self.todo.get(timeout=0.5)
            except queue.Empty:
                continue
            try:
                conn.request("POST", f"/api/v1/tasks/{task_id}/complete",
                             body=json.dumps({"data": PROPOSAL}),
                             headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                with self.lock:
                    self.interrupted += 1
                self.todo.put(task_id)  # unknown outcome: try again, as staff would after reloading
                continue
            self._settle(task_id, response.status)
        conn.close()

    def _settle(self, task_id: str, status: int) -> None:
        with self.lock:
            if 200 <= status < 300:
                self.acknowledged.append(task_id)
            elif status == 409:
                self.already_done.append(task_id)
            else:
                self.unexpected.append((task_id, status))
            self.remaining -= 1
            if len(self.acknowledged) >= KILL_AFTER:
                self.enough.set()
            if self.remaining == 0:
                self.finished.set()


def test_a_server_killed_mid_burst_loses_no_acknowledged_completion_and_leaves_nothing_half_written(
        services, api, server, listening_socket):
    task_ids = open_cases(services)
    assert len(task_ids) == CASES
    burst = Burst(listening_socket.getsockname()[1], api.token("tiep_cong_dan"), task_ids)
    clients = [threading.Thread(target=burst.run, daemon=True) for _ in range(CLIENTS)]
    server.start()
    for client in clients:
        client.start()

    assert burst.enough.wait(timeout=120)
    server.kill()
    acknowledged_before_kill = len(burst.acknowledged)
    server.start()
    assert burst.finished.wait(timeout=120)
    for client in clients:
        client.join(timeout=60)
    server.stop()

    assert burst.unexpected == []
    assert acknowledged_before_kill < CASES, "the kill came after the burst: nothing was in flight"
    assert sorted(burst.acknowledged + burst.already_done) == sorted(task_ids)
    with services.uow(write=False) as uow:
        rows = dict(uow.session.execute(select(Task.id, Task.status).where(Task.id.in_(task_ids))).all())
        events = dict(uow.session.execute(
            select(AuditEvent.task_id, func.count()).where(AuditEvent.action == "completed",
                                                           AuditEvent.task_id.in_(task_ids))
            .group_by(AuditEvent.task_id)).all())
    assert all(rows[t] == "completed" and events.get(t) == 1 for t in burst.acknowledged)
    assert all(rows[t] == "completed" and events.get(t) == 1 for t in task_ids)
    report = check_consistency(services)
    assert (report.partial, report.duplicated, report.stuck) == ([], [], [])
    assert report.cases == CASES and report.task_rows == 2 * CASES  # each case moved on to its next task
    with services.uow(write=False) as uow:
        chain = verify_chain(uow.session)
    assert chain["ok"] and chain["checked"] >= 2 * CASES  # the kill left no gap and no fork in the audit chain


def test_consistency_check_notices_a_task_row_completed_without_its_workflow(services):
    task_ids = open_cases(services, 1)
    with services.uow() as uow:
        uow.session.get(Task, task_ids[0]).status = "completed"
        uow.commit()
    report = check_consistency(services)
    assert report.partial == task_ids
    assert len(report.stuck) == 1  # the case's open rows no longer match its ready tasks
