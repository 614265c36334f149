"""`danchu keys rotate` for files: every attachment of a confidential field re-encrypted under the newest key.

A sealed file's stored bytes change with its key, and with them its content key: the new bytes are written
under their key (claimed like any write, `engine.files.writing`), the attachment row names them, and an
`attachment_resealed` audit event records the new stored hash in the chain (verification follows the latest
event of each attachment). The old bytes' row goes in the same transaction and the old file after it commits;
a crash in between leaves a file without a row, for the sweep. One attachment per transaction, under its
case's row lock, so it can run while the service serves. The content's own hash (`sha256`) never changes.
"""
from __future__ import annotations

from sqlalchemy import delete, select

from ..store.tables import Attachment, Case, StoredBlob
from ..trust.audit import record_event
from .storage import content_key
from .writing import attachment_ref, claim_key


def rotate_sealed_files(services) -> int:
    with services.uow(write=False) as uow:
        found = uow.session.execute(select(Attachment.id, Attachment.instance_id).where(Attachment.sealed)
                                    .order_by(Attachment.created_at, Attachment.id)).all()
    resealed = 0
    for attachment_id, instance_id in found:
        old_key = _reseal(services, attachment_id, instance_id)
        if old_key is not None:
            services.files.delete(old_key)
            resealed += 1
    return resealed


def _reseal(services, attachment_id: str, instance_id: str) -> str | None:
    """Re-encrypt one file in its own transaction; the key of the bytes it replaced, to delete."""
    with services.uow() as uow:
        session = uow.session
        query = select(Case).where(Case.id == instance_id)
        case = session.scalars(query.with_for_update() if uow.for_update else query).first()
        row = session.get(Attachment, attachment_id)
        if case is None or row is None:
            return None
        stored = services.cipher.rotate_bytes(services.files.get(row.blob_key))
        new_key, old_key = content_key(stored), row.blob_key
        now = services.clock.now()
        if claim_key(session, new_key, len(stored), now):
            services.files.put(new_key, stored)
        row.blob_key, row.name = new_key, services.cipher.rotate(row.name)
        session.flush()
        session.execute(delete(StoredBlob).where(StoredBlob.key == old_key))
        record_event(session, at=now, actor=None, action="attachment_resealed", case=case, task_id=row.task_id,
                     data={"attachment": row.id, "ref": attachment_ref(row.id), "stored": new_key,
                           "previous": old_key})
        uow.commit()
    return old_key
