"""The crash run: SIGKILL server processes at random moments under load on PostgreSQL, then prove that no
acknowledged work was lost and nothing was left half-written.

Two gunicorn servers (`danchu serve`) on two ports share one PostgreSQL database. Client processes do
what staff do (log in, inbox, claim, complete three_step cases), failing over to the other server when
theirs does not answer, as behind a reverse proxy. Meanwhile the killer, at least 20 times, picks a
target and kills it with SIGKILL: usually one gunicorn worker (the master starts a new one), sometimes a
whole server, master included (the harness starts it again on the same port): once in a quick run,
every tenth kill in a full one.

Afterwards, on the database: every completion a server acknowledged (2xx) is there exactly once (task row
completed, one `completed` audit event); `engine.consistency` finds no partial state (row ⇔ workflow ⇔
audit) and no stuck case (restorable, open rows = ready tasks, not locked). Counts printed: acknowledged,
found, lost, duplicated, stuck (and partial).

Timer workers (`danchu worker`, issue 4) are killed the same way once they exist: set `WORKER_COMMAND`
(two `ProcessTarget`s join the servers in `targets()`), deploy a model with timers for the staff to start,
and extend `verify` with "every due timer fired exactly once".
"""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .client import ApiError, Client
from .report import print_table
from .scenarios import THREE_STEP

CLIENTS = 4
WORKERS = 2
WORKER_COMMAND: list[str] | None = None  # ["danchu", "worker"] once issue 4 has landed


# --- what the killer kills ---------------------------------------------------------------------------

@dataclass
class ServerTarget:
    """A gunicorn server: kill one worker (the master replaces it), or now and then the whole server."""

    server: object
    whole_server_share: float = 0.15
    kills: dict = field(default_factory=lambda: {"worker": 0, "server": 0})

    @property
    def name(self) -> str:
        return f"server:{self.server.port}"

    def kill_one(self, rng: random.Random, whole: bool | None = None) -> str:
        workers = self.server.worker_pids()
        if whole is None:
            whole = rng.random() < self.whole_server_share
        if whole or not workers:
            self.server.kill()
            self.server.start()
            self.kills["server"] += 1
            return f"{self.name} killed whole, restarted"
        pid = rng.choice(workers)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return f"{self.name} worker {pid} already gone"
        self.kills["worker"] += 1
        return f"{self.name} worker {pid} killed"

    def ensure_running(self) -> None:
        self.server.wait_ready(60)


@dataclass
class ProcessTarget:
    """Any other long-running danchu process (a timer worker): SIGKILL it, start it again."""

    argv: list[str]
    env: dict
    process: object = None
    kills: dict = field(default_factory=lambda: {"process": 0})

    @property
    def name(self) -> str:
        return " ".join(self.argv)

    def start(self) -> "ProcessTarget":
        import subprocess

        self.process = subprocess.Popen(self.argv, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        return self

    def kill_one(self, rng: random.Random, whole: bool | None = None) -> str:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.start()
        self.kills["process"] += 1
        return f"{self.name} killed, restarted"

    def ensure_running(self) -> None:
        if self.process.poll() is not None:
            self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def targets(servers, url: str, quick: bool) -> list:
    """What the killer may kill: every server, and every timer worker once they exist."""
    from .databases import server_environment

    found = [ServerTarget(s, whole_server_share=0.1 if quick else 0.15) for s in servers]
    if WORKER_COMMAND:
        found += [ProcessTarget(list(WORKER_COMMAND), server_environment(url)).start() for _ in range(WORKERS)]
    return found


# --- the staff ----------------------------------------------------------------------------------------

class FailoverClient(Client):
    """A client that, when its server does not answer, moves to the next one (a proxy would)."""

    def __init__(self, ports: list[int], first: int):
        self.ports, self.index = ports, first
        super().__init__(ports[first])
        self.interrupted = 0
        self.server_errors = 0

    def call(self, fn, *args, **kwargs):
        """Retry a request that could not be sent at all; raises `Unknown` if it may have been handled."""
        for attempt in range(200):
            try:
                return fn(*args, **kwargs)
            except ApiError as exc:
                if exc.status >= 500:
                    self.server_errors += 1
                    raise Unknown() from None
                raise
            except (OSError, http.client.HTTPException) as exc:
                self.interrupted += 1
                self.index = (self.index + 1) % len(self.ports)
                self.port = self.ports[self.index]
                self.reconnect()
                if not isinstance(exc, ConnectionRefusedError):
                    raise Unknown() from None
                time.sleep(0.05)
        raise Unknown()


class Unknown(Exception):
    """The request may or may not have taken effect (connection lost after sending, or a 5xx)."""


def _staff(args) -> dict:
    ports, index, stop_file = args
    client = FailoverClient(ports, index % len(ports))
    acknowledged, completed_unacknowledged, instances = [], [], 0
    for role in sorted({r for r, _ in THREE_STEP.steps.values()}):
        while True:
            try:
                client.call(client.login, role)
                break
            except Unknown:
                continue
    while not os.path.exists(stop_file):
        try:
            if _walk(client, acknowledged, completed_unacknowledged):
                instances += 1
        except (Unknown, ApiError, StopIteration):
            continue  # this case is left where it is: running, consistent, someone else's work later
    client.close()
    return {"acknowledged": acknowledged, "completed_unacknowledged": completed_unacknowledged,
            "instances": instances, "interrupted": client.interrupted, "server_errors": client.server_errors}


def _walk(client: FailoverClient, acknowledged: list, completed_unacknowledged: list) -> bool:
    first_role = THREE_STEP.steps[next(iter(THREE_STEP.steps))][0]
    case = client.call(client.start, first_role, THREE_STEP.process_model, THREE_STEP.start_data)
    for name, (role, data) in THREE_STEP.steps.items():
        page = client.call(client.inbox, role, instance_id=case["id"])
        task = next(t for t in page["items"] if t["name"] == name)
        _claim(client, role, task["id"])
        _complete(client, role, task["id"], data, acknowledged, completed_unacknowledged)
    return True


def _task(client: FailoverClient, role: str, task_id: str) -> dict:
    return client.call(client.request, "task", "GET", f"/api/v1/tasks/{task_id}", None, client.tokens[role])


def _claim(client, role, task_id) -> None:
    for _ in range(20):
        try:
            client.call(client.claim, role, task_id)
            return
        except Unknown:
            task = _task(client, role, task_id)
            if task["status"] == "claimed" and task["assignee"] == role:
                return
            if task["status"] != "ready":
                raise StopIteration
    raise StopIteration


def _complete(client, role, task_id, data, acknowledged, completed_unacknowledged) -> None:
    for _ in range(20):
        try:
            client.call(client.complete, role, task_id, data)
            acknowledged.append(task_id)
            return
        except Unknown:
            task = _task(client, role, task_id)
            if task["status"] == "completed":
                completed_unacknowledged.append(task_id)
                return
            if task["status"] != "claimed":
                raise StopIteration
    raise StopIteration


# --- the run ------------------------------------------------------------------------------------------

def run(quick: bool, kills: int | None = None, seed: int | None = None) -> dict:
    from .databases import bench_database, open_services, postgres_available
    from .servers import Server

    if not postgres_available():
        print("\n== Crash run: PostgreSQL not reachable, skipped")
        return {"skipped": "PostgreSQL not reachable", "ok": None}
    kills = kills or (20 if quick else 40)
    rng = random.Random(seed)
    pause = (0.1, 0.25) if quick else (0.2, 1.2)
    phases: dict[str, float] = {}
    with bench_database("postgresql", "danchu_bench_crash") as url:
        logs = Path(tempfile.mkdtemp(prefix="danchu_crash_logs_"))
        servers = [Server(url, workers=2, log=logs / f"server{i}.log").start() for i in range(2)]
        killable = targets(servers, url, quick)
        started = time.time()
        stop_file = Path(tempfile.mkdtemp(prefix="danchu_crash_")) / "stop"
        try:
            with multiprocessing.get_context("fork").Pool(CLIENTS) as pool:
                pending = pool.map_async(_staff, [([s.port for s in servers], i, str(stop_file))
                                                  for i in range(CLIENTS)])
                time.sleep(1.5)  # load first
                log = []
                for n in range(kills):
                    time.sleep(rng.uniform(*pause))
                    # whole servers: one in the middle of a quick run, every tenth kill of a full one
                    whole = (n == kills // 2) if quick else (n % 10 == 5)
                    log.append(rng.choice(killable).kill_one(rng, whole))
                phases["kills"] = time.time() - started
                for target in killable:
                    target.ensure_running()
                time.sleep(1.0)  # and load on the recovered servers
                stop_file.touch()
                parts = pending.get(timeout=300)
                phases["load"] = time.time() - started
        finally:
            shutil.rmtree(stop_file.parent, ignore_errors=True)
            for target in killable:
                if isinstance(target, ProcessTarget):
                    target.stop()
            for server in servers:
                server.stop()
        services = open_services(url)
        try:
            result = verify(services, parts)
        finally:
            services.close()
        phases["verified"] = time.time() - started
    result.update(phases_s={k: round(v, 1) for k, v in phases.items()}, server_logs=str(logs), kills=kills,
                  worker_kills=sum(t.kills.get("worker", 0) for t in killable),
                  server_kills=sum(t.kills.get("server", 0) for t in killable),
                  other_process_kills=sum(t.kills.get("process", 0) for t in killable),
                  seconds=round(time.time() - started, 1), kill_log=log,
                  timers="not verified: no timer workers yet (issue 4)" if not WORKER_COMMAND else "see verify")
    result["ok"] = (result["lost"] == result["duplicated"] == result["stuck"] == result["partial"] == 0
                    and result["server_errors"] == 0 and kills >= 20)
    print_table(f"Crash run: {kills} SIGKILLs ({result['worker_kills']} gunicorn workers, {result['server_kills']} "
                f"whole servers) under {CLIENTS} clients, two servers, PostgreSQL",
                ["acknowledged", "found", "lost", "duplicated", "stuck", "partial", "done but unacknowledged",
                 "interrupted requests", "5xx", "cases ended", "verdict"],
                [[result["acknowledged"], result["found"], result["lost"], result["duplicated"], result["stuck"],
                  result["partial"], result["completed_unacknowledged"], result["interrupted"], result["server_errors"],
                  result["cases_ended"], "PASS" if result["ok"] else "FAIL"]])
    return result


def verify(services, parts: list[dict]) -> dict:
    from sqlalchemy import func, select

    from engine.consistency import check_consistency
    from engine.store.tables import Instance, Task

    acknowledged = [t for p in parts for t in p["acknowledged"]]
    report = check_consistency(services)
    with services.uow(write=False) as uow:
        status = dict(uow.session.execute(select(Task.id, Task.status).where(Task.status == "completed")).all())
        ended = uow.session.scalar(select(func.count()).select_from(Instance).where(Instance.status == "completed"))
        errors = uow.session.scalar(select(func.count()).select_from(Instance).where(Instance.status == "error"))
    found = [t for t in acknowledged if status.get(t) == "completed" and report.completed_events.get(t, 0) >= 1]
    return {
        "acknowledged": len(acknowledged), "found": len(found), "lost": len(acknowledged) - len(found),
        "acknowledged_twice": len(acknowledged) - len(set(acknowledged)),
        "duplicated": len(report.duplicated), "stuck": len(report.stuck), "partial": len(report.partial),
        "completed_unacknowledged": sum(len(p["completed_unacknowledged"]) for p in parts),
        "interrupted": sum(p["interrupted"] for p in parts), "server_errors": sum(p["server_errors"] for p in parts),
        "cases": report.cases, "cases_ended": ended, "cases_in_error": errors, "task_rows": report.task_rows,
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="danchu crash run (kill -9 under load, then verify)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kills", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        result = run(args.quick, args.kills, args.seed)
    finally:
        from .databases import drop_templates
        drop_templates()
    print(json.dumps(result, indent=2))
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
