"""Instructions per three_step case through the API, counted by valgrind: a figure the machine's noise leaves alone.

This machine's speed swings by half within an hour (the same code measured 18 and 43 instances a second over
HTTP on the same morning), so two commits compared by time need many alternating runs. Callgrind counts the
instructions the process executes instead: the same count for the same code and inputs, whatever else the
machine does. The walk (start, then inbox + claim + complete per task, through the Flask test client on a copy
of the benchmark's SQLite database) runs twice under valgrind, `LOW` and `HIGH` cases after five warm-up
ones; the difference divided by `HIGH - LOW` leaves out start-up and imports. About two and a half minutes.

    .venv/bin/python -m bench.instructions   # in this work tree; to compare with another commit, run the
                                             # same command from a second work tree (`git worktree add`)

Instructions are not time (a cache miss costs more than an addition), but a change that removes work shows
here at once, and two runs of one commit agree within about 1 %.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LOW, HIGH, WARM_UP = 2, 12, 5


def walk(database: Path, cases: int) -> None:
    """Runs inside valgrind: the API walk of `cases` three_step cases (after the warm-up)."""
    from engine.core.principal import Principal
    from engine.people.users import issue_token
    from server import create_app

    from .databases import bench_settings
    from .scenarios import THREE_STEP

    app = create_app(bench_settings(f"sqlite:///{database}"))
    client = app.test_client()
    headers = {}
    for role in {role for role, _ in THREE_STEP.steps.values()}:
        token, _ = issue_token(app.extensions["danchu"], Principal(role, frozenset(), None))
        headers[role] = {"Authorization": f"Bearer {token}"}
    first = next(iter(THREE_STEP.steps.values()))[0]

    def one_case() -> None:
        case = client.post("/api/v1/instances", headers=headers[first],
                           json={"process_model": THREE_STEP.process_model, "data": THREE_STEP.start_data}).json
        for name, (role, data) in THREE_STEP.steps.items():
            page = client.get("/api/v1/tasks?scope=claimable&limit=50", headers=headers[role]).json
            task = next(t for t in page["items"] if t["instance_id"] == case["id"] and t["name"] == name)
            assert client.post(f"/api/v1/tasks/{task['id']}/claim", headers=headers[role]).status_code == 200
            assert client.post(f"/api/v1/tasks/{task['id']}/complete", headers=headers[role],
                               json={"data": data}).status_code == 200

    for _ in range(WARM_UP + cases):
        one_case()


def counted(template: Path, cases: int) -> int:
    folder = Path(tempfile.mkdtemp(prefix="danchu_instructions_"))
    try:
        shutil.copyfile(template, folder / "danchu.db")
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m",
             "bench.instructions", "--walk", str(cases), "--database", str(folder / "danchu.db")],
            env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True, check=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    match = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    if match is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{result.stderr[-2000:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walk", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.walk is not None:
        walk(args.database, args.walk)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    from .databases import drop_templates, template

    try:
        template_path = Path(template("sqlite"))
        low, high = counted(template_path, LOW), counted(template_path, HIGH)
    finally:
        drop_templates()
    print(f"{(high - low) / (HIGH - LOW) / 1e6:.2f} M instructions per three_step case through the API "
          f"(callgrind, {HIGH} - {LOW} cases)")


if __name__ == "__main__":
    main()
