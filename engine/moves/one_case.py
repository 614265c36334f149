"""Moving one running case to another version of its process, in its own transaction under its row lock.

The workflow is restored on its own version, the move is planned (`engine.workflow.spiff_moves`: open tasks
mapped by id or by the administrator's mapping; refused when the path already walked changed or an open
task has no counterpart), then applied; the case row takes the new version, its open task rows the new
titles, forms and roles (a claim is released when the role changed), parameters the new version adds are
given to the case (those it has keep their values), and the step is written as every step is
(`engine.cases.step.persist_case`), with a `moved` audit event saying from, to, the mapping and who.

Dates: moving never changes a statutory date by itself. When the new version computes the case's deadline
another way, the case keeps the rule of the version it had (`instances.deadline_version_id`) unless the
administrator asked to recompute; a recomputed date is recorded (`recomputed`, with who and why) and never
earlier than the date the case has. Open tasks keep their due dates the same way. A waiting timer keeps its
due time (`spiff_moves`). A dry run does all of it and rolls back: what it reports is what the move does.
"""
from __future__ import annotations

from zoneinfo import ZoneInfo

from ..calendar.deadlines import task_due_at
from ..calendar.store import calendar_snapshot
from ..cases.deadlines import OPEN_TASKS_OF_CASE, deadline_rules, due_date_under
from ..cases.state import case_data, restore_workflow, running_case
from ..cases.step import persist_case
from ..cases.timer_rows import sync_timers
from ..core.status import TaskStatus
from ..definitions.package import parameters
from ..store.tables import CaseDeadlineChange
from ..trust.audit import record_event
from .reasons import reason

CASE_DEADLINE = ("caseDeadlineDays", "caseDeadlineFrom", "caseDeadlineKind")
TASK_DEADLINE = ("deadlineDays", "deadlineFrom", "deadlineKind")


def move_locked(services, uow, principal, case, target, mapping: dict, recompute: bool) -> dict:
    """Move `case` (locked, running) to `target` (a deployed version) in `uow`, not committed; the report."""
    session, runner = uow.session, services.runner
    old_version, old_parsed, workflow = restore_workflow(services, session, case)
    report = {"instance_id": case.id, "business_key": case.business_key, "from_version": case.version,
              "to_version": target.version, "outcome": "refused", "reasons": [], "tasks": [], "deadline": None,
              "timers": [], "parameters": []}
    if case.version_id == target.id:
        report["reasons"].append(reason("same_version"))
        return report
    plan = runner.plan_move(workflow, old_parsed, target.parsed, mapping)
    report["tasks"] = [{"task_id": t.task_id, "state": t.state, "element": t.element, "title": t.title,
                        "to_element": t.to_element, "to_title": t.to_title, "changes": t.changes}
                       for t in plan.tasks]
    if plan.refusals:
        titles = {t.element: t.title for t in plan.tasks}
        seen = set()
        for refusal in plan.refusals:
            if (refusal.code, refusal.element) not in seen:
                seen.add((refusal.code, refusal.element))
                report["reasons"].append(reason(refusal.code, refusal.element, titles.get(refusal.element, ""),
                                                refusal.detail))
        return report
    before = {t.task_id: t for t in runner.pending_timers(workflow)}
    data = case_data(runner, workflow)
    report["parameters"], added = _parameters(old_version.properties, target.properties, data)
    with running_case(services, uow, principal, case):
        runner.move(workflow, plan, target.parsed)
    runner.add_open_task_data(workflow, added)
    report["timers"] = _timers(before, {t.task_id: t for t in runner.pending_timers(workflow)})
    data = case_data(runner, workflow)
    report["deadline"] = _case_deadline(services, session, principal, case, old_version, target, data, recompute)
    case.version_id, case.version = target.id, target.version
    _task_rows(services, session, case, workflow, old_parsed, target.parsed, recompute, report)
    persist_case(services, uow, case, target.parsed, workflow, actor=principal.username)
    if not target.parsed.has_timers:  # the step keeps no timer rows then: those of the old version end here
        sync_timers(services, session, case, workflow, actor=principal.username)
    record_event(session, at=services.clock.now(), actor=principal.username, action="moved", case=case,
                 version=target.version, data={
                     "from_version": report["from_version"], "to_version": target.version, "mapping": mapping,
                     "tasks": [[t["element"], t["to_element"]] for t in report["tasks"]],
                     "deadline": _jsonable(report["deadline"]), "recompute_deadlines": recompute})
    report["outcome"] = "moved"
    return report


def _parameters(old: dict, new: dict, data: dict) -> tuple[list[dict], dict]:
    """Parameters of the new version: a new one is given to the case (returned to add); one it has keeps
    its value."""
    added, rows = {}, []
    old_values, new_values = parameters(old), parameters(new)
    for name, value in sorted(new_values.items()):
        if name not in data:
            added[name] = value
            rows.append({"name": name, "value": None, "new_value": value, "action": "added"})
        elif old_values.get(name) != value:
            rows.append({"name": name, "value": data[name], "new_value": value, "action": "kept"})
    return rows, added


def _timers(before: dict, after: dict) -> list[dict]:
    rows = []
    for task_id, timer in before.items():
        now = after.get(task_id)
        action = "cancelled" if now is None else ("kept" if now.due_at == timer.due_at else "changed")
        rows.append({"element": timer.element, "due_at": timer.due_at,
                     "new_due_at": None if now is None else now.due_at, "action": action})
    rows += [{"element": t.element, "due_at": None, "new_due_at": t.due_at, "action": "new"}
             for task_id, t in after.items() if task_id not in before]
    return rows


def _case_deadline(services, session, principal, case, old_version, target, data, recompute) -> dict | None:
    """Keep the rule (and so the date) the case had, unless asked to recompute and the new date is not earlier."""
    old_rules = deadline_rules(services, session, case, old_version)
    new_rules = target.properties
    if not any(k in old_rules or k in new_rules for k in CASE_DEADLINE):
        return None
    current, proposed = case.due_at, due_date_under(services, session, case, new_rules, data)
    result = {"name": new_rules.get("caseDeadlineName") or old_rules.get("caseDeadlineName"), "due_at": current,
              "new_due_at": proposed}
    if all(old_rules.get(k) == new_rules.get(k) for k in CASE_DEADLINE):
        case.deadline_version_id = None
        return {**result, "action": "unchanged"}
    kept = case.deadline_version_id or old_version.id
    if not recompute:
        action = "kept"
    elif proposed is None:
        action = "kept_no_date"
    elif current is not None and proposed < current:
        action = "kept_would_shorten"
    else:
        case.deadline_version_id = None
        if proposed != current:
            session.add(CaseDeadlineChange(instance_id=case.id, changed_at=services.clock.now(),
                                           actor=principal.username, kind="recomputed", previous_due_at=current,
                                           due_at=proposed, reason=f"Chuyển sang phiên bản {target.version}"))
            case.due_at = proposed
        return {**result, "action": "recomputed"}
    case.deadline_version_id = kept
    return {**result, "action": action}


def _task_rows(services, session, case, workflow, old_parsed, new_parsed, recompute, report) -> None:
    """The open task rows take the new version's name, title, form and role; a claim is released when the
    role changed; a due date is recomputed only when asked, and never earlier."""
    runner, tz = services.runner, ZoneInfo(services.settings.timezone)
    calendar = calendar_snapshot(services.calendar)
    moves = {t["task_id"]: t for t in report["tasks"]}
    for row in session.scalars(OPEN_TASKS_OF_CASE, {"instance_id": case.id}).all():
        task = runner.find_task(workflow, row.id)
        info = new_parsed.user_tasks.get(task.task_spec.name) if task is not None else None
        if info is None:
            continue  # the step writes it off (cancelled) like any vanished task
        entry = moves.setdefault(row.id, {"task_id": row.id, "element": row.name, "title": row.title})
        entry.update(due_at=row.due_at, new_due_at=row.due_at, claim_released=False)
        old_info = old_parsed.user_tasks.get(row.name)
        if old_info is None or any(old_info.properties.get(k) != info.properties.get(k) for k in TASK_DEADLINE):
            proposed = task_due_at(info.properties, task.data, row.created_at, calendar, tz)
            entry["new_due_at"] = proposed
            if recompute and proposed is not None and (row.due_at is None or proposed > row.due_at):
                row.due_at = proposed
        if row.role != (info.lane or "") and row.assignee is not None:
            row.assignee, row.status, row.claimed_at = None, TaskStatus.READY, None
            entry["claim_released"] = True
        row.name, row.title, row.role = info.name, info.title, info.lane or ""
        row.form = info.properties.get("formJsonSchemaFilename")
    report["tasks"] = list(moves.values())


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value.isoformat() if hasattr(value, "isoformat") else value

