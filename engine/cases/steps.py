"""What the earlier steps of a case recorded, for the person deciding the next one.

A Chairman deciding whether to accept a complaint must see the officer's proposal; a verifier, what was
decided when the case was accepted. Each step's data is what its audit event kept (the start form's, each
completed task's, each message's), so what is shown is exactly what was submitted, in the order it was,
step by step, even when a later step changed a value. Field titles and option labels come from the forms
of the case's version; confidential values are shown only to who may read them (`disclose`), and showing
them is recorded as a confidential read, like every other.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select

from ..core.errors import NotYourTask
from ..core.principal import Principal
from ..definitions.form_fields import confidential_fields, version_fields
from ..store.tables import AuditEvent, Task
from ..trust.audit import record_reads
from ..trust.confidential import disclose, may_read
from .tasks import may_see_task, visible_task

STEP_ACTIONS = ("started", "completed", "message")


def earlier_steps(services, principal: Principal, task_id: str) -> list[dict]:
    """The steps of the task's case recorded before it (before it was completed, for a completed task),
    oldest first: `{kind, task_id, title, occurred_at, actor, fields: [{name, title, value, label,
    confidential}]}`; `label` is the option's title when the value is one of the field's options."""
    with services.uow(write=False) as uow:
        session = uow.session
        task, case = visible_task(session, principal, task_id)
        if not may_see_task(principal, task):
            raise NotYourTask("Công việc này thuộc vai trò khác.")
        version = services.specs.version(session, case.version_id)
        events = session.scalars(_STEP_EVENTS, {"instance_id": case.id}).all()
        tasks = {row.id: row for row in session.execute(_TASK_FORMS, {"instance_id": case.id})}
        reader = may_read(session, principal, case)
        steps, revealed = [], set()
        for event in events:
            if event.task_id == task.id:
                break  # the task's own step: what follows came after it
            data, shown = disclose(session, principal, case, event.data or {}, reader)
            revealed |= shown
            step = _step(version, event, tasks.get(event.task_id), data)
            if step["fields"]:
                steps.append(step)
    record_reads(services, principal, case, revealed, "steps")
    return steps


_STEP_EVENTS = (select(AuditEvent).where(AuditEvent.instance_id == bindparam("instance_id"),
                                         AuditEvent.action.in_(STEP_ACTIONS)).order_by(AuditEvent.id))
_TASK_FORMS = select(Task.id, Task.title, Task.form).where(Task.instance_id == bindparam("instance_id"))


def _step(version, event, task_row, data: dict) -> dict:
    """One step as people read it: its title and its fields in its form's order."""
    props = version.properties
    if event.action == "started":
        form, title, values = props.get("startForm"), version.name, data
    elif event.action == "message":
        name = str(data.get("name", ""))
        form, values = props.get(f"message.{name}.form"), data.get("data") or {}
        title = (_schema(version, form) or {}).get("title") or name
    else:
        form, title, values = (task_row.form, task_row.title, data) if task_row else (None, event.action, data)
    schema = _schema(version, form) or {}
    declared = schema.get("properties") or {}
    everywhere = version_fields(version)
    secret = confidential_fields(version)
    names = [n for n in declared if n in values] + [n for n in values if n not in declared and n in everywhere]
    return {"kind": event.action, "task_id": event.task_id, "title": title, "occurred_at": event.occurred_at,
            "actor": event.actor,
            "fields": [_field(name, declared.get(name) or everywhere[name], values[name], name in secret)
                       for name in names]}


def _schema(version, form: str | None) -> dict | None:
    return version.form(form) if form and form in version.files else None


def _field(name: str, prop: dict, value, confidential: bool) -> dict:
    return {"name": name, "title": prop.get("title") or name, "value": value,
            "label": option_title(prop, value), "confidential": confidential}


def option_title(prop: dict, value) -> str | None:
    """The title people read for a value of a field with options (`oneOf` of `const`/`title`), or for each
    item of a list of them, joined; None when the field has no options or the value is none of them."""
    options = {}
    for node in (prop, prop.get("items") if isinstance(prop.get("items"), dict) else {}):
        for option in node.get("oneOf") or []:
            if isinstance(option, dict) and "const" in option:
                options[repr(option["const"])] = option.get("title") or str(option["const"])
    if not options or value is None:
        return None
    if isinstance(value, list):
        titles = [options.get(repr(item)) for item in value]
        return ", ".join(titles) if all(titles) else None
    return options.get(repr(value))
