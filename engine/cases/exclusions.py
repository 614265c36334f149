"""The people a case is about, named by their account, excluded from it in the step that names them.

A process declares which case fields hold the account ids of the people its cases are about (process property
`exclusion.fields`, e.g. `tai_khoan_nguoi_bi_to_cao` of a denunciation): an account is matched by its id,
never by a name, since two officials may share one. After every step (`project_exclusions`, a projection of
the case-step pipeline, before the notifications), each id found there and not yet recorded becomes a row of
`case_exclusions`, written in the step's transaction, and from then on the account has no way to the case
(`engine.trust.exclusions`). Recording it also takes back what the account already held of the case: a claim
on one of its tasks (the task is claimable again), its notifications about it, its drafts of its tasks.

An id that is no account seeing the case's commune (its commune's or hamlets' users, its province's, one
attached to no unit) is refused (422 naming the field), as is a person naming themselves: the officer who
receives or checks a denunciation of themselves must leave it to a colleague (Law on Denunciations Art. 13).
Exclusions are never lifted: a later step naming another account adds it.
"""
from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, select, update

from ..core.errors import InvalidInput
from ..core.status import OPEN_TASK_STATUSES, TaskStatus
from ..store.tables import CaseExclusion, Notification, OrgUnit, Task, TaskDraft, User
from ..trust.audit import record_event

FIELDS_PROPERTY = "exclusion.fields"


def exclusion_fields(properties: dict) -> list[str]:
    return [name.strip() for name in str(properties.get(FIELDS_PROPERTY) or "").split(",") if name.strip()]


def account_ids(value) -> list[int]:
    """The account ids a field holds: one id or a list of them; 0, None and anything else name nobody."""
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool) and v > 0]


def project_exclusions(step) -> None:
    """The case-step projection (`engine.cases.step`): record the accounts the case names in its exclusion
    fields, once each."""
    fields = exclusion_fields(step.version.properties)
    if not fields:
        return
    named: dict[int, str] = {}
    for data in _step_data(step):
        for name in fields:
            for account in account_ids(data.get(name)):
                named.setdefault(account, name)
    if not named:
        return
    session, case = step.session, step.case
    session.flush()  # a new case's row first: the exclusions refer to it
    known = set() if step.new else set(session.scalars(_KNOWN, {"instance_id": case.id}))  # none when it opens
    new = {account: name for account, name in named.items() if account not in known}
    if not new:
        return
    accounts = _accounts_seeing(session, sorted(new), case.commune_id)
    for account, name in new.items():
        username = accounts.get(account)
        if username is None:
            raise InvalidInput("Không tìm thấy tài khoản được nêu trong hồ sơ.",
                               {name: "Không có tài khoản này trong xã, thôn hoặc tỉnh của hồ sơ."})
        if username == step.actor:
            raise InvalidInput("Người bị tố cáo không thể tự xử lý hồ sơ về mình.",
                               {name: "Hãy để người khác tiếp nhận, xử lý hồ sơ này."})
    for account, name in new.items():
        _exclude(step, account, accounts[account], name)


def _step_data(step) -> list[dict]:
    """What the case knows now, and what the step's task was completed with: in a branch of a parallel flow
    that waits at its join, the submission is not yet in the case's data."""
    sources = [step.data]
    if step.completed_task_id is not None:
        task = step.services.runner.find_task(step.workflow, step.completed_task_id)
        if task is not None:
            sources.append(task.data)
    return sources


def _exclude(step, account: int, username: str, field: str) -> None:
    session, case = step.session, step.case
    connection = session.connection()
    connection.execute(_INSERT, {"instance_id": case.id, "user_id": account, "field": field, "created_at": step.now})
    connection.execute(_RELEASE, {"case_id": case.id, "username": username})
    connection.execute(_FORGET_NOTIFICATIONS, {"instance_id": case.id, "username": username})
    connection.execute(_FORGET_DRAFTS, {"instance_id": case.id, "username": username})
    record_event(session, at=step.now, actor=step.actor, action="excluded", case=case,
                 data={"field": field, "account": account})


def _accounts_seeing(session, ids: list[int], commune_id: int | None) -> dict[int, str]:
    """id -> username of the accounts among `ids` who see a case of the commune."""
    province = session.scalar(select(OrgUnit.parent_id).where(OrgUnit.id == commune_id)) if commune_id else None
    rows = session.execute(select(User.id, User.username, User.unit_id, OrgUnit.kind, OrgUnit.parent_id)
                           .outerjoin(OrgUnit, OrgUnit.id == User.unit_id).where(User.id.in_(ids))).all()
    return {row.id: row.username for row in rows
            if commune_id is None or row.unit_id is None or row.unit_id == commune_id
            or (row.kind == "hamlet" and row.parent_id == commune_id)
            or (row.kind == "province" and row.unit_id == province)}


_KNOWN = select(CaseExclusion.user_id).where(CaseExclusion.instance_id == bindparam("instance_id"))
_INSERT = insert(CaseExclusion.__table__)
_TASKS = Task.__table__
_RELEASE = (update(_TASKS).where(_TASKS.c.instance_id == bindparam("case_id"),
                                 _TASKS.c.assignee == bindparam("username"),
                                 _TASKS.c.status.in_(OPEN_TASK_STATUSES))
            .values(status=TaskStatus.READY, assignee=None, claimed_at=None))
_FORGET_NOTIFICATIONS = delete(Notification).where(Notification.instance_id == bindparam("instance_id"),
                                                   Notification.username == bindparam("username"))
_FORGET_DRAFTS = delete(TaskDraft).where(TaskDraft.username == bindparam("username"), TaskDraft.task_id.in_(
    select(_TASKS.c.id).where(_TASKS.c.instance_id == bindparam("instance_id"))))
