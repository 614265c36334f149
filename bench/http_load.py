"""Workload 3: over HTTP, against the production server, with C concurrent clients doing what staff do.

Each client is a process of its own (so the clients do not share one GIL) holding one keep-alive
connection. It logs in as the three roles of the scenario, then until time is up opens a case and walks it:
for every step the role lists its inbox (`GET /tasks?scope=claimable`), finds the case's task there,
claims it and completes it. Reported: completed instances per second, and p50/p95/p99 per request type.
With two servers, client i talks to server i mod 2.

And the CPU the servers spent per completed instance: user + system time of every thread of every server
process (gunicorn masters and workers, from /proc), read once every client has logged in (Argon2 is
login's cost, not a case's) and again when the last client is done. The HTTP target compares it with the
engine's own CPU per instance (workload 2): CPU time, so that what else the shared machine runs does not
decide the verdict.
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass

from .client import ApiError, Client
from .report import latency_summary, print_table
from .scenarios import SCENARIOS, Scenario
from .servers import cpu_seconds

BY_NAME = {s.process_model: s for s in SCENARIOS}
LOGIN_TIMEOUT_S = 120.0


@dataclass
class LoadResult:
    instances: int
    seconds: float
    timings: dict[str, list[float]]
    errors: int
    server_cpu_s: float | None = None  # None: a server process came or went during the run

    @property
    def per_second(self) -> float:
        return self.instances / self.seconds if self.seconds else 0.0


def walk_case(client: Client, scenario: Scenario) -> str:
    first_role = scenario.steps[next(iter(scenario.steps))][0]
    case = client.start(first_role, scenario.process_model, scenario.start_data)
    for name, (role, data) in scenario.steps.items():
        page = client.inbox(role, limit=50)
        task = next((t for t in page["items"] if t["instance_id"] == case["id"] and t["name"] == name), None)
        if task is None:  # more open work than one inbox page: look the case up as staff would
            page = client.inbox(role, instance_id=case["id"])
            task = next((t for t in page["items"] if t["name"] == name), None)
        if task is None:  # given to this person by an earlier step (x-assigns): in their own box, claimed
            page = client.inbox(role, scope="mine", instance_id=case["id"])
            task = next(t for t in page["items"] if t["name"] == name)
        if task["status"] == "ready":
            client.claim(role, task["id"])
        client.complete(role, task["id"], data)
    return case["id"]


_barrier: threading.Barrier | None = None  # the client processes' and the parent's, inherited by fork


def _share_barrier(barrier) -> None:
    global _barrier
    _barrier = barrier


def _client_process(args) -> dict:
    port, process_model, seconds = args
    scenario = BY_NAME[process_model]
    client = Client(port)
    for role in sorted({r for r, _ in scenario.steps.values()}):
        client.login(role)
    _barrier.wait(LOGIN_TIMEOUT_S)  # every client has logged in: the parent reads the servers' CPU
    _barrier.wait(LOGIN_TIMEOUT_S)  # and starts every clock at once
    instances, errors = 0, 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            walk_case(client, scenario)
            instances += 1
        except (ApiError, OSError, StopIteration):
            errors += 1
    client.close()
    return {"instances": instances, "errors": errors, "timings": dict(client.timings)}


def run_load(ports: list[int], scenario: Scenario, clients: int, seconds: float, servers=()) -> LoadResult:
    """C client processes against `ports`; the CPU of every process of `servers` is read around the walks."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients + 1)
    jobs = [(ports[i % len(ports)], scenario.process_model, seconds) for i in range(clients)]
    with context.Pool(clients, initializer=_share_barrier, initargs=(barrier,)) as pool:
        pending = pool.map_async(_client_process, jobs)
        try:
            barrier.wait(LOGIN_TIMEOUT_S)
        except threading.BrokenBarrierError:
            pending.get(LOGIN_TIMEOUT_S)  # a client's own error says more than the broken barrier
            raise
        before = cpu_seconds([pid for server in servers for pid in server.pids()])
        barrier.wait(LOGIN_TIMEOUT_S)
        parts = pending.get()
    after = cpu_seconds([pid for server in servers for pid in server.pids()])
    timings: dict[str, list[float]] = {}
    for part in parts:
        for kind, values in part["timings"].items():
            timings.setdefault(kind, []).extend(values)
    server_cpu = sum(after.values()) - sum(before.values()) if servers and before.keys() == after.keys() else None
    return LoadResult(sum(p["instances"] for p in parts), seconds, timings, sum(p["errors"] for p in parts),
                      server_cpu)


def summarize(result: LoadResult) -> dict:
    summary = {"instances": result.instances, "seconds": result.seconds,
               "instances_per_s": round(result.per_second, 1), "errors": result.errors,
               "latency": {kind: latency_summary(v) for kind, v in sorted(result.timings.items())}}
    if result.server_cpu_s is not None and result.instances:
        summary["server_cpu_s"] = round(result.server_cpu_s, 2)
        summary["server_cpu_ms_per_instance"] = round(result.server_cpu_s / result.instances * 1000, 2)
    return summary


REQUEST_KINDS = ("login", "start", "inbox", "claim", "complete")


def print_runs(title: str, runs: list[dict]) -> None:
    rows = []
    for run in runs:
        for kind in REQUEST_KINDS:
            lat = run["latency"].get(kind)
            if lat is None:
                continue
            first = kind == "login"
            rows.append([run["database"], run["model"], run["servers"], run["clients"],
                         run["instances_per_s"] if first else "",
                         run.get("server_cpu_ms_per_instance", "-") if first else "", kind, lat["n"],
                         lat["p50_ms"], lat["p95_ms"], lat["p99_ms"]])
    print_table(title, ["database", "model", "servers", "clients", "inst/s", "server CPU ms/inst", "request", "n",
                        "p50 ms", "p95 ms", "p99 ms"], rows)


def plan(quick: bool, postgres: bool) -> list[tuple[str, str, int, int, float]]:
    """(database, model, servers, clients, seconds) of every run."""
    s = 1.5 if quick else 10.0
    runs = [("sqlite", "three_step", 1, 1, s)]
    if not quick:
        runs += [("sqlite", "khieu_nai", 1, 1, s), ("sqlite", "three_step", 1, 4, s)]
    if postgres and not quick:  # (quick: the crash run has two servers on PostgreSQL)
        runs += [("postgresql", "three_step", 1, 1, s), ("postgresql", "three_step", 1, 4, s),
                 ("postgresql", "three_step", 2, 4, s), ("postgresql", "three_step", 1, 8, s),
                 ("postgresql", "three_step", 2, 8, s), ("postgresql", "khieu_nai", 2, 8, s)]
    return runs


def run(quick: bool, workers: int = 2) -> tuple[list[dict], dict]:
    """Returns the runs, and the memory of the server processes (workload 6) after the heaviest run."""
    from .databases import bench_database, postgres_available
    from .memory import server_memory
    from .servers import Server

    results, memory = [], {}
    postgres = postgres_available()
    for database in ("sqlite", "postgresql"):
        runs = [r for r in plan(quick, postgres) if r[0] == database]
        if not runs:
            continue
        with bench_database(database, "danchu_bench_http") as url:
            servers = [Server(url, workers=workers).start() for _ in range(max(r[2] for r in runs))]
            try:
                for _, model, n_servers, clients, seconds in runs:
                    ports = [s.port for s in servers[:n_servers]]
                    result = summarize(run_load(ports, BY_NAME[model], clients, seconds, servers))
                    result.update(database=database, model=model, servers=n_servers, clients=clients,
                                  workers_per_server=workers)
                    results.append(result)
                memory[database] = server_memory(servers)
            finally:
                for server in servers:
                    server.stop()
    print_runs(f"3. Over HTTP: gunicorn (danchu serve, {workers} workers x 4 threads per server), "
               "C clients doing login / inbox / claim / complete", results)
    return results, memory
