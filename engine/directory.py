"""Reading the directory of users and organisation units (province → commune → hamlet), and adding units.

User creation lives in `engine.users.create_user`; this module adds the lists the administrator's pages
need. Only administrators may add units.
"""
from __future__ import annotations

import re

from sqlalchemy import select

from .errors import AlreadyExists, Forbidden, InvalidInput
from .principal import Principal
from .roles import ADMINISTRATOR, ROLES
from .store.tables import OrgUnit, User, UserRole

UNIT_KINDS = ("province", "commune", "hamlet")
PARENT_KIND = {"commune": "province", "hamlet": "commune"}
UNIT_CODE = re.compile(r"^[a-z0-9_.]{2,64}$")


def list_users(services) -> list[dict]:
    with services.uow(write=False) as uow:
        users = uow.session.scalars(select(User).order_by(User.username)).all()
        roles: dict[int, list[str]] = {}
        for user_id, role in uow.session.execute(select(UserRole.user_id, UserRole.role).order_by(UserRole.role)):
            roles.setdefault(user_id, []).append(role)
        units = {u.id: u for u in uow.session.scalars(select(OrgUnit))}
        return [{"username": u.username, "full_name": u.full_name, "active": u.active,
                 "roles": roles.get(u.id, []),
                 "unit": units[u.unit_id].name if u.unit_id in units else None,
                 "created_at": u.created_at} for u in users]


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


def create_org_unit(services, principal: Principal, *, code: str, name: str, kind: str,
                    parent_code: str | None) -> dict:
    if not principal.has_role(ADMINISTRATOR):
        raise Forbidden("Chỉ quản trị viên được thêm đơn vị.")
    problems = {}
    if not UNIT_CODE.match(code or ""):
        problems["code"] = "Chỉ chữ thường không dấu, số, '.', '_' (2-64 ký tự)."
    if not (name or "").strip() or len(name) > 200:
        problems["name"] = "Bắt buộc, tối đa 200 ký tự."
    if kind not in UNIT_KINDS:
        problems["kind"] = "Không hợp lệ."
    if problems:
        raise InvalidInput("Dữ liệu đơn vị không hợp lệ.", problems)
    with services.uow() as uow:
        if uow.session.scalars(select(OrgUnit).where(OrgUnit.code == code)).first():
            raise AlreadyExists("Mã đơn vị đã tồn tại.", {"code": "Đã tồn tại."})
        parent_id = None
        if kind in PARENT_KIND:
            parent = uow.session.scalars(select(OrgUnit).where(OrgUnit.code == (parent_code or ""))).first()
            if parent is None or parent.kind != PARENT_KIND[kind]:
                raise InvalidInput("Đơn vị cấp trên không hợp lệ.", {"parent": "Không tìm thấy hoặc sai cấp."})
            parent_id = parent.id
        unit = OrgUnit(code=code, name=name.strip(), kind=kind, parent_id=parent_id)
        uow.session.add(unit)
        uow.commit()
        return {"id": unit.id, "code": unit.code, "name": unit.name, "kind": unit.kind}


def role_titles() -> dict[str, str]:
    return dict(ROLES)


def full_name(services, username: str) -> str | None:
    with services.uow(write=False) as uow:
        return uow.session.scalars(select(User.full_name).where(User.username == username)).first()


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
