"""Cases (process instances): open, read, list, cancel, send a message, read the history.

Each verb is one unit of work. A fault inside the diagram (a script or condition failing) rolls the
command back and then, in a transaction of its own, marks the case `error` with an audit event, so the
case is visibly stuck rather than half-changed.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm.exc import StaleDataError

from ..calendar.store import calendar_per_command
from ..calendar.urgency import with_urgency
from ..core.errors import InvalidInput, ProcessFault, RoleNotAllowed, StaleCase
from ..core.messages import N_
from ..core.principal import Principal
from ..core.status import CaseStatus
from ..definitions.form_checks import CheckContext
from ..definitions.forms import form_defaults, validate_version_form
from ..definitions.package import parameters
from ..definitions.validation import split_roles
from ..files.uploads import uploads_of
from ..files.writing import removed_on_failure, store_uploads
from ..people.scope import scoped_cases
from ..processes.business_keys import next_business_key
from ..store.tables import AuditEvent, Case, CaseLink, Task
from ..trust.access import changes_data
from ..trust.audit import record_event, record_reads
from ..trust.confidential import disclose, may_read
from ..trust.exclusions import not_excluded
from ..workflow.spiff_adapter import RuntimeFault
from .deadlines import deadline_history
from .index import index_case, key_of_code
from .overview import filter_by_due, window
from .prevalidation import check_acts_for_case, check_may_send, message_data, start_data
from .state import (
    LINKS_ADDED,
    case_data,
    case_links,
    lock_case,
    record_confirmed_warnings,
    record_fault,
    restore_workflow,
    running_case,
    visible_case,
)
from .step import persist_case
from .views import case_view, task_view

STATUSES = CaseStatus.ALL
READ_ACTIONS = ("confidential_read",)  # audited reads are in the audit log, not in the case's history


@changes_data
@calendar_per_command  # its validation before the lock reads the calendar's version for it
def start_case(services, principal: Principal, process_model_id: str, data: dict | None, *,
               confirm_warnings: bool = False, uploads=()) -> dict:
    """`confirm_warnings`: the person confirmed the warnings of the start form's checks (`x-checks`).
    `uploads`: the files sent with the start form (`engine.files.Upload`), stored with the case or not at all."""
    data = start_data(services, principal, process_model_id, data, confirm_warnings, uploads)  # before the lock
    with removed_on_failure(services, uploads_of(data)), services.uow() as uow:
        version = services.specs.version(uow.session, data.key[0])  # the latest when the request came
        version_number = version.version  # read before a rollback expires the row
        try:
            case, workflow, step = _open_case(services, uow, principal, version, data,
                                              commune_id=principal.commune_id, confirm_warnings=confirm_warnings)
        except RuntimeFault as fault:
            uow.rollback()
            record_fault(services, principal, None, fault, process_model_id, version_number)
            raise ProcessFault("Quy trình gặp lỗi khi khởi tạo hồ sơ; quản trị viên đã được ghi nhận.") from None
        # the answer is read inside the transaction (it is flushed): no second transaction to render it
        view, revealed = _case_detail(services, uow.session, principal, case, version, workflow, opened=step)
        uow.commit()
    record_reads(services, principal, case, revealed, "instance")
    return view


def open_case(services, uow, principal: Principal, version, data: dict, *, commune_id: int | None,
              parent: Case | None = None, relation: str | None = None, confirm_warnings: bool = False,
              typed: bool = True) -> Case:
    """Create a case in the caller's unit of work: validate the start data, run it to its first wait
    state, write its task rows, audit it, and link it to `parent` when a diagram opened it.

    `typed`: a person submitted `data` (a citizen on the portal). False when a diagram's service task or a
    schedule opens the case: the start form still checks the data's shape, but not its checks (`x-checks`),
    which are questions to the person typing, asked on the form where they typed it; a letter received
    "after today" would otherwise fault the visit that opens it on a later clock, instead of being refused
    to the officer who typed the visit's day."""
    return _open_case(services, uow, principal, version, data, commune_id=commune_id, parent=parent,
                      relation=relation, confirm_warnings=confirm_warnings, typed=typed)[0]


def _open_case(services, uow, principal: Principal, version, data: dict, *, commune_id: int | None,
               parent: Case | None = None, relation: str | None = None, confirm_warnings: bool = False,
               typed: bool = True):
    props = version.properties
    form = props.get("startForm")
    confirmed = {}
    checks = CheckContext(lambda: parameters(props), confirm_warnings, confirmed) if typed else None
    with running_case(services, uow, principal, parent):  # a form's checks may read the calendar
        accepted = validate_version_form(version, form, data, services.settings.eval_budget_seconds, checks)
    parsed = version.parsed
    now = services.clock.now()
    session = uow.session
    case = Case(
        id=str(uuid.uuid4()),
        business_key=next_business_key(uow, props["businessKeyPrefix"], now.astimezone(_tz(services))),
        process_model_id=version.process_model_id, version_id=version.id, version=version.version,
        commune_id=commune_id, status=CaseStatus.RUNNING, created_by=principal.username,
        created_at=now, updated_at=now, state="",
    )
    session.add(case)
    if parent is not None:
        link = CaseLink(from_instance_id=parent.id, to_instance_id=case.id, relation=relation or "mo_ho_so",
                        created_at=now)
        session.add(link)
        session.info.setdefault(LINKS_ADDED, []).append(link)  # held: the session keeps clean rows only weakly
    record_event(session, at=now, actor=principal.username, action="started", case=case,
                 data={**accepted, **({"parent": parent.business_key} if parent is not None else {})})
    record_confirmed_warnings(session, at=now, actor=principal.username, case=case, confirmed=confirmed)
    store_uploads(services, session, case, uploads_of(data), task_id=None, actor=principal.username)
    workflow = services.runner.new(parsed, {**parameters(props), **form_defaults(version, form), **accepted})
    with running_case(services, uow, principal, case):
        services.runner.run_engine_steps(workflow)
    step = persist_case(services, uow, case, parsed, workflow, actor=principal.username, new=True)
    index_case(session, case, version, accepted)
    return case, workflow, step


def get_case(services, principal: Principal, instance_id: str) -> dict:
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        version, _parsed, workflow = restore_workflow(services, uow.session, case)
        view, revealed = _case_detail(services, uow.session, principal, case, version, workflow)
    record_reads(services, principal, case, revealed, "instance")
    return view


def _case_detail(services, session, principal: Principal, case: Case, version, workflow, opened=None):
    """The case as its page shows it, and the confidential fields that revealed; `workflow` is live.
    `opened`: the step that opened the case in this transaction, whose rows are all the case has (its task
    rows, links and deadline history are then not read back)."""
    if opened is not None:
        tasks = [SimpleNamespace(**row) for row in sorted(opened.new_rows, key=lambda row: row["id"])]
    else:
        tasks = session.connection().execute(_CASE_TASKS, {"instance_id": case.id}).all()  # rows: no ORM loading
    view = case_view(case)
    # what the case knows, the open steps' data too: inside a sub-process the proposal and what its scripts
    # computed (a complaint's limitation date) are shown before the sub-process ends
    view["data"], revealed = disclose(session, principal, case, case_data(services.runner, workflow))
    view["tasks"] = with_urgency(services, [task_view(t) for t in tasks])
    view["messages"] = _available_messages(services, version, workflow, principal, case)
    view["process_name"] = version.name
    view["links"] = case_links(session, principal, case.id, opened=opened is not None)
    view["deadline_name"] = version.properties.get("caseDeadlineName")
    view["deadline_history"] = deadline_history(session, case.id, opened=opened is not None)
    with_urgency(services, [view], open_statuses=(CaseStatus.RUNNING,))
    return view, revealed


_CASE_TASKS = select(Task).where(Task.instance_id == bindparam("instance_id")).order_by(Task.created_at, Task.id)


def list_cases(services, principal: Principal, *, process_model: str | None = None,
                   status: str | None = None, business_key: str | None = None,
                   created_from: datetime | None = None, created_to: datetime | None = None,
                   sector: str | None = None, due: str | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    query = not_excluded(scoped_cases(select(Case), principal, Case.commune_id, Case.handling_unit_id),
                         Case.id, principal.username)
    if process_model:
        query = query.where(Case.process_model_id == process_model)
    if status:
        query = query.where(Case.status == status)
    if business_key:  # a citizen's tracking code names its case too
        query = query.where(Case.business_key == key_of_code(business_key))
    if sector:
        query = query.where(Case.sector == sector)
    if created_from:
        query = query.where(Case.created_at >= created_from)
    if created_to:
        query = query.where(Case.created_at <= created_to)
    query = filter_by_due(query, due, window(services))
    with services.uow(write=False) as uow:
        total = uow.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = uow.session.scalars(query.order_by(Case.created_at.desc(), Case.id)
                                   .limit(limit).offset(offset)).all()
        return [case_view(r) for r in rows], total


@changes_data
def cancel_case(services, principal: Principal, instance_id: str, reason: str = "") -> dict:
    with services.uow() as uow:
        case = lock_case(uow, principal, instance_id)
        version, parsed, workflow = restore_workflow(services, uow.session, case)
        check_may_cancel(principal, version, case)
        services.runner.cancel(workflow)
        now = services.clock.now()
        case.status = CaseStatus.CANCELLED
        case.ended_at = now
        persist_case(services, uow, case, parsed, workflow, actor=principal.username)
        record_event(uow.session, at=now, actor=principal.username, action="cancelled", case=case,
                     data={"reason": reason})
        _commit(uow)
    return get_case(services, principal, instance_id)


def check_may_cancel(principal: Principal, version, case) -> None:
    """Cancelling is for the roles the process names (`cancelRoles`), of the unit handling the case."""
    if not principal.has_role(*split_roles(version.properties.get("cancelRoles"))):
        raise RoleNotAllowed("Vai trò của bạn không được hủy hồ sơ này.")
    check_acts_for_case(principal, case)


def may_cancel(services, principal: Principal, instance_id: str) -> bool:
    """Whether `cancel_case` would let the user cancel the case now: the case page offers its button only
    then (a province's Chairman sees a commune's cases but does not act on those the commune handles)."""
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        if case.status != CaseStatus.RUNNING:
            return False
        try:
            check_may_cancel(principal, services.specs.version(uow.session, case.version_id), case)
        except RoleNotAllowed:
            return False
    return True


@changes_data
@calendar_per_command  # its validation before the lock reads the calendar's version for it
def send_message(services, principal: Principal, instance_id: str, name: str, data: dict | None, *,
                 confirm_warnings: bool = False) -> dict:
    data = message_data(services, principal, instance_id, name, data, confirm_warnings)  # before the lock
    with services.uow() as uow:
        case = lock_case(uow, principal, instance_id)
        version, parsed, workflow = restore_workflow(services, uow.session, case)
        check_may_send(principal, version, name, case)
        deliver_case_message(services, uow, principal, case, version, parsed, workflow, name, data,
                             not_waiting=N_("Hồ sơ hiện không chờ thông điệp này."),
                             confirm_warnings=confirm_warnings)
        _commit(uow)
    return get_case(services, principal, instance_id)


def deliver_case_message(services, uow, principal: Principal, case: Case, version, parsed, workflow,
                         name: str, data: dict | None, *, not_waiting: str, actor: str | None = None,
                         confirm_warnings: bool = False) -> None:
    """Validate a message's data against its form (and its checks, over the case as it is locked), deliver
    it to the waiting case, audit and persist it (not committed): the one path for staff messages and
    citizens' comments alike."""
    form = version.properties.get(f"message.{name}.form")
    confirmed = {}
    with running_case(services, uow, principal, case):  # a form's checks may read the calendar
        accepted = validate_version_form(version, form, data or {}, services.settings.eval_budget_seconds,
                                         CheckContext(lambda: services.runner.data(workflow), confirm_warnings,
                                                      confirmed))
    actor = actor or principal.username
    instance_id = case.id  # read before a rollback expires the row
    try:
        with running_case(services, uow, principal, case):
            delivered = services.runner.deliver_message(workflow, name, accepted)
    except RuntimeFault as fault:
        uow.rollback()
        record_fault(services, principal, instance_id, fault)
        raise ProcessFault("Quy trình gặp lỗi khi xử lý thông điệp.") from None
    if not delivered:
        raise InvalidInput(not_waiting, {"name": "Không áp dụng ở bước hiện tại."})
    record_event(uow.session, at=services.clock.now(), actor=actor, action="message", case=case,
                 data={"name": name, "data": accepted})
    record_confirmed_warnings(uow.session, at=services.clock.now(), actor=actor, case=case, confirmed=confirmed)
    persist_case(services, uow, case, parsed, workflow, actor=actor)


def case_history(services, principal: Principal, instance_id: str) -> list[dict]:
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        events = uow.session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id,
                                                              AuditEvent.action.not_in(READ_ACTIONS))
                                     .order_by(AuditEvent.id)).all()
        titles = dict(uow.session.execute(select(Task.id, Task.title).where(Task.instance_id == instance_id)).all())
        reader = may_read(uow.session, principal, case)
        items, revealed = [], set()
        for e in events:
            data, shown = disclose(uow.session, principal, case, e.data, reader)
            revealed |= shown
            items.append({"id": e.id, "occurred_at": e.occurred_at, "actor": e.actor, "action": e.action,
                          "task_id": e.task_id, "task_title": titles.get(e.task_id), "version": e.version,
                          "data": data})
    record_reads(services, principal, case, revealed, "history")
    return items


def _available_messages(services, version, workflow, principal, case) -> list[dict]:
    """The messages the case waits for, each `allowed` when `send_message` would take it from the user."""
    waiting = set(services.runner.waiting_messages(workflow))
    acts = principal.acts_for(case.handling_unit_id, case.commune_id)
    names = sorted(k[len("message."):-len(".roles")] for k in version.properties
                   if k.startswith("message.") and k.endswith(".roles"))
    return [{"name": n, "title": message_title(version, n),
             "allowed": acts and principal.has_role(*split_roles(version.properties[f"message.{n}.roles"]))}
            for n in names if n in waiting]


def message_title(version, name: str) -> str:
    """What staff read on the case page: the title of the message's form ("Rút khiếu nại"), as on the
    message's own page; the message's name when it has no form or the form no title."""
    form = version.properties.get(f"message.{name}.form")
    schema = version.form(form) if form in version.files else None
    return (schema or {}).get("title") or name


def _commit(uow) -> None:
    try:
        uow.commit()
    except StaleDataError:
        raise StaleCase("Hồ sơ vừa được người khác cập nhật; hãy tải lại.") from None


def _tz(services) -> ZoneInfo:
    return ZoneInfo(services.settings.timezone)
