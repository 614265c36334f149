"""The statutory due date of a case (e.g. the complaint decision date) and the history of its changes.

Notation (process properties; see docs/bpmn-conventions.md "Deadlines of a case"):
- `caseDeadlineDays`: expression over the case data giving the number of days (`thoi_han_giai_quyet_ap_dung`);
- `caseDeadlineFrom`: expression giving the start date (`ngay_thu_ly`); default: the day the case opened;
- `caseDeadlineKind`: `calendar` (default) or `working`; `caseDeadlineName`: what the date is, for people.
A user task may extend the case deadline when it is completed (a written extension decision):
- `extendsCaseDeadline`: expression over the submitted data giving the extra days (`so_ngay_gia_han`);
- `extensionReason`: expression giving the reason recorded with it (`ly_do_gia_han`).
A user task with `deadlineCase` = `true` is due when the case is, and follows every change of it.

After every step (`persist_case`) the due date is recomputed: the base period from the case data (so the
complaint's complex/remote flags, which change `thoi_han_giai_quyet_ap_dung`, move it), then every recorded
extension in order, each counted from the last day reached so far. A change is recorded with who made it;
an extension also with its days and reason. Data that cannot determine the base yet (no acceptance date)
leaves the due date as it was: the case goes on.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, select

from ..calendar.deadlines import as_date
from ..calendar.store import calendar_snapshot
from ..core.errors import InvalidInput
from ..core.status import OPEN_TASK_STATUSES
from ..core.timezone import commune_tz
from ..store.tables import Case, CaseDeadlineChange, Task
from ..workflow.scripting import evaluate_expression

MAX_EXTENSION_DAYS = 3650


def project_deadline(step) -> None:
    """The case-step projection (`engine.cases.step`): the statutory deadline and its history."""
    update_case_deadline(step.services, step.session, step.case, step.version, step.parsed, step.workflow, step.data,
                         actor=step.actor, completed_task_id=step.completed_task_id,
                         history=() if step.new else step.deadline_history)  # none when it opens


def deadline_rules(services, session, case: Case, version) -> dict:
    """The properties that give the case's statutory date: its version's; for a case moved to another version
    whose administrator kept the rule it had (`engine.moves`), those of the version it was moved from."""
    if case.deadline_version_id is None:
        return version.properties
    return services.specs.version(session, case.deadline_version_id).properties


def due_date_under(services, session, case: Case, props: dict, data: dict) -> datetime | None:
    """The statutory date `props` (a version's properties) would give the case now: the base period from the
    case data, then every extension recorded; None when the rule gives no date (yet). Nothing is written."""
    if "caseDeadlineDays" not in props:
        return None
    tz = commune_tz(services)
    calendar = calendar_snapshot(services.calendar)
    kind = props.get("caseDeadlineKind", "calendar")
    last = _base_last_day(props, data, case, calendar, kind, tz)
    if last is None:
        return None
    for row in session.connection().execute(_HISTORY, {"instance_id": case.id}).all():
        if row.kind == "extension" and row.days:
            last = calendar.deadline(last, row.days, kind)
    return datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)


def update_case_deadline(services, session, case: Case, version, parsed, workflow, data: dict, *,
                         actor: str, completed_task_id: str | None = None, history=None) -> None:
    """`data`: what the case knows now (`engine.cases.state.case_data`); `history`: the case's recorded
    changes when the caller knows them (none for a case opening), else read here."""
    props = deadline_rules(services, session, case, version)
    if "caseDeadlineDays" not in props:
        return
    tz = commune_tz(services)
    calendar = calendar_snapshot(services.calendar)
    kind = props.get("caseDeadlineKind", "calendar")
    base = _base_last_day(props, data, case, calendar, kind, tz)
    if history is None:
        history = session.connection().execute(_HISTORY, {"instance_id": case.id}).all()
    extension = _extension(services.runner, parsed, workflow, completed_task_id)
    if base is None:
        if case.due_at is None:
            return
        last, extensions = _last_day(case.due_at, tz), []
    else:
        last, extensions = base, [h.days for h in history if h.kind == "extension" and h.days]
    if extension is not None:
        extensions.append(extension[0])
    for days in extensions:
        last = calendar.deadline(last, days, kind)
    due_at = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    now = services.clock.now()
    if extension is not None or case.due_at is None or case.due_at != due_at:
        session.flush()  # a new case's row first: the history refers to it, and no relationship orders them
    if extension is not None:
        _add(session, CaseDeadlineChange(instance_id=case.id, changed_at=now, actor=actor, kind="extension",
                                         previous_due_at=case.due_at, due_at=due_at, days=extension[0],
                                         reason=extension[1], task_id=completed_task_id))
    elif case.due_at is None or case.due_at != due_at:
        _add(session, CaseDeadlineChange(instance_id=case.id, changed_at=now, actor=actor, kind="computed",
                                         previous_due_at=case.due_at, due_at=due_at))
    case.due_at = due_at
    _follow_case_deadline(session, case, parsed)


ADDED = "danchu_deadline_changes"  # the changes this transaction recorded, in order (`deadline_history`)


def _add(session, change: CaseDeadlineChange) -> None:
    session.add(change)
    session.info.setdefault(ADDED, []).append(change)  # held: the session keeps clean rows only weakly


def deadline_history(session, instance_id: str, *, opened: bool = False) -> list[dict]:
    """`opened`: the case opened in this session's transaction, so its history is what the session holds
    (nothing to read back)."""
    if opened:
        rows = [row for row in session.info.get(ADDED, ()) if row.instance_id == instance_id]
    else:
        rows = session.connection().execute(_HISTORY, {"instance_id": instance_id}).all()  # rows: no ORM loading
    return [{"changed_at": r.changed_at, "actor": r.actor, "kind": r.kind, "previous_due_at": r.previous_due_at,
             "due_at": r.due_at, "days": r.days, "reason": r.reason, "task_id": r.task_id} for r in rows]


_HISTORY = (select(CaseDeadlineChange).where(CaseDeadlineChange.instance_id == bindparam("instance_id"))
            .order_by(CaseDeadlineChange.id))


def _base_last_day(props, data, case, calendar, kind, tz) -> date | None:
    try:
        days = int(evaluate_expression(props["caseDeadlineDays"], data))
        start = case.created_at.astimezone(tz).date()
        if props.get("caseDeadlineFrom"):
            start = as_date(evaluate_expression(props["caseDeadlineFrom"], data))
        return calendar.deadline(start, days, kind)
    except Exception:  # noqa: BLE001 - data that cannot determine the date yet: keep the case going
        return None


def _extension(runner, parsed, workflow, task_id) -> tuple[int, str | None] | None:
    """The (days, reason) of an extension decided by the task just completed, if it decides one."""
    if task_id is None:
        return None
    spiff_task = runner.find_task(workflow, task_id)  # the workflow knows the task: no row to read
    info = parsed.user_tasks.get(spiff_task.task_spec.name) if spiff_task is not None else None
    if info is None or not info.properties.get("extendsCaseDeadline"):
        return None
    data = dict(spiff_task.data)
    try:
        days = evaluate_expression(info.properties["extendsCaseDeadline"], data)
    except Exception:  # noqa: BLE001 - the form left the extension empty: no extension decided
        return None
    if days is None or days == 0:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 0 < days <= MAX_EXTENSION_DAYS:
        raise InvalidInput("Số ngày gia hạn không hợp lệ.",
                           {"extendsCaseDeadline": f"Phải là số nguyên từ 1 đến {MAX_EXTENSION_DAYS}."})
    reason = None
    if info.properties.get("extensionReason"):
        try:
            value = evaluate_expression(info.properties["extensionReason"], data)
            reason = None if value is None else str(value)[:2000]
        except Exception:  # noqa: BLE001 - a missing optional reason does not block the decision
            reason = None
    return days, reason


def _follow_case_deadline(session, case: Case, parsed) -> None:
    """Open tasks marked `deadlineCase` carry the case's date."""
    if not any(str(info.properties.get("deadlineCase", "")).lower() == "true" for info in parsed.user_tasks.values()):
        return
    session.flush()
    for row in session.scalars(OPEN_TASKS_OF_CASE, {"instance_id": case.id}):
        info = parsed.user_tasks.get(row.name)
        if info is not None and str(info.properties.get("deadlineCase", "")).lower() == "true":
            row.due_at = case.due_at


# A case's open task rows (also `persist_case`'s, which compares them with the workflow), built once.
OPEN_TASKS_OF_CASE = select(Task).where(Task.instance_id == bindparam("instance_id"),
                                        Task.status.in_(OPEN_TASK_STATUSES))


def _last_day(due_at: datetime, tz) -> date:
    return (due_at.astimezone(tz) - timedelta(microseconds=1)).date()

