"""Assigning the next step to a person: a step's form names who will do a later one.

A form field holding an account (`"x-account": true`) may also say which user task it assigns:
`"x-assigns": "xac_minh"` (the Chairman accepting a complaint names the verifier). When that task becomes
ready, its row is given to the account named in the case data, as if they had claimed it, and they are
notified. Only a holder of the task's role (its lane) in the unit handling the case may be named: anyone
else is refused with the field named, and the step does not complete. The form's picker offers only them.
"""
from __future__ import annotations

from sqlalchemy import select

from ..core.errors import InvalidInput
from ..core.status import TaskStatus
from ..definitions.form_fields import version_fields
from ..notifications.outbox import notify, users_with_roles
from ..store.tables import User
from ..trust.exclusions import excluded_usernames
from .exclusions import MAX_ACCOUNT_ID

ASSIGNS = "x-assigns"


def assignee_roles(version, schema: dict | None) -> dict[str, str]:
    """Field → the role whose holders it may name, for the fields of `schema` that assign a later task."""
    roles = {}
    for name, prop in ((schema or {}).get("properties") or {}).items():
        target = prop.get(ASSIGNS) if isinstance(prop, dict) else None
        info = version.parsed.user_tasks.get(target) if target else None
        if info is not None and info.lane:
            roles[name] = info.lane
    return roles


def check_named_assignees(session, version, form: str | None, data: dict, case) -> None:
    """Refuse, when the step is submitted, an account that may not do the later task its field assigns: the
    task may become ready only steps later (the complaint's verification, after the Chairman's re-check), and
    a wrong name found then would refuse that later step, on a field its form does not have."""
    if not form:
        return
    roles = assignee_roles(version, version.validator(form).schema)
    unit = case.handling_unit_id or case.commune_id
    for field, role in roles.items():
        account = data.get(field)
        if isinstance(account, int) and not isinstance(account, bool):
            _check_holder(session, account, role, unit, case.id, field)


def _check_holder(session, account: int, role: str, unit, case_id, field: str) -> str:
    """The account's username; an id past users.id's INTEGER is no account (PostgreSQL would not compare it)."""
    username = session.scalar(select(User.username).where(User.id == account, User.active)) \
        if 0 < account <= MAX_ACCOUNT_ID else None
    if username is None or username not in users_with_roles(session, [role], unit) or \
            username in excluded_usernames(session, case_id):
        raise InvalidInput("Người được giao không giữ vai trò của bước sau.",
                           {field: "Hãy chọn một người giữ vai trò của bước được giao."})
    return username


def assign_new_rows(step, rows: list[dict]) -> None:
    """Give each new task row its assignee when a field of the case data names one (`x-assigns`)."""
    if not rows:
        return
    assigning = {prop[ASSIGNS]: name for name, prop in version_fields(step.version).items() if prop.get(ASSIGNS)}
    for row in rows:
        field = assigning.get(row["name"])
        account = step.data.get(field) if field else None
        if not isinstance(account, int) or isinstance(account, bool):
            continue
        unit = step.case.handling_unit_id or step.case.commune_id
        username = _check_holder(step.session, account, row["role"], unit, step.case.id, field)
        row.update(status=TaskStatus.CLAIMED, assignee=username, claimed_at=step.now)
        step.assigned.append((username, row["title"]))


def notify_assignees(step) -> None:
    """The case-step projection: tell each person a new step was given to."""
    for username, title in step.assigned:
        notify(step.services, step.session, usernames=[username], title=f"Bạn được giao: {title}",
               message=f"Hồ sơ {step.case.business_key}: {title}.", case=step.case)
