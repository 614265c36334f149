"""Stored workflow state: the spec by reference, and restores that always get the restricted engine."""
import json

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from sqlalchemy import select

from engine.principal import Principal
from engine.scripting import SafeScriptEnvironment
from engine.case_state import restore_workflow
from engine.instances import start_instance
from engine.store.tables import Instance
from tests.api.test_khieu_nai import INTAKE

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)


def test_workflow_state_stores_the_spec_by_reference(services):
    started = start_instance(services, RECEPTION, "khieu_nai", INTAKE)
    with services.uow(write=False) as uow:
        instance = uow.session.scalars(select(Instance).where(Instance.id == started["id"])).one()
        state = json.loads(instance.state)
        assert state["spec"] == "danchu:by-reference"
        assert "subprocess_specs" not in state
        _, _, workflow = restore_workflow(services, uow.session, instance)
    embedded = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG)).serialize_json(workflow)
    assert len(instance.state) < 0.5 * len(embedded)
    assert isinstance(workflow.script_engine.environment, SafeScriptEnvironment)
    assert [t.task_spec.name for t in services.runner.ready_user_tasks(workflow)] == ["de_xuat_thu_ly"]
