"""Workload 5: timer lag with 10,000 pending timers.  NOT AVAILABLE YET.

It needs the timer worker (`danchu worker`, issue 4), built in parallel with this harness. Until it is
merged this module reports "not available"; it never invents a figure.

What the lead completes after the merge (the shape is fixed so `run.py` and the target need no change):
1. In a PostgreSQL benchmark database (`databases.bench_database("postgresql", "danchu_bench_timers")`),
   deploy a model whose user task has a boundary timer, and open 10,000 cases through the engine with due
   times spread over the next minute (e.g. a timer expression reading a start-form field), so 10,000
   timers are pending at once.
2. Start two `danchu worker` processes (subprocesses, like `servers.Server`) on that database.
3. Poll the database until every timer has fired; for each, lag = the moment its effect committed (the
   audit event the worker writes) minus its due time. Report n, p50/p95/p99 and max lag in seconds, and
   check that each timer fired exactly once (one event per timer).
4. Return {"available": True, "timers": n, "lag_s": {"p50": .., "p95": .., "p99": .., "max": ..},
   "fired_twice": k, "missed": m, "worker_rss_mib": [...]} — `targets.py` reads `lag_s.p95` (≤ 5 s) and
   `memory.report` the worker RSS.
"""
from __future__ import annotations

import shutil

from .report import print_table


def worker_command_available() -> bool:
    """True once `danchu worker` exists (the CLI lists it)."""
    import subprocess
    import sys
    from pathlib import Path

    danchu = Path(sys.executable).with_name("danchu")
    if not danchu.exists() and not shutil.which("danchu"):
        return False
    result = subprocess.run([str(danchu), "--help"], capture_output=True, text=True, timeout=30)
    return any(line.strip().startswith("worker") for line in result.stdout.splitlines())


def run(quick: bool) -> dict:
    available = worker_command_available()
    reason = ("`danchu worker` exists but this workload is not written yet (see bench/timers.py)"
              if available else "`danchu worker` (issue 4) is not in this build")
    print_table("5. Timer lag with 10,000 pending timers", ["status", "reason"], [["not available", reason]])
    return {"available": False, "reason": reason}
