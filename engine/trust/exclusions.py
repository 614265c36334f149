"""Accounts excluded from a case: the people it is about (the denounced person), who must never see it.

A denunciation names the person denounced; when that person is one of danchu's users, the case names their
account by its id (never by name: two officials may share one), and the case-step pipeline records it in
`case_exclusions` in the step's transaction (`engine.cases.conflict.project_exclusions`). From then on the
account has no way to the case (Law on Denunciations 2018 Arts. 9, 13, 47: the person denounced neither
handles the denunciation nor learns who made it):
- every list, count and search of cases, tasks and audit events leaves the case out in SQL
  (`not_excluded`), as the commune scope does;
- every direct read answers 404 exactly as an unknown id (`is_excluded`, or the `excluded` column the hot
  statements read with their row);
- no notification reaches the account (`engine.notifications.outbox.notify`);
- `engine.trust.confidential.may_read` refuses it whatever its role.
Periodic reports still count the case: they add cases up and name none. An exclusion is recorded on every
case up and down the case's lineage of links too (`engine.cases.exclusions`), so these checks need no walk.
"""
from __future__ import annotations

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import aliased

from ..store.tables import CaseExclusion, User


def excluded_for(case_column, username=None):
    """SQL: the case of `case_column` excludes the user named `username` (a value, or, when None, the bound
    parameter `username` of a statement built once). A NULL case (an event about no case) excludes nobody.
    The account is read through an alias of `users`, so a query that joins `users` itself (the register names
    who issued each line) does not correlate the two and ask whether *that* user is excluded."""
    name = bindparam("username") if username is None else username
    account = aliased(User)
    return exists().where(CaseExclusion.instance_id == case_column, CaseExclusion.user_id == account.id,
                          account.username == name)


def not_excluded(query, case_column, username=None):
    """`query` without the rows of the cases that exclude the user (see `excluded_for`)."""
    return query.where(~excluded_for(case_column, username))


def is_excluded(session, username: str, instance_id: str) -> bool:
    return session.scalar(_EXCLUDED, {"instance_id": instance_id, "username": username}) is not None


def excluded_usernames(session, instance_id: str) -> set[str]:
    """The usernames of the accounts the case excludes."""
    return set(session.scalars(_EXCLUDED_NAMES, {"instance_id": instance_id}))


_EXCLUDED = (select(CaseExclusion.user_id).join(User, User.id == CaseExclusion.user_id)
             .where(CaseExclusion.instance_id == bindparam("instance_id"), User.username == bindparam("username"))
             .limit(1))
_EXCLUDED_NAMES = (select(User.username).join(CaseExclusion, CaseExclusion.user_id == User.id)
                   .where(CaseExclusion.instance_id == bindparam("instance_id")))
