"""Cases (process instances): open, read, list, cancel, send a message, read the history.

Each verb is one unit of work. A fault inside the diagram (a script or condition failing) rolls the
command back and then, in a transaction of its own, marks the case `error` with an audit event, so the
case is visibly stuck rather than half-changed.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm.exc import StaleDataError

from ..calendar.urgency import with_urgency
from ..core.errors import InvalidInput, ProcessFault, RoleNotAllowed, StaleInstance
from ..core.messages import N_
from ..core.principal import Principal
from ..definitions.forms import validate_version_form
from ..definitions.validation import split_roles
from ..people.scope import scoped
from ..processes.business_keys import next_business_key
from ..store.tables import AuditEvent, Instance, InstanceLink, Task
from ..trust.access import changes_data
from ..trust.audit import record_event, record_reads
from ..trust.confidential import disclose, may_read
from ..workflow.spiff_adapter import RuntimeFault
from .deadlines import deadline_history
from .index import index_case
from .prevalidation import check_may_send, message_data, start_data
from .state import (
    case_links,
    lock_instance,
    persist_case,
    record_fault,
    restore_workflow,
    running_case,
    visible_instance,
)
from .views import instance_view, task_view

STATUSES = ("running", "completed", "cancelled", "error")
READ_ACTIONS = ("confidential_read",)  # audited reads are in the audit log, not in the case's history


@changes_data
def start_instance(services, principal: Principal, process_model_id: str, data: dict | None) -> dict:
    data = start_data(services, principal, process_model_id, data)  # validated before anything is locked
    with services.uow() as uow:
        version = services.specs.version(uow.session, data.key[0])  # the latest when the request came
        version_number = version.version  # read before a rollback expires the row
        try:
            instance, workflow = _open_case(services, uow, principal, version, data,
                                            commune_id=principal.commune_id)
        except RuntimeFault as fault:
            uow.rollback()
            record_fault(services, principal, None, fault, process_model_id, version_number)
            raise ProcessFault("Quy trình gặp lỗi khi khởi tạo hồ sơ; quản trị viên đã được ghi nhận.") from None
        # the answer is read inside the transaction (it is flushed): no second transaction to render it
        view, revealed = _instance_detail(services, uow.session, principal, instance, version, workflow)
        uow.commit()
    record_reads(services, principal, instance, revealed, "instance")
    return view


def open_case(services, uow, principal: Principal, version, data: dict, *, commune_id: int | None,
              parent: Instance | None = None, relation: str | None = None) -> Instance:
    """Create a case in the caller's unit of work: validate the start data, run it to its first wait
    state, write its task rows, audit it, and link it to `parent` when a diagram opened it."""
    return _open_case(services, uow, principal, version, data, commune_id=commune_id, parent=parent,
                      relation=relation)[0]


def _open_case(services, uow, principal: Principal, version, data: dict, *, commune_id: int | None,
               parent: Instance | None = None, relation: str | None = None):
    props = version.properties
    form = props.get("startForm")
    accepted = validate_version_form(version, form, data, services.settings.eval_budget_seconds)
    parsed = version.parsed
    now = services.clock.now()
    session = uow.session
    instance = Instance(
        id=str(uuid.uuid4()),
        business_key=next_business_key(uow, props["businessKeyPrefix"], now.astimezone(_tz(services))),
        process_model_id=version.process_model_id, version_id=version.id, version=version.version,
        commune_id=commune_id, status="running", created_by=principal.username,
        created_at=now, updated_at=now, state="",
    )
    session.add(instance)
    if parent is not None:
        session.add(InstanceLink(from_instance_id=parent.id, to_instance_id=instance.id,
                                 relation=relation or "mo_ho_so", created_at=now))
    record_event(session, at=now, actor=principal.username, action="started", instance=instance,
                 data={**accepted, **({"parent": parent.business_key} if parent is not None else {})})
    workflow = services.runner.new(parsed, {**parameters(props), **accepted})
    with running_case(services, uow, principal, instance):
        services.runner.run_engine_steps(workflow)
    persist_case(services, uow, instance, parsed, workflow, actor=principal.username, new=True)
    index_case(session, instance, version, accepted)
    return instance, workflow


def parameters(properties: dict) -> dict:
    values = {}
    for key, raw in properties.items():
        if key.startswith("param."):
            values[key[len("param."):]] = int(raw) if raw.strip().lstrip("-").isdigit() else raw
    return values


def get_instance(services, principal: Principal, instance_id: str) -> dict:
    with services.uow(write=False) as uow:
        instance = visible_instance(uow.session, principal, instance_id)
        version, _parsed, workflow = restore_workflow(services, uow.session, instance)
        view, revealed = _instance_detail(services, uow.session, principal, instance, version, workflow)
    record_reads(services, principal, instance, revealed, "instance")
    return view


def _instance_detail(services, session, principal: Principal, instance: Instance, version, workflow):
    """The case as its page shows it, and the confidential fields that revealed; `workflow` is live."""
    tasks = session.connection().execute(_CASE_TASKS, {"instance_id": instance.id}).all()  # rows: no ORM loading
    view = instance_view(instance)
    view["data"], revealed = disclose(session, principal, instance, services.runner.data(workflow))
    view["tasks"] = with_urgency(services, [task_view(t) for t in tasks])
    view["messages"] = _available_messages(services, version, workflow, principal)
    view["process_name"] = version.name
    view["links"] = case_links(session, principal, instance.id)
    view["deadline_name"] = version.properties.get("caseDeadlineName")
    view["deadline_history"] = deadline_history(session, instance.id)
    with_urgency(services, [view], open_statuses=("running",))
    return view, revealed


_CASE_TASKS = select(Task).where(Task.instance_id == bindparam("instance_id")).order_by(Task.created_at, Task.id)


def list_instances(services, principal: Principal, *, process_model: str | None = None,
                   status: str | None = None, business_key: str | None = None,
                   created_from: datetime | None = None, created_to: datetime | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    query = select(Instance)
    query = scoped(query, principal, Instance.commune_id)
    if process_model:
        query = query.where(Instance.process_model_id == process_model)
    if status:
        query = query.where(Instance.status == status)
    if business_key:
        query = query.where(Instance.business_key == business_key)
    if created_from:
        query = query.where(Instance.created_at >= created_from)
    if created_to:
        query = query.where(Instance.created_at <= created_to)
    with services.uow(write=False) as uow:
        total = uow.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = uow.session.scalars(query.order_by(Instance.created_at.desc(), Instance.id)
                                   .limit(limit).offset(offset)).all()
        return [instance_view(r) for r in rows], total


@changes_data
def cancel_instance(services, principal: Principal, instance_id: str, reason: str = "") -> dict:
    with services.uow() as uow:
        instance = lock_instance(uow, principal, instance_id)
        version, parsed, workflow = restore_workflow(services, uow.session, instance)
        if not principal.has_role(*split_roles(version.properties.get("cancelRoles"))):
            raise RoleNotAllowed("Vai trò của bạn không được hủy hồ sơ này.")
        services.runner.cancel(workflow)
        now = services.clock.now()
        instance.status = "cancelled"
        instance.ended_at = now
        persist_case(services, uow, instance, parsed, workflow, actor=principal.username)
        record_event(uow.session, at=now, actor=principal.username, action="cancelled", instance=instance,
                     data={"reason": reason})
        _commit(uow)
    return get_instance(services, principal, instance_id)


@changes_data
def send_message(services, principal: Principal, instance_id: str, name: str, data: dict | None) -> dict:
    data = message_data(services, principal, instance_id, name, data)  # validated before the case is locked
    with services.uow() as uow:
        instance = lock_instance(uow, principal, instance_id)
        version, parsed, workflow = restore_workflow(services, uow.session, instance)
        check_may_send(principal, version, name)
        deliver_case_message(services, uow, principal, instance, version, parsed, workflow, name, data,
                             not_waiting=N_("Hồ sơ hiện không chờ thông điệp này."))
        _commit(uow)
    return get_instance(services, principal, instance_id)


def deliver_case_message(services, uow, principal: Principal, instance: Instance, version, parsed, workflow,
                         name: str, data: dict | None, *, not_waiting: str, actor: str | None = None) -> None:
    """Validate a message's data against its form, deliver it to the waiting case, audit and persist it
    (not committed): the one path for staff messages and citizens' comments alike."""
    form = version.properties.get(f"message.{name}.form")
    accepted = validate_version_form(version, form, data or {}, services.settings.eval_budget_seconds)
    actor = actor or principal.username
    instance_id = instance.id  # read before a rollback expires the row
    try:
        with running_case(services, uow, principal, instance):
            delivered = services.runner.deliver_message(workflow, name, accepted)
    except RuntimeFault as fault:
        uow.rollback()
        record_fault(services, principal, instance_id, fault)
        raise ProcessFault("Quy trình gặp lỗi khi xử lý thông điệp.") from None
    if not delivered:
        raise InvalidInput(not_waiting, {"name": "Không áp dụng ở bước hiện tại."})
    record_event(uow.session, at=services.clock.now(), actor=actor, action="message", instance=instance,
                 data={"name": name, "data": accepted})
    persist_case(services, uow, instance, parsed, workflow, actor=actor)


def instance_history(services, principal: Principal, instance_id: str) -> list[dict]:
    with services.uow(write=False) as uow:
        instance = visible_instance(uow.session, principal, instance_id)
        events = uow.session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id,
                                                              AuditEvent.action.not_in(READ_ACTIONS))
                                     .order_by(AuditEvent.id)).all()
        titles = dict(uow.session.execute(select(Task.id, Task.title).where(Task.instance_id == instance_id)).all())
        reader = may_read(uow.session, principal, instance)
        items, revealed = [], set()
        for e in events:
            data, shown = disclose(uow.session, principal, instance, e.data, reader)
            revealed |= shown
            items.append({"id": e.id, "occurred_at": e.occurred_at, "actor": e.actor, "action": e.action,
                          "task_id": e.task_id, "task_title": titles.get(e.task_id), "version": e.version,
                          "data": data})
    record_reads(services, principal, instance, revealed, "history")
    return items


def _available_messages(services, version, workflow, principal) -> list[dict]:
    waiting = set(services.runner.waiting_messages(workflow))
    names = sorted(k[len("message."):-len(".roles")] for k in version.properties
                   if k.startswith("message.") and k.endswith(".roles"))
    return [{"name": n, "title": _message_title(version, n),
             "allowed": principal.has_role(*split_roles(version.properties[f"message.{n}.roles"]))}
            for n in names if n in waiting]


def _message_title(version, name: str) -> str:
    """What staff read on the case page: the title of the message's form ("Rút khiếu nại"), as on the
    message's own page; the message's name when it has no form or the form no title."""
    form = version.properties.get(f"message.{name}.form")
    schema = version.form(form) if form in version.files else None
    return (schema or {}).get("title") or name


def _commit(uow) -> None:
    try:
        uow.commit()
    except StaleDataError:
        raise StaleInstance("Hồ sơ vừa được người khác cập nhật; hãy tải lại.") from None


def _tz(services) -> ZoneInfo:
    return ZoneInfo(services.settings.timezone)
