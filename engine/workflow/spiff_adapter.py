"""Running a case's workflow: the one door through which the engine drives SpiffWorkflow.

Only `engine/workflow/` imports the workflow library, and the engine runs workflows only through the
`WorkflowRunner` here: creating and restoring them (always with the restricted script engine,
`engine.workflow.scripting`), listing ready user tasks, completing them, delivering messages, firing timers.
Keeping the library behind one door means an upgrade of SpiffWorkflow, or one of its traps (see
`shared/domain/spiffworkflow.md`), is dealt with in one place. Its neighbours: `diagram_xml` and
`diagram_parsing` read a deployed diagram into a spec, `spiff_serializer` stores a workflow with the spec by
reference, `spiff_timers` makes timers read the injected clock.
"""
from __future__ import annotations

import copy
from contextlib import nullcontext
from datetime import datetime
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState

from ..core.budget import DEFAULT_BUDGET_SECONDS, check_command_budget, command_budget
from .diagram_parsing import ParsedProcess
from .scripting import make_script_engine
from .spiff_moves import MovePlan, apply_move, plan_move
from .spiff_path import path_taken
from .spiff_resets import ResetRefusal, reset_to
from .spiff_serializer import restore_workflow, serialize_workflow
from .spiff_timers import PendingTimer, clock_scope, refuse_runaway_cycles, waiting_timers


class UnreadableState(Exception):
    """A stored workflow that cannot be restored; `kind` is the class of the failure, never its message."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class RuntimeFault(Exception):
    """A running workflow failed (script, condition, missing default flow). Holds no case data."""

    def __init__(self, element: str | None, kind: str):
        super().__init__(f"{kind} at {element}")
        self.element = element
        self.kind = kind


class WorkflowRunner:
    """Creates, restores and drives workflows with the restricted script engine, and nothing else.

    Each call that runs the workflow runs under one time budget (`engine.core.budget`): every script and
    condition it evaluates ends by then, and the engine checks it before each task it runs, so neither a
    slow script nor a loop of quick ones (a gateway sending the case back forever) holds the case longer.
    An overrun is a fault of the case like any other failure inside the diagram."""

    def __init__(self, script_timeout: float = 2.0, clock=None, budget_seconds: float = DEFAULT_BUDGET_SECONDS):
        self._script_engine = make_script_engine(script_timeout)
        self._clock = clock
        self._budget = budget_seconds

    def _timers_clock(self, at: datetime | None = None):
        """Timers read `at` when given (the worker pins the instant it queried with), else the clock."""
        if at is not None:
            return clock_scope(lambda: at)
        if self._clock is not None:
            return clock_scope(self._clock.now)
        return nullcontext()

    def new(self, parsed: ParsedProcess, data: dict) -> BpmnWorkflow:
        workflow = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, script_engine=self._script_engine)
        for task in workflow.get_tasks(state=TaskState.READY):
            task.set_data(**copy.deepcopy(data))
        return workflow

    def dumps(self, workflow: BpmnWorkflow, parsed: ParsedProcess) -> str:
        """The stored state of `workflow`, which runs the spec of `parsed`."""
        return serialize_workflow(workflow, parsed)

    def loads(self, state: str, parsed: ParsedProcess) -> BpmnWorkflow:
        """The live workflow of a stored state; `UnreadableState` when it cannot be restored, whatever the
        reason."""
        try:
            workflow = restore_workflow(state, parsed)
        except Exception as exc:  # noqa: BLE001 - any failure to restore leaves the case unreadable
            raise UnreadableState(type(exc).__name__) from None  # `SpecMismatch`: a state of another version
        workflow.script_engine = self._script_engine  # never serialized: set on every restore
        return workflow

    def run_engine_steps(self, workflow: BpmnWorkflow) -> None:
        try:
            with self._timers_clock(), command_budget(self._budget):
                _engine_steps(workflow)
        except Exception as exc:  # noqa: BLE001 - any failure inside a diagram is a fault of the case
            raise _fault(exc) from None

    def fire_timers(self, workflow: BpmnWorkflow, at: datetime) -> None:
        """Let every timer due before `at` fire, then run what follows them (the worker's step)."""
        try:
            with self._timers_clock(at), command_budget(self._budget):
                refuse_runaway_cycles(workflow)
                workflow.refresh_timers()
                _engine_steps(workflow)
        except Exception as exc:  # noqa: BLE001
            raise _fault(exc) from None

    def pending_timers(self, workflow: BpmnWorkflow) -> list[PendingTimer]:
        """The timers the workflow waits for now, with their due instants as SpiffWorkflow fixed them."""
        return waiting_timers(workflow)

    def timer_fired(self, workflow: BpmnWorkflow, task_id: str) -> bool:
        """Whether a timer the workflow no longer waits for (at that due time) fired, or was cancelled.

        It fired when its task ran, is running, or waits again (a cycle re-armed); a boundary timer whose
        activity ended first is cancelled, and a task that vanished (a withdrawn sub-process) never fired.
        """
        task = self.find_task(workflow, task_id)
        if task is None:
            return False
        return task.state in (TaskState.WAITING, TaskState.READY, TaskState.STARTED, TaskState.COMPLETED)

    def ready_user_tasks(self, workflow: BpmnWorkflow) -> list:
        return [t for t in workflow.get_tasks(state=TaskState.READY) if isinstance(t.task_spec, UserTask)]

    def find_task(self, workflow: BpmnWorkflow, task_id: str):
        try:
            return workflow.get_task_from_id(UUID(task_id))
        except (SpiffWorkflowException, ValueError, KeyError):
            return None

    def complete_user_task(self, workflow: BpmnWorkflow, task, data: dict) -> None:
        try:
            task.set_data(**copy.deepcopy(data))
            with self._timers_clock(), command_budget(self._budget):
                task.run()
                _engine_steps(workflow)
        except Exception as exc:  # noqa: BLE001 - scripts, conditions, a gateway with no way out
            raise _fault(exc) from None

    def deliver_message(self, workflow: BpmnWorkflow, name: str, payload: dict) -> bool:
        """Returns False when nothing in the case is waiting for this message now."""
        event = BpmnEvent(MessageEventDefinition(name), payload=copy.deepcopy(payload))
        with command_budget(self._budget):
            try:
                with self._timers_clock():
                    workflow.send_event(event)
            except SpiffWorkflowException:
                return False
            self.run_engine_steps(workflow)
        return True

    def waiting_messages(self, workflow: BpmnWorkflow) -> list[str]:
        """Messages the case would accept now, including those a waiting event-based gateway listens for
        (SpiffWorkflow reports such a gateway as one pending "multiple" event, without the names)."""
        names = []
        for waiting in workflow.waiting_events():
            if waiting.event_type == "MessageEventDefinition":
                names.append(waiting.name)
        for gateway in workflow.get_tasks(state=TaskState.WAITING):
            combined = getattr(gateway.task_spec, "event_definition", None)
            for definition in getattr(combined, "event_definitions", ()):
                if isinstance(definition, MessageEventDefinition) and definition.name not in names:
                    names.append(definition.name)
        return names

    def plan_move(self, workflow: BpmnWorkflow, old: ParsedProcess, new: ParsedProcess,
                  mapping: dict[str, str]) -> MovePlan:
        """What moving the workflow from `old` to `new` would do (`engine.workflow.spiff_moves`)."""
        return plan_move(workflow, old, new, mapping)

    def move(self, workflow: BpmnWorkflow, plan: MovePlan, new: ParsedProcess) -> None:
        """Move the workflow to `new` as planned, then run what became ready; a `RuntimeFault` if it fails."""
        try:
            with self._timers_clock(), command_budget(self._budget):
                apply_move(workflow, plan, new)
                _engine_steps(workflow)
        except Exception as exc:  # noqa: BLE001 - whatever fails, the move of this case fails, nothing else
            raise _fault(exc) from None

    def send_back(self, workflow: BpmnWorkflow, task_id: str, *,
                  dry_run: bool = False) -> tuple[str | None, ResetRefusal | None]:
        """Reset the workflow to an earlier completed user task and run what follows (`spiff_resets`): the
        task's new id, or why it cannot be sent back (the workflow is then spoilt: throw it away).
        `dry_run`: only whether it could, on a copy; nothing runs after the reset."""
        try:
            with self._timers_clock(), command_budget(self._budget):
                new_id, refusal = reset_to(workflow, task_id)
                if refusal is None and not dry_run:
                    _engine_steps(workflow)
        except Exception as exc:  # noqa: BLE001 - a diagram that fails on the way back fails like any step
            raise _fault(exc) from None
        return new_id, refusal

    def add_open_task_data(self, workflow: BpmnWorkflow, values: dict) -> None:
        """Give the ready and waiting tasks (and so what follows them) values they do not have yet."""
        for task in workflow.get_tasks(state=TaskState.READY | TaskState.WAITING):
            for name, value in values.items():
                task.data.setdefault(name, copy.deepcopy(value))

    def cancel(self, workflow: BpmnWorkflow) -> None:
        workflow.cancel()

    def is_completed(self, workflow: BpmnWorkflow) -> bool:
        return workflow.is_completed()

    def task_state(self, workflow: BpmnWorkflow, task_id: str) -> str | None:
        """The state name of a task (`READY`, `COMPLETED`, ...), None if the workflow has no such task."""
        task = self.find_task(workflow, task_id)
        return TaskState.get_name(task.state) if task is not None else None

    def element_states(self, workflow: BpmnWorkflow) -> dict[str, list[str]]:
        """BPMN element ids the case has passed (`completed`), is inside (`active`: a started sub-process)
        and waits at now (`current`: ready tasks, waiting catch events other than boundary events)."""
        completed, active, current = [], [], []
        for task in workflow.get_tasks():
            element = getattr(task.task_spec, "bpmn_id", None)
            if element is None:
                continue
            if task.state == TaskState.COMPLETED:
                target = completed
            elif task.state == TaskState.STARTED:
                target = active
            elif task.state == TaskState.READY or (task.state == TaskState.WAITING and
                                                   type(task.task_spec).__name__ != "BoundaryEvent"):
                target = current
            else:
                continue
            if element not in target:
                target.append(element)
        return {"completed": completed, "active": active, "current": current}

    def path_taken(self, workflow: BpmnWorkflow, parsed: ParsedProcess) -> dict[str, list[str]]:
        """The elements completed and the sequence flows taken, as the task tree holds them now
        (`engine.workflow.spiff_path`)."""
        return path_taken(workflow, parsed.flows)

    def data(self, workflow: BpmnWorkflow) -> dict:
        """The case data: the workflow's data merged with that of the last completed task."""
        merged = dict(workflow.data)
        last = workflow.last_task
        if last is not None:
            merged.update(last.data)
        return merged


def _engine_steps(workflow: BpmnWorkflow) -> None:
    """`do_engine_steps`, checking the command's budget before each task it runs."""
    workflow.do_engine_steps(will_complete_task=check_command_budget)


def task_data(task) -> dict:
    return task.data


def _fault(exc: Exception) -> RuntimeFault:
    """Keep the element and the error class; never the message, which may quote case data."""
    task = getattr(exc, "task", None)
    element = task.task_spec.name if task is not None else None
    kind = getattr(exc, "error_type", None) or type(exc).__name__
    return RuntimeFault(element, kind)
