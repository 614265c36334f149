"""Deploy-time checks of the deadline notation (see docs/bpmn-conventions.md, "Deadlines").

What would otherwise fail late, or silently leave a case without a due date: an expression the sandbox
refuses, an unknown kind of days, an extension or a case-following task in a process that declares no
case deadline, a calendar function called with a literal kind it does not know.
"""
from __future__ import annotations

import ast

from ..workflow.diagram_xml import NS
from ..workflow.scripting_checks import expression_problems
from .package import element_properties

BPMN = "{%s}" % NS["bpmn"]
KINDS = ("calendar", "working")
CALENDAR_CALLS = {"han_cuoi": 2, "nhac_truoc_han": 2, "ngay_cuoi": 2}  # function -> position of the `loai` argument


def check_deadline_notation(root, process, properties: dict, problems: list) -> None:
    pid = process.get("id")
    for key in ("caseDeadlineDays", "caseDeadlineFrom"):
        if key in properties:
            for message in expression_problems(properties[key]):
                problems.append(_problem(pid, f"{key}: {message}"))
    if "caseDeadlineFrom" in properties and "caseDeadlineDays" not in properties:
        problems.append(_problem(pid, "caseDeadlineFrom cần có caseDeadlineDays."))
    if properties.get("caseDeadlineKind", "calendar") not in KINDS:
        problems.append(_problem(pid, "caseDeadlineKind phải là 'calendar' hoặc 'working'."))
    has_case_deadline = "caseDeadlineDays" in properties
    for task in process.iter(f"{BPMN}userTask"):
        props = element_properties(task)
        kind = props.get("deadlineKind", "calendar")
        if kind not in KINDS and properties.get(f"param.{kind}") not in KINDS:
            problems.append(_problem(task.get("id"), "deadlineKind phải là 'calendar', 'working' hoặc tên một "
                                                     "tham số (param.*) có giá trị 'calendar' hoặc 'working'."))
        for key in ("extendsCaseDeadline", "extensionReason"):
            if key in props:
                for message in expression_problems(props[key]):
                    problems.append(_problem(task.get("id"), f"{key}: {message}"))
        if "extensionReason" in props and "extendsCaseDeadline" not in props:
            problems.append(_problem(task.get("id"), "extensionReason cần có extendsCaseDeadline."))
        if "deadlineCase" in props and props["deadlineCase"].lower() not in ("true", "false"):
            problems.append(_problem(task.get("id"), "deadlineCase phải là 'true' hoặc 'false'."))
        wants_case = "extendsCaseDeadline" in props or props.get("deadlineCase", "").lower() == "true"
        if wants_case and not has_case_deadline:
            problems.append(_problem(task.get("id"), "Quy trình chưa khai báo hạn của hồ sơ (caseDeadlineDays)."))
        if props.get("deadlineCase", "").lower() == "true" and "deadlineDays" in props:
            problems.append(_problem(task.get("id"), "Chỉ dùng một trong deadlineCase và deadlineDays."))
    texts = [(pid, properties.get(k, "")) for k in ("caseDeadlineDays", "caseDeadlineFrom")]
    for tag in ("timeDuration", "timeDate", "timeCycle"):
        for node in root.iter(f"{BPMN}{tag}"):
            texts.append((node.getparent().getparent().get("id"), node.text or ""))
    for owner, text in texts:
        for message in calendar_call_problems(text):
            problems.append(_problem(owner, message))


def calendar_call_problems(text: str) -> list[str]:
    """A calendar function called with a literal kind of days it does not know, or without its start and days."""
    try:
        tree = ast.parse((text or "").strip(), mode="eval")
    except SyntaxError:
        return []  # reported by the expression checks
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALENDAR_CALLS:
            position = CALENDAR_CALLS[node.func.id]
            kind = node.args[position] if len(node.args) > position else next(
                (k.value for k in node.keywords if k.arg == "loai"), None)
            if isinstance(kind, ast.Constant) and kind.value not in KINDS:
                problems.append(f"{node.func.id}: loại ngày phải là 'calendar' hoặc 'working'.")
            if len(node.args) < 2:
                problems.append(f"{node.func.id} cần ngày bắt đầu và số ngày.")
    return problems


def _problem(element, message: str) -> dict:
    return {"element": element or "", "message": message}
