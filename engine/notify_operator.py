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
Returns `{"notified": [usernames]}` into the task's result variable. The notifications are written in the
step's transaction; email goes out later through the worker (see `engine.notifications`).
"""
from sqlalchemy import select

from .errors import InvalidInput
from .notifications import notify, users_with_roles
from .service_tasks import ServiceContext, operator
from .store.tables import Task

OPEN = ("ready", "claimed")


@operator("danchu.notify")
def notify_people(context: ServiceContext, params: dict) -> dict:
    title = params.get("title")
    message = params.get("message") or ""
    if not isinstance(title, str) or not title.strip() or not isinstance(message, str):
        raise InvalidInput("danchu.notify needs a title and a text message")
    session, instance = context.uow.session, context.instance
    recipients = set(_names(params.get("users")))
    tasks = _names(params.get("tasks"))
    if tasks:
        rows = session.scalars(select(Task).where(Task.instance_id == instance.id, Task.name.in_(tasks),
                                                  Task.status.in_(OPEN))).all()
        if not rows:
            return {"notified": []}
        for row in rows:
            recipients |= {row.assignee} if row.assignee else set(
                users_with_roles(session, [row.role], instance.commune_id))
    roles = _names(params.get("roles"))
    if roles:
        recipients |= set(users_with_roles(session, roles, instance.commune_id))
    notified = notify(context.services, session, usernames=recipients, title=title.strip(), message=message,
                      instance=instance)
    return {"notified": sorted(notified)}


def _names(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise InvalidInput("danchu.notify: roles, users and tasks are lists of names")
