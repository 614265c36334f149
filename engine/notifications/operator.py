"""`danchu.notify`: the service-task operator a diagram's reminder and escalation paths call.

Params (each a restricted expression over the case data):
- `title` (required) and `message`: the text people read; never put a confidential field in them (they
  may be mailed);
- `roles`: role codes (a list or a comma-separated string) whose holders in the case's commune are told,
  e.g. `['chu_tich']` to escalate to the Chairman;
- `users`: usernames told as well;
- `tasks`: user task ids of this diagram: the person holding each one that is open is reminded, or every
  holder of its role while nobody has claimed it. When `tasks` is given and none of them is open any more,
  the work is done and nobody is notified (not even `roles`): a reminder that arrives after the work was
  finished would only mislead.

The operator only records the intent; `deliver_notifications` addresses it when the step is persisted
(`persist_case`), because the people holding the work are known only once the step's task rows exist (a
reminder that is already due when the case opens fires before its first task row is written). The
notifications are written in the step's transaction; email goes out later through the worker (see
`engine.notifications.outbox`). The task's result variable receives `{"title": ...}`.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..core.errors import InvalidInput
from ..core.status import OPEN_TASK_STATUSES as OPEN
from ..store.tables import Task
from ..workflow.service_tasks import ServiceContext
from .outbox import notify, users_with_roles

PENDING = "danchu_pending_notifications"  # key in the unit of work's session.info


@dataclass(frozen=True)
class NotificationIntent:
    instance_id: str
    title: str
    message: str
    users: tuple[str, ...]
    roles: tuple[str, ...]
    tasks: tuple[str, ...]


def notify_people(context: ServiceContext, params: dict) -> dict:
    title = params.get("title")
    message = params.get("message") or ""
    if not isinstance(title, str) or not title.strip() or not isinstance(message, str):
        raise InvalidInput("danchu.notify needs a title and a text message")
    intent = NotificationIntent(context.case.id, title.strip(), message, _names(params.get("users")),
                                _names(params.get("roles")), _names(params.get("tasks")))
    context.uow.session.info.setdefault(PENDING, []).append(intent)
    return {"title": intent.title}


def project_notifications(step) -> None:
    """The case-step projection (`engine.cases.step`), last: it addresses the holders of the step's task rows."""
    deliver_notifications(step.services, step.session, step.case)


def deliver_notifications(services, session, case) -> None:
    """Address the notifications the step decided for `case`, now that its task rows are written."""
    pending = session.info.get(PENDING) or []
    mine = [i for i in pending if i.instance_id == case.id]
    if not mine:
        return
    session.info[PENDING] = [i for i in pending if i.instance_id != case.id]
    session.flush()
    unit = case.handling_unit_id if case.handling_unit_id is not None else case.commune_id  # whose holders act
    for intent in mine:
        recipients = set(intent.users)
        if intent.tasks:
            rows = session.scalars(select(Task).where(Task.instance_id == case.id, Task.name.in_(intent.tasks),
                                                      Task.status.in_(OPEN))).all()
            if not rows:
                continue
            for row in rows:
                recipients |= {row.assignee} if row.assignee else set(users_with_roles(session, [row.role], unit))
        if intent.roles:
            recipients |= set(users_with_roles(session, intent.roles, unit))
        notify(services, session, usernames=recipients, title=intent.title, message=intent.message,
               case=case)


def _names(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise InvalidInput("danchu.notify: roles, users and tasks are lists of names")


OPERATORS = {"danchu.notify": notify_people}  # registered by engine.services
