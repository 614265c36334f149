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

from .errors import Forbidden
from .principal import Principal
from .roles import AUDITOR

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
