"""The audit log: one appended event per change, written in the same transaction as the change.

An event says who did what, when, to which case and task, on which version, with which data. Events are
only ever inserted; nothing in the engine updates or deletes them. Each one is chained to the one before
(`engine.trust.audit_chain`), and the confidential values in its data are stored encrypted
(`engine.trust.confidential`): the log keeps what was submitted without becoming a copy of the secrets.

Events join the chain when their transaction commits (`before_commit`), not when they are recorded: the
chain head's lock is then the last lock any transaction takes, so two commands can never wait on each
other in opposite orders (a command holding the head while opening a linked case's counter, another
holding that counter while appending), and the head is held only for the last moments of a transaction.
They are also only added to the session then, already numbered and hashed: one read of the head per
transaction, then its move and the events' rows (one statement on PostgreSQL, `audit_chain.append`), and no
event row ever exists without its hash.
"""
import copy
from datetime import datetime

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from .access import own_action
from .audit_chain import append
from .confidential import SEAL_MEMO, cipher_of, command_secrets, seal_event_data
from .secret_text import seal_derived


def record_event(session: Session, *, at: datetime, actor: str | None, action: str,
                 case=None, task_id: str | None = None, process_model_id: str | None = None,
                 version: int | None = None, data: dict | None = None,
                 commune_id: int | None = None) -> dict:
    """Queue an event for this transaction; it is numbered, hashed and inserted when the transaction commits."""
    data = copy.deepcopy(data or {})
    if case is not None:
        data = seal_event_data(session, case.version_id, data)
    event = {
        "occurred_at": at,
        "actor": actor,
        "action": action,
        "instance_id": case.id if case is not None else None,
        "task_id": task_id,
        "process_model_id": case.process_model_id if case is not None else process_model_id,
        "version": case.version if case is not None else version,
        "commune_id": case.commune_id if case is not None else commune_id,
        "data": data,
    }
    session.info.setdefault(PENDING, []).append(event)
    return event


PENDING = "danchu_audit_pending"


@sa_event.listens_for(Session, "before_commit")
def _chain_pending_events(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if pending:
        session.flush()  # the changes the events record come first (a new case's row before its events)
        _seal_copied_secrets(session, pending)
        append(session, pending)


def _seal_copied_secrets(session: Session, pending: list[dict]) -> None:
    """A case event's data strings that hold a confidential value the command handled (typed into another
    field, copied by a diagram) are sealed like the value itself (`engine.trust.secret_text`)."""
    if not session.info.get(SEAL_MEMO):
        return
    cipher = cipher_of(session)
    for event in pending:
        secrets = command_secrets(session, event["instance_id"])
        if secrets:
            event["data"] = seal_derived(event["data"], secrets, cipher.seal)


@sa_event.listens_for(Session, "after_rollback")
def _forget_pending_events(session: Session) -> None:
    session.info.pop(PENDING, None)


@own_action
def record_reads(services, principal, case, revealed: set[str], view: str) -> None:
    """Audit that confidential values were shown, in a transaction of its own (reads are read-only)."""
    if not revealed:
        return
    with services.uow() as uow:
        record_event(uow.session, at=services.clock.now(), actor=principal.username, action="confidential_read",
                     case=case, data={"fields": sorted(revealed), "view": view})
        uow.commit()
