"""The path a case took through its diagram, read from SpiffWorkflow's task tree.

SpiffWorkflow records which tasks ran, each as a child of the task it followed, but not the sequence flows:
two elements both passed do not mean the flow between them was taken (an exclusive gateway whose other branch
later joins the target of its direct flow). A flow was taken when its target's task was reached as the child
of its source's completed task. The tree holds each pass of a loop as a task of its own, but forgets what a
reset (a case sent back) cut off, so the engine keeps what this reads at every step (`engine.cases.step`).
"""
from __future__ import annotations

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

# Reached: run, running, waiting there, or reached and then stopped (a join's other branches when the last
# arrives, a step interrupted by a boundary event or by the cancellation of the case).
REACHED = (TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.COMPLETED | TaskState.ERROR
           | TaskState.CANCELLED)


def path_taken(workflow: BpmnWorkflow, flows: dict[tuple[str, str], tuple[str, ...]]) -> dict[str, list[str]]:
    """`elements`: the BPMN element ids completed; `flows`: the sequence flows taken, each listed once in the
    order the tree holds them (`flows`: the version's flow ids by (source, target), `ParsedProcess.flows`)."""
    elements: list[str] = []
    taken: list[str] = []
    for task in workflow.get_tasks():
        element = getattr(task.task_spec, "bpmn_id", None)
        if element is None or not task.has_state(REACHED):
            continue
        if task.state == TaskState.COMPLETED and element not in elements:
            elements.append(element)
        source = _previous_element(task)
        if source is None or source.state != TaskState.COMPLETED:
            continue
        for flow in flows.get((source.task_spec.bpmn_id, element), ()):
            if flow not in taken:
                taken.append(flow)
    return {"elements": elements, "flows": taken}


def _previous_element(task):
    """The nearest ancestor that is a BPMN element (SpiffWorkflow puts hidden tasks in between, such as the
    split before a task with boundary events); None at the root of a (sub-)process."""
    parent = task.parent
    while parent is not None and getattr(parent.task_spec, "bpmn_id", None) is None:
        parent = parent.parent
    return parent

