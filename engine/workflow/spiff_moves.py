"""Moving a running workflow to the spec of another version, with SpiffWorkflow's own migration support.

SpiffWorkflow 3.2 aligns two specs (`SpiffWorkflow.bpmn.util.diff.SpecDiff`) and moves a workflow onto the
new one (`migrate_workflow`: every task points at its aligned spec, ready and waiting tasks are reset and
their futures predicted again). What it leaves to the application is deciding whether a move is safe, and
three traps of it: it aligns specs whose ids differ by their position in the flow (a task replaced by
another one in the same place would silently become it), it leaves tasks of removed specs in the tree (the
state could then no longer be restored), and resetting a waiting timer fixes its due time again from now
(a reminder due in two days would start over). So, here:

- specs are aligned by id only, plus the administrator's explicit mapping (`{old id: new id}`, which also
  renames what SpiffWorkflow derives from an id, such as a boundary event's split and join);
- a move is refused when a task the case has completed or is inside (a started sub-process) changed its
  place in the flow (type, incoming or outgoing steps, conditions, event: the path already walked does not
  exist in the new version), or when a ready or waiting task, or a completed one, has no counterpart;
  a change of such a task's name, form, lane, instructions or script is harmless (done is done);
- a move is refused when an open task's counterpart is another kind of element (a waiting timer mapped onto
  a user task would be a user task stuck waiting), or when two different steps of the old version would
  become the same step of the new one (the administrator's mapping sent both there): SpiffWorkflow would
  move either without a word;
- a cancelled task whose spec is gone is dropped (it will never run); anything else left on a spec of the
  old version makes the move fail rather than store a state that cannot be read;
- a waiting timer whose event is unchanged keeps the due time it had.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.util.diff import migrate_workflow
from SpiffWorkflow.util.task import TaskState

from .diagram_parsing import ParsedProcess
from .spiff_serializer import spec_registry

HARMLESS_WHEN_DONE = frozenset({"bpmn_name", "description", "documentation", "lane", "extensions", "prescript",
                                "postscript", "script", "manual", "lookahead", "data_input_associations",
                                "data_output_associations", "io_specification", "operation_name",
                                "operation_params", "result_variable", "decision_ref"})
RENAMES = frozenset({"name", "bpmn_id"})
DONE = TaskState.COMPLETED | TaskState.STARTED | TaskState.ERROR
OPEN = TaskState.READY | TaskState.WAITING


@dataclass
class TaskMove:
    """One task of the case: where it is in the old version and where it goes in the new one."""

    task_id: str
    state: str
    element: str
    title: str
    to_element: str | None
    to_title: str | None
    changes: list[str] = field(default_factory=list)


@dataclass
class Refusal:
    """Why a case cannot move: `code` (`done_changed`, `no_counterpart`, `done_removed`, `kind_changed`,
    `mapped_twice`), the element."""

    code: str
    element: str
    detail: str = ""


@dataclass
class MovePlan:
    tasks: list[TaskMove]
    refusals: list[Refusal]
    _alignments: list = field(default_factory=list, repr=False)  # (workflow, {task: new spec}, new spec)


def _renames(old_spec, mapping: dict[str, str]) -> dict[str, str]:
    """Old spec name -> new spec name for every name the mapping changes, derived names included."""
    renames = {}
    for name in old_spec.task_specs:
        if name in mapping:
            renames[name] = mapping[name]
        else:
            prefix = name.split(".", 1)[0]
            if prefix != name and prefix in mapping:
                renames[name] = mapping[prefix] + name[len(prefix):]
    return renames


def _renamed(value, renames: dict[str, str]):
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, renames) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, renames) for k, v in value.items()}
    return value


def _changes(old, new, renames) -> list[str]:
    registry = spec_registry()
    before, after = registry.convert(old), registry.convert(new)
    if before.get("typename") != after.get("typename"):
        return ["typename"]
    return sorted(k for k in set(before) | set(after)
                  if k not in RENAMES and _renamed(before.get(k), renames) != after.get(k))


def _title(spec) -> str:
    return getattr(spec, "bpmn_name", None) or getattr(spec, "bpmn_id", None) or spec.name


def _plan_workflow(workflow, new_spec, mapping, plan: MovePlan) -> None:
    renames = _renames(workflow.spec, mapping)
    alignment = {}
    sources: dict[str, set[str]] = {}  # new spec name -> the old spec names aligned with it
    for task in workflow.get_tasks(skip_subprocesses=True):
        old = task.task_spec
        target = new_spec.task_specs.get(renames.get(old.name, old.name)) if new_spec is not None else None
        alignment[task] = target
        if target is not None:
            sources.setdefault(target.name, set()).add(old.name)
        element = getattr(old, "bpmn_id", None) or old.name.split(".", 1)[0]  # a boundary split: its activity
        changes = _changes(old, target, renames) if target is not None else []
        refusal = None
        if target is None and task.state & (OPEN | TaskState.STARTED):
            refusal = Refusal("no_counterpart", element)
        elif target is None and task.state & TaskState.COMPLETED:
            refusal = Refusal("done_removed", element)
        elif target is not None and task.state & DONE and set(changes) - HARMLESS_WHEN_DONE:
            refusal = Refusal("done_changed", element, ", ".join(sorted(set(changes) - HARMLESS_WHEN_DONE)))
        elif target is not None and task.state & OPEN and "typename" in changes:
            refusal = Refusal("kind_changed", element)
        if refusal is not None:
            plan.refusals.append(refusal)
        if getattr(old, "bpmn_id", None) and (refusal is not None or task.state & (OPEN | TaskState.STARTED)):
            plan.tasks.append(TaskMove(str(task.id), TaskState.get_name(task.state), element, _title(old),
                                       getattr(target, "bpmn_id", None), _title(target) if target else None,
                                       changes))
    for name, olds in sorted(sources.items()):
        if len(olds) > 1:
            plan.refusals.append(Refusal("mapped_twice", name.split(".", 1)[0], ", ".join(sorted(olds))))
    plan._alignments.append((workflow, alignment, new_spec))


def plan_move(workflow, old: ParsedProcess, new: ParsedProcess, mapping: dict[str, str]) -> MovePlan:
    """What moving `workflow` (running `old`) to `new` would do; nothing is changed."""
    plan = MovePlan([], [])
    _plan_workflow(workflow, new.spec, mapping, plan)
    for sub in workflow.subprocesses.values():
        _plan_workflow(sub, new.subprocess_specs.get(sub.spec.name), mapping, plan)
    return plan


class _Alignment:
    """What `migrate_workflow` reads of a `WorkflowDiff`: the new spec of each task."""

    def __init__(self, alignment):
        self.alignment = alignment


def _is_timer(spec) -> bool:
    return isinstance(getattr(spec, "event_definition", None), TimerEventDefinition)


def apply_move(workflow, plan: MovePlan, new: ParsedProcess) -> None:
    """Move the workflow as planned (a plan without refusals); `ValueError` if a task would be left on a
    spec of the old version. Run under the clock the runner gives timers."""
    registry = spec_registry()
    for target, alignment, new_spec in plan._alignments:
        kept = {}
        for task, spec in alignment.items():
            if task.state == TaskState.WAITING and spec is not None and _is_timer(task.task_spec) and \
                    registry.convert(task.task_spec.event_definition) == registry.convert(spec.event_definition):
                kept[task.id] = dict(task.internal_data)
        for task, spec in alignment.items():
            if spec is None and task.state == TaskState.CANCELLED and task.id in target.tasks:
                target._remove_task(task.id)
        if new_spec is not None:
            migrate_workflow(_Alignment({t: s for t, s in alignment.items() if s is not None}), target, new_spec)
        for task_id, data in kept.items():
            task = target.tasks.get(task_id)
            if task is not None and task.state == TaskState.WAITING:
                task.internal_data = data
    workflow.spec = new.spec
    for sub in [workflow, *workflow.subprocesses.values()]:
        known = set(sub.spec.task_specs.values())
        if any(task.task_spec not in known for task in sub.tasks.values()):
            raise ValueError("a task is left on a spec of the old version")
