"""Reading the directory for pages anyone may see: the communes the public portal offers, and people's full
names where a page names who acted.

Managing it (users, roles, units, each change audited and kept to the administrator's own units) lives in
`engine.people.accounts`.
"""
from __future__ import annotations

from sqlalchemy import select

from ..store.tables import OrgUnit, User


def list_org_units(services, kind: str | None = None) -> list[dict]:
    with services.uow(write=False) as uow:
        query = select(OrgUnit).order_by(OrgUnit.kind, OrgUnit.name)
        if kind:
            query = query.where(OrgUnit.kind == kind)
        units = uow.session.scalars(query).all()
        parents = {u.id: u for u in uow.session.scalars(select(OrgUnit))}
        return [{"id": u.id, "code": u.code, "name": u.name, "kind": u.kind,
                 "parent": parents[u.parent_id].name if u.parent_id in parents else None,
                 "parent_code": parents[u.parent_id].code if u.parent_id in parents else None} for u in units]


def full_name(services, username: str) -> str | None:
    return full_names(services, [username]).get(username)


def full_names(services, usernames) -> dict[str, str]:
    """The full names of the users a page mentions (who opened a case, holds a task, acted in its history),
    in one statement however many there are; a name that is no user (`hệ thống`, a deleted account) is
    simply absent."""
    wanted = sorted({name for name in usernames if name})
    if not wanted:
        return {}
    with services.uow(write=False) as uow:
        return dict(uow.session.execute(select(User.username, User.full_name)
                                        .where(User.username.in_(wanted))).all())
