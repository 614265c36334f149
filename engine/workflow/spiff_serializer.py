"""A case's workflow as the JSON stored in `instances.state`, with the spec stored by reference.

SpiffWorkflow's serializer writes the whole parsed spec into every workflow (58 % of the JSON), although a
deployed version's spec never changes and is cached (`engine.definitions.spec_cache`): the converter here
writes a marker instead and restores the cached spec of the case's version, which the caller puts in scope.
The case data inside is escaped so that the serializer never reads it as its own objects, and each stored
state says its data format (`engine.workflow.spiff_data`): a state written by an earlier release is read
with the registry of its own format.
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
from .spiff_data import FORMAT, FORMAT_KEY, LEGACY_FORMAT, data_config, data_registry, escape_workflow_data

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


def serialize_workflow(workflow: BpmnWorkflow) -> str:
    return _serializer().serialize_json(workflow)


def restore_workflow(state: str, parsed: ParsedProcess) -> BpmnWorkflow:
    """The workflow of a stored state (what `deserialize_json` does, with the data format chosen first),
    without a script engine; any exception when it cannot be restored."""
    token = _specs_in_scope.set(parsed)
    try:
        dct = json.loads(state)
        data_format = dct.pop(FORMAT_KEY, LEGACY_FORMAT)
        if data_format not in (FORMAT, LEGACY_FORMAT):
            raise ValueError("a stored-data format this release does not know")
        serializer = _serializer(data_format)
        serializer.migrate(dct)
        return serializer.from_dict(dct)
    finally:
        _specs_in_scope.reset(token)
