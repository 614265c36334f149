"""Reading the directory for pages anyone may see: the communes the public portal offers, people's full
names where a page names who acted, and the accounts a form's account picker offers.

Managing it (users, roles, units, each change audited and kept to the administrator's own units) lives in
`engine.people.accounts`.
"""
from __future__ import annotations

from sqlalchemy import or_, select

from ..core.principal import Principal
from ..store.tables import OrgUnit, User, UserRole


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


def list_accounts(services, principal: Principal) -> list[dict]:
    """The active accounts of the principal's commune and its hamlets (a province's user: of the province),
    with their ids: what a form's account picker offers (`"x-account": true`, e.g. the denounced person of a
    denunciation, matched by this id and never by the name). Every staff member may read it: colleagues'
    names and roles are no secret among them."""
    unit = principal.acting_unit
    with services.uow(write=False) as uow:
        session = uow.session
        query = (select(User.id, User.username, User.full_name, OrgUnit.code, OrgUnit.name)
                 .outerjoin(OrgUnit, OrgUnit.id == User.unit_id).where(User.active))
        if unit is not None:
            query = query.where(or_(User.unit_id == unit, OrgUnit.parent_id == unit) if principal.commune_id
                                is not None else User.unit_id == unit)
        rows = session.execute(query.order_by(User.full_name, User.id)).all()
        roles: dict[int, list[str]] = {}
        for user_id, role in session.execute(select(UserRole.user_id, UserRole.role).where(
                UserRole.user_id.in_([r.id for r in rows])).order_by(UserRole.role)):
            roles.setdefault(user_id, []).append(role)
    return [{"id": r.id, "username": r.username, "full_name": r.full_name, "roles": roles.get(r.id, []),
             "unit": r.code, "unit_name": r.name} for r in rows]
