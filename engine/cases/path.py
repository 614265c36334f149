"""The path a case took through its diagram, for the auditor's view.

The diagram shown is the exact BPMN of the version the case runs on (not the latest), so the highlighted
path always matches what the engine executed. Which elements were passed comes from the case's workflow
state; who did each step, when and with which data comes from the audit log (`case_history`).
"""
from __future__ import annotations

from ..core.principal import Principal
from ..core.status import CaseStatus
from ..workflow.diagram_xml import parse_xml
from .state import restore_workflow, visible_case


def case_diagram(services, principal: Principal, instance_id: str) -> dict:
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        version, _parsed, workflow = restore_workflow(services, uow.session, case)
        states = services.runner.element_states(workflow)
        if case.status != CaseStatus.RUNNING:
            states["current"] = []
        return {"instance_id": case.id, "business_key": case.business_key,
                "process_model": case.process_model_id, "version": case.version,
                "bpmn_xml": version.bpmn_xml, "names": element_names(version.bpmn_xml), **states}


def element_names(bpmn_xml: str) -> dict[str, str]:
    """Element id → its Vietnamese name, for a text version of the path beside the diagram."""
    root = parse_xml(bpmn_xml.encode("utf-8"), "version.bpmn")
    return {node.get("id"): node.get("name") for node in root.iter()
            if isinstance(node.tag, str) and node.get("id") and node.get("name")}
