"""Writes tests/compat/saved/<commit>.json: the scenarios of tests/compat/scenarios.py walked through HTTP by the
code of the checkout it runs in, on SQLite, with every case row saved at each checkpoint.

Each committed file was written by the commit it is named after, from a worktree of that commit into which
tests/compat/ was copied (and not committed there); 04cdc1a (the last before the engine moved into packages)
and cdf1ca8 (the last before the stored state's format 3) so far:

    git worktree add --detach /work/wt-old 04cdc1a && cd /work/wt-old && make install
    cp -r /path/to/this/checkout/tests/compat tests/
    .venv/bin/python -m tests.compat.generate_saved_cases /path/to/this/checkout/tests/compat/saved/04cdc1a.json

It runs on later commits as well (the worker's module is taken from where that commit has it), which is how a
later release saves the cases the next one must continue. It uses only names tests/conftest.py has on both
sides of the restructuring.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import text

from tests import conftest
from tests.compat.rows import CASE_TABLES, dump
from tests.compat.scenarios import SCENARIOS
from tests.compat.walk import READER, Walk

try:
    from engine.worker.timers import fire_due_timers
except ImportError:  # the commit the fixture comes from has the worker's timers in engine/timers.py
    from engine.timers import fire_due_timers
try:  # since the tests' baseline (6c4b960) the fixtures' helpers are the engine's own
    from engine.calendar.store import seed_known_overrides
    from engine.demo import deploy_directory
except ImportError:  # before it, tests/conftest.py had them
    seed_known_overrides, deploy_directory = conftest.seed_known_overrides, conftest.deploy_directory

OUT = Path(__file__).resolve().parent / "saved" / "new.json"


def fresh_services(database_url: str, clock):
    """What the tests' `services` fixture gives: no case, the known calendar overrides, bpmn/ deployed."""
    services = conftest.build_services(conftest.test_settings(database_url), clock=clock)
    with services.database.engine.begin() as conn:
        for table in reversed(CASE_TABLES):  # the cases last: the other rows refer to them
            conn.execute(text(f"DELETE FROM {table}"))
    with services.uow() as uow:
        seed_known_overrides(uow.session, conftest.START)
        uow.commit()
    deploy_directory(services, conftest.BPMN_DIR)
    return services


def walk_scenario(database_url: str, name: str, description: str, steps: list[dict], checkpoints: list[int]):
    clock = conftest.FrozenClock(conftest.START)
    services = fresh_services(database_url, clock)
    try:
        client = conftest.create_app(services=services).test_client()
        walk = Walk(conftest.ApiClient(client, database_url), client, clock, services, fire_due_timers)
        users = sorted({s["user"] for s in steps if "user" in s} | {READER})
        results, observations, saved, seen = [], [], [], {}
        for taken, step in enumerate(steps, 1):
            results.append(walk.step(step))
            observations.append(history_added(walk.observe(users), seen))
            if taken in checkpoints:
                saved.append({"after": taken, "now": clock.now().isoformat(), **dump(services)})
        final = walk.final()
    finally:
        services.close()
    return {"name": name, "description": " ".join(description.split()), "users": users, "steps": steps,
            "results": results, "observations": observations, "final": final, "checkpoints": saved}


def history_added(observation: dict, seen: dict) -> dict:
    """The observation with each case's history replaced by the entries this step added (the audit log is not
    saved, so a continued case's history starts at its checkpoint)."""
    for key, case in observation["cases"].items():
        history, before = case.pop("history"), seen.get(key, [])
        assert history[:len(before)] == before, (key, before, history)
        case["history_added"], seen[key] = history[len(before):], history
    return observation


def commit() -> str:
    def git(*args):
        return subprocess.run(["git", *args], cwd=conftest.ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    changed = [line for line in git("status", "--porcelain").splitlines() if "tests/compat" not in line]
    return git("rev-parse", "HEAD") + (" (with local changes)" if changed else "")


def main(out: Path = OUT) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/danchu.db"
        conftest.upgrade(url)
        seed = conftest.build_services(conftest.test_settings(url), clock=conftest.FrozenClock(conftest.START))
        conftest.create_demo_data(seed)
        seed.close()
        scenarios = [walk_scenario(url, *make()) for make in SCENARIOS]
    document = {"commit": commit(), "database": "sqlite", "scenarios": scenarios}
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
