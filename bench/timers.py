"""Workload 5: timer lag with 10,000 pending timers (issue 7: p95 lag <= 5 s on the 2-core machine).

1. A PostgreSQL benchmark database gets `bench/models/timer_step.bpmn`: one user task with an interrupting
   boundary timer whose date is the start-form field `han_xu_ly`; when it fires, the case closes (the
   worker's effect: a `timer_fired` and an `ended` audit event, the timers row `fired`).
   The window is 5 minutes by default: 33 timers come due a second, a pace two workers keep up with even
   on this machine's slow days. `--timer-window 60` puts all 10,000 within one minute (167/s): on
   2026-11-28 two workers fired up to 181/s and kept p95 lag at 0.37 s; on a day the machine runs at half
   speed they would fall behind (each firing is a full case step: restore, fire, persist, audit, about
   what opening a case costs). `fired_per_s_peak` is the most firings seen in 10 s.
2. 10,000 cases are opened through the engine: `open_case`, the body of `start_instance`, 50 cases per
   transaction in one process (about three times faster than `start_instance` one by one; a second process
   only queues on the business-key counter and the audit chain head). The set-up connection does not wait
   for the WAL flush. Neither changes the rows the engine writes. Their due times are spread
   evenly over a window (`WINDOW_S`) that starts after the last case is opened, so all 10,000 timers are
   pending at once (checked: `all_pending_at_once`).
3. Two `danchu worker` processes with production defaults (poll every 1 s, 100 timers per round) run on
   that database from before the cases are opened (idle polls) until every timer fired.
4. Lag of a timer = when its firing was committed minus its due time. The worker records its poll instant
   (`timers.fired_at`, the audit event's time), which precedes the commit by the time spent on the batch, so
   the harness watches the commits itself: every `POLL_S` it lists the due timers still pending; one that
   left the list committed since the last look. The observed lag is an upper bound, at most `POLL_S` late.
   The recorded lag (`fired_at` minus due) is reported next to it.
5. Fired exactly once: one `timer_fired` audit event per timer (the model has one timer per case);
   `fired_twice` counts timers with more, `missed` timers not fired when the harness stopped watching
   (every timer fired, or `max(120 s, 2 x window)` after the window's end).

Returns {"available": True, "timers": n, "lag_s": {"p50", "p95", "p99", "max"}, "recorded_lag_s": {...},
"fired_once": k, "fired_twice": k, "missed": m, "worker_rss_mib": [...], "memory": {"processes": [...]}, ...}:
`targets.py` reads `lag_s.p95`, `memory.report` reads `memory`.
"""
from __future__ import annotations

import multiprocessing
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .report import percentile, print_table

MODEL = Path(__file__).resolve().parent / "models" / "timer_step.bpmn"
PROCESS_MODEL = "timer_step"
STARTER = "tiep_cong_dan"
TIMERS, QUICK_TIMERS = 10_000, 60
WINDOW_S, QUICK_WINDOW_S = 300.0, 3.0  # 33 timers due a second: see the docstring
WORKERS = 2
OPENERS = 1  # more processes only queue on the business-key counter and the audit chain head
BATCH = 50  # cases opened per transaction
POLL_S = 0.2
SAMPLE_BATCHES = 3  # timed first, to plan when the window can start
FAR = timedelta(days=30)  # due time of the sample cases: never inside the run
SETUP_OPTIONS = "options=-c%20synchronous_commit%3Doff"


def deploy_timer_model(services) -> None:
    """The timer model is not in the shared template: only this workload and the crash run use it."""
    from engine.core.principal import SYSTEM
    from engine.definitions.package import load_package
    from engine.processes.catalogue import deploy_process_version

    deploy_process_version(services, SYSTEM, load_package(MODEL))


def case_data(due: datetime) -> dict:
    """The start form of a timer case: its timer comes due at `due` (UTC)."""
    return {"noi_dung": "Hồ sơ có hạn xử lý (đo hiệu năng)", "han_xu_ly": due.astimezone(timezone.utc).isoformat()}


def setup_url(url: str) -> str:
    """The same database, for opening cases without waiting on each commit's WAL flush (set-up speed only)."""
    return url + ("&" if "?" in url else "?") + SETUP_OPTIONS


def open_cases(url: str, dues: list[datetime], processes: int = OPENERS) -> tuple[float, float]:
    """Open one case per due time, in `processes` processes.

    Returns the wall-clock seconds and the median seconds per case of a batch after the first (the first
    also compiles the model and warms the connection)."""
    chunks = [[d.isoformat() for d in dues[i::processes]] for i in range(processes)]
    began = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        batches = pool.map(_open_chunk, [(url, chunk) for chunk in chunks if chunk])
    per_case = statistics.median(t for chunk in batches for t in (chunk[1:] or chunk)) / BATCH
    return time.perf_counter() - began, per_case


def _open_chunk(args) -> list[float]:
    """Open cases with the engine's own `open_case` (what `start_instance` runs), `BATCH` per transaction:
    the rows are those the engine writes, without a commit and a read-back per case. Returns the seconds
    each batch took."""
    from engine.cases.lifecycle import open_case
    from engine.people.users import DEMO_PASSWORD, authenticate
    from engine.processes.catalogue import latest_version

    from .databases import open_services

    url, dues = args
    services = open_services(url)
    try:
        starter = authenticate(services, STARTER, DEMO_PASSWORD)
        seconds = []
        for first in range(0, len(dues), BATCH):
            began = time.perf_counter()
            with services.uow() as uow:
                version = latest_version(uow.session, PROCESS_MODEL)
                for due in dues[first:first + BATCH]:
                    open_case(services, uow, starter, version, case_data(datetime.fromisoformat(due)),
                              commune_id=starter.commune_id)
                uow.commit()
            seconds.append(time.perf_counter() - began)
        return seconds
    finally:
        services.close()


def plan_window(url: str, count: int, window_s: float) -> tuple[datetime, datetime]:
    """Time a few batches, then place the window after the moment all `count` cases should be open
    (a quarter longer, plus the openers' start-up), so that all timers are pending when it begins."""
    now = datetime.now(timezone.utc)
    _, per_case = open_cases(url, [now + FAR] * (SAMPLE_BATCHES * BATCH))
    start = datetime.now(timezone.utc) + timedelta(seconds=count * per_case * 1.25 + 5)
    return start, start + timedelta(seconds=window_s)


def spread(start: datetime, end: datetime, count: int) -> list[datetime]:
    """`count` instants evenly inside (start, end), none on a bound (a bound is not a clean cut in SQL)."""
    step = (end - start) / count
    return [start + step * (i + 0.5) for i in range(count)]


# --- watching the workers -------------------------------------------------------------------------------

class CommitWatch:
    """Sees each timer of the window leave `pending`, at most `POLL_S` after its commit."""

    def __init__(self, engine, start: datetime, end: datetime):
        from sqlalchemy import text

        self.engine, self.start, self.end = engine, start, end
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, due_at FROM timers WHERE status = 'pending' "
                                     "AND due_at > :s AND due_at <= :e"), {"s": start, "e": end}).all()
        self.due = {row.id: _utc(row.due_at) for row in rows}
        self.seen: dict[int, datetime] = {}
        self.query = text("SELECT id FROM timers WHERE status = 'pending' AND due_at > :s AND due_at <= :now")

    @property
    def remaining(self) -> int:
        return len(self.due) - len(self.seen)

    def look(self) -> None:
        now = datetime.now(timezone.utc)
        with self.engine.connect() as conn:
            still = set(conn.execute(self.query, {"s": self.start, "now": min(now, self.end)}).scalars())
        for timer_id, due in self.due.items():
            if due <= now and timer_id not in still and timer_id not in self.seen:
                self.seen[timer_id] = now

    def follow(self, timeout_s: float) -> bool:
        """Until every timer of the window fired (True) or `timeout_s` after the window's end (False)."""
        give_up = self.end + timedelta(seconds=timeout_s)
        while self.remaining and datetime.now(timezone.utc) < give_up:
            time.sleep(POLL_S)
            self.look()
        return not self.remaining

    def peak_per_s(self, span_s: float = 10.0) -> float:
        """The most commits seen in any `span_s` seconds, per second (the workers' pace only when behind)."""
        times = sorted(self.seen.values())
        best, first = 0, 0
        for last, at in enumerate(times):
            while (at - times[first]).total_seconds() > span_s:
                first += 1
            best = max(best, last - first + 1)
        return round(best / span_s, 1)

    def lags(self) -> list[float]:
        return [(seen - self.due[timer_id]).total_seconds() for timer_id, seen in self.seen.items()]


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def verify(engine, ids: list[int]) -> dict:
    """Per timer of the window: its status, its `timer_fired` events, and the recorded lag."""
    from sqlalchemy import bindparam, text

    query = text("SELECT t.id, t.status, t.due_at, t.fired_at, "
                 "(SELECT count(*) FROM audit_events e WHERE e.instance_id = t.instance_id "
                 " AND e.action = 'timer_fired') AS events FROM timers t WHERE t.id IN :ids"
                 ).bindparams(bindparam("ids", expanding=True))
    with engine.connect() as conn:
        rows = conn.execute(query, {"ids": ids}).all() if ids else []
    recorded = [(_utc(r.fired_at) - _utc(r.due_at)).total_seconds() for r in rows if r.status == "fired"]
    return {"fired_once": sum(1 for r in rows if r.status == "fired" and r.events == 1),
            "fired_twice": sum(1 for r in rows if r.events > 1),
            "missed": sum(1 for r in rows if r.status != "fired" or r.events == 0),
            "recorded_lags": recorded}


def summary(lags: list[float]) -> dict:
    return {k: round(percentile(lags, p), 2) for k, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))}


# --- the run --------------------------------------------------------------------------------------------

def run(quick: bool, window_s: float | None = None) -> dict:
    """`window_s`: another window than the default's (`--timer-window 60`: all 10,000 due within a minute)."""
    from .databases import postgres_available

    if not postgres_available():
        print_table("5. Timer lag with 10,000 pending timers", ["status"], [["PostgreSQL not reachable: skipped"]])
        return {"available": False, "reason": "PostgreSQL not reachable"}
    count, default_window = (QUICK_TIMERS, QUICK_WINDOW_S) if quick else (TIMERS, WINDOW_S)
    result = measure(count, window_s or default_window)
    print_result(result)
    return result


def measure(count: int, window_s: float) -> dict:
    from sqlalchemy import create_engine, text

    from .databases import bench_database, open_services
    from .servers import TimerWorker, rss_mib

    with bench_database("postgresql", "danchu_bench_timers") as url:
        services = open_services(url)
        try:
            deploy_timer_model(services)
        finally:
            services.close()
        logs = Path(tempfile.mkdtemp(prefix="danchu_timer_workers_"))
        workers = [TimerWorker(url, log=logs / f"worker{i}.log").start() for i in range(WORKERS)]
        engine = create_engine(url)
        try:
            start, end = plan_window(setup_url(url), count, window_s)
            open_s, _ = open_cases(setup_url(url), spread(start, end, count))
            opened_at = datetime.now(timezone.utc)
            watch = CommitWatch(engine, start, end)
            with engine.connect() as conn:
                pending = conn.scalar(text("SELECT count(*) FROM timers WHERE status = 'pending'"))
            all_fired = watch.follow(timeout_s=max(120.0, 2 * window_s))
            rss = [rss_mib(w.pid) for w in workers]
            alive = sum(w.running() for w in workers)
        finally:
            for worker in workers:
                worker.stop()
        checked = verify(engine, list(watch.due))
        engine.dispose()
    lags, recorded = watch.lags(), checked.pop("recorded_lags")
    return {
        "available": True, "timers": len(watch.due), "planned": count, "window_s": window_s,
        "due_per_s": round(count / window_s, 1), "fired_per_s_peak": watch.peak_per_s(),
        "pending_at_start": pending, "all_pending_at_once": opened_at < start and len(watch.due) == count,
        "open_s": round(open_s, 1), "cases_opened_per_s": round(count / open_s, 1),
        "lag_s": summary(lags) if lags else None, "recorded_lag_s": summary(recorded) if recorded else None,
        "observed_within_s": POLL_S, "all_fired": all_fired, "workers_alive_at_end": alive, **checked,
        "worker_rss_mib": rss, "worker_logs": str(logs),
        "memory": {"processes": [{"database": "postgresql", "index": i, "rss_mib": r} for i, r in enumerate(rss)]},
    }


def print_result(r: dict) -> None:
    lag, recorded = r["lag_s"] or {}, r["recorded_lag_s"] or {}
    print_table(f"5. Timer lag with {r['timers']:,} pending timers due over {r['window_s']:.0f} s, "
                f"{WORKERS} `danchu worker` processes, PostgreSQL (lag seen within {POLL_S} s of the commit)",
                ["timers", "all pending at once", "lag p50 s", "p95 s", "p99 s", "max s", "recorded p95 s",
                 "fired once", "fired twice", "missed", "worker RSS MiB"],
                [[r["timers"], "yes" if r["all_pending_at_once"] else "NO", lag.get("p50"), lag.get("p95"),
                  lag.get("p99"), lag.get("max"), recorded.get("p95"), r["fired_once"], r["fired_twice"],
                  r["missed"], ", ".join(str(x) for x in r["worker_rss_mib"])]])
    print(f"   ({r['due_per_s']} timers due a second; at most {r['fired_per_s_peak']}/s fired over 10 s; "
          f"cases opened at {r['cases_opened_per_s']}/s in {r['open_s']} s)")
