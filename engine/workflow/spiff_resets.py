"""Sending a case back to an earlier step: SpiffWorkflow's reset, and what makes one unsafe.

`BpmnWorkflow.reset_from_task_id` removes everything that followed a completed task and makes it ready again.
Inside a sub-process (embedded or a call activity: both are a `SubWorkflowTask` whose workflow lives in
`BpmnWorkflow.subprocesses`), it resets the sub-process's task in the parent workflow too, with the boundary
events attached to it, so a step of a stage the case has left can be redone; a sub-process begun after the
step is deleted with its tasks. SpiffWorkflow 3.2.0 leaves two things behind, set right here
(`_mend_after_reset`): a sub-process that had finished keeps its `completed` flag, so the engine would never
run its gateways again; and the waiting events the reset dropped from the tree (the timers attached to a
sub-process it deleted) stay in the event manager, whose next timer refresh fails on a task without a parent.

What the reset undoes is read by comparing the tree before and after: a step undone that cannot be undone
refuses the whole reset, named by its element:
- a timer that fired or a message received (the world moved on: a reminder sent, a citizen's withdrawal),
  also when it fired before the step, on a sub-process the reset re-enters (its boundary events are reset
  with it, and a reminder would be sent twice);
- a service task that ran (a notice sent, another case opened);
- a step open on another branch that the reset would leave as it is.
The task made ready again takes a new id, so that the rows and audit events of its first pass keep theirs.
"""
from __future__ import annotations

from typing import NamedTuple
from uuid import UUID, uuid4

from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent, ThrowingEvent
from SpiffWorkflow.bpmn.specs.mixins.service_task import ServiceTask
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState


class ResetRefusal(NamedTuple):
    kind: str  # timer | message | service | parallel | not_a_step
    element: str | None  # the BPMN element id that stands in the way


def reset_to(workflow: BpmnWorkflow, task_id: str) -> tuple[str | None, ResetRefusal | None]:
    """Reset the workflow to the completed user task `task_id`: (its new id, None), or (None, why not), in
    which case the workflow is left half-changed and must be thrown away (the caller rolls back)."""
    target = workflow.get_task_from_id(UUID(task_id))
    if not isinstance(target.task_spec, UserTask) or target.state != TaskState.COMPLETED:
        return None, ResetRefusal("not_a_step", _element(target))
    before = {task.id: (task, task.state) for task in _all_tasks(workflow)}
    open_steps = [t for t, state in before.values() if state == TaskState.READY and isinstance(t.task_spec, UserTask)]
    workflow.reset_from_task_id(target.id)
    after = {task.id: task.state for task in _all_tasks(workflow)}
    for task, state in before.values():
        gone = task.id not in after
        undone = state == TaskState.COMPLETED and (gone or after[task.id] != TaskState.COMPLETED)
        if task is not target and undone:
            refusal = _refusal(task)
            if refusal is not None:
                return None, refusal
    for task in open_steps:
        if task.id in after and after[task.id] == TaskState.READY and task is not target:
            return None, ResetRefusal("parallel", _element(task))
    _mend_after_reset(workflow)
    return _new_id(target), None


def _mend_after_reset(workflow: BpmnWorkflow) -> None:
    """What SpiffWorkflow 3.2.0's reset leaves behind: a sub-process made to run again is no longer
    `completed` (else `do_engine_steps` skips it: a gateway after the step redone would never run), and the
    event manager forgets the waiting events the reset removed from the tree."""
    for subprocess in workflow.subprocesses.values():
        if subprocess.completed and subprocess.get_next_task(state=TaskState.NOT_FINISHED_MASK) is not None:
            subprocess.completed = False
    live = [workflow, *workflow.subprocesses.values()]  # a deleted sub-process is no longer listed
    manager = workflow.event_manager
    for task_id, task in list(manager.tasks.items()):
        if not any(task.workflow is owner for owner in live) or task.workflow.tasks.get(task_id) is not task:
            manager.tasks.pop(task_id)


def _refusal(task) -> ResetRefusal | None:
    spec = task.task_spec
    if isinstance(spec, ServiceTask):
        return ResetRefusal("service", _element(task))
    definition = getattr(spec, "event_definition", None)
    if isinstance(spec, (CatchingEvent, ThrowingEvent)) and definition is not None:
        kind = type(definition).__name__
        if "Timer" in kind or "TimeDate" in kind or "Duration" in kind or "Cycle" in kind:
            return ResetRefusal("timer", _element(task))
        if "Message" in kind or "Multiple" in kind:
            return ResetRefusal("message", _element(task))
    return None


def _all_tasks(workflow: BpmnWorkflow):
    yield from workflow.get_tasks()


def _element(task) -> str | None:
    return getattr(task.task_spec, "bpmn_id", None)


def _new_id(task) -> str:
    """Give the task made ready again an id of its own: its first pass's rows and events keep the old one.
    The task keeps its place among the workflow's tasks: the serializer stores a task's data as its changes
    from its parent's and restores them in that order, so a task moved after its children would have them
    restored from a parent not restored yet (every step after the one redone lost its data)."""
    owner = task.workflow
    old, new = task.id, uuid4()
    ordered = [(new if task_id == old else task_id, each) for task_id, each in owner.tasks.items()]
    owner.tasks.clear()
    owner.tasks.update(ordered)
    task.id = new
    parent = task.parent
    if parent is not None:
        parent._children = [new if child == old else child for child in parent._children]
    for child in task.children:
        child._parent = new
    return str(new)
