"""The lint rules of a diagram, by name: what the modeler's bpmnlint runs as the administrator draws
(`web/frontend/src/lint/`), and what deploy refuses, whatever the client.

Each problem is `{rule, element, message}`; the rule names are the bpmnlint plugin's (`danchu/<rule>`), so the
two judges can be compared on a shared corpus of diagrams (`tests/lint/`), which they must judge the same.
Structural rules: a process or sub-process needs a start and an end event; no flow node is left without a
sequence flow (`no-disconnected`) or out of reach of every start (`unreachable`); a gateway with one way in
and one way out does nothing (`superfluous-gateway`); an exclusive or inclusive gateway without a default
flow needs a condition on every outgoing flow (`conditional-flows`); a user task has a form
(`user-task-form`). danchu's rules: a user task sits in a lane named after a known role (`lane-role`), the
deadline notation parses (`deadline`), and every script, condition (a flow's, a document's `document.when`)
and timer passes the restricted evaluator (`sandbox`). The last two ask the evaluator
(`engine.definitions.verdicts`), which the modeler reaches through the server: there is one sandbox, in Python.

Connections are read from the sequence flows' `sourceRef`/`targetRef` (the `incoming`/`outgoing` children
are optional in BPMN and some writers leave them out), within each scope (a process, a sub-process).
"""
from __future__ import annotations

import re

from ..core.messages import N_
from ..core.roles import is_known_role
from ..workflow.diagram_xml import NS
from .deadline_validation import check_deadline_notation
from .package import element_properties
from .verdicts import verdict

BPMN = "{%s}" % NS["bpmn"]
SPIFF = "{%s}" % NS["spiffworkflow"]
RULES = ("danchu/start-event-required", "danchu/end-event-required", "danchu/no-disconnected",
         "danchu/unreachable", "danchu/superfluous-gateway", "danchu/conditional-flows", "danchu/user-task-form",
         "danchu/lane-role", "danchu/deadline", "danchu/sandbox")
ACTIVITIES = {"task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask",
              "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway"}
FLOW_NODES = ACTIVITIES | EVENTS | GATEWAYS
SCOPES = {"process", "subProcess", "transaction"}
# What each rule says, and what to do about it; the bpmnlint plugin says the same (tests/lint compares them).
# Each is a catalogue message id (`N_`): the web says it in the reader's language (`say_lint`), the modeler's
# bpmnlint too, given the page's translations of these very texts (`LINT_TEXTS`); the API keeps Vietnamese.
MESSAGES = {
    "start": N_("Thiếu sự kiện bắt đầu: thêm một sự kiện bắt đầu và nối nó tới bước đầu tiên."),
    "end": N_("Thiếu sự kiện kết thúc: thêm một sự kiện kết thúc và nối bước cuối tới nó."),
    "disconnected": N_("Phần tử không nối với luồng nào: nối nó vào quy trình hoặc xóa nó."),
    "unreachable": N_("Không đi tới được phần tử này từ sự kiện bắt đầu: nối một luồng tới nó hoặc xóa nó."),
    "superfluous": N_("Cổng chỉ có một luồng vào và một luồng ra, không rẽ nhánh gì: xóa cổng hoặc thêm nhánh."),
    "no_form": N_("Công việc người dùng cần một biểu mẫu: chọn hoặc tạo biểu mẫu ở nhóm Công việc (danchu) của "
                  "bảng thuộc tính."),
    "no_lane": N_("Công việc người dùng phải nằm trong một làn: kéo nó vào làn của vai trò làm việc này."),
    "bare_flows": N_("Cổng rẽ nhánh cần luồng mặc định hoặc điều kiện trên mọi nhánh (thiếu: {flows}): ghi điều "
                     "kiện cho các nhánh ấy hoặc chọn một nhánh mặc định."),
    "unknown_role": N_("Tên làn {role} không phải là mã vai trò đã biết: chọn vai trò của làn trong bảng thuộc "
                       "tính."),
}
LINT_TEXTS = tuple(MESSAGES.values())
_FILLED = [(template, re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*)", re.escape(template)) + "$", re.S))
           for template in LINT_TEXTS if "{" in template]
WHEN_PROPERTY = re.compile(r"^document\.(\d+\.)?when$")


def lint_problems(root, process, properties: dict) -> list[dict]:
    """Every lint problem of the executable `process` of the diagram `root` (its `properties` parsed)."""
    problems: list[dict] = []
    for scope in [process, *(n for n in process.iter() if _local(n) in SCOPES and n is not process)]:
        _check_scope(scope, problems)
    _check_user_tasks(process, problems)
    deadline: list[dict] = []
    check_deadline_notation(root, process, properties, deadline)
    problems.extend(_tagged("danchu/deadline", deadline))
    _check_sandbox(root, problems)
    return problems


def say_lint(text: str, gettext) -> str | None:
    """A lint rule's message in the reader's language (`gettext` translates a catalogue id), a filled one by
    its template; None when `text` is no rule's (an evaluator's verdict, another deploy check)."""
    if text in LINT_TEXTS:
        return gettext(text)
    for template, pattern in _FILLED:
        match = pattern.match(text)
        if match:
            return gettext(template).format(**match.groupdict())
    return None


def _local(node) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag[len(BPMN):] if tag.startswith(BPMN) else ""


def _problem(rule: str, element: str | None, message: str) -> dict:
    return {"rule": rule, "element": element or "", "message": message}


def _tagged(rule: str, problems: list[dict]) -> list[dict]:
    return [{"rule": rule, **problem} for problem in problems]


def _is_event_subprocess(node) -> bool:
    return _local(node) == "subProcess" and node.get("triggeredByEvent") == "true"


def _is_compensation(node) -> bool:
    if node.get("isForCompensation") == "true":
        return True
    definitions = [c for c in node if _local(c).endswith("EventDefinition")]
    return _local(node) == "boundaryEvent" and len(definitions) == 1 and \
        _local(definitions[0]) == "compensateEventDefinition"


def _check_scope(scope, problems) -> None:
    nodes = [n for n in scope if _local(n) in FLOW_NODES]
    flows = [f for f in scope if _local(f) == "sequenceFlow"]
    scope_id = scope.get("id")
    if _local(scope) != "adHocSubProcess":
        if not any(_local(n) == "startEvent" for n in nodes):
            problems.append(_problem("danchu/start-event-required", scope_id, MESSAGES["start"]))
        if not any(_local(n) == "endEvent" for n in nodes):
            problems.append(_problem("danchu/end-event-required", scope_id, MESSAGES["end"]))
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow in flows:
        outgoing.setdefault(flow.get("sourceRef"), []).append(flow.get("targetRef"))
        incoming.setdefault(flow.get("targetRef"), []).append(flow.get("sourceRef"))
    judged = [n for n in nodes if not _is_event_subprocess(n) and not _is_compensation(n)]
    disconnected = {n.get("id") for n in judged if not incoming.get(n.get("id")) and not outgoing.get(n.get("id"))}
    for node in judged:
        if node.get("id") in disconnected:
            problems.append(_problem("danchu/no-disconnected", node.get("id"),
                                     MESSAGES["disconnected"]))
    reached = _reachable(nodes, outgoing)
    for node in judged:
        if node.get("id") not in reached and node.get("id") not in disconnected:
            problems.append(_problem("danchu/unreachable", node.get("id"),
                                     MESSAGES["unreachable"]))
    for node in nodes:
        node_id = node.get("id")
        if _local(node) in GATEWAYS and len(incoming.get(node_id, [])) == 1 and len(outgoing.get(node_id, [])) == 1:
            problems.append(_problem("danchu/superfluous-gateway", node_id,
                                     MESSAGES["superfluous"]))
    _check_conditional_flows(nodes, flows, problems)


def _reachable(nodes, outgoing) -> set[str]:
    """What a token can reach from the scope's start events (and link catch events), a boundary event with
    the activity it is attached to."""
    attached: dict[str, list[str]] = {}
    for node in nodes:
        if _local(node) == "boundaryEvent":
            attached.setdefault(node.get("attachedToRef"), []).append(node.get("id"))
    pending = [n.get("id") for n in nodes if _local(n) == "startEvent" or (
        _local(n) == "intermediateCatchEvent" and any(_local(c) == "linkEventDefinition" for c in n))]
    reached: set[str] = set()
    while pending:
        current = pending.pop()
        if current in reached:
            continue
        reached.add(current)
        pending.extend(outgoing.get(current, []))
        pending.extend(attached.get(current, []))
    return reached


def _check_conditional_flows(nodes, flows, problems) -> None:
    by_source: dict[str, list] = {}
    for flow in flows:
        by_source.setdefault(flow.get("sourceRef"), []).append(flow)
    for gateway in nodes:
        if _local(gateway) not in ("exclusiveGateway", "inclusiveGateway") or gateway.get("default"):
            continue
        outgoing = by_source.get(gateway.get("id"), [])
        bare = [f.get("id") for f in outgoing if f.find("bpmn:conditionExpression", NS) is None]
        if len(outgoing) >= 2 and bare:
            problems.append(_problem("danchu/conditional-flows", gateway.get("id"),
                                     MESSAGES["bare_flows"].format(flows=", ".join(bare))))


def lanes_of(process) -> dict[str, str]:
    """The lane name (a role code) of each flow node a lane lists; a nested lane's name wins."""
    lane_of = {}
    for lane in process.iter(f"{BPMN}lane"):
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            lane_of[(ref.text or "").strip()] = lane.get("name") or ""
    return lane_of


def _check_user_tasks(process, problems) -> None:
    lane_of = lanes_of(process)
    for task in process.iter(f"{BPMN}userTask"):
        task_id = task.get("id")
        if not (element_properties(task).get("formJsonSchemaFilename") or "").strip():
            problems.append(_problem("danchu/user-task-form", task_id,
                                     MESSAGES["no_form"]))
        role = lane_of.get(task_id)
        if role is None:
            problems.append(_problem("danchu/lane-role", task_id,
                                     MESSAGES["no_lane"]))
        elif not is_known_role(role):
            problems.append(_problem("danchu/lane-role", task_id,
                                     MESSAGES["unknown_role"].format(role=repr(role[:40]))))


def _owner_id(node) -> str | None:
    while node is not None and node.get("id") is None:
        node = node.getparent()
    return node.get("id") if node is not None else None


def _check_sandbox(root, problems) -> None:
    """Conditions, timers, scripts (tasks, pre- and post-scripts) and service-task parameters, as the
    restricted evaluator judges them."""
    found: list[tuple[str | None, str, str, str]] = []  # (owner, kind, text, label)
    for node in root.iter(f"{BPMN}conditionExpression"):
        found.append((node.getparent().get("id"), "expression", node.text or "", "Điều kiện"))
    for tag in ("timeDuration", "timeDate", "timeCycle"):
        for node in root.iter(f"{BPMN}{tag}"):
            found.append((node.getparent().getparent().get("id"), "timer", node.text or "", "Hẹn giờ"))
    for tag, kind, label in ((f"{BPMN}script", "script", "Kịch bản"), (f"{SPIFF}preScript", "script", "preScript"),
                             (f"{SPIFF}postScript", "script", "postScript")):
        for node in root.iter(tag):
            found.append((_owner_id(node), kind, node.text or "", label))
    for task in root.iter(f"{BPMN}userTask"):
        props = element_properties(task)
        for key in ("deadlineDays", "deadlineFrom"):
            if key in props:
                found.append((task.get("id"), "expression", props[key], key))
        for key in sorted(k for k in props if WHEN_PROPERTY.match(k)):  # document.when, document.2.when
            found.append((task.get("id"), "expression", props[key], key))
    for operator in root.iter(f"{SPIFF}serviceTaskOperator"):
        owner = _owner_id(operator.getparent())
        for param in operator.iter(f"{SPIFF}parameter"):
            found.append((owner, "expression", param.get("value") or "", f"Tham số {param.get('id')}"))
    for owner, kind, text, label in found:
        rule = "danchu/deadline" if label in ("deadlineDays", "deadlineFrom") else "danchu/sandbox"
        for message in verdict(kind, text):
            problems.append(_problem(rule, owner, f"{label}: {message}"))
