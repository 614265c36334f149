"""Workload 4: the inbox and the history over years of data, in PostgreSQL, over HTTP.

Two databases are filled by `bulk_data` (COPY, not the engine): 10,000 cases, and 100,000 cases (about
550,000 task rows and 1.2 million audit events), so the table shows whether a query's cost grows with
the data. Each gets its own server; one client asks both in turn, request by request, so that other work
on the machine weighs on both sizes alike. The queries are those of staff of the demo commune: their
inbox three ways (claimable, mine, everything of their roles), the list of running cases, the history
of a case picked at random from their commune, and the commune's auditor's audit log: its first page
(about 62,000 events of the commune at 100,000 cases, counted), and the events of one case.
"""
from __future__ import annotations

import random
import time

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


def run(quick: bool) -> dict:
    from .databases import bench_database, postgres_available
    from .servers import Server

    if not postgres_available():
        print("\n== 4. Inbox and history at scale: PostgreSQL not reachable, skipped")
        return {"skipped": "PostgreSQL not reachable"}
    sizes = (500, 1_500) if quick else (10_000, 100_000)
    samples = 15 if quick else 200
    home_open = 50 if quick else HOME_OPEN_CASES  # the same desk at both sizes (bulk_data)
    results: dict = {}
    with bench_database("postgresql", "danchu_bench_q_small") as small_url, \
            bench_database("postgresql", "danchu_bench_q_large") as large_url:
        targets = []
        for size, url in zip(sizes, (small_url, large_url)):
            writer = HistoryWriter(url)
            try:
                started = time.perf_counter()
                writer.add(size, home_open=home_open)
                results[str(size)] = {"rows": writer.counts(), "generated_in_s": round(time.perf_counter() - started, 1)}
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
