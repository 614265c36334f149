"""`danchu audit verify`, the files included: a stored file swapped or altered breaks the record.

The `attached` event of each attachment holds, inside the hash chain, the SHA-256 of the content and of the
stored bytes, and names the attachment by the SHA-256 of its id (`attachment_ref`), which needs no key to read. Verifying walks the chain first (`engine.trust.verify_audit`), then every attachment: its row
must say what its event says (a row edited to name other bytes is found), and the bytes in the store must
still hash to their key (a file replaced in the folder or the bucket is found). Encrypted files are checked
as stored, without the key, like the chain's sealed values.
"""
from __future__ import annotations

from sqlalchemy import select

from ..core.messages import N_
from ..core.principal import Principal
from ..store.tables import Attachment, AuditEvent
from ..trust.audit_log import verify_audit
from .storage import BlobMissing, content_key
from .writing import attachment_ref

ROW_CHANGED = N_("Hàng tệp đính kèm không khớp sự kiện đính kèm trong nhật ký: đã bị sửa.")
NO_EVENT = N_("Tệp đính kèm không có sự kiện đính kèm trong nhật ký: bị chèn ngoài hệ thống.")
ROW_DELETED = N_("Hàng tệp đính kèm đã bị xóa.")
FILE_MISSING = N_("Tệp đính kèm không còn trong kho lưu trữ.")
FILE_ALTERED = N_("Tệp đính kèm trong kho lưu trữ đã bị thay đổi (mã băm không khớp).")


def verify_audit_and_files(services, principal: Principal) -> dict:
    """The chain's verdict (`verify_audit`), then the files': the first problem found, or the head hash."""
    result = verify_audit(services, principal)
    if not result["ok"]:
        return result
    with services.uow(write=False) as uow:
        checked, problem = _check_files(services, uow.session)
    result["files_checked"] = checked
    if problem is not None:
        result.update(ok=False, head_hash=None, first_broken=problem)
    return result


def _check_files(services, session):
    expected = {}  # attachment -> [its event (the latest), content hash, stored bytes' hash]
    for event in session.scalars(select(AuditEvent).where(AuditEvent.action.in_(("attached", "attachment_resealed")))
                                 .order_by(AuditEvent.seq)):
        data = event.data or {}
        ref = data.get("ref")
        if event.action == "attached":
            expected.setdefault(ref, [event, data.get("sha256"), data.get("stored")])
        elif ref in expected:  # re-encrypted under a newer key: new stored bytes
            expected[ref][0], expected[ref][2] = event, data.get("stored")
    checked = 0
    for row in session.scalars(select(Attachment).order_by(Attachment.created_at, Attachment.id)):
        checked += 1
        event, sha256, stored_key = expected.pop(attachment_ref(row.id), (None, None, None))
        if event is None:
            return checked, _broken(None, NO_EVENT)
        if sha256 != row.sha256 or stored_key != row.blob_key:
            return checked, _broken(event, ROW_CHANGED)
        try:
            stored = services.files.get(row.blob_key)
        except BlobMissing:
            return checked, _broken(event, FILE_MISSING)
        if content_key(stored) != row.blob_key:
            return checked, _broken(event, FILE_ALTERED)
    if expected:
        return checked, _broken(min((e[0] for e in expected.values()), key=lambda e: e.seq), ROW_DELETED)
    return checked, None


def _broken(event, problem: str) -> dict:
    return {"seq": event.seq if event is not None else None, "event_id": event.id if event is not None else None,
            "problem": problem}
