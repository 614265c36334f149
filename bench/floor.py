"""Workload 1, the floor: SpiffWorkflow alone, in memory, no database, no HTTP.

Parse each model once, then for every instance: create the workflow with the start data and the
version's parameters, run engine steps, and complete each ready user task with the scenario's data until
the workflow ends. This is the fastest danchu could ever be; the other workloads are measured against it.
It imports SpiffWorkflow directly on purpose (the engine reaches it only through `engine/spiff_adapter.py`)
and uses SpiffWorkflow's default script engine, so nothing of danchu is in the measured loop.
"""
from __future__ import annotations

import copy
import time
from datetime import date, datetime

from lxml import etree
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from engine.business_calendar import VIETNAM_TZ, BusinessCalendar
from engine.instances import parameters
from engine.process_package import process_properties
from engine.spiff_adapter import NS

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


# SpiffWorkflow's own (unrestricted) script engine, given the calendar functions the diagrams call: the
# floor is the library and the date arithmetic alone, without danchu's sandbox, store or HTTP.
class _FloorEnvironment(TaskDataEnvironment):
    def call_service(self, context, **_kwargs):
        return "{}"  # danchu's service tasks (notifications, linked cases) are engine work, not the floor


_ENGINE = PythonScriptEngine(environment=_FloorEnvironment({
    "han_cuoi": _han_cuoi, "nhac_truoc_han": _nhac_truoc_han, "hom_nay": lambda: date.today().isoformat()}))


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


def measure(scenario: Scenario, seconds: float) -> dict:
    spec, subprocesses, params = parse(scenario)
    run_one(spec, subprocesses, params, scenario)  # warm-up
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        run_one(spec, subprocesses, params, scenario)
        count += 1
    elapsed = time.perf_counter() - started
    return {"instances": count, "seconds": round(elapsed, 3), "instances_per_s": round(count / elapsed, 1),
            "ms_per_instance": round(elapsed / count * 1000, 3), "user_tasks": scenario.task_count}


def run(quick: bool) -> dict:
    seconds = 1.0 if quick else 5.0
    results = {s.process_model: measure(s, seconds) for s in SCENARIOS}
    print_table("1. Floor: SpiffWorkflow alone, in memory (one thread)",
                ["model", "user tasks", "instances", "instances/s", "ms/instance"],
                [[m, r["user_tasks"], r["instances"], r["instances_per_s"], r["ms_per_instance"]]
                 for m, r in results.items()])
    return results
