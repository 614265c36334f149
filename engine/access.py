"""Rules about who may change anything at all, before any verb looks at roles of a process.

The auditor (`kiem_tra`) reads everything in their scope and changes nothing: independence of the
control function. A user holding the auditor role is read-only as a whole, whatever other role they
hold; only their own session (logging out, changing their password) stays theirs to change.
"""
from .errors import Forbidden
from .principal import Principal
from .roles import AUDITOR


def ensure_may_change(principal: Principal) -> None:
    if principal.has_role(AUDITOR):
        raise Forbidden("Kiểm tra viên chỉ được xem, không được thay đổi dữ liệu.")
