"""The one module that touches SpiffWorkflow.

Everything the engine needs from the workflow library goes through here: parsing a deployed diagram into a
spec, creating and restoring workflows (always with the restricted script engine), listing ready user
tasks, completing them, delivering messages, and serializing with the spec stored by reference. Keeping the
library behind one door means an upgrade of SpiffWorkflow, or one of its traps (see
`shared/domain/spiffworkflow.md`), is dealt with in one place.

Timers and the clock: SpiffWorkflow's timer event definitions read `datetime.now(timezone.utc)` to fix a
timer's due time when it is reached and to decide whether it has fired. danchu's time comes from the
injected clock (tests freeze and move it), so this module replaces the `datetime` name inside SpiffWorkflow's
timer module with `_ClockedDatetime`, whose `now()` answers from the clock the `WorkflowRunner` puts in a
context variable around every engine call. Outside such a call (or in another thread) it is the real time;
nothing else of SpiffWorkflow sees a difference. `tests/engine/test_timers.py` pins this behaviour, so an
upgrade of SpiffWorkflow that moves the call fails a test instead of silently using the wall clock.
"""
from __future__ import annotations

import contextvars
import copy
import functools
import json
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from typing import Callable
from uuid import UUID

from lxml import etree
from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState

from ..core.budget import DEFAULT_BUDGET_SECONDS, check_command_budget, command_budget
from .script_limits import ScriptRefused
from .scripting import make_script_engine
from .scripting_checks import MAX_TIMER_CYCLES, MIN_TIMER_PERIOD_SECONDS
from .spiff_data import FORMAT, FORMAT_KEY, LEGACY_FORMAT, data_config, data_registry, escape_workflow_data

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}
XSD_NS = "http://www.w3.org/2001/XMLSchema"


class DiagramError(Exception):
    """A diagram SpiffWorkflow cannot read; `problems` lists `{element, message}`."""

    def __init__(self, problems: list[dict]):
        super().__init__("; ".join(p["message"] for p in problems))
        self.problems = problems


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


# --- the clock SpiffWorkflow's timers read ---------------------------------------------------------

_now_source: contextvars.ContextVar[Callable[[], datetime] | None] = contextvars.ContextVar(
    "danchu_timer_clock", default=None)


class _ClockedDatetime(datetime):
    """`datetime` whose `now()` is the injected clock while a `WorkflowRunner` call runs."""

    @classmethod
    def now(cls, tz=None):
        source = _now_source.get()
        if source is None:
            return datetime.now(tz)
        moment = source()
        return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)


spiff_timer.datetime = _ClockedDatetime


@contextmanager
def _clock_scope(source: Callable[[], datetime]):
    token = _now_source.set(source)
    try:
        yield
    finally:
        _now_source.reset(token)


@dataclass(frozen=True)
class PendingTimer:
    """A timer event a workflow waits for: its SpiffWorkflow task, BPMN element and due instant (UTC)."""

    task_id: str
    element: str
    kind: str  # date | duration | cycle | cycle_end
    due_at: datetime


# --- XML --------------------------------------------------------------------------------------------

_UNTRUSTED = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


class _RefuseDoctype:
    """A parser target that stops the parse at a document type declaration, before its internal subset."""

    def doctype(self, name, public_id, system_url):
        raise _DoctypeFound()

    def close(self):
        return None


class _DoctypeFound(Exception):
    pass


def parse_xml(content: bytes, filename: str) -> etree._Element:
    """Parse untrusted XML as UTF-8: no DTD, no entities, no network.

    A first pass hands the bytes to libxml2 with a target that only listens for a DOCTYPE: libxml2 reports one
    as soon as it has read its name, before any entity of the internal subset is declared, so no entity is ever
    expanded (lxml expands internal entities in attribute values even with `resolve_entities=False`). That
    pass costs less than building the tree. The encoding is fixed to UTF-8, the only one a version is stored
    in (deploy refuses any other: `process_package.encoding_problems`); a search for the bytes `<!DOCTYPE`
    had missed a UTF-16 diagram.
    """
    message = None
    try:
        etree.fromstring(content, etree.XMLParser(target=_RefuseDoctype(), encoding="utf-8", **_UNTRUSTED))
        root = etree.fromstring(content, etree.XMLParser(encoding="utf-8", **_UNTRUSTED))
    except _DoctypeFound:
        message = "Tệp XML không được chứa DOCTYPE (DTD, ENTITY)."
    except etree.XMLSyntaxError as exc:
        message = f"XML không hợp lệ: {exc.msg}"
    else:
        if root is None:
            message = "Tệp XML rỗng."
        elif root.getroottree().docinfo.doctype:  # the first pass stops every DOCTYPE: never reached
            message = "Tệp XML không được chứa DOCTYPE (DTD, ENTITY)."
    if message is not None:
        raise DiagramError([{"element": filename, "message": message}])
    return root


@functools.cache
def standard_element_names() -> dict[str, frozenset[str]]:
    """The element names each standard namespace defines (BPMN 2.0 with its DI, DC and DI; DMN with DMNDI,
    DC and DI), read once from the XML Schemas SpiffWorkflow ships, so the list is the standard's own."""
    names: dict[str, set[str]] = {}
    parser = etree.XMLParser(**_UNTRUSTED)
    for package in ("SpiffWorkflow.bpmn.parser", "SpiffWorkflow.dmn.parser"):
        for xsd in sorted(resources.files(package).joinpath("schema").iterdir(), key=lambda p: p.name):
            if xsd.name.endswith(".xsd"):
                schema = etree.fromstring(xsd.read_bytes(), parser)
                declared = {e.get("name") for e in schema.iter(f"{{{XSD_NS}}}element") if e.get("name")}
                names.setdefault(schema.get("targetNamespace"), set()).update(declared)
    return {namespace: frozenset(found) for namespace, found in names.items()}


# --- parsing diagrams -------------------------------------------------------------------------------

@dataclass
class ParsedProcess:
    """An executable process, parsed once per deployed version and shared (specs are never mutated)."""

    process_id: str
    name: str
    spec: object
    subprocess_specs: dict
    user_tasks: dict[str, "UserTaskInfo"] = field(default_factory=dict)
    has_timers: bool = False  # no timer event anywhere: no command needs to look at its timer rows


@dataclass(frozen=True)
class UserTaskInfo:
    name: str
    title: str
    lane: str | None
    properties: dict
    instructions: str | None


def executable_process_ids(root: etree._Element) -> list[str]:
    return [p.get("id") for p in root.findall("bpmn:process", NS) if p.get("isExecutable") == "true"]


def parse_process(root: etree._Element, filename: str, dmn_roots: list[etree._Element] = ()) -> ParsedProcess:
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
    parsed = ParsedProcess(process_id, spec.description or process_id, spec, subprocess_specs)
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


def _all_task_specs(spec, subprocess_specs):
    for s in [spec, *subprocess_specs.values()]:
        yield from s.task_specs.values()


# --- serialization with the spec stored by reference ------------------------------------------------

_specs_in_scope: contextvars.ContextVar[ParsedProcess] = contextvars.ContextVar("danchu_spec")
SPEC_REFERENCE = "danchu:by-reference"


class _SpecByReferenceConverter(BpmnWorkflowConverter):
    """Writes a marker instead of the spec (58% of the JSON) and restores the cached, parsed spec."""

    def to_dict(self, workflow):
        dct = escape_workflow_data(WorkflowConverter.to_dict(self, workflow))
        dct[FORMAT_KEY] = FORMAT
        dct["spec"] = SPEC_REFERENCE
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct):
        parsed = _specs_in_scope.get()
        dct.pop("spec")
        dct.pop("subprocess_specs", None)
        workflow = self.target_class(parsed.spec, parsed.subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_local = threading.local()


def _serializer(data_format: int = FORMAT) -> BpmnWorkflowSerializer:
    """One serializer per thread and stored-data format (`engine.workflow.spiff_data`): its registry carries a
    mutable encoder flag (see the domain notes)."""
    serializers = getattr(_local, "serializers", None)
    if serializers is None:
        serializers = _local.serializers = {}
    serializer = serializers.get(data_format)
    if serializer is None:
        config = data_config(SPIFF_CONFIG)
        config[BpmnWorkflow] = _SpecByReferenceConverter
        registry = data_registry(legacy=data_format == LEGACY_FORMAT)
        serializer = serializers[data_format] = BpmnWorkflowSerializer(
            BpmnWorkflowSerializer.configure(config, registry))
    return serializer


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
            return _clock_scope(lambda: at)
        if self._clock is not None:
            return _clock_scope(self._clock.now)
        return nullcontext()

    def new(self, parsed: ParsedProcess, data: dict) -> BpmnWorkflow:
        workflow = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, script_engine=self._script_engine)
        for task in workflow.get_tasks(state=TaskState.READY):
            task.set_data(**copy.deepcopy(data))
        return workflow

    def dumps(self, workflow: BpmnWorkflow) -> str:
        return _serializer().serialize_json(workflow)

    def loads(self, state: str, parsed: ParsedProcess) -> BpmnWorkflow:
        """The live workflow of a stored state (what `deserialize_json` does, with the data format chosen
        first); `UnreadableState` when it cannot be restored, whatever the reason."""
        token = _specs_in_scope.set(parsed)
        try:
            dct = json.loads(state)
            data_format = dct.pop(FORMAT_KEY, LEGACY_FORMAT)
            if data_format not in (FORMAT, LEGACY_FORMAT):
                raise ValueError("a stored-data format this release does not know")
            serializer = _serializer(data_format)
            serializer.migrate(dct)
            workflow = serializer.from_dict(dct)
        except Exception as exc:  # noqa: BLE001 - any failure to restore leaves the case unreadable
            raise UnreadableState(type(exc).__name__) from None
        finally:
            _specs_in_scope.reset(token)
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
                _refuse_runaway_cycles(workflow)
                workflow.refresh_timers()
                _engine_steps(workflow)
        except Exception as exc:  # noqa: BLE001
            raise _fault(exc) from None

    def pending_timers(self, workflow: BpmnWorkflow) -> list[PendingTimer]:
        """The timers the workflow waits for now, with their due instants as SpiffWorkflow fixed them."""
        timers = []
        for task in list(workflow.event_manager.tasks.values()):
            definition = getattr(task.task_spec, "event_definition", None)
            if task.state != TaskState.WAITING or not isinstance(definition, TimerEventDefinition):
                continue
            due, kind = _timer_due(definition, task._get_internal_data("event_value"))
            if due is not None:
                timers.append(PendingTimer(str(task.id), task.task_spec.name, kind, due))
        return timers

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


def _refuse_runaway_cycles(workflow: BpmnWorkflow) -> None:
    """A cycle armed before cycles were checked (`cycle_problems`) may be stored without an end or with no
    pause between firings: the worker would fire it on every poll. Such a case stops with a fault."""
    for task in list(workflow.event_manager.tasks.values()):
        value = task._get_internal_data("event_value")
        if isinstance(getattr(task.task_spec, "event_definition", None), CycleTimerEventDefinition) \
                and isinstance(value, dict) and value.get("cycles") != 0:
            seconds = value.get("duration") or 0
            if seconds < MIN_TIMER_PERIOD_SECONDS or not 0 < value.get("cycles", -1) <= MAX_TIMER_CYCLES:
                raise ScriptRefused(f"timer cycle of {task.task_spec.name} refused")


def _timer_due(definition, value) -> tuple[datetime | None, str]:
    """The due instant (UTC) of a waiting timer from its stored `event_value`, and the timer's kind."""
    try:
        if isinstance(definition, CycleTimerEventDefinition):
            if not isinstance(value, dict):
                return None, "cycle"
            kind = "cycle" if value.get("cycles") != 0 else "cycle_end"  # the last period closes the cycle
            return datetime.fromisoformat(value["next"]).astimezone(timezone.utc), kind
        if value is None:
            return None, "date"
        if isinstance(definition, DurationTimerEventDefinition):
            return TimerEventDefinition.get_datetime(value).astimezone(timezone.utc), "duration"
        if isinstance(definition, TimeDateEventDefinition):
            due = TimerEventDefinition.parse_time_or_duration(value)
            return (due.astimezone(timezone.utc), "date") if isinstance(due, datetime) else (None, "date")
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    return None, "date"


def task_data(task) -> dict:
    return task.data


def _fault(exc: Exception) -> RuntimeFault:
    """Keep the element and the error class; never the message, which may quote case data."""
    task = getattr(exc, "task", None)
    element = task.task_spec.name if task is not None else None
    kind = getattr(exc, "error_type", None) or type(exc).__name__
    return RuntimeFault(element, kind)
