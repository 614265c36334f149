"""Rules about who may change anything at all, before any verb looks at roles of a process.

The auditor (`kiem_tra`) reads everything in their scope and changes nothing: independence of the
control function. A user holding the auditor role is read-only as a whole, whatever other role they
hold; only their own session (logging out, changing their password, marking their notifications read)
stays theirs to change.

The rule is enforced by the engine verbs themselves, not by the edges: every verb that changes data is
decorated `@changes_data`, and a verb an auditor may still call (their own session, recording their own
reads) is decorated `@own_action`. A test walks every engine function that opens a writing unit of work
for a principal and fails when it carries neither mark, so a new verb cannot forget the rule, and no
route of the API, the web pages or the command line can go around it.
"""
from __future__ import annotations

import functools

from sqlalchemy import select

from ..core.errors import Forbidden
from ..core.principal import SYSTEM, Principal
from ..core.roles import ADMINISTRATOR, AUDITOR
from ..store.tables import OrgUnit

READ_ONLY = "Kiểm tra viên chỉ được xem, không được thay đổi dữ liệu."


def ensure_may_change(principal: Principal) -> None:
    if principal.has_role(AUDITOR):
        raise Forbidden(READ_ONLY)


def changes_data(verb):
    """An engine verb `verb(services, principal, ...)` that changes data: refused to auditors before it runs."""
    @functools.wraps(verb)
    def guarded(services, principal: Principal, *args, **kwargs):
        ensure_may_change(principal)
        return verb(services, principal, *args, **kwargs)
    guarded.changes_data = True
    return guarded


def own_action(verb):
    """An engine verb that writes only what belongs to the acting user (their password, their notifications)
    or records what they did (an audited read): open to auditors too."""
    verb.own_action = True
    return verb


# --- what every commune shares ------------------------------------------------------------------------

SHARED_ONLY = ("Chỉ quản trị viên cấp tỉnh (hoặc quốc gia) được triển khai quy trình và sửa lịch ngày nghỉ: "
               "chúng áp dụng cho mọi xã.")


def may_change_shared(session, principal: Principal) -> bool:
    """Whether this user may change what every commune of the server runs on: the process versions (a new
    version is what the next case of every commune starts on) and the working-day calendar (every statutory
    date). A commune's administrator may not: they would change, and through a diagram read, the other
    communes' cases. An administrator above the communes may: one attached to no unit (national), or the
    administrator of the province when it is the only province this server serves (the deployment model:
    one province, scaled out over several servers). Where provinces share a server, only a national
    administrator may, since a province's administrator would change the other provinces' processes."""
    if principal is SYSTEM:
        return True
    if not principal.has_role(ADMINISTRATOR) or principal.commune_id is not None:
        return False
    if principal.communes is None:
        return principal.unit_id is None
    provinces = session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "province").limit(2)).all()
    return provinces == [principal.unit_id]


def ensure_may_change_shared(session, principal: Principal) -> None:
    if not may_change_shared(session, principal):
        raise Forbidden(SHARED_ONLY)
