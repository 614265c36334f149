"""Workload 8: PostgreSQL against SQLite, per call and per instance, one client over HTTP (issue 22's target).

The same case walked on both databases, one client, one server each (`danchu serve`, as workload 3): open the
case, then for each step list the role's inbox, open the task and complete it (the completion claims it). The two servers are
asked in alternating runs (SQLite then PostgreSQL, then PostgreSQL then SQLite, ...) so that whatever else the
shared machine does in a given minute weighs on both; each run's figure is its median time per instance
walked, and the ratio of a round is PostgreSQL's over SQLite's. Reported: the median of the rounds' ratios,
and each call's median over all runs (create, list, get, claim, complete). PostgreSQL runs as shipped
(synchronous_commit on: a completion waits for its WAL flush), the connection as danchu configures it.
"""
from __future__ import annotations

import statistics
import time

from .client import Client
from .report import print_table
from .scenarios import KHIEU_NAI, THREE_STEP, Scenario

CALLS = {"start": "create", "inbox": "list", "task": "get", "complete": "complete"}
RATIO_LIMIT = 1.3


def walk(client: Client, scenario: Scenario) -> None:
    """One case as a person walks it in the UI: the inbox, the task's page, complete (which claims a task of
    the person's role left to the group in the same transaction: no claim call of its own)."""
    first_role = scenario.steps[next(iter(scenario.steps))][0]
    case = client.start(first_role, scenario.process_model, scenario.start_data)
    for name, (role, data) in scenario.steps.items():
        page = client.inbox(role, instance_id=case["id"])
        task = next((t for t in page["items"] if t["name"] == name), None)
        if task is None:  # given to this person by an earlier step (x-assigns): in their own box, claimed
            page = client.inbox(role, scope="mine", instance_id=case["id"])
            task = next(t for t in page["items"] if t["name"] == name)
        client.request("task", "GET", f"/api/v1/tasks/{task['id']}", token=client.tokens[role])
        client.complete(role, task["id"], data)


def timed_run(client: Client, scenario: Scenario, seconds: float) -> list[float]:
    """Milliseconds per instance walked during `seconds`."""
    per_instance = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        walk(client, scenario)
        per_instance.append((time.perf_counter() - began) * 1000)
    return per_instance


def compare(ports: dict[str, int], scenario: Scenario, rounds: int, seconds: float) -> dict:
    clients = {db: Client(port) for db, port in ports.items()}
    for client in clients.values():
        for role in sorted({r for r, _ in scenario.steps.values()}):
            client.login(role)
        timed_run(client, scenario, min(seconds, 2.0))  # warm-up: connections, caches, prepared statements
        client.timings.clear()
    medians: dict[str, list[float]] = {db: [] for db in ports}
    for round_ in range(rounds):
        order = list(ports) if round_ % 2 == 0 else list(reversed(list(ports)))
        for db in order:
            clients[db].reconnect()  # the server closed the idle keep-alive connection during the other's run
            medians[db].append(statistics.median(timed_run(clients[db], scenario, seconds)))
    ratios = [pg / lite for pg, lite in zip(medians["postgresql"], medians["sqlite"])]
    result = {"rounds": rounds, "seconds_per_run": seconds, "ratio": round(statistics.median(ratios), 2),
              "ratios": [round(r, 2) for r in ratios]}
    for db, client in clients.items():
        result[db] = {"ms_per_instance": round(statistics.median(medians[db]), 2),
                      "calls_ms": {label: round(statistics.median(client.timings[kind]), 2)
                                   for kind, label in CALLS.items()}}
        client.close()
    return result


def run(quick: bool) -> dict:
    from .databases import bench_database, postgres_available
    from .servers import Server

    if not postgres_available():
        print("\n== 8. PostgreSQL against SQLite: PostgreSQL not reachable, skipped")
        return {"skipped": "PostgreSQL not reachable"}
    rounds, seconds = (2, 1.5) if quick else (6, 5.0)
    results: dict = {}
    with bench_database("sqlite", "danchu_bench_ratio") as lite, \
            bench_database("postgresql", "danchu_bench_ratio") as pg:
        servers = {"sqlite": Server(lite).start(), "postgresql": Server(pg).start()}
        try:
            ports = {db: server.port for db, server in servers.items()}
            for scenario in (THREE_STEP, KHIEU_NAI):
                results[scenario.process_model] = compare(ports, scenario, rounds, seconds)
        finally:
            for server in servers.values():
                server.stop()
    rows = []
    for model, r in results.items():
        for db in ("sqlite", "postgresql"):
            rows.append([model, db, r[db]["ms_per_instance"], *r[db]["calls_ms"].values(),
                         f"{r['ratio']:.2f}x" if db == "postgresql" else ""])
    print_table(f"8. PostgreSQL against SQLite over HTTP, one client, medians of {rounds} alternating runs of "
                f"{seconds:.0f} s", ["model", "database", "ms/instance", *(f"{c} ms" for c in CALLS.values()),
                                     "PG/SQLite"], rows)
    return results
