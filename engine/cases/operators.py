"""The case operators diagrams may call (see `engine.workflow.service_tasks`; registered by `engine.services`).

`danchu.start_case`: open a case of another process, linked to the running one; e.g. a letter
(`xu_ly_don`) classified as a complaint opens a `khieu_nai` case, a mixed letter opens several.
Params (each a restricted expression): `process_model`, `data` (dict for its start form), `relation`
(link name, default `mo_ho_so`). Returns `{"id", "business_key"}` into the task's result variable. The
start form checks the data's shape, not its checks (`x-checks`): they were asked where a person typed the data.

`danchu.roles_held`: which of `roles` the accounts `accounts` (ids, e.g. the denounced person's) hold among
the active people of the case's commune and its hamlets: a list, empty when none. A denunciation asks whether
the person denounced is the one who would decide it (`['chu_tich', 'pho_chu_tich']`).

`danchu.transfer_case`: the case moves to the authority above its commune (`level`: `'province'`, the only
level since the two-level government of 1 July 2025), with a `reason`. From this step on, its tasks are the
work of the province's role holders, the commune's people no longer see it (`Principal.sees_case`), and only
the province's Chairman and handlers read its confidential values; its open tasks, if any, move with it,
unclaimed. Recorded as the audit event `transferred`. Returns `{"unit", "unit_name"}` of the new authority.
"""
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..core.errors import InvalidInput
from ..core.status import OPEN_TASK_STATUSES, TaskStatus
from ..processes.catalogue import latest_version
from ..store.tables import Case, OrgUnit, Task, User, UserRole
from ..trust.audit import record_event
from ..workflow.service_tasks import ServiceContext
from .exclusions import account_ids
from .lifecycle import open_case
from .sector import with_sector_code
from .step_writes import completing_task

LEVELS = ("province",)


def start_linked_case(context: ServiceContext, params: dict) -> dict:
    process_model = params.get("process_model")
    data = params.get("data") or {}
    if not isinstance(process_model, str) or not isinstance(data, dict):
        raise InvalidInput("start_case needs a process_model name and a data object")
    version = latest_version(context.uow.session, process_model)
    data = with_sector_code(version.properties, data)
    child = open_case(context.services, context.uow, context.principal, version, data,
                      commune_id=context.case.commune_id, parent=context.case,
                      relation=str(params.get("relation") or "mo_ho_so")[:40],
                      typed=False)  # the data's checks were asked where a person typed it
    return {"id": child.id, "business_key": child.business_key}


def roles_held(context: ServiceContext, params: dict) -> list[str]:
    accounts = account_ids(params.get("accounts"))
    roles = params.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise InvalidInput("roles_held needs a list of role codes")
    commune_id = context.case.commune_id
    if not accounts or not roles or commune_id is None:
        return []
    rows = context.uow.session.execute(
        select(UserRole.role).join(User, User.id == UserRole.user_id).join(OrgUnit, OrgUnit.id == User.unit_id)
        .where(User.id.in_(accounts), User.active, UserRole.role.in_(roles),
               (OrgUnit.id == commune_id) | ((OrgUnit.kind == "hamlet") & (OrgUnit.parent_id == commune_id)))).all()
    return sorted({row.role for row in rows})


def transfer_case(context: ServiceContext, params: dict) -> dict:
    if params.get("level") not in LEVELS:
        raise InvalidInput("transfer_case: level must be 'province'")
    session, case = context.uow.session, context.case
    province = session.scalars(select(OrgUnit).where(OrgUnit.kind == "province", OrgUnit.id == select(
        OrgUnit.parent_id).where(OrgUnit.id == case.commune_id).scalar_subquery())).first()
    if province is None:
        raise InvalidInput("transfer_case: the case's commune has no province above it")
    if case.handling_unit_id != province.id:
        _move(context, case, province.id, str(params.get("reason") or "")[:2000])
    return {"unit": province.code, "unit_name": province.name}


def _move(context: ServiceContext, case: Case, unit_id: int, reason: str) -> None:
    """Set the case's handling unit: on the new case being opened, or with one statement (the case row is
    written again by `persist_case`, under its revision guard), and move its open tasks, unclaimed."""
    session = context.uow.session
    previous = case.handling_unit_id if case.handling_unit_id is not None else case.commune_id
    if case in session.new:
        case.handling_unit_id = unit_id
    else:
        session.connection().execute(_MOVE_CASE, {"case_id": case.id, "unit_id": unit_id})
        set_committed_value(case, "handling_unit_id", unit_id)
        session.connection().execute(_MOVE_TASKS, {"case_id": case.id, "unit_id": unit_id,
                                                   "completing": completing_task(session)})
    record_event(session, at=context.services.clock.now(), actor=context.principal.username, action="transferred",
                 case=case, data={"from_unit": previous, "to_unit": unit_id, "reason": reason})


_MOVE_CASE = update(Case.__table__).where(Case.__table__.c.id == bindparam("case_id")).values(
    handling_unit_id=bindparam("unit_id"))
_MOVE_TASKS = (update(Task.__table__).where(Task.__table__.c.instance_id == bindparam("case_id"),
                                            Task.__table__.c.status.in_(OPEN_TASK_STATUSES),
                                            Task.__table__.c.id != bindparam("completing"))  # done with the step
               .values(handling_unit_id=bindparam("unit_id"), status=TaskStatus.READY, assignee=None,
                       claimed_at=None))

OPERATORS = {"danchu.start_case": start_linked_case, "danchu.roles_held": roles_held,
             "danchu.transfer_case": transfer_case}  # registered by engine.services
