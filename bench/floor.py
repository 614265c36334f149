"""Workload 1, the floors: SpiffWorkflow alone, without danchu's engine and without HTTP, two ways.

In memory: parse each model once, then for every instance create the workflow with the start data and the
version's parameters, run engine steps, and complete each ready user task with the scenario's data until
the workflow ends, keeping the one live workflow throughout. No database; nothing any server could do.

Stateless, on SQLite: the way danchu must work, since no command may keep a workflow alive for the next
(two workers would disagree). The start creates the workflow, serializes it and INSERTs it; every step
then, in a transaction of its own (BEGIN IMMEDIATE, as danchu's writes), reads the stored state,
deserializes it against the cached parsed spec, completes the one ready user task, serializes, UPDATEs
the row and COMMITs. It borrows exactly two things from danchu, so that it pays what danchu must pay and
nothing more: the serializer (`engine/workflow/spiff_serializer.py`: SpiffWorkflow's SPIFF_CONFIG with the
spec stored by reference, the same per-thread object) and the SQLite connection settings
(`engine/store/database.py`: WAL, `synchronous=NORMAL`, busy timeout). The table is `(id, state)`: no
task rows, no audit, no SQLAlchemy. This is the floor the engine target is measured against.

Both import SpiffWorkflow directly on purpose (the engine reaches it only through
`engine/workflow/`) and use SpiffWorkflow's default script engine, so none of danchu's sandbox,
rules or store is in the measured loop.
"""
from __future__ import annotations

import copy
import shutil
import sqlite3
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from lxml import etree
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from engine.calendar.business_calendar import VIETNAM_TZ, BusinessCalendar
from engine.cases.lifecycle import parameters
from engine.definitions.package import process_properties
from engine.store.database import WRITE, _configure_sqlite
from engine.workflow.diagram_parsing import ParsedProcess
from engine.workflow.diagram_xml import NS
from engine.workflow.spiff_serializer import _serializer, _specs_in_scope

from .report import print_table
from .scenarios import SCENARIOS, Scenario


def parse(scenario: Scenario):
    root = etree.parse(str(scenario.bpmn)).getroot()
    parser = SpiffBpmnParser()
    parser.add_bpmn_xml(root, filename=scenario.bpmn.name)
    process = root.find(f"bpmn:process[@id='{scenario.process_model}']", NS)
    return (parser.get_spec(scenario.process_model), parser.get_subprocess_specs(scenario.process_model),
            parameters(process_properties(process)))


_CALENDAR = BusinessCalendar()


def _han_cuoi(bat_dau, so_ngay, loai="calendar"):
    return _CALENDAR.deadline_end(date.fromisoformat(str(bat_dau)[:10]), int(so_ngay), loai).isoformat()


def _nhac_truoc_han(bat_dau, so_ngay, loai="calendar", truoc=2):
    last_day = _CALENDAR.deadline(date.fromisoformat(str(bat_dau)[:10]), int(so_ngay), loai)
    day = _CALENDAR.add_working_days(last_day, -int(truoc)) if truoc else last_day
    return datetime.combine(day, datetime.min.time(), tzinfo=VIETNAM_TZ).isoformat()


def _ngay_cuoi(bat_dau, so_ngay, loai="calendar", khong_tinh=None):
    return _CALENDAR.deadline(date.fromisoformat(str(bat_dau)[:10]), int(so_ngay), loai).isoformat()


def _ngay_cuoi_nam(bat_dau, so_nam):
    start = date.fromisoformat(str(bat_dau)[:10])
    year = start.year + int(so_nam)
    day = start.replace(year=year) if (start.month, start.day) != (2, 29) else date(year, 2, 28)
    return _CALENDAR.next_working_day(day).isoformat()


# SpiffWorkflow's own (unrestricted) script engine, given the calendar functions the diagrams call: the
# floor is the library and the date arithmetic alone, without danchu's sandbox, store or HTTP.
class _FloorEnvironment(TaskDataEnvironment):
    def call_service(self, context, **_kwargs):
        return "{}"  # danchu's service tasks (notifications, linked cases) are engine work, not the floor


_ENGINE = PythonScriptEngine(environment=_FloorEnvironment({
    "han_cuoi": _han_cuoi, "nhac_truoc_han": _nhac_truoc_han, "hom_nay": lambda: date.today().isoformat(),
    "ngay_cuoi": _ngay_cuoi, "ngay_cuoi_nam": _ngay_cuoi_nam}))


def run_one(spec, subprocesses, params: dict, scenario: Scenario) -> int:
    workflow = BpmnWorkflow(spec, subprocesses, script_engine=_ENGINE)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.set_data(**copy.deepcopy({**params, **scenario.start_data}))
    workflow.do_engine_steps()
    completed = 0
    while not workflow.is_completed():
        ready = [t for t in workflow.get_tasks(state=TaskState.READY) if isinstance(t.task_spec, UserTask)]
        if not ready:
            raise RuntimeError(f"{scenario.process_model}: no ready user task and not completed")
        task = ready[0]
        task.set_data(**copy.deepcopy(scenario.steps[task.task_spec.name][1]))
        task.run()
        workflow.do_engine_steps()
        completed += 1
    if completed != scenario.task_count:
        raise RuntimeError(f"{scenario.process_model}: completed {completed} tasks, expected {scenario.task_count}")
    return completed


def _rate(count: int, elapsed: float, cpu: float, scenario: Scenario) -> dict:
    return {"instances": count, "seconds": round(elapsed, 3), "instances_per_s": round(count / elapsed, 1),
            "ms_per_instance": round(elapsed / count * 1000, 3), "cpu_ms_per_instance": round(cpu / count * 1000, 3),
            "user_tasks": scenario.task_count}


def measure(scenario: Scenario, seconds: float) -> dict:
    spec, subprocesses, params = parse(scenario)
    run_one(spec, subprocesses, params, scenario)  # warm-up
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        run_one(spec, subprocesses, params, scenario)
        count += 1
    return _rate(count, time.perf_counter() - started, time.process_time() - cpu, scenario)


# --- the stateless floor ------------------------------------------------------------------------------

class StatelessStore:
    """One SQLite file with one table of workflow states, connected with danchu's own settings."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="danchu_bench_floor_"))
        self.db = sqlite3.connect(self.folder / "floor.db", timeout=30, check_same_thread=False)
        _configure_sqlite(self.db, None)  # isolation_level None, WAL, synchronous=NORMAL, busy timeout
        self.db.execute("CREATE TABLE cases (id INTEGER PRIMARY KEY, state TEXT NOT NULL)")
        self.next_id = 0

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _dumps(workflow: BpmnWorkflow) -> str:
    return _serializer().serialize_json(workflow)


def _loads(state: str, parsed: ParsedProcess) -> BpmnWorkflow:
    token = _specs_in_scope.set(parsed)  # what the by-reference converter restores the spec from
    try:
        workflow = _serializer().deserialize_json(state)
    finally:
        _specs_in_scope.reset(token)
    workflow.script_engine = _ENGINE
    return workflow


def start_stateless(store: StatelessStore, specs: dict, model: str, data: dict) -> tuple[int, bool]:
    """Create, run to the first wait, store: one transaction. Returns the row's id and whether it ended."""
    parsed = specs[model]
    workflow = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, script_engine=_ENGINE)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.set_data(**copy.deepcopy(data))
    workflow.do_engine_steps()
    state = _dumps(workflow)
    store.next_id += 1
    store.db.execute(WRITE)
    store.db.execute("INSERT INTO cases (id, state) VALUES (?, ?)", (store.next_id, state))
    store.db.execute("COMMIT")
    return store.next_id, workflow.is_completed()


def step_stateless(store: StatelessStore, specs: dict, model: str, case_id: int, steps: dict) -> bool:
    """One command: restore the stored state, complete its ready user task, store it again, commit."""
    parsed = specs[model]
    store.db.execute(WRITE)
    (state,) = store.db.execute("SELECT state FROM cases WHERE id = ?", (case_id,)).fetchone()
    workflow = _loads(state, parsed)
    task = next(t for t in workflow.get_tasks(state=TaskState.READY) if isinstance(t.task_spec, UserTask))
    task.set_data(**copy.deepcopy(steps[task.task_spec.name][1]))
    task.run()
    workflow.do_engine_steps()
    store.db.execute("UPDATE cases SET state = ? WHERE id = ?", (_dumps(workflow), case_id))
    store.db.execute("COMMIT")
    return workflow.is_completed()


def run_one_stateless(store: StatelessStore, specs: dict, params: dict, scenario: Scenario) -> int:
    model = scenario.process_model
    case_id, ended = start_stateless(store, specs, model, {**params, **scenario.start_data})
    completed = 0
    while not ended:
        ended = step_stateless(store, specs, model, case_id, scenario.steps)
        completed += 1
    if completed != scenario.task_count:
        raise RuntimeError(f"{model}: completed {completed} tasks, expected {scenario.task_count}")
    return completed


def measure_stateless(scenario: Scenario, seconds: float) -> dict:
    spec, subprocesses, params = parse(scenario)
    specs = {scenario.process_model: ParsedProcess(scenario.process_model, scenario.process_model, spec,
                                                   subprocesses)}  # the parsed-spec cache, by model
    store = StatelessStore()
    try:
        run_one_stateless(store, specs, params, scenario)  # warm-up
        count, started, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - started < seconds:
            run_one_stateless(store, specs, params, scenario)
            count += 1
        result = _rate(count, time.perf_counter() - started, time.process_time() - cpu, scenario)
        result["commits_per_instance"] = scenario.task_count + 1
        return result
    finally:
        store.close()


def run(quick: bool) -> dict:
    seconds = 1.0 if quick else 5.0
    results = {"in_memory": {s.process_model: measure(s, seconds) for s in SCENARIOS},
               "stateless": {s.process_model: measure_stateless(s, seconds) for s in SCENARIOS}}
    rows = []
    for kind, label in (("in_memory", "in memory, one live workflow"),
                        ("stateless", "stateless, SQLite, commit per step")):
        for model, r in results[kind].items():
            rows.append([label, model, r["user_tasks"], r["instances"], r["instances_per_s"], r["ms_per_instance"],
                         r["cpu_ms_per_instance"]])
    print_table("1. Floors: SpiffWorkflow alone (one thread); the engine target is against the stateless one",
                ["floor", "model", "user tasks", "instances", "instances/s", "ms/instance", "CPU ms/instance"],
                rows)
    return results
