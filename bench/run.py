"""`make bench` / `python -m bench.run [--quick] [--only floor,engine,...]`: every workload, the targets, and
`bench/results/<date>.json`.

Workloads, in order: 1 the floors (SpiffWorkflow alone: in memory, and stateless on SQLite), 2 engine
without HTTP, 3 over HTTP (and 6, memory of the server processes after that load), 8 PostgreSQL against
SQLite per call and per instance, 4 inbox and history at scale, 5 timer lag, 7 a file sent with a form, 9 a
document generated and a file sent through the API, then the crash run (files included).
`--quick` (`make bench QUICK=1`) stays under a minute: short runs of the floors, the engine on SQLite, one
HTTP client and a crash run of 10 kills. The inbox at scale and the timer lag are left to the full run:
no size a minute allows could judge their targets (100,000 cases, 10,000 timers); `--only` still runs them.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from . import crash, documents, engine_direct, floor, http_load, memory, pg_ratio, queries, timers, uploads
from .databases import drop_templates
from .report import machine, print_targets, write_results
from .targets import check

WORKLOADS = ("floor", "engine", "http", "ratio", "queries", "timers", "uploads", "documents", "crash")
FULL_RUN_ONLY = ("ratio", "queries", "timers")  # left out of --quick unless named in --only


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, small data (under a minute)")
    parser.add_argument("--only", default=",".join(WORKLOADS), help=f"comma-separated subset of {WORKLOADS}")
    parser.add_argument("--timer-window", type=float, default=None, metavar="SECONDS",
                        help=f"spread the 10,000 timers over this many seconds (default {timers.WINDOW_S:.0f})")
    parser.add_argument("--large", type=int, default=None, metavar="CASES",
                        help=f"workload 4 at {queries.LARGE_BASE:,} against CASES cases (e.g. 1000000: about "
                             f"15 GB; skipped below {queries.LARGE_FREE_GB} GB free)")
    parser.add_argument("--keep-data", action="store_true",
                        help="workload 4: keep its generated databases, and reuse those kept by an earlier run")
    parser.add_argument("--drop-data", action="store_true", help="drop the databases --keep-data kept, and stop")
    args = parser.parse_args(argv)
    if args.drop_data:
        print("dropped:", ", ".join(queries.drop_kept()) or "nothing")
        return 0
    if args.quick and args.only == ",".join(WORKLOADS):
        args.only = ",".join(w for w in WORKLOADS if w not in FULL_RUN_ONLY)
    chosen = [w for w in args.only.split(",") if w]
    unknown = set(chosen) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
    info = machine()
    print(f"danchu bench{' (quick)' if args.quick else ''}: {info.get('nproc')} cores, "
          f"{info.get('memory_mib')} MiB, Python {info['python']}, SQLite {info['sqlite']}, {info.get('postgresql')}, "
          f"load average {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)")
    started = time.perf_counter()
    results: dict = {"quick": args.quick, "seconds_per_workload": {}}

    def timed(name, fn, *fn_args):
        """Run one workload; keep its duration and the machine's load before and after (shared machines)."""
        began, load_before = time.perf_counter(), os.getloadavg()[0]
        value = fn(*fn_args)
        results["seconds_per_workload"][name] = round(time.perf_counter() - began, 1)
        results.setdefault("load_average", {})[name] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        return value

    server_memory: dict = {}
    try:
        if "floor" in chosen:
            results["floor"] = timed("floor", floor.run, args.quick)
        if "engine" in chosen:
            results["engine"] = timed("engine", engine_direct.run, args.quick, results.get("floor"))
        if "http" in chosen:
            results["http"], server_memory = timed("http", http_load.run, args.quick)
        if "ratio" in chosen:
            results["ratio"] = timed("ratio", pg_ratio.run, args.quick)
        if "queries" in chosen:
            results["queries"] = timed("queries", queries.run, args.quick, args.large, args.keep_data)
        if "timers" in chosen:
            results["timers"] = timed("timers", timers.run, args.quick, args.timer_window)
        if "http" in chosen or "timers" in chosen:
            results["memory"] = memory.report(server_memory, (results.get("timers") or {}).get("memory"))
        if "uploads" in chosen:
            results["uploads"] = timed("uploads", uploads.run, args.quick)
        if "documents" in chosen:
            results["documents"] = timed("documents", documents.run, args.quick)
        if "crash" in chosen:
            results["crash"] = timed("crash", crash.run, args.quick)
    finally:
        drop_templates()
    results["seconds"] = round(time.perf_counter() - started, 1)
    checks = check(results)
    print_targets(checks)
    path = write_results(results, checks)
    print(f"\nresults: {path} ({results['seconds']} s: " +
          ", ".join(f"{k} {v} s" for k, v in results["seconds_per_workload"].items()) + ")")
    print("load average before/after each workload: " +
          ", ".join(f"{k} {a}/{b}" for k, (a, b) in results.get("load_average", {}).items()))
    crash_failed = results.get("crash", {}).get("ok") is False
    return 1 if crash_failed else 0


if __name__ == "__main__":
    sys.exit(main())
