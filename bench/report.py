"""Tables on the terminal, percentiles, targets, and the results file `bench/results/<date>.json`."""
from __future__ import annotations

import json
import math
import os
import platform
import sqlite3
import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_summary(samples_ms: list[float]) -> dict:
    return {"n": len(samples_ms), "p50_ms": round(percentile(samples_ms, 50), 2),
            "p95_ms": round(percentile(samples_ms, 95), 2), "p99_ms": round(percentile(samples_ms, 99), 2)}


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)]
    print(f"\n== {title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(row, widths)))


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def _numeric(text: str) -> bool:
    return text.replace(",", "").replace(".", "", 1).replace("-", "", 1).isdigit()


@dataclass
class TargetCheck:
    name: str
    figure: str  # what was measured, as printed
    limit: str  # the target, as printed
    passed: bool | None  # None: could not be measured in this run

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "N/A"}[self.passed]


def print_targets(checks: list[TargetCheck]) -> None:
    print_table("Targets (issue 7 as restated, this machine)", ["target", "measured", "limit", "verdict"],
                [[c.name, c.figure, c.limit, c.verdict] for c in checks])


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform()}
    try:
        with open("/proc/meminfo") as f:
            info["memory_mib"] = int(f.readline().split()[1]) // 1024
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    try:
        info["postgresql"] = subprocess.run(["psql", "--version"], capture_output=True, text=True,
                                            timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        info["postgresql"] = None
    return info


def write_results(results: dict, checks: list[TargetCheck]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    now = datetime.now(timezone.utc)
    path = RESULTS / f"{now:%Y-%m-%d}.json"
    document = {"at": now.isoformat(timespec="seconds"), "machine": machine(), "workloads": results,
                "targets": [asdict(c) | {"verdict": c.verdict} for c in checks]}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
    return path
