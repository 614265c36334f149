"""A case's workflow as the JSON stored in `instances.state`, with the spec stored by reference.

SpiffWorkflow's serializer writes the whole parsed spec into every workflow (58 % of the JSON), although a
deployed version's spec never changes and is cached (`engine.definitions.spec_cache`): the converter here
writes a marker instead and restores the cached spec of the case's version, which the caller puts in scope.
The case data inside is escaped so that the serializer never reads it as its own objects
(`engine.workflow.spiff_data`), and each stored state says its format (`engine.workflow.state_format`): a
state written by an earlier release is upgraded, one migration function per format change, before
SpiffWorkflow migrates its own part; the spec reference names the deployed content the state was written for.
"""
from __future__ import annotations

import contextvars
import json
import threading
from uuid import UUID

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from .diagram_parsing import ParsedProcess
from .spiff_data import FORMAT_KEY, data_config, data_registry, escape_workflow_data
from .state_format import FORMAT, spec_reference, upgrade

_specs_in_scope: contextvars.ContextVar[ParsedProcess] = contextvars.ContextVar("danchu_spec")


class _SpecByReferenceConverter(BpmnWorkflowConverter):
    """Writes a marker instead of the spec (58% of the JSON) and restores the cached, parsed spec."""

    def to_dict(self, workflow):
        dct = escape_workflow_data(WorkflowConverter.to_dict(self, workflow))
        dct[FORMAT_KEY] = FORMAT
        parsed = _specs_in_scope.get(None)
        dct["spec"] = spec_reference(parsed) if parsed is not None else {"digest": None}
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


def _serializer() -> BpmnWorkflowSerializer:
    """One serializer per thread: its registry carries a mutable encoder flag (see the domain notes)."""
    serializer = getattr(_local, "serializer", None)
    if serializer is None:
        config = data_config(SPIFF_CONFIG)
        config[BpmnWorkflow] = _SpecByReferenceConverter
        serializer = _local.serializer = BpmnWorkflowSerializer(
            BpmnWorkflowSerializer.configure(config, data_registry()))
    return serializer


def spec_registry():
    """The registry that converts specs to dicts, which SpiffWorkflow's spec comparison reads."""
    return _serializer().registry


def serialize_workflow(workflow: BpmnWorkflow, parsed: ParsedProcess) -> str:
    """The stored state of a workflow running the spec of `parsed` (the version whose digest it records)."""
    token = _specs_in_scope.set(parsed)
    try:
        return _serializer().serialize_json(workflow)
    finally:
        _specs_in_scope.reset(token)


def restore_workflow(state: str, parsed: ParsedProcess) -> BpmnWorkflow:
    """The workflow of a stored state (what `deserialize_json` does, with danchu's format upgraded first),
    without a script engine; any exception when it cannot be restored, `SpecMismatch` when the state was
    written for another version than `parsed`."""
    token = _specs_in_scope.set(parsed)
    try:
        dct = upgrade(json.loads(state), parsed)
        dct.pop(FORMAT_KEY)
        serializer = _serializer()
        serializer.migrate(dct)
        return serializer.from_dict(dct)
    finally:
        _specs_in_scope.reset(token)
