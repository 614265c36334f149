"""Re-sealing stored case states, and the task drafts beside them, under the newest field key.

Every case state is opened and sealed again: values sealed under an older key move to the first key, and
confidential values stored before sealing existed (cases from before this release) get sealed. Runs case
by case, each in its own transaction under the case's row lock, so it can run while the service serves.
Audit events are never rewritten: their hashes cover the ciphertext; the old keys stay in
DANCHU_FIELD_KEYS as long as their events must stay readable.
"""
from __future__ import annotations

from sqlalchemy import select

from ..store.tables import Case, Task, TaskDraft
from .confidential import PREFIX_MARK, fields_of, open_state, open_tree, seal_state, seal_tree
from .field_crypto import FieldKeyError


def rotate_case_states(services) -> int:
    with services.uow(write=False) as uow:
        ids = list(uow.session.scalars(select(Case.id).order_by(Case.id)))
    resealed = 0
    for instance_id in ids:
        with services.uow() as uow:
            query = select(Case).where(Case.id == instance_id)
            if uow.for_update:
                query = query.with_for_update()
            case = uow.session.scalars(query).first()
            if case is None or not case.state:
                continue
            fields = fields_of(uow.session, case.version_id)
            if not fields and PREFIX_MARK not in case.state:
                continue
            opened: dict = {}  # what was sealed (derived copies too) is sealed again under the newest key
            plain = open_state(services.cipher, case.state, opened)
            case.state = seal_state(services.cipher, fields, plain, known=tuple(opened))
            uow.commit()
            resealed += 1
    return resealed


def rotate_task_drafts(services) -> int:
    """Re-seal every task draft under the first key (drafts saved before sealing existed get sealed); a draft
    no configured key opens is deleted, as reading it would forget it anyway (`engine.cases.task_drafts`)."""
    with services.uow(write=False) as uow:
        keys = uow.session.execute(select(TaskDraft.task_id, TaskDraft.username).order_by(
            TaskDraft.task_id, TaskDraft.username)).all()
    resealed = 0
    for task_id, username in keys:
        with services.uow() as uow:
            session = uow.session
            draft = session.get(TaskDraft, (task_id, username))
            version_id = session.scalar(select(Case.version_id).join(Task, Task.instance_id == Case.id)
                                        .where(Task.id == task_id))
            if draft is None or version_id is None:
                continue
            try:
                draft.data = seal_tree(open_tree(dict(draft.data), services.cipher), fields_of(session, version_id),
                                       services.cipher)
            except FieldKeyError:
                session.delete(draft)
            uow.commit()
            resealed += 1
    return resealed
