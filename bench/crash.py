"""The crash run: SIGKILL server processes at random moments under load on PostgreSQL, then prove that no
acknowledged work was lost and nothing was left half-written.

Two gunicorn servers (`danchu serve`) on two ports share one PostgreSQL database. Client processes do
what staff do (log in, inbox, claim, complete three_step cases), failing over to the other server when
theirs does not answer, as behind a reverse proxy. Meanwhile the killer, at least 20 times, picks a
target and kills it with SIGKILL: usually one gunicorn worker (the master starts a new one), sometimes a
whole server, master included (the harness starts it again on the same port): once in a quick run,
every tenth kill in a full one.

Two timer workers (`danchu worker`) run beside them and are killed the same way (SIGKILL to the process,
then started again). Timers come due all through the run: before the load, cases of
`bench/models/timer_step.bpmn` are opened with due times spread over the expected kill phase, and the
staff open more now and then over HTTP, due a few seconds later. After the load the workers run on,
unkilled, until no timer is pending (or `DRAIN_S` passed), as they would after an outage.

Afterwards, on the database: every completion a server acknowledged (2xx) is there exactly once (task row
completed, one `completed` audit event); `engine.cases.consistency` finds no partial state (row ⇔ workflow ⇔
audit) and no stuck case (restorable, open rows = ready tasks, not locked); every timer that came due
fired exactly once (row `fired`, one `timer_fired` audit event: the model has one timer per case). Counts
printed: acknowledged, found, lost, duplicated, stuck (and partial); timers due, fired, missed, fired twice.

The staff also send letters with a file now and then, and the files are checked against their rows
(`bench/crash_uploads.py`): no acknowledged file lost, no row without its file, no file without its row once
the sweep has run.
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
from .crash_uploads import (
    UPLOAD_SHARE,
    deploy_letter_model,
    restore_environment,
    send_letter,
    share_files_and_keys,
    verify_files,
)
from .report import print_table
from .scenarios import THREE_STEP
from .servers import DANCHU
from .timers import PROCESS_MODEL as TIMER_MODEL
from .timers import case_data

CLIENTS = 4
WORKERS = 2
WORKER_COMMAND: list[str] | None = [str(DANCHU), "worker"]
TIMER_CASES, QUICK_TIMER_CASES = 300, 30  # opened before the load, due during the kill phase
TIMER_SHARE = 0.25  # of the staff's walks also open a timer case over HTTP
TIMER_DELAY_S = (0.5, 3.0)  # due that long after the staff opened it
DRAIN_S = 60.0


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
        pid = self.process.pid
        os.killpg(pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.start()
        self.kills["process"] += 1
        return f"{self.label} {pid} killed, restarted as {self.process.pid}"

    @property
    def label(self) -> str:
        return Path(self.argv[0]).name + " " + " ".join(self.argv[1:])

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
    uploads = {"acknowledged": [], "unknown": 0, "refused": 0}
    for role in sorted({r for r, _ in THREE_STEP.steps.values()} | {"tiep_cong_dan"}):
        while True:
            try:
                client.call(client.login, role)
                break
            except Unknown:
                continue
            except ApiError as exc:  # the login throttle: a login cut by a kill counts as a failure
                if exc.status != 429:
                    raise
                time.sleep(1.0)
    rng = random.Random(index)
    while not os.path.exists(stop_file):
        try:
            if rng.random() < TIMER_SHARE:
                _open_timer_case(client, rng)
            if rng.random() < UPLOAD_SHARE:
                send_letter(client, rng, uploads, Unknown)
            if _walk(client, acknowledged, completed_unacknowledged):
                instances += 1
        except (Unknown, ApiError, StopIteration):
            continue  # this case is left where it is: running, consistent, someone else's work later
    client.close()
    return {"acknowledged": acknowledged, "completed_unacknowledged": completed_unacknowledged,
            "instances": instances, "uploads": uploads, "interrupted": client.interrupted, "server_errors": client.server_errors}


def _walk(client: FailoverClient, acknowledged: list, completed_unacknowledged: list) -> bool:
    first_role = THREE_STEP.steps[next(iter(THREE_STEP.steps))][0]
    case = client.call(client.start, first_role, THREE_STEP.process_model, THREE_STEP.start_data)
    for name, (role, data) in THREE_STEP.steps.items():
        page = client.call(client.inbox, role, instance_id=case["id"])
        task = next(t for t in page["items"] if t["name"] == name)
        _claim(client, role, task["id"])
        _complete(client, role, task["id"], data, acknowledged, completed_unacknowledged)
    return True


def _open_timer_case(client: FailoverClient, rng: random.Random) -> None:
    """A case whose timer comes due a few seconds later, while the killer is at work."""
    from datetime import datetime, timedelta, timezone

    due = datetime.now(timezone.utc) + timedelta(seconds=rng.uniform(*TIMER_DELAY_S))
    client.call(client.start, "tiep_cong_dan", TIMER_MODEL, case_data(due))


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
    from .databases import bench_database, postgres_available
    from .servers import Server

    if not postgres_available():
        print("\n== Crash run: PostgreSQL not reachable, skipped")
        return {"skipped": "PostgreSQL not reachable", "ok": None}
    kills = kills or (10 if quick else 40)  # the "at least 20" is the full run's
    rng = random.Random(seed)
    pause = (0.05, 0.2) if quick else (0.2, 1.2)
    phases: dict[str, float] = {}
    folder, field_key, previous_environment = share_files_and_keys()
    with bench_database("postgresql", "danchu_bench_crash") as url:
        deploy_letter_model(url)
        logs = Path(tempfile.mkdtemp(prefix="danchu_crash_logs_"))
        servers = [Server(url, workers=2, log=logs / f"server{i}.log").start() for i in range(2)]
        killable = targets(servers, url, quick)
        open_timer_cases(url, QUICK_TIMER_CASES if quick else TIMER_CASES, kill_phase_s=kills * sum(pause) / 2)
        started = time.time()
        stop_file = Path(tempfile.mkdtemp(prefix="danchu_crash_")) / "stop"
        try:
            with multiprocessing.get_context("fork").Pool(CLIENTS) as pool:
                pending = pool.map_async(_staff, [([s.port for s in servers], i, str(stop_file))
                                                  for i in range(CLIENTS)])
                time.sleep(1.5)  # load first
                kills_began = time.time()
                log = kill_repeatedly(killable, kills, rng, pause, quick)
                kill_window = (kills_began, time.time())
                phases["kills"] = time.time() - started
                for target in killable:
                    target.ensure_running()
                time.sleep(1.0)  # and load on the recovered servers
                stop_file.touch()
                parts = pending.get(timeout=300)
                phases["load"] = time.time() - started
            phases["timers_drained"] = drain_timers(url) - started
        finally:
            shutil.rmtree(stop_file.parent, ignore_errors=True)
            for target in killable:
                if isinstance(target, ProcessTarget):
                    target.stop()
            for server in servers:
                server.stop()
        result = verify_url(url, parts, kill_window, folder, field_key)
        phases["verified"] = time.time() - started
    shutil.rmtree(folder, ignore_errors=True)
    restore_environment(previous_environment)
    result.update(phases_s={k: round(v, 1) for k, v in phases.items()}, server_logs=str(logs), kills=kills,
                  worker_kills=sum(t.kills.get("worker", 0) for t in killable),
                  server_kills=sum(t.kills.get("server", 0) for t in killable),
                  timer_worker_kills=sum(t.kills.get("process", 0) for t in killable),
                  seconds=round(time.time() - started, 1), kill_log=log)
    result["min_kills"] = 10 if quick else 20
    result["ok"] = (result["lost"] == result["duplicated"] == result["stuck"] == result["partial"] == 0
                    and result["server_errors"] == 0 and kills >= result["min_kills"] and result["audit_chain_ok"]
                    and result["timers_missed"] == result["timers_fired_twice"] == 0
                    and result["uploads_lost"] == result["rows_without_file"] == result["files_without_row"] == 0
                    and result["uploads_acknowledged"] > 0)
    print_result(result)
    return result


def kill_repeatedly(killable: list, kills: int, rng: random.Random, pause: tuple[float, float],
                    quick: bool) -> list[str]:
    """SIGKILL a random target `kills` times; the planned whole-server kills always hit a server."""
    servers = [t for t in killable if isinstance(t, ServerTarget)]
    log = []
    for n in range(kills):
        time.sleep(rng.uniform(*pause))
        # whole servers: one in the middle of a quick run, every tenth kill of a full one
        whole = (n == kills // 2) if quick else (n % 10 == 5)
        log.append(rng.choice(servers if whole else killable).kill_one(rng, whole))
    return log


def open_timer_cases(url: str, count: int, kill_phase_s: float) -> None:
    """Timer cases due while the killer works: their due times spread over the expected kill phase, which
    begins once they are open (about 50 a second) and the staff had `1.5` s of load."""
    from datetime import datetime, timedelta, timezone

    from .databases import open_services
    from .timers import deploy_timer_model, open_cases, setup_url, spread

    services = open_services(url)
    try:
        deploy_timer_model(services)
    finally:
        services.close()
    first = datetime.now(timezone.utc) + timedelta(seconds=count / 50 + 2 + 1.5)
    open_cases(setup_url(url), spread(first, first + timedelta(seconds=kill_phase_s), count))


def drain_timers(url: str, timeout_s: float = DRAIN_S) -> float:
    """Let the (no longer killed) workers fire every pending timer; returns when they were done."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        give_up = time.time() + timeout_s
        while time.time() < give_up:
            with engine.connect() as conn:
                if not conn.scalar(text("SELECT count(*) FROM timers WHERE status = 'pending'")):
                    break
            time.sleep(0.5)
    finally:
        engine.dispose()
    return time.time()


def print_result(result: dict) -> None:
    print_table(f"Crash run: {result['kills']} SIGKILLs ({result['worker_kills']} gunicorn workers, "
                f"{result['server_kills']} whole servers, {result['timer_worker_kills']} timer workers) under "
                f"{CLIENTS} clients, two servers, {WORKERS} timer workers, PostgreSQL",
                ["acknowledged", "found", "lost", "duplicated", "stuck", "partial", "done but unacknowledged",
                 "interrupted requests", "5xx", "cases ended", "audit chain", "verdict"],
                [[result["acknowledged"], result["found"], result["lost"], result["duplicated"], result["stuck"],
                  result["partial"], result["completed_unacknowledged"], result["interrupted"], result["server_errors"],
                  result["cases_ended"],
                  f"verifies ({result['audit_events_checked']} events)" if result["audit_chain_ok"] else "BROKEN",
                  "PASS" if result["ok"] else "FAIL"]])
    print_table("Crash run: timers (every due timer fired exactly once)",
                ["timers", "due", "due while killing", "fired", "fired once", "missed", "fired twice",
                 "not yet due"],
                [[result["timers"], result["timers_due"], result["timers_due_during_kills"], result["timers_fired"],
                  result["timers_fired_once"], result["timers_missed"], result["timers_fired_twice"],
                  result["timers_not_due"]]])
    print_table("Crash run: files (letters sent with a file; every acknowledged file kept, rows and store agree)",
                ["acknowledged", "lost", "unknown outcome", "refused", "rows without file",
                 "files without row (before sweep)", "swept", "files without row", "half-written"],
                [[result["uploads_acknowledged"], result["uploads_lost"], result["uploads_unknown"],
                  result["uploads_refused"], result["rows_without_file"], result["files_without_row_before_sweep"],
                  result["files_swept"], result["files_without_row"], result["partial_writes"]]])


def verify_url(url: str, parts: list[dict], kill_window: tuple[float, float], folder: str, field_key: str) -> dict:
    from dataclasses import replace

    from engine.files.storage import LocalBlobStore
    from engine.services import build_services

    from .databases import bench_settings

    services = build_services(replace(bench_settings(url), field_keys=(field_key,)))
    try:
        return {**verify(services, parts), **verify_timers(services, kill_window),
                **verify_files(services, LocalBlobStore(folder), parts)}
    finally:
        services.close()


def verify(services, parts: list[dict]) -> dict:
    from sqlalchemy import func, select

    from engine.cases.consistency import check_consistency
    from engine.store.tables import Case, Task
    from engine.trust.audit_chain import verify_chain

    acknowledged = [t for p in parts for t in p["acknowledged"]]
    report = check_consistency(services)
    with services.uow(write=False) as uow:
        status = dict(uow.session.execute(select(Task.id, Task.status).where(Task.status == "completed")).all())
        ended = uow.session.scalar(select(func.count()).select_from(Case).where(Case.status == "completed"))
        errors = uow.session.scalar(select(func.count()).select_from(Case).where(Case.status == "error"))
        chain = verify_chain(uow.session)
    found = [t for t in acknowledged if status.get(t) == "completed" and report.completed_events.get(t, 0) >= 1]
    return {
        "acknowledged": len(acknowledged), "found": len(found), "lost": len(acknowledged) - len(found),
        "acknowledged_twice": len(acknowledged) - len(set(acknowledged)),
        "duplicated": len(report.duplicated), "stuck": len(report.stuck), "partial": len(report.partial),
        "completed_unacknowledged": sum(len(p["completed_unacknowledged"]) for p in parts),
        "interrupted": sum(p["interrupted"] for p in parts), "server_errors": sum(p["server_errors"] for p in parts),
        "cases": report.cases, "cases_ended": ended, "cases_in_error": errors, "task_rows": report.task_rows,
        "audit_chain_ok": chain["ok"], "audit_events_checked": chain["checked"],
        "audit_chain_first_broken": chain["first_broken"],
    }


def verify_timers(services, kill_window: tuple[float, float]) -> dict:
    """Every timer due by now fired exactly once: its row `fired` and one `timer_fired` audit event.

    The timer model has one timer per case, so a case's `timer_fired` events are its timer's. Also counted:
    the timers that came due while the killer was at work (`kill_window`, epoch seconds)."""
    from datetime import datetime, timezone

    from sqlalchemy import func, select

    from engine.store.tables import AuditEvent, Timer

    now = datetime.now(timezone.utc)
    with services.uow(write=False) as uow:
        events = dict(uow.session.execute(
            select(AuditEvent.instance_id, func.count()).where(AuditEvent.action == "timer_fired")
            .group_by(AuditEvent.instance_id)).all())
        rows = uow.session.execute(select(Timer.instance_id, Timer.status, Timer.due_at)).all()
    due = [r for r in rows if r.due_at <= now]
    with_rows = {r.instance_id for r in rows}
    began, ended = (datetime.fromtimestamp(t, timezone.utc) for t in kill_window)
    return {"timers": len(rows), "timers_due": len(due), "timers_not_due": len(rows) - len(due),
            "timers_due_during_kills": sum(1 for r in rows if began <= r.due_at <= ended),
            "timers_fired": sum(1 for r in due if r.status == "fired"),
            "timers_fired_once": sum(1 for r in due if r.status == "fired" and events.get(r.instance_id) == 1),
            "timers_missed": sum(1 for r in due if r.status != "fired" or not events.get(r.instance_id)),
            "timers_fired_twice": sum(1 for r in rows if events.get(r.instance_id, 0) > 1),
            "timer_events_without_row": sum(1 for i in events if i not in with_rows)}


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
