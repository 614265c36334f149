"""Cases saved by the code before the engine moved into packages go on to the same end with the code after it.

`saved_cases.json` was written by commit 04cdc1a (see generate_saved_cases.py): several processes walked
through HTTP, with every case row saved after several of their steps, what was observed after each step,
and each case as it ended. Here each saved point is loaded into the test database (process versions mapped
by process and version, the content's hash checked, a diagram changed since deployed as it was then from `library/`; case and task
ids kept), the clock set to the instant it
was saved, and the remaining steps taken the same way: people through the HTTP API, timers by the worker as
the clock moves. After every step each case must read back (the case, its history, its task list) as it
did then, the step must produce what it did (case numbers, timers fired), and each case must end as it
ended, data and tasks included.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from engine.worker.timers import fire_due_timers
from tests.compat.rows import deploy_saved_library, load
from tests.compat.walk import Walk

SAVED = json.loads((Path(__file__).resolve().parent / "saved_cases.json").read_text(encoding="utf-8"))
POINTS = [(scenario, checkpoint) for scenario in SAVED["scenarios"] for checkpoint in scenario["checkpoints"]]


def without_history(observation: dict) -> dict:
    return {**observation, "cases": {key: {k: v for k, v in case.items() if k not in ("history", "history_added")}
                                     for key, case in observation["cases"].items()}}


def tracking_codes(scenario: dict, taken: int) -> list[str]:
    return [r["tracking_code"] for r in scenario["results"][:taken] if "tracking_code" in r]


@pytest.mark.parametrize("scenario, checkpoint", POINTS,
                         ids=[f"{s['name']}-after-{c['after']}" for s, c in POINTS])
def test_a_case_saved_before_the_restructuring_runs_to_the_same_end(api, client, services, clock, scenario,
                                                                    checkpoint):
    deploy_saved_library(services)
    load(services, checkpoint)
    clock.set(datetime.fromisoformat(checkpoint["now"]))
    walk = Walk(api, client, clock, services, fire_due_timers)
    steps, observations, taken = scenario["steps"], scenario["observations"], checkpoint["after"]
    assert without_history(walk.observe(scenario["users"])) == without_history(observations[taken - 1])
    history: dict[str, list] = {}
    for index in range(taken, len(steps)):
        step = steps[index]
        assert walk.step(step) == scenario["results"][index], step
        observed, saved = walk.observe(scenario["users"]), observations[index]
        for key, case in saved["cases"].items():
            history[key] = history.get(key, []) + case["history_added"]
        assert without_history(observed) == without_history(saved), f"after step {index + 1}: {step}"
        assert {key: case["history"] for key, case in observed["cases"].items()} == history, \
            f"history after step {index + 1}: {step}"
    assert walk.final() == scenario["final"]
    for code in tracking_codes(scenario, taken):  # the citizen still follows the letter by its code
        response = client.get("/cong-dan/tra-cuu", query_string={"ma": code})
        assert response.status_code == 200, code


def test_the_saved_points_cover_every_kind_of_step():
    """What the fixture claims to exercise: people's steps, messages, cancellations, timers, the portal and
    linked cases, each after at least one saved point."""
    remaining = {s["kind"] for scenario, checkpoint in POINTS for s in scenario["steps"][checkpoint["after"]:]}
    assert remaining == {"do", "claim", "send", "cancel", "clock"}
    saved_tables = {t for _, checkpoint in POINTS for t, rows in checkpoint["rows"].items() if rows}
    assert {"instances", "tasks", "timers", "case_deadline_changes", "case_index", "case_figures",
            "tracking_codes", "instance_links", "counters", "notifications"} <= saved_tables
