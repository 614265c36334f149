"""Workload 4: the inbox and the history over years of data, in PostgreSQL, over HTTP.

Two databases are filled by `bulk_data` (COPY, not the engine): 10,000 cases, and 100,000 cases (about
550,000 task rows and 1.2 million audit events), so the table shows whether a query's cost grows with
the data. Each gets its own server; one client asks both in turn, request by request, so that other work
on the machine weighs on both sizes alike. The queries are those of staff of the demo commune: their
inbox three ways (claimable, mine, everything of their roles), the list of running cases, the history
of a case picked at random from their commune, and the commune's auditor's audit log: its first page
(about 62,000 events of the commune at 100,000 cases, counted), and the events of one case.

`--large N` (`python -m bench.run --only queries --large 1000000`) compares 100,000 cases with N instead:
a province's decade of data, about 15 GB and half an hour of loading at a million cases, so it is never
part of `make bench` and is skipped, saying so, when the disk holding PostgreSQL's data has less than
`LARGE_FREE_GB` free. `--keep-data` keeps the generated databases (`danchu_bench_q_<size>`) and, on the
next run, reuses them brought to the current schema (a query or an index changed: measure again without
loading again); drop them with `--drop-data`.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import time
from contextlib import contextmanager

from .bulk_data import HOME_OPEN_CASES, HistoryWriter
from .client import Client
from .report import latency_summary, print_table

QUERIES = {
    "inbox_claimable": ("chu_tich", "/api/v1/tasks?scope=claimable"),
    "inbox_mine": ("tiep_cong_dan", "/api/v1/tasks?scope=mine"),
    "inbox_visible": ("chu_tich", "/api/v1/tasks?scope=visible"),
    "cases_running": ("chu_tich", "/api/v1/instances?status=running"),
    "history": ("chu_tich", "/api/v1/instances/{id}/history"),
    "audit_log": ("kiem_tra", "/api/v1/audit/events"),
    "audit_of_case": ("kiem_tra", "/api/v1/audit/events?instance_id={id}"),
}
# the targets' "inbox and history": a case's history, and the audit log an inspectorate searches
CHECKED = ("inbox_claimable", "inbox_mine", "inbox_visible", "history", "audit_log", "audit_of_case")
LARGE_BASE = 100_000  # what `--large N` compares N with
LARGE_FREE_GB = 20  # a million cases take about 15 GB, and building the indexes needs room to sort
KEPT = "danchu_bench_q_{size}"


def measure(targets: list[tuple[int, list[str]]], samples: int, seed: int = 11) -> list[dict]:
    """Latencies per query for each (server port, case ids of the home commune), the databases taken in
    turn request by request, so that other work on the machine weighs on every size alike."""
    clients = [Client(port) for port, _ in targets]
    for client in clients:
        for username in {u for u, _ in QUERIES.values()}:
            client.login(username)
    r = random.Random(seed)
    for round_ in range(10 + samples):  # ten rounds of warm-up: connections, caches
        for kind, (username, path) in QUERIES.items():
            for client, (_, case_ids) in zip(clients, targets):
                client.request(kind if round_ >= 10 else "warm", "GET", path.format(id=r.choice(case_ids)),
                               token=client.tokens[username])
    for client in clients:
        client.close()
    return [{kind: latency_summary(client.timings[kind]) for kind in QUERIES} for client in clients]


def run(quick: bool, large: int | None = None, keep: bool = False) -> dict:
    from .databases import postgres_available
    from .servers import Server

    if not postgres_available():
        print("\n== 4. Inbox and history at scale: PostgreSQL not reachable, skipped")
        return {"skipped": "PostgreSQL not reachable"}
    if large:
        sizes = (LARGE_BASE, large)
        free_gb = _free_gb()
        loading = not (keep and all(_kept(size) for size in sizes))
        if loading and free_gb is not None and free_gb < LARGE_FREE_GB:
            reason = f"{free_gb:.1f} GB free on PostgreSQL's disk, {LARGE_FREE_GB} GB needed"
            print(f"\n== 4. Inbox and history at {large:,} cases: {reason}, skipped")
            return {"skipped": reason}
    else:
        sizes = (500, 1_500) if quick else (10_000, 100_000)
    samples = 15 if quick else 200
    home_open = 50 if quick else HOME_OPEN_CASES  # the same desk at both sizes (bulk_data)
    results: dict = {}
    with _database(sizes[0], keep, "danchu_bench_q_small") as small_url, \
            _database(sizes[1], keep, "danchu_bench_q_large") as large_url:
        targets = []
        for size, (url, fresh) in zip(sizes, (small_url, large_url)):
            writer = HistoryWriter(url)
            try:
                started = time.perf_counter()
                if fresh:
                    writer.add(size, home_open=home_open)
                results[str(size)] = {"rows": writer.counts(), "generated_in_s": round(time.perf_counter() - started, 1)
                                      if fresh else "kept"}
                print(f"4. {size:,} cases: {results[str(size)]['rows']}, " + (
                      f"generated in {results[str(size)]['generated_in_s']} s" if fresh else "kept"), flush=True)
                targets.append((url, writer.home_instance_ids()))
            finally:
                writer.close()
        servers = [Server(url, workers=2).start() for url, _ in targets]
        try:
            latencies = measure([(s.port, ids) for s, (_, ids) in zip(servers, targets)], samples)
        finally:
            for server in servers:
                server.stop()
        for size, latency in zip(sizes, latencies):
            results[str(size)]["latency"] = latency
    small, large = (str(s) for s in sizes)
    rows = []
    for kind in QUERIES:
        a, b = results[small]["latency"][kind], results[large]["latency"][kind]
        growth = b["p95_ms"] / a["p95_ms"] if a["p95_ms"] else float("nan")
        results.setdefault("growth_p95", {})[kind] = round(growth, 2)
        rows.append([kind, a["p50_ms"], a["p95_ms"], b["p50_ms"], b["p95_ms"], b["p99_ms"], f"{growth:.2f}x"])
    print_table(f"4. Inbox and history over HTTP, PostgreSQL, {small} vs {large} cases "
                f"({results[large]['rows']['tasks']:,} task rows, {results[large]['rows']['audit_events']:,} audit events)",
                ["query", f"p50 @{small}", f"p95 @{small}", f"p50 @{large}", f"p95 @{large}", f"p99 @{large}",
                 "p95 growth"], rows)
    results["sizes"] = list(sizes)
    return results


@contextmanager
def _database(size: int, keep: bool, name: str):
    """(URL, whether it needs its data): a throw-away database, or with `keep` the kept one of this size
    (created when missing, upgraded to the current schema when found)."""
    from .databases import bench_database, create_postgres_database, postgres_url, template
    from engine.store.migrate import upgrade

    if not keep:
        with bench_database("postgresql", name) as url:
            yield url, True
        return
    kept = KEPT.format(size=size)
    if _kept(size):
        url = postgres_url(kept)
        upgrade(url)
        yield url, False
        return
    url = create_postgres_database(kept + "_loading", template=template("postgresql"))
    yield url, True  # named as kept only once loaded, so that an interrupted load is never reused
    drop_kept([size])
    _admin_execute(f'ALTER DATABASE "{kept}_loading" RENAME TO "{kept}"')


def _kept(size: int) -> bool:
    from .databases import database_exists

    return database_exists(KEPT.format(size=size))


def drop_kept(sizes=None) -> list[str]:
    """Drop the kept databases of these sizes (all of them when None); returns their names."""
    from .databases import drop_postgres_database, list_databases

    kept = {n: re.fullmatch(r"danchu_bench_q_(\d+)", n) for n in list_databases("danchu_bench_q_")}
    names = [n for n, m in kept.items() if m and (sizes is None or int(m.group(1)) in sizes)]
    for name in names:
        drop_postgres_database(name)
    return names


def _admin_execute(sql: str) -> None:
    from .databases import admin_execute

    admin_execute(sql)


def _free_gb() -> float | None:
    """Free space where PostgreSQL keeps its data, when that is on this machine (else None: not judged)."""
    from .databases import data_directory

    path = data_directory()
    if path is None or not os.path.isdir(path):
        return None
    return shutil.disk_usage(path).free / 1e9
