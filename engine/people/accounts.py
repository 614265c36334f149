"""Administering users, their roles and organisation units (administrators, within their scope).

An administrator (`quan_tri`) manages the accounts and units of their own scope: a commune administrator
those of the commune and its hamlets, a provincial one those of the province and its communes, one
attached to no unit all of them. Anything outside that scope answers as if it did not exist. Nobody grants
roles to themselves (an administrator adding `chu_tich` to their own account would read every secret of their
commune), and no account takes a name the engine acts under (`RESERVED_USERNAMES`). Disabling an
account or setting its password raises its token generation, so every token and session it held stops
working at once; every change is an audit event.
"""
from __future__ import annotations

import re

from sqlalchemy import func, select

from ..core.errors import AlreadyExists, AuthenticationFailed, Forbidden, InvalidInput, UserNotFound
from ..core.principal import Principal
from ..core.roles import ADMINISTRATOR, is_known_role
from ..store.tables import OrgUnit, User, UserRole
from ..trust.access import changes_data, own_action
from ..trust.audit import record_event
from .login import log_in
from .scope import units_in_scope
from .users import DEMO_PASSWORD, check_username

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,63}$")
UNIT_CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,63}$")
UNIT_KINDS = {"province": None, "commune": "province", "hamlet": "commune"}  # kind -> kind of its parent
MIN_PASSWORD = 8


def check_password(password: str, username: str, *, allow_demo: bool = False) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("Mật khẩu quá ngắn.", {"password": f"Ít nhất {MIN_PASSWORD} ký tự."})
    if len(password) > 256:
        raise InvalidInput("Mật khẩu quá dài.", {"password": "Nhiều nhất 256 ký tự."})
    if password == DEMO_PASSWORD and not allow_demo:
        raise InvalidInput("Mật khẩu không được phép.", {"password": "Không dùng mật khẩu mẫu."})
    if password.lower() == username.lower():
        raise InvalidInput("Mật khẩu không được trùng tên đăng nhập.", {"password": "Trùng tên đăng nhập."})


def _require_admin(principal: Principal) -> None:
    if not principal.has_role(ADMINISTRATOR):
        raise Forbidden("Chỉ quản trị viên được quản lý người dùng và đơn vị.")


def commune_of(unit: OrgUnit | None) -> int | None:
    if unit is None:
        return None
    return unit.id if unit.kind == "commune" else (unit.parent_id if unit.kind == "hamlet" else None)


def user_view(session, user: User) -> dict:
    unit = session.get(OrgUnit, user.unit_id) if user.unit_id is not None else None
    roles = sorted(session.scalars(select(UserRole.role).where(UserRole.user_id == user.id)))
    return {"username": user.username, "full_name": user.full_name, "unit": unit.code if unit else None,
            "unit_name": unit.name if unit else None, "roles": roles, "active": user.active,
            "created_at": user.created_at}


def unit_view(session, unit: OrgUnit) -> dict:
    parent = session.get(OrgUnit, unit.parent_id) if unit.parent_id is not None else None
    return {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent": parent.code if parent else None}


def _user_in_scope(session, principal: Principal, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    allowed = units_in_scope(session, principal)
    if user is None or (allowed is not None and user.unit_id not in allowed):
        raise UserNotFound("Không tìm thấy người dùng.")
    return user


def _unit_in_scope(session, principal: Principal, code: str | None, field: str = "unit") -> OrgUnit | None:
    allowed = units_in_scope(session, principal)
    if code is None:
        if allowed is not None:
            raise InvalidInput("Phải chọn đơn vị.", {field: "Bắt buộc với quản trị viên của một đơn vị."})
        return None
    unit = session.scalars(select(OrgUnit).where(OrgUnit.code == code)).first()
    if unit is None or (allowed is not None and unit.id not in allowed):
        raise InvalidInput("Đơn vị không tồn tại.", {field: "Không tìm thấy."})
    return unit


def _check_roles(roles: list[str]) -> list[str]:
    unknown = [r for r in roles if not is_known_role(r)]
    if unknown or not roles:
        raise InvalidInput("Vai trò không hợp lệ.", {"roles": "Phải là các mã vai trò đã biết, ít nhất một."})
    return sorted(set(roles))


def list_users(services, principal: Principal, *, unit: str | None = None, role: str | None = None,
               active: bool | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    _require_admin(principal)
    with services.uow(write=False) as uow:
        session = uow.session
        query = select(User)
        allowed = units_in_scope(session, principal)
        if allowed is not None:
            query = query.where(User.unit_id.in_(allowed))
        if unit is not None:
            query = query.join(OrgUnit, OrgUnit.id == User.unit_id).where(OrgUnit.code == unit)
        if role is not None:
            query = query.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == role)))
        if active is not None:
            query = query.where(User.active == active)
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        rows = session.scalars(query.order_by(User.username).limit(limit).offset(offset)).all()
        return [user_view(session, u) for u in rows], total


def get_user(services, principal: Principal, username: str) -> dict:
    _require_admin(principal)
    with services.uow(write=False) as uow:
        return user_view(uow.session, _user_in_scope(uow.session, principal, username))


@changes_data
def add_user(services, principal: Principal, *, username: str, full_name: str, password: str,
             roles: list[str], unit: str | None) -> dict:
    _require_admin(principal)
    if not USERNAME.match(username):
        raise InvalidInput("Tên đăng nhập không hợp lệ.", {"username": "3-64 ký tự: chữ thường, số, '.', '-', '_'."})
    check_username(username)
    roles = _check_roles(roles)
    check_password(password, username)
    with services.uow() as uow:
        session = uow.session
        target_unit = _unit_in_scope(session, principal, unit)
        if session.scalars(select(User).where(User.username == username)).first():
            raise AlreadyExists("Tên đăng nhập đã tồn tại.", {"username": "Đã tồn tại."})
        now = services.clock.now()
        user = User(username=username, full_name=full_name, password_hash=services.passwords.hash(password),
                    unit_id=target_unit.id if target_unit else None, active=True, token_generation=0, created_at=now)
        session.add(user)
        session.flush()
        for role in roles:
            session.add(UserRole(user_id=user.id, role=role))
        session.flush()
        record_event(session, at=now, actor=principal.username, action="user_created",
                     commune_id=commune_of(target_unit),
                     data={"username": username, "roles": roles, "unit": unit})
        view = user_view(session, user)
        uow.commit()
        return view


@changes_data
def update_user(services, principal: Principal, username: str, *, full_name: str | None = None,
                roles: list[str] | None = None, unit: str | None = None, active: bool | None = None) -> dict:
    _require_admin(principal)
    with services.uow() as uow:
        session = uow.session
        user = _user_in_scope(session, principal, username)
        changes = {}
        if full_name is not None and full_name != user.full_name:
            user.full_name = full_name
            changes["full_name"] = "đã đổi"
        if unit is not None:
            target = _unit_in_scope(session, principal, unit)
            if target.id != user.unit_id:
                user.unit_id = target.id
                user.token_generation += 1  # a new scope: old tokens must not keep the old one in flight
                changes["unit"] = unit
        if roles is not None:
            roles = _check_roles(roles)
            current = sorted(session.scalars(select(UserRole.role).where(UserRole.user_id == user.id)))
            if roles != current:
                if user.username == principal.username and ADMINISTRATOR not in roles:
                    raise Forbidden("Không tự bỏ vai trò quản trị của chính mình.")
                if user.username == principal.username and set(roles) - set(current):
                    raise Forbidden("Không tự cấp vai trò cho chính mình: hãy nhờ một quản trị viên khác.")
                for row in session.scalars(select(UserRole).where(UserRole.user_id == user.id)).all():
                    session.delete(row)
                session.flush()
                for role in roles:
                    session.add(UserRole(user_id=user.id, role=role))
                changes["roles"] = roles
        if active is not None and active != user.active:
            if user.username == principal.username and not active:
                raise Forbidden("Không tự khóa tài khoản của chính mình.")
            user.active = active
            user.token_generation += 1
            changes["active"] = active
        session.flush()
        if changes:
            record_event(session, at=services.clock.now(), actor=principal.username, action="user_updated",
                         commune_id=commune_of(session.get(OrgUnit, user.unit_id) if user.unit_id else None),
                         data={"username": username, **changes})
        view = user_view(session, user)
        uow.commit()
        return view


@changes_data
def set_password(services, principal: Principal, username: str, password: str) -> None:
    """An administrator sets a new password: every token and session of the user is revoked."""
    _require_admin(principal)
    check_password(password, username)
    with services.uow() as uow:
        session = uow.session
        user = _user_in_scope(session, principal, username)
        user.password_hash = services.passwords.hash(password)
        user.token_generation += 1
        record_event(session, at=services.clock.now(), actor=principal.username, action="password_set",
                     commune_id=commune_of(session.get(OrgUnit, user.unit_id) if user.unit_id else None),
                     data={"username": username})
        uow.commit()


@own_action
def change_own_password(services, principal: Principal, current: str, new: str, address: str | None = None) -> None:
    """A user changes their own password, proving the current one; their tokens are all revoked. A wrong
    current password counts as a failed login (`engine.people.login`): a stolen session must not become a way to
    guess the password, which would outlive the session."""

    try:
        log_in(services, principal.username, current, address)
    except AuthenticationFailed:
        raise InvalidInput("Mật khẩu hiện tại không đúng.", {"current_password": "Không đúng."}) from None
    check_password(new, principal.username)
    with services.uow() as uow:
        session = uow.session
        user = session.scalars(select(User).where(User.username == principal.username)).one()
        user.password_hash = services.passwords.hash(new)
        user.token_generation += 1
        record_event(session, at=services.clock.now(), actor=principal.username, action="password_changed",
                     commune_id=principal.commune_id, data={"username": principal.username})
        uow.commit()


def list_units(services, principal: Principal) -> list[dict]:
    with services.uow(write=False) as uow:
        session = uow.session
        query = select(OrgUnit)
        allowed = units_in_scope(session, principal)
        if allowed is not None:
            query = query.where(OrgUnit.id.in_(allowed))
        return [unit_view(session, u) for u in session.scalars(query.order_by(OrgUnit.code)).all()]


@changes_data
def add_unit(services, principal: Principal, *, code: str, name: str, kind: str, parent: str | None) -> dict:
    _require_admin(principal)
    if not UNIT_CODE.match(code):
        raise InvalidInput("Mã đơn vị không hợp lệ.", {"code": "2-64 ký tự: chữ thường, số, '.', '-', '_'."})
    if kind not in UNIT_KINDS:
        raise InvalidInput("Loại đơn vị không hợp lệ.", {"kind": "province, commune hoặc hamlet."})
    with services.uow() as uow:
        session = uow.session
        parent_unit = None
        if UNIT_KINDS[kind] is None:
            if parent is not None:
                raise InvalidInput("Tỉnh không có đơn vị cha.", {"parent": "Bỏ trống với tỉnh."})
            if units_in_scope(session, principal) is not None:
                raise Forbidden("Chỉ quản trị viên cấp quốc gia được tạo tỉnh.")
        else:
            parent_unit = _unit_in_scope(session, principal, parent, "parent")
            if parent_unit is None or parent_unit.kind != UNIT_KINDS[kind]:
                raise InvalidInput("Đơn vị cha không đúng loại.", {"parent": f"Phải là một {UNIT_KINDS[kind]}."})
        if session.scalars(select(OrgUnit).where(OrgUnit.code == code)).first():
            raise AlreadyExists("Mã đơn vị đã tồn tại.", {"code": "Đã tồn tại."})
        unit = OrgUnit(code=code, name=name, kind=kind, parent_id=parent_unit.id if parent_unit else None)
        session.add(unit)
        session.flush()
        record_event(session, at=services.clock.now(), actor=principal.username, action="unit_created",
                     commune_id=commune_of(unit), data={"code": code, "kind": kind, "parent": parent})
        view = unit_view(session, unit)
        uow.commit()
        return view


def describe_user(services, principal: Principal) -> dict:
    """The logged-in user as the UI shows them."""
    with services.uow(write=False) as uow:
        user = uow.session.scalars(select(User).where(User.username == principal.username)).first()
        if user is None:
            raise UserNotFound("Không tìm thấy người dùng.")
        view = user_view(uow.session, user)
        return {k: view[k] for k in ("username", "full_name", "roles", "unit")}
