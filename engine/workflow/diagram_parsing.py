"""A deployed diagram parsed into the spec SpiffWorkflow runs, once per version.

A deployed version never changes, so its parse is kept (`engine.definitions.spec_cache`) and shared by every
case of the version; what the engine asks of it at every step (a user task's title, lane, properties and
instructions; whether the process has timers at all) is read here once instead of walking the spec's tasks
again. A diagram SpiffWorkflow cannot read is a `DiagramError` naming the element, never a failure of the
request.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser

from .diagram_xml import BPMN_NS, NS, DiagramError


@dataclass
class ParsedProcess:
    """An executable process, parsed once per deployed version and shared (specs are never mutated)."""

    process_id: str
    name: str
    spec: object
    subprocess_specs: dict
    user_tasks: dict[str, "UserTaskInfo"] = field(default_factory=dict)
    has_timers: bool = False  # no timer event anywhere: no command needs to look at its timer rows
    digest: str = ""  # the SHA-256 of the deployed content: a stored state names the version it was made for
    # (source element id, target element id) -> the ids of the sequence flows between them: SpiffWorkflow's
    # specs keep which element follows which, not the flow, so a case's path names its flows through this
    flows: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class UserTaskInfo:
    name: str
    title: str
    lane: str | None
    properties: dict
    instructions: str | None


def executable_process_ids(root: etree._Element) -> list[str]:
    return [p.get("id") for p in root.findall("bpmn:process", NS) if p.get("isExecutable") == "true"]


def parse_process(root: etree._Element, filename: str, dmn_roots: list[etree._Element] = (),
                  digest: str = "") -> ParsedProcess:
    ids = executable_process_ids(root)
    if len(ids) != 1:
        raise DiagramError([{"element": filename,
                             "message": "Sơ đồ phải có đúng một quy trình thực thi (isExecutable=\"true\")."}])
    process_id = ids[0]
    parser = SpiffBpmnParser()
    try:
        for dmn in dmn_roots:
            parser.add_dmn_xml(dmn, filename=filename)
        parser.add_bpmn_xml(root, filename=filename)
        spec = parser.get_spec(process_id)
        subprocess_specs = parser.get_subprocess_specs(process_id)
    except ValidationException as exc:
        raise DiagramError([{"element": exc.id or filename, "message": str(exc)}]) from None
    except (SpiffWorkflowException, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise DiagramError([{"element": filename,
                             "message": f"Không đọc được sơ đồ: {type(exc).__name__}: {exc}"}]) from None
    parsed = ParsedProcess(process_id, spec.description or process_id, spec, subprocess_specs, digest=digest,
                           flows=sequence_flows(root))
    for task_spec in _all_task_specs(spec, subprocess_specs):
        if isinstance(getattr(task_spec, "event_definition", None), TimerEventDefinition):
            parsed.has_timers = True
        if isinstance(task_spec, UserTask):
            extensions = getattr(task_spec, "extensions", {}) or {}
            parsed.user_tasks[task_spec.name] = UserTaskInfo(
                name=task_spec.name,
                title=task_spec.bpmn_name or task_spec.name,
                lane=task_spec.lane,
                properties=dict(extensions.get("properties", {})),
                instructions=extensions.get("instructionsForEndUser"),
            )
    return parsed


def sequence_flows(root: etree._Element) -> dict[tuple[str, str], tuple[str, ...]]:
    """Every sequence flow of the document by the elements it joins (sub-processes' included)."""
    flows: dict[tuple[str, str], tuple[str, ...]] = {}
    for flow in root.iter(f"{{{BPMN_NS}}}sequenceFlow"):
        key = (flow.get("sourceRef"), flow.get("targetRef"))
        flows[key] = (*flows.get(key, ()), flow.get("id"))
    return flows


def _all_task_specs(spec, subprocess_specs):
    for s in [spec, *subprocess_specs.values()]:
        yield from s.task_specs.values()
