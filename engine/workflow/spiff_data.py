"""Case data through SpiffWorkflow's serializer, read back as the data it was (part of the adapter).

SpiffWorkflow restores any dict with a `typename` key as one of its own objects. Case data may hold such a
dict: a script writes `x = {"typename": "nope"}`, a form's object field or a message carries one. Stored
as it was, it made every later restore of the case fail (an unknown name, or `{"typename": "BpmnWorkflow"}`
run through the workflow's converter): the case could be neither read, nor cancelled, nor sent a message,
and a public board listing it failed for everyone. A look-alike of a known name
(`{"typename": "datetime", "value": ...}`) silently came back as another type.

The rule, since state format 2 (`engine.workflow.state_format`): wherever the serializer writes data (the data
of the workflow, of its sub-processes and of each task, the updates of a task's data, a task's internal
data, which holds message payloads and multi-instance items, correlations, the payloads of thrown events),
every dict with a `typename` key is written as `{"typename": "danchu:data", "items": {...}}`, which only
this module's converter restores, into the dict it was. In a stored state, a `typename` then names nothing
but SpiffWorkflow's own objects. This relies on `serialize_json`'s encoder mode, in which the data still
holds Python values when the converters return (a `datetime` is encoded later by the JSON encoder): a dict
with a `typename` key there is always data. States written before (format 1) are upgraded when read
(`state_format.from_format_1`, with `escape_unknown_typenames`).
"""
from __future__ import annotations

import functools

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnEventConverter,
    BpmnSubWorkflowConverter,
    TaskConverter,
)
from SpiffWorkflow.bpmn.serializer.helpers import DefaultRegistry
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.task import Task

FORMAT_KEY = "danchu_data_format"  # the stored state's own format (`engine.workflow.state_format`)
ESCAPED = "danchu:data"
_TYPENAME = "typename"


def escaped(value):
    """`value` with every dict that has a `typename` key wrapped; the very same object when none has one,
    so that the usual case copies nothing."""
    if isinstance(value, dict):
        copied = None
        for key, item in value.items():
            new = escaped(item)
            if new is not item:
                if copied is None:
                    copied = dict(value)
                copied[key] = new
        inner = value if copied is None else copied
        return {_TYPENAME: ESCAPED, "items": inner} if _TYPENAME in value else inner
    if isinstance(value, (list, tuple)):
        items = [escaped(item) for item in value]
        return items if any(new is not old for new, old in zip(items, value)) else value
    return value


def escape_workflow_data(dct: dict) -> dict:
    """The data of a workflow's dict (top workflow or sub-process), escaped in place."""
    dct["data"] = escaped(dct["data"])
    dct["correlations"] = escaped(dct["correlations"])
    return dct


class _TaskConverter(TaskConverter):
    def to_dict(self, task):
        dct = super().to_dict(task)
        dct["internal_data"] = escaped(dct["internal_data"])
        dct["data"] = escaped(dct["data"])
        if dct["delta"]:
            dct["delta"]["updates"] = escaped(dct["delta"]["updates"])
        return dct


class _SubWorkflowConverter(BpmnSubWorkflowConverter):
    def to_dict(self, workflow):
        return escape_workflow_data(super().to_dict(workflow))


class _EventConverter(BpmnEventConverter):
    def to_dict(self, event):
        dct = super().to_dict(event)
        dct["payload"] = escaped(dct["payload"])
        dct["correlations"] = escaped(dct["correlations"])
        return dct


class _EscapedData:
    """Never instantiated: the class the escape's type name is registered under."""


def data_config(config: dict) -> dict:
    """SpiffWorkflow's converter configuration with the converters of the classes that carry data replaced."""
    return {**config, Task: _TaskConverter, BpmnSubWorkflow: _SubWorkflowConverter, BpmnEvent: _EventConverter}


def data_registry() -> DefaultRegistry:
    """The registry of the escaped data."""
    registry = DefaultRegistry()
    registry.register(_EscapedData, _never_converted,
                      lambda dct: {key: registry.restore(item) for key, item in dct["items"].items()},
                      typename=ESCAPED)
    return registry


@functools.cache
def known_typenames() -> frozenset[str]:
    """The type names SpiffWorkflow's serializer (as danchu configures it) restores as its own objects."""
    registry = BpmnWorkflowSerializer.configure(data_config(SPIFF_CONFIG), data_registry())
    return frozenset(registry.convert_from_dict)


def escape_unknown_typenames(value, known: frozenset[str]):
    """`value` (a stored state's part, as JSON) with every dict whose `typename` is not in `known` wrapped as
    escaped data, at any depth; what a format-1 state held as data becomes what format 2 writes."""
    if isinstance(value, dict):
        inner = {key: escape_unknown_typenames(item, known) for key, item in value.items()}
        name = value.get(_TYPENAME)
        if _TYPENAME in value and not (isinstance(name, str) and name in known):
            return {_TYPENAME: ESCAPED, "items": inner}
        return inner
    if isinstance(value, list):
        return [escape_unknown_typenames(item, known) for item in value]
    return value


def _never_converted(_obj):
    raise TypeError("escaped data is written by `escaped`, never converted")
