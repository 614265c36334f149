"""The files of a case: listed with the case, downloaded one by one, every download an audit event.

Anyone who sees the case sees its list; a file sent in a confidential field (`x-confidential`: a
denouncer's signed letter) is stored encrypted with its name, and only those who may read the case's
secrets (`engine.trust.confidential.may_read`) see its name and download it; to the others it is listed as
`[bảo mật]`, so the case file shows that it exists. Every download, of any file, is recorded
(`attachment_downloaded`) in the transaction that reads it, so no copy leaves unrecorded.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select

from ..core.errors import Conflict, Forbidden, NotFound
from ..core.principal import Principal
from ..files.pdf import offers_pdf, pdf_download
from ..files.storage import BlobMissing, content_key
from ..store.tables import Attachment
from ..trust.access import own_action
from ..trust.audit import record_event, record_reads
from ..trust.confidential import REDACTED, may_read
from .state import visible_case

SECRET_FILE = "Chỉ người được đọc thông tin bảo mật của hồ sơ mới tải được tệp này."


def list_attachments(services, principal: Principal, instance_id: str) -> list[dict]:
    """The case's files, oldest first; confidential ones named only to their readers (a read recorded)."""
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        rows = uow.session.scalars(_OF_CASE, {"instance_id": case.id}).all()
        reader = may_read(uow.session, principal, case) if any(r.sealed for r in rows) else False
        items = [_view(services, row, reader) for row in rows]
    record_reads(services, principal, case, {r.field for r in rows if r.sealed and reader}, "attachments")
    return items


def _readable_file(session, principal: Principal, instance_id: str, attachment_id: str):
    """(case, attachment row) of a file of a case the user sees; a sealed file (a confidential field's) only
    for who may read the case's identities."""
    case = visible_case(session, principal, instance_id)
    row = session.get(Attachment, attachment_id)
    if row is None or row.instance_id != case.id:
        raise NotFound("Không tìm thấy tệp.")
    if row.sealed and not may_read(session, principal, case):
        raise Forbidden(SECRET_FILE)
    return case, row


@own_action
def download_attachment(services, principal: Principal, instance_id: str, attachment_id: str) -> dict:
    """`{name, media_type, content}` of one file of the case, its download recorded."""
    with services.uow() as uow:
        session = uow.session
        case, row = _readable_file(session, principal, instance_id, attachment_id)
        name, content = read_file(services, row)
        record_event(session, at=services.clock.now(), actor=principal.username, action="attachment_downloaded",
                     case=case, task_id=row.task_id,
                     data={"attachment": row.id, "field": row.field, "sha256": row.sha256})
        media_type = row.media_type
        uow.commit()
    return {"name": name, "media_type": media_type, "content": content}


@own_action
def download_attachment_pdf(services, principal: Principal, instance_id: str, attachment_id: str) -> dict:
    """`{name, media_type, content}` of a Word file of the case rendered as PDF (`engine.files.pdf`): read as
    `download_attachment` reads it, converted outside any transaction (it takes seconds), then the download
    recorded with both hashes before the PDF is handed out."""
    with services.uow(write=False) as uow:
        session = uow.session
        case, row = _readable_file(session, principal, instance_id, attachment_id)
        name, content = read_file(services, row)
        media_type, field, sha256, task_id, case_id = row.media_type, row.field, row.sha256, row.task_id, case.id
    name, pdf, pdf_sha256 = pdf_download(services.settings, name, content, media_type)
    with services.uow() as uow:
        record_event(uow.session, at=services.clock.now(), actor=principal.username, action="attachment_downloaded",
                     case=visible_case(uow.session, principal, case_id), task_id=task_id,
                     data={"attachment": attachment_id, "field": field, "sha256": sha256, "pdf_sha256": pdf_sha256})
        uow.commit()
    return {"name": name, "media_type": "application/pdf", "content": pdf}


def read_file(services, row: Attachment) -> tuple[str, bytes]:
    """(name, content) of a stored file, checked against its key and opened when sealed."""
    try:
        stored = services.files.get(row.blob_key)
    except BlobMissing:
        raise Conflict("Tệp không còn trong kho lưu trữ; hãy báo quản trị viên.") from None
    if content_key(stored) != row.blob_key:
        raise Conflict("Tệp trong kho lưu trữ đã bị thay đổi; hãy báo quản trị viên.")
    if not row.sealed:
        return row.name, stored
    return services.cipher.open(row.name), services.cipher.open_bytes(stored)


def _view(services, row: Attachment, reader: bool) -> dict:
    hidden = row.sealed and not reader
    return {"id": row.id, "instance_id": row.instance_id, "task_id": row.task_id, "field": row.field,
            "name": REDACTED if hidden else services.cipher.open(row.name) if row.sealed else row.name,
            "media_type": row.media_type, "size": row.size, "sha256": row.sha256, "confidential": row.sealed,
            "downloadable": not hidden, "pdf": not hidden and offers_pdf(services.settings, row.media_type),
            "created_by": row.created_by, "created_at": row.created_at}


_OF_CASE = (select(Attachment).where(Attachment.instance_id == bindparam("instance_id"))
            .order_by(Attachment.created_at, Attachment.id))
