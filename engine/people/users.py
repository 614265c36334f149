"""Users, their roles and units; password checks and signed access tokens.

Passwords are hashed with Argon2. The shared demo password only opens accounts when the deployment runs
in demo mode, so demo data copied into production cannot be used to log in. A token carries the user's
token generation: raising it (logout, password change, disabling) revokes every token issued before.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import jwt
from sqlalchemy import String, bindparam, case, cast, func, select
from sqlalchemy.orm import aliased

from ..core.errors import AlreadyExists, AuthenticationFailed, InvalidInput, UserNotFound
from ..core.principal import RESERVED_USERNAMES, Principal
from ..core.roles import is_known_role
from ..store.tables import OrgUnit, User, UserRole
from .scope import communes_of_unit, unit_scope

DEMO_PASSWORD = "danchu-demo"


def create_user(services, *, username: str, password: str, full_name: str, roles: list[str],
                unit_code: str | None = None, allow_demo_password: bool = False) -> User:
    check_username(username)
    unknown = [r for r in roles if not is_known_role(r)]
    if unknown:
        raise InvalidInput("Vai trò không tồn tại.", {"roles": f"Không biết: {', '.join(unknown)}"})
    if password == DEMO_PASSWORD and not allow_demo_password:
        raise InvalidInput("Mật khẩu không được phép.", {"password": "Không dùng mật khẩu mẫu."})
    if len(password) < 8:
        raise InvalidInput("Mật khẩu quá ngắn.", {"password": "Ít nhất 8 ký tự."})
    with services.uow() as uow:
        if uow.session.scalars(select(User).where(User.username == username)).first():
            raise AlreadyExists("Tên đăng nhập đã tồn tại.", {"username": "Đã tồn tại."})
        unit_id = None
        if unit_code:
            unit = uow.session.scalars(select(OrgUnit).where(OrgUnit.code == unit_code)).first()
            if unit is None:
                raise InvalidInput("Đơn vị không tồn tại.", {"unit": "Không tìm thấy."})
            unit_id = unit.id
        user = User(username=username, full_name=full_name, password_hash=services.passwords.hash(password),
                    unit_id=unit_id, active=True, token_generation=0, created_at=services.clock.now())
        uow.session.add(user)
        uow.session.flush()
        for role in sorted(set(roles)):
            uow.session.add(UserRole(user_id=user.id, role=role))
        uow.commit()
        return user


def check_username(username: str) -> None:
    """A name the engine acts under (`engine.core.principal.RESERVED_USERNAMES`) is nobody's account."""
    if username.lower() in RESERVED_USERNAMES:
        raise InvalidInput("Tên đăng nhập này dành cho hệ thống.",
                           {"username": "Tên dành riêng cho hệ thống; hãy chọn tên khác."})


def authenticate(services, username: str, password: str) -> Principal:
    """Check a password; the same work and the same error whether or not the user exists."""
    with services.uow(write=False) as uow:
        user = uow.session.scalars(select(User).where(User.username == username)).first()
        if user is None or not user.active or user.username in RESERVED_USERNAMES:
            services.passwords.spend_like_a_check(password)
            raise AuthenticationFailed("Sai tên đăng nhập hoặc mật khẩu.")
        if password == DEMO_PASSWORD and not services.settings.demo_mode:
            raise AuthenticationFailed("Sai tên đăng nhập hoặc mật khẩu.")
        if not services.passwords.verify(user.password_hash, password):
            raise AuthenticationFailed("Sai tên đăng nhập hoặc mật khẩu.")
        return _principal(uow.session, user)


def issue_token(services, principal: Principal) -> tuple[str, datetime]:
    with services.uow(write=False) as uow:
        user = uow.session.scalars(select(User).where(User.username == principal.username)).one()
        now = services.clock.now()
        expires = now + timedelta(seconds=services.settings.token_ttl_seconds)
        claims = {"sub": user.username, "gen": user.token_generation, "iat": int(now.timestamp()),
                  "exp": int(expires.timestamp())}
        return jwt.encode(claims, services.settings.secret_key, algorithm="HS256"), expires


def principal_from_token(services, token: str) -> Principal:
    try:
        claims = _verified_claims(token, services.settings.secret_key)
    except jwt.PyJWTError:
        raise AuthenticationFailed("Mã truy cập không hợp lệ.") from None
    if int(claims["exp"]) <= services.clock.now().timestamp():
        raise AuthenticationFailed("Mã truy cập đã hết hạn.")
    with services.database.reader.connect() as connection:
        rows = connection.execute(_TOKEN_CHECK, {"username": str(claims["sub"])}).all()
        if not rows or not rows[0].active or rows[0].token_generation != claims["gen"] or \
                rows[0].username in RESERVED_USERNAMES:
            raise AuthenticationFailed("Mã truy cập đã bị thu hồi.")
        user = rows[0]
        roles = frozenset(row.role for row in rows if row.role is not None)
        commune_id, communes = unit_scope(user.unit_id, user.kind, user.parent_id,
                                          lambda: _listed_ids(user.province_communes))
        return Principal(user.username, roles, commune_id, user.unit_id, communes)


@lru_cache(maxsize=4096)
def _verified_claims(token: str, secret_key: str) -> dict:
    """A signature that verified once verifies forever, so a client's token is decoded once per process;
    expiry and revocation (the user's token generation) are still checked on every request. Failures are
    not cached (lru_cache does not keep exceptions)."""
    return MappingProxyType(jwt.decode(token, secret_key, algorithms=["HS256"],
                                       options={"require": ["sub", "exp", "gen"], "verify_exp": False}))


def _listed_ids(listed: str | None) -> list[int]:
    return [int(unit_id) for unit_id in listed.split(",")] if listed else []


# Every API request checks its token: one statement, built once (user, unit and roles in one read, and for a
# province's user the communes under it, listed as text: "12,13").
_COMMUNE = aliased(OrgUnit)
_PROVINCE_COMMUNES = case((OrgUnit.kind == "province", select(func.aggregate_strings(
    cast(_COMMUNE.id, String), ",")).where(_COMMUNE.parent_id == OrgUnit.id, _COMMUNE.kind == "commune")
    .scalar_subquery())).label("province_communes")
_TOKEN_CHECK = (
    select(User.username, User.active, User.token_generation, User.unit_id, OrgUnit.kind, OrgUnit.parent_id,
           UserRole.role, _PROVINCE_COMMUNES)
    .outerjoin(OrgUnit, OrgUnit.id == User.unit_id)
    .outerjoin(UserRole, UserRole.user_id == User.id)
    .where(User.username == bindparam("username"))
)


def revoke_tokens(services, username: str) -> None:
    with services.uow() as uow:
        user = uow.session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise UserNotFound("Không tìm thấy người dùng.")
        user.token_generation += 1
        uow.commit()


def _principal(session, user: User) -> Principal:
    roles = frozenset(session.scalars(select(UserRole.role).where(UserRole.user_id == user.id)))
    unit = session.get(OrgUnit, user.unit_id) if user.unit_id is not None else None
    commune_id, communes = communes_of_unit(session, unit)
    return Principal(user.username, roles, commune_id, user.unit_id, communes)

