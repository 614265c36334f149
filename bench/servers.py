"""Production servers for the benchmark: `danchu serve` (gunicorn) on 127.0.0.1, started and stopped here.

A `Server` is one gunicorn master with its workers, on one port, serving one database. A `TimerWorker` is
one `danchu worker` process (timers and emails) on one database. The harness reads their processes through
/proc (worker pids, RSS, CPU time) and can kill them, which the crash run does.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .databases import server_environment

DANCHU = Path(sys.executable).with_name("danchu")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, url: str, *, workers: int = 2, port: int | None = None, log: Path | None = None):
        self.url = url
        self.workers = workers
        self.port = port or free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> "Server":
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [str(DANCHU), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)],
            env=server_environment(self.url), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Until the health route answers and every worker has booted."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server on port {self.port} exited with {self.process.returncode}")
            if self.healthy() and len(self.worker_pids()) >= self.workers:
                return
            time.sleep(0.05)
        raise RuntimeError(f"server on port {self.port} not ready after {timeout}s")

    def healthy(self) -> bool:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/api/v1/health")
            response = conn.getresponse()
            body = json.loads(response.read())
            conn.close()
            return response.status == 200 and body.get("database") == "ok"  # serving; a worker is not its business
        except (OSError, ValueError, http.client.HTTPException):
            return False

    @property
    def master_pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> list[int]:
        return children(self.master_pid)

    def pids(self) -> list[int]:
        """The master and its workers: every process whose CPU time serving costs."""
        return [self.master_pid, *self.worker_pids()]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.master_pid, signal.SIGQUIT)  # gunicorn's quick shutdown: the run is over, nothing to finish
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """kill -9 the master and its workers, as a crashed machine would leave them."""
        if self.process is None or self.process.poll() is not None:
            return
        for pid in [*self.worker_pids(), self.master_pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=15)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class TimerWorker:
    """One `danchu worker` process with the production defaults (1 s poll, 100 timers per round)."""

    def __init__(self, url: str, *, log: Path | None = None, extra_args: tuple[str, ...] = ()):
        self.url = url
        self.log = log
        self.argv = [str(DANCHU), "worker", *extra_args]
        self.process: subprocess.Popen | None = None

    def start(self) -> "TimerWorker":
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(self.argv, env=server_environment(self.url), stdout=out,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        return self

    @property
    def pid(self) -> int:
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM: the worker finishes its round and exits (what a service manager does)."""
        if not self.running():
            return
        os.kill(self.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.running():
            os.killpg(self.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


def children(pid: int) -> list[int]:
    pids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(set(pids))


_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each process, all its threads together (/proc/<pid>/stat, fields 14 and 15).

    CPU time, not wall time: on a shared machine it says what the work cost, whatever else ran beside it."""
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / _TICKS_PER_S  # after ")": field 3 is index 0
    return times


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None
