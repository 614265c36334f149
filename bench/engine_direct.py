"""Workload 2: the engine without HTTP, on SQLite and on PostgreSQL.

The same verbs the API calls, through `Services`, one thread: `start_instance`, then for every step the
inbox query of the role that does it (`list_tasks`, scope `claimable`, this case), `claim_task` and
`complete_task`. Principals are authenticated once (Argon2 belongs to login, measured over HTTP).

Besides instances a second, the CPU time of the process per instance (`time.process_time`, every thread):
the yardstick of the HTTP target, which compares the servers' CPU per instance with it.
"""
from __future__ import annotations

import time

from engine.cases.lifecycle import start_case
from engine.cases.task_lists import list_tasks
from engine.cases.tasks import claim_task, complete_task
from engine.people.users import DEMO_PASSWORD, authenticate

from .databases import bench_database, open_services, postgres_available
from .report import print_table
from .scenarios import ROLES, SCENARIOS, Scenario


def principals(services) -> dict:
    return {role: authenticate(services, role, DEMO_PASSWORD) for role in ROLES}


def run_instance(services, people: dict, scenario: Scenario) -> None:
    starter = people[scenario.steps[next(iter(scenario.steps))][0]]
    case = start_case(services, starter, scenario.process_model, scenario.start_data)
    for name, (role, data) in scenario.steps.items():
        person = people[role]
        items = list_tasks(services, person, scope="claimable", instance_id=case["id"]).items
        task = next((t for t in items if t["name"] == name), None)
        if task is None:  # given to this person by an earlier step (x-assigns): already theirs
            items = list_tasks(services, person, scope="mine", instance_id=case["id"]).items
            task = next(t for t in items if t["name"] == name)
        else:
            claim_task(services, person, task["id"])
        done = complete_task(services, person, task["id"], data)
        if done["status"] != "completed":
            raise RuntimeError(f"{scenario.process_model}/{name} not completed")


def measure(services, people: dict, scenario: Scenario, seconds: float) -> dict:
    run_instance(services, people, scenario)  # warm-up: spec cache, connections
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        run_instance(services, people, scenario)
        count += 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"instances": count, "seconds": round(elapsed, 3), "instances_per_s": round(count / elapsed, 1),
            "ms_per_instance": round(elapsed / count * 1000, 3), "cpu_ms_per_instance": round(cpu / count * 1000, 3)}


def run(quick: bool, floor: dict | None = None) -> dict:
    seconds = 0.7 if quick else 6.0
    kinds = ["sqlite"] + (["postgresql"] if postgres_available() and not quick else [])  # the target is SQLite's
    results: dict = {}
    for kind in kinds:
        with bench_database(kind, "danchu_bench_engine") as url:
            services = open_services(url)
            try:
                people = principals(services)
                results[kind] = {s.process_model: measure(services, people, s, seconds) for s in SCENARIOS}
            finally:
                services.close()
    rows = []
    for kind, by_model in results.items():
        for model, r in by_model.items():
            ratios = []
            for name in ("stateless", "in_memory"):
                key = f"fraction_of_{name}_floor"
                if floor and model in floor.get(name, {}):
                    r[key] = round(r["instances_per_s"] / floor[name][model]["instances_per_s"], 3)
                    ratios.append(f"{r[key]:.1%}")
                else:
                    ratios.append("")
            rows.append([kind, model, r["instances"], r["instances_per_s"], r["ms_per_instance"],
                         r["cpu_ms_per_instance"], *ratios])
    print_table("2. Engine without HTTP (start, then list + claim + complete per task; one thread)",
                ["database", "model", "instances", "instances/s", "ms/instance", "CPU ms/instance",
                 "of stateless floor", "of in-memory floor"], rows)
    return results
