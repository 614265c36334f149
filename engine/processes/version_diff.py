"""What changed between two versions of a process model, in the terms an administrator reviews: steps
added, removed, renamed, moved to another lane (role); task and process properties (deadlines, forms,
parameters); conditions on flows; form files. The raw XML diff comes last, for anything else."""
from __future__ import annotations

import difflib
from types import SimpleNamespace

from lxml import etree

from ..core.principal import Principal
from ..definitions.package import ProcessPackage, process_properties
from ..workflow.diagram_xml import NS, DiagramError, parse_xml
from .catalogue import get_process_model, get_version, running_by_version, validate_process_package

BPMN = "{%s}" % NS["bpmn"]
NOT_ELEMENTS = {"definitions", "process", "collaboration", "participant", "laneSet", "lane", "sequenceFlow",
                "incoming", "outgoing", "extensionElements", "documentation", "conditionExpression",
                "flowNodeRef", "message", "timerEventDefinition", "messageEventDefinition", "timeDuration",
                "timeDate", "timeCycle", "script", "multiInstanceLoopCharacteristics",
                "standardLoopCharacteristics", "errorEventDefinition", "signalEventDefinition",
                "terminateEventDefinition", "escalationEventDefinition",
                "ioSpecification", "dataInput", "dataOutput", "inputSet", "outputSet", "error", "signal"}
MAX_XML_DIFF_LINES = 600


def compare_versions(services, process_model_id: str, old_number: int, new_number: int) -> dict:
    old = get_version(services, process_model_id, old_number)
    new = get_version(services, process_model_id, new_number)
    return {"old": old.version, "new": new.version, **diff_versions(old, new)}


def preview_deployment(services, principal: Principal, package: ProcessPackage, process_model_id: str) -> dict:
    """What deploying `package` would do, for the administrator to confirm: the problems that would refuse
    it, the difference from the latest version (steps added, removed, changed), and how many running cases
    (of the communes the administrator sees) stay on older versions unless moved."""
    problems = validate_process_package(services, principal, package, expected_id=process_model_id)
    latest_number = get_process_model(services, process_model_id, principal)["latest_version"]
    latest = get_version(services, process_model_id, latest_number)
    candidate = SimpleNamespace(version="new", bpmn_xml=package.bpmn.decode("utf-8", "replace"),
                                files={n: c.decode("utf-8", "replace") for n, c in package.files.items()})
    try:
        diff = diff_versions(latest, candidate)
    except DiagramError:
        diff = None
    running = running_by_version(services, process_model_id, principal)
    return {"problems": problems, "latest_version": latest_number, "diff": diff,
            "running": {str(v): n for v, n in sorted(running.items())}, "running_total": sum(running.values())}


def diff_versions(old, new) -> dict:
    old_root = parse_xml(old.bpmn_xml.encode("utf-8"), "old.bpmn")
    new_root = parse_xml(new.bpmn_xml.encode("utf-8"), "new.bpmn")
    before, after = _elements(old_root), _elements(new_root)
    common = sorted(set(before) & set(after))
    return {
        "added": [after[i] for i in sorted(set(after) - set(before))],
        "removed": [before[i] for i in sorted(set(before) - set(after))],
        "renamed": [{"id": i, "type": after[i]["type"], "old_name": before[i]["name"], "new_name": after[i]["name"]}
                    for i in common if before[i]["name"] != after[i]["name"]],
        "retyped": [{"id": i, "old_type": before[i]["type"], "new_type": after[i]["type"]}
                    for i in common if before[i]["type"] != after[i]["type"]],
        "lane_changes": [{"id": i, "name": after[i]["name"], "old_lane": before[i]["lane"],
                          "new_lane": after[i]["lane"]} for i in common if before[i]["lane"] != after[i]["lane"]],
        "property_changes": _changes("", _process_props(old_root), _process_props(new_root)) + [
            change for i in common for change in _changes(i, before[i]["properties"], after[i]["properties"])],
        "condition_changes": [c for c in _changes("", _conditions(old_root), _conditions(new_root))
                              if (c["old"] or "") != (c["new"] or "")],  # a new flow without one changed nothing
        "file_changes": _file_changes(old.files, new.files),
        "xml_diff": _xml_diff(old, new),
    }


def _elements(root) -> dict[str, dict]:
    lanes = {}
    for lane in root.iter(f"{BPMN}lane"):
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            lanes[(ref.text or "").strip()] = lane.get("name") or lane.get("id")
    elements = {}
    for process in root.findall("bpmn:process", NS):
        for node in process.iter():
            if not isinstance(node.tag, str) or not node.tag.startswith(BPMN) or node.get("id") is None:
                continue
            kind = node.tag[len(BPMN):]
            if kind in NOT_ELEMENTS:
                continue
            elements[node.get("id")] = {"id": node.get("id"), "type": kind, "name": node.get("name") or "",
                                        "lane": lanes.get(node.get("id")), "properties": _task_props(node)}
    return elements


def _task_props(node) -> dict[str, str]:
    props = {}
    for prop in node.findall("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        props[prop.get("name", "")] = prop.get("value", "")
    for tag in ("instructionsForEndUser", "preScript", "postScript"):
        found = node.find(f"bpmn:extensionElements/spiffworkflow:{tag}", NS)
        if found is not None:
            props[tag] = (found.text or "").strip()
    script = node.find("bpmn:script", NS)
    if script is not None:
        props["script"] = (script.text or "").strip()
    return props


def _process_props(root) -> dict[str, str]:
    process = root.find("bpmn:process[@isExecutable='true']", NS)
    return process_properties(process) if process is not None else {}


def _conditions(root) -> dict[str, str]:
    found = {}
    for flow in root.iter(f"{BPMN}sequenceFlow"):
        condition = flow.find("bpmn:conditionExpression", NS)
        found[flow.get("id")] = (condition.text or "").strip() if condition is not None else ""
    return found


def _changes(element: str, old: dict, new: dict) -> list[dict]:
    return [{"element": element, "name": key, "old": old.get(key), "new": new.get(key)}
            for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


def _file_changes(old: dict, new: dict) -> list[dict]:
    changes = []
    for name in sorted(set(old) | set(new)):
        if name not in old:
            changes.append({"name": name, "change": "added"})
        elif name not in new:
            changes.append({"name": name, "change": "removed"})
        elif old[name] != new[name]:
            changes.append({"name": name, "change": "changed"})
    return changes


def _xml_diff(old, new) -> list[str]:
    lines = list(difflib.unified_diff(_pretty(old.bpmn_xml), _pretty(new.bpmn_xml),
                                      f"v{old.version}", f"v{new.version}", lineterm="", n=2))
    return lines[:MAX_XML_DIFF_LINES]


def _pretty(xml: str) -> list[str]:
    root = parse_xml(xml.encode("utf-8"), "version.bpmn")
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode").splitlines()
