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

An exclusion spreads along the case's lineage in `instance_links`, in the same transaction: to the cases that
opened it, recursively (a denunciation naming the Chairman hides from him the letter that opened it and the
citizen's visit that handed the letter on: what the citizen said about him), and to the cases it opened,
recursively; a case opened from an excluding case inherits its exclusions when it opens. Each linked case
records the exclusion as its own (a row, an `excluded` audit event saying which case named the account, the
account's claims, notifications and drafts of it taken back). Sideways cases (another case the same letter
opened, about something else) are not touched: their link to a case the reader may not see is neither shown
nor named to them (`engine.cases.state.case_links`), as for any linked case outside their reach.
"""
from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, select, update

from ..core.errors import InvalidInput
from ..core.status import OPEN_TASK_STATUSES, TaskStatus
from ..store.tables import Case, CaseExclusion, CaseLink, Notification, OrgUnit, Task, TaskDraft, User
from ..trust.audit import record_event
from .state import LINKS_ADDED

FIELDS_PROPERTY = "exclusion.fields"
MAX_ACCOUNT_ID = 2**31 - 1  # users.id is an INTEGER: PostgreSQL refuses to compare it with a larger number


def exclusion_fields(properties: dict) -> list[str]:
    return [name.strip() for name in str(properties.get(FIELDS_PROPERTY) or "").split(",") if name.strip()]


def account_ids(value) -> list[int]:
    """The account ids a field holds: one id or a list of them; 0, None, a number past any id and anything
    else name nobody."""
    return [v for v in _named(value) if v <= MAX_ACCOUNT_ID]


def _named(value) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool) and v > 0]


def project_exclusions(step) -> None:
    """The case-step projection (`engine.cases.step`): record the accounts the case names in its exclusion
    fields, once each."""
    inherited = _inherit(step) if step.new else set()
    fields = exclusion_fields(step.version.properties)
    if not fields:
        return
    named: dict[int, str] = {}
    for data in _step_data(step):
        for name in fields:
            for account in _named(data.get(name)):  # one past any id is refused below as no account
                named.setdefault(account, name)
    if not named:
        return
    session, case = step.session, step.case
    session.flush()  # a new case's row first: the exclusions refer to it
    known = inherited if step.new else set(session.scalars(_KNOWN, {"instance_id": case.id}))  # inherited at most
    new = {account: name for account, name in named.items() if account not in known}
    if not new:
        return
    accounts = _accounts_seeing(session, sorted(a for a in new if a <= MAX_ACCOUNT_ID), case.commune_id)
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


def _inherit(step) -> set[int]:
    """A case opened from another (a letter from a visit, a denunciation from a letter) excludes whom the case
    that opened it excludes; the account ids it now excludes."""
    case = step.case
    parents = [link.from_instance_id for link in step.session.info.get(LINKS_ADDED, ())
               if link.to_instance_id == case.id]
    if not parents:
        return set()
    step.session.flush()  # the new case's row first
    inherited = {}
    for row in step.session.execute(_OF_CASES, {"ids": parents}):
        inherited.setdefault(row.user_id, row)
    for account, row in inherited.items():
        _exclude_from(step, [case], account, row.username, row.field, inherited_from=row.business_key)
    return set(inherited)


def _exclude(step, account: int, username: str, field: str) -> None:
    """Exclude the account from the case and from every case of its lineage not excluding it yet."""
    session, case = step.session, step.case
    lineage = _lineage(session, case.id)
    linked = []
    if lineage:
        already = set(session.scalars(_EXCLUDING, {"ids": lineage, "user_id": account}))
        todo = [id_ for id_ in lineage if id_ not in already]
        linked = list(session.scalars(select(Case).where(Case.id.in_(todo)).order_by(Case.created_at))) \
            if todo else []
    _exclude_from(step, [case], account, username, field)
    _exclude_from(step, linked, account, username, field, linked_to=case.business_key)


def _exclude_from(step, cases: list, account: int, username: str, field: str, **named_in: str) -> None:
    """Record the exclusion on each case, take back what the account held of them, audit each; `named_in`:
    `linked_to` the case of the lineage whose step named the account, or `inherited_from` the case that
    opened this one."""
    if not cases:
        return
    ids = [case.id for case in cases]
    connection = step.session.connection()
    connection.execute(_INSERT, [{"instance_id": id_, "user_id": account, "field": field, "created_at": step.now}
                                 for id_ in ids])
    connection.execute(_RELEASE, {"case_ids": ids, "username": username})
    connection.execute(_FORGET_NOTIFICATIONS, {"instance_ids": ids, "username": username})
    connection.execute(_FORGET_DRAFTS, {"instance_ids": ids, "username": username})
    for case in cases:
        data = {"field": field, "account": account, **named_in}
        record_event(step.session, at=step.now, actor=step.actor, action="excluded", case=case, data=data)


def _lineage(session, instance_id: str) -> list[str]:
    """The ids of the cases that opened this one, recursively, then of those it opened, recursively."""
    found: list[str] = []
    for walk in (_PARENTS, _CHILDREN):
        seen, frontier = {instance_id}, [instance_id]
        while frontier:
            frontier = [id_ for id_ in session.scalars(walk, {"ids": frontier}) if id_ not in seen]
            frontier = list(dict.fromkeys(frontier))
            seen.update(frontier)
            found.extend(id_ for id_ in frontier if id_ not in found)
    return found


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
_RELEASE = (update(_TASKS).where(_TASKS.c.instance_id.in_(bindparam("case_ids", expanding=True)),
                                 _TASKS.c.assignee == bindparam("username"),
                                 _TASKS.c.status.in_(OPEN_TASK_STATUSES))
            .values(status=TaskStatus.READY, assignee=None, claimed_at=None))
_FORGET_NOTIFICATIONS = delete(Notification).where(Notification.instance_id.in_(bindparam("instance_ids",
                                                                                           expanding=True)),
                                                   Notification.username == bindparam("username"))
_FORGET_DRAFTS = delete(TaskDraft).where(TaskDraft.username == bindparam("username"), TaskDraft.task_id.in_(
    select(_TASKS.c.id).where(_TASKS.c.instance_id.in_(bindparam("instance_ids", expanding=True)))))
_PARENTS = select(CaseLink.from_instance_id).where(CaseLink.to_instance_id.in_(bindparam("ids", expanding=True)))
_CHILDREN = select(CaseLink.to_instance_id).where(CaseLink.from_instance_id.in_(bindparam("ids", expanding=True)))
_EXCLUDING = select(CaseExclusion.instance_id).where(CaseExclusion.instance_id.in_(bindparam("ids", expanding=True)),
                                                     CaseExclusion.user_id == bindparam("user_id"))
_OF_CASES = (select(CaseExclusion.user_id, CaseExclusion.field, User.username, Case.business_key)
             .join(User, User.id == CaseExclusion.user_id).join(Case, Case.id == CaseExclusion.instance_id)
             .where(CaseExclusion.instance_id.in_(bindparam("ids", expanding=True)))
             .order_by(CaseExclusion.created_at, CaseExclusion.user_id))
