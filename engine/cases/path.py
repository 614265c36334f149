"""The path a case took through its diagram, for the auditor's view.

The diagram shown is the exact BPMN of the version the case runs on (not the latest), so the highlighted
path always matches what the engine executed. The elements completed and the sequence flows taken are those
the case's row kept at each step (`instances.path_taken`, written by `engine.cases.step`) together with what
its workflow's task tree shows now: the row keeps what a reset (a case sent back) cut from the tree, the
tree serves cases not stepped since the row began keeping it. Who did each step, when and with which data
comes from the audit log (`case_history`).
"""
from __future__ import annotations

from ..core.principal import Principal
from ..core.status import CaseStatus
from ..workflow.diagram_xml import parse_xml
from .state import restore_workflow, visible_case


def case_diagram(services, principal: Principal, instance_id: str) -> dict:
    """The case's version's diagram with `completed` elements, `flows` taken, `active` sub-processes and the
    `current` steps it waits at (none once it ended)."""
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        version, parsed, workflow = restore_workflow(services, uow.session, case)
        states = services.runner.element_states(workflow)
        path = merge_paths(case.path_taken, services.runner.path_taken(workflow, parsed))
        if case.status != CaseStatus.RUNNING:
            states["current"] = []
        return {"instance_id": case.id, "business_key": case.business_key,
                "process_model": case.process_model_id, "version": case.version,
                "bpmn_xml": version.bpmn_xml, "names": element_names(version.bpmn_xml), **states,
                "completed": path["elements"], "flows": path["flows"]}


def merge_paths(*paths: dict | None) -> dict[str, list[str]]:
    """The union of recorded paths (`{"elements": [...], "flows": [...]}`), the first one's order kept and
    what the others add appended."""
    merged: dict[str, list[str]] = {"elements": [], "flows": []}
    for path in paths:
        for key, ids in (path or {}).items():
            for element_id in ids if key in merged else ():
                if element_id not in merged[key]:
                    merged[key].append(element_id)
    return merged


def element_names(bpmn_xml: str) -> dict[str, str]:
    """Element id → its Vietnamese name, for a text version of the path beside the diagram."""
    root = parse_xml(bpmn_xml.encode("utf-8"), "version.bpmn")
    return {node.get("id"): node.get("name") for node in root.iter()
            if isinstance(node.tag, str) and node.get("id") and node.get("name")}
