"""Storing the accepted files of a command, in its transaction, and leaving nothing behind when it fails.

Under the case's lock (the case's size cap is counted there), each file is written once:
1. its `blobs` row is inserted unless present (`ON CONFLICT DO NOTHING`): inserted, this transaction holds
   the content's key until it ends, and writes the bytes; present (committed by an earlier attachment of
   the same bytes), nothing is written. A second server storing the same bytes meanwhile waits at its own
   insert until this transaction ends, so the key always has one writer;
2. the `attachments` row and its `attached` audit event (the hashes enter the chain) are added.

A command that fails after writing (a refusal, a fault of the diagram, a lost connection) rolls back its rows;
`removed_on_failure` then deletes each content it wrote, in a transaction that takes the content's key the
same way: when a committed row names it now (another case stored the same bytes), the content stays. A
crash between the write and the commit leaves a content without a row, which `sweep_unclaimed` deletes
under the same rule (`danchu files sweep`).
"""
from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from ..core.errors import InvalidInput
from ..core.messages import N_
from ..store.tables import Attachment, StoredBlob
from ..trust.audit import record_event
from ..trust.confidential import fields_of
from .storage import content_key

_BLOBS = StoredBlob.__table__
CASE_FULL = N_("Hồ sơ đã đạt dung lượng tệp đính kèm tối đa.")
log = logging.getLogger(__name__)


def store_uploads(services, session, case, uploads, *, task_id: str | None, actor: str) -> None:
    """Store `uploads` for `case` (locked by the caller, or new) in the caller's transaction."""
    if not uploads:
        return
    used = session.scalar(select(func.coalesce(func.sum(Attachment.size), 0))
                          .where(Attachment.instance_id == case.id)) or 0
    if used + uploads.total > services.settings.case_attachments_max_bytes:
        raise InvalidInput("Tệp gửi kèm không hợp lệ.", {f.field: CASE_FULL for f in uploads.files})
    confidential = fields_of(session, case.version_id)
    now = services.clock.now()
    session.flush()  # the case row before the rows that name it
    for prepared in uploads.files:
        sealed = prepared.field in confidential
        stored = services.cipher.seal_bytes(prepared.content) if sealed else prepared.content
        key = content_key(stored)
        if claim_key(session, key, len(stored), now):
            services.files.put(key, stored)
            prepared.stored_key = key
        session.add(Attachment(
            id=prepared.id, instance_id=case.id, task_id=task_id, field=prepared.field,
            name=services.cipher.seal(prepared.name) if sealed else prepared.name,
            media_type=prepared.media_type, size=len(prepared.content), sha256=prepared.sha256, blob_key=key,
            sealed=sealed, created_by=actor, created_at=now))
        record_event(session, at=now, actor=actor, action="attached", case=case, task_id=task_id, data={
            "attachment": prepared.id, "ref": attachment_ref(prepared.id), "field": prepared.field, "sha256": prepared.sha256, "stored": key,
            "size": len(prepared.content), "type": prepared.media_type,
            **({} if sealed else {"name": prepared.name})})


def attachment_ref(attachment_id: str) -> str:
    """What the audit chain names an attachment by: the SHA-256 of its id. A file of a confidential field has
    its id as that field's value, so the id itself is sealed wherever the command's events copy it
    (`engine.trust.secret_text`); verification, which has no key, finds the file by this instead."""
    return hashlib.sha256(attachment_id.encode()).hexdigest()


def claim_key(session, key: str, size: int, now) -> bool:
    """Insert the content's row unless present: True when this transaction inserted it (and holds it)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (insert(_BLOBS).values(key=key, size=size, created_at=now).on_conflict_do_nothing()
                 .returning(_BLOBS.c.key))  # a row back when inserted (psycopg reports no row count here)
    return session.connection().execute(statement).first() is not None


@contextmanager
def removed_on_failure(services, uploads):
    """Around a command storing `uploads`: if it raises, delete what it wrote that no committed row names."""
    try:
        yield
    except BaseException:
        if uploads:
            forget(services, [f.stored_key for f in uploads.files if f.stored_key])
        raise


def forget(services, keys) -> int:
    """Delete each content no committed `blobs` row names, each under its key's row; how many went."""
    removed = 0
    for key in keys:
        try:
            with services.uow() as uow:
                if claim_key(uow.session, key, 0, services.clock.now()):
                    services.files.delete(key)
                    removed += 1
                # rolled back: the row was only held to decide
        except Exception:  # the sweep will find it; the command's own error is what the caller sees
            log.exception("could not remove the unclaimed content %s", key)
    return removed


def sweep_unclaimed(services, older_than) -> int:
    """Delete the contents of the store written before `older_than` that no row names (a crash between
    the write and the commit); how many went."""
    candidates = [key for key, written in services.files.keys() if written < older_than]
    unclaimed = []
    for start in range(0, len(candidates), 500):
        batch = candidates[start:start + 500]
        with services.uow(write=False) as uow:
            known = set(uow.session.scalars(select(StoredBlob.key).where(StoredBlob.key.in_(batch))))
        unclaimed.extend(key for key in batch if key not in known)
    return forget(services, unclaimed)
