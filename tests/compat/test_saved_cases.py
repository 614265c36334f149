"""Cases saved by earlier commits of danchu go on to the same end with the code of this one.

Each file of `saved/` is named after the commit that wrote it (see generate_saved_cases.py), which it also
records: 04cdc1a, the last before the engine moved into packages; cdf1ca8, the last before the stored state
got a format of its own with the spec reference naming its version (state format 2, upgraded when read).
Each holds several processes walked through HTTP, with every case row saved after several of their steps,
what was observed after each step, and each case as it ended. Here each saved point is loaded into the test database (process versions mapped
by process and version, the content's hash checked, a diagram changed since deployed as it was then from
`library/`; case and task ids kept), the clock set to the instant it
was saved, and the remaining steps taken the same way: people through the HTTP API, timers by the worker as
the clock moves. After every step each case must read back (the case, its history, its task list) as it
did then, the step must produce what it did (case numbers, timers fired), and each case must end as it
ended, data and tasks included.
"""
from __future__ import annotations

import base64
import json
import zlib
from datetime import datetime
from pathlib import Path

import pytest

from engine.worker.timers import fire_due_timers
from tests.compat.rows import PACKED, deploy_saved_library, load
from tests.compat.walk import Walk

SAVED = {path.stem: json.loads(path.read_text(encoding="utf-8"))
         for path in sorted((Path(__file__).resolve().parent / "saved").glob("*.json"))}
# Fields a case's detail gained after a fixture was written, with the value every case it saved must show:
# `sector` (lĩnh vực), recorded by versions declaring `sectorField`, which none of the saved cases ran on.
ADDED_SINCE_FIXTURES = {"sector": None}
POINTS = [(commit, scenario, checkpoint) for commit, saved in SAVED.items() for scenario in saved["scenarios"]
          for checkpoint in scenario["checkpoints"]]


def without_history(observation: dict) -> dict:
    return {**observation, "cases": {key: {k: v for k, v in case.items() if k not in ("history", "history_added")}
                                     for key, case in observation["cases"].items()}}


def as_saved(final: dict, saved: dict) -> dict:
    """`final` without the fields the saved cases' details did not have yet, each checked to hold its value."""
    for key, case in final.items():
        for name, value in ADDED_SINCE_FIXTURES.items():
            if name not in saved.get(key, {}):
                assert case.pop(name, value) == value, (key, name)
    return final


def tracking_codes(scenario: dict, taken: int) -> list[str]:
    return [r["tracking_code"] for r in scenario["results"][:taken] if "tracking_code" in r]


@pytest.mark.parametrize("commit, scenario, checkpoint", POINTS,
                         ids=[f"{commit}-{s['name']}-after-{c['after']}" for commit, s, c in POINTS])
def test_a_case_saved_by_an_earlier_commit_runs_to_the_same_end(api, client, services, clock, commit, scenario,
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
    assert as_saved(walk.final(), scenario["final"]) == scenario["final"]
    for code in tracking_codes(scenario, taken):  # the citizen still follows the letter by its code
        response = client.get("/cong-dan/tra-cuu", query_string={"ma": code})
        assert response.status_code == 200, code


@pytest.mark.parametrize("commit", sorted(SAVED))
def test_the_saved_points_cover_every_kind_of_step(commit):
    """What each fixture claims to exercise: people's steps, messages, cancellations, timers, the portal and
    linked cases, each after at least one saved point; and the commit it names is the one that wrote it."""
    assert SAVED[commit]["commit"].startswith(commit) and "local changes" not in SAVED[commit]["commit"]
    points = [(s, c) for name, s, c in POINTS if name == commit]
    remaining = {s["kind"] for scenario, checkpoint in points for s in scenario["steps"][checkpoint["after"]:]}
    assert remaining == {"do", "claim", "send", "cancel", "clock"}
    saved_tables = {t for _, checkpoint in points for t, rows in checkpoint["rows"].items() if rows}
    assert {"instances", "tasks", "timers", "case_deadline_changes", "case_index", "case_figures",
            "tracking_codes", "instance_links", "counters", "notifications"} <= saved_tables


def test_the_fixtures_hold_states_of_every_earlier_format():
    """The states saved are of the formats the upgrade functions must bring forward (format 2 at both
    commits: the by-reference marker without a digest)."""
    formats = set()
    for _, _, checkpoint in POINTS:
        for row in checkpoint["rows"]["instances"]:
            state = json.loads(zlib.decompress(base64.b64decode(row["state"][len(PACKED):])))
            formats.add((state.get("danchu_data_format", 1), json.dumps(state["spec"])))
    assert formats == {(2, '"danchu:by-reference"')}
