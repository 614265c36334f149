"""The whole case file as one ZIP, for transfer to a higher level or to the archive: an index of every document
in (files sent with the forms) and out (numbers of the outgoing register) with its date, who and its SHA-256,
the files themselves, and the case's history as CSV.

What the archive holds is what its reader may see: a confidential field's file only for who may read the
case's secrets (listed as `[bảo mật]` for the others, without its bytes), the history as `case_history` shows
it to them. Taking the archive is one audit event (`case_file_exported`) naming every file it carries.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile

from sqlalchemy import select

from ..core.cells import csv_text
from ..core.principal import Principal
from ..store.tables import Attachment, OutgoingDocument
from ..trust.access import own_action
from ..trust.audit import record_event
from ..trust.confidential import REDACTED, may_read
from .attachments import list_attachments, read_file
from .lifecycle import case_history
from .state import visible_case

INDEX = ("Thứ tự", "Loại", "Ngày", "Người", "Tài liệu", "Trường hoặc bước", "SHA-256", "Tệp trong gói")


@own_action
def export_case_file(services, principal: Principal, instance_id: str) -> tuple[str, bytes]:
    """(file name, ZIP bytes) of the case file; recorded in the audit log."""
    history = case_history(services, principal, instance_id)
    out, index, carried = io.BytesIO(), [], []
    with services.uow() as uow, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        session = uow.session
        case = visible_case(session, principal, instance_id)
        reader = may_read(session, principal, case)
        documents = session.scalars(select(Attachment).where(Attachment.instance_id == case.id)
                                    .order_by(Attachment.created_at, Attachment.id)).all()
        lines = session.scalars(select(OutgoingDocument).where(OutgoingDocument.instance_id == case.id)
                                .order_by(OutgoingDocument.id)).all()  # issue order: each body numbers its own
        generated = {line.attachment_id: line for line in lines if line.attachment_id}
        for number, row in enumerate(documents, 1):
            member = ""
            if reader or not row.sealed:
                name, content = read_file(services, row)
                member = f"tai-lieu/{number:03d}-{name}"
                archive.writestr(member, content)
                carried.append(row.id)
            else:
                name = REDACTED
            line = generated.get(row.id)
            if line is None:
                index.append(("vào", row.created_at.isoformat(), row.created_by, name, row.field, row.sha256, member))
            else:  # a document issued from its template: the register line with its file
                index.append(("ra", line.issued_on.isoformat(), line.created_by, line.reference, line.kind,
                              row.sha256, member))
        for line in (line for line in lines if not line.attachment_id):
            index.append(("ra", line.issued_on.isoformat(), line.created_by, line.reference, line.kind, "", ""))
        index.sort(key=lambda item: item[1])
        archive.writestr("muc-luc.csv", _csv(INDEX, [(n, *item) for n, item in enumerate(index, 1)]))
        archive.writestr("lich-su.csv", _csv(("Thời điểm", "Người", "Hành động", "Bước", "Dữ liệu"), [
            (e["occurred_at"].isoformat(), e["actor"] or "", e["action"], e["task_title"] or "",
             json.dumps(e["data"], ensure_ascii=False, sort_keys=True)) for e in history]))
        record_event(session, at=services.clock.now(), actor=principal.username, action="case_file_exported",
                     case=case, data={"files": len(carried), "documents": len(index)})
        business_key = case.business_key
        uow.commit()
    return f"ho-so-{business_key}.zip", out.getvalue()


def case_documents(services, principal: Principal, instance_id: str) -> list[dict]:
    """Every document of the case in date order: the files sent with its forms (`direction` "in", as
    `list_attachments` shows them to this user) and the documents it issued ("out", their register lines, with
    the file generated from the step's template when there is one)."""
    attached = {item["id"]: item for item in list_attachments(services, principal, instance_id)}
    with services.uow(write=False) as uow:
        case = visible_case(uow.session, principal, instance_id)
        lines = uow.session.scalars(select(OutgoingDocument).where(
            OutgoingDocument.instance_id == case.id).order_by(OutgoingDocument.id)).all()  # issue order
        issued = [_issued(line, attached.pop(line.attachment_id, None)) for line in lines]
    files = [{**item, "direction": "in", "date": item["created_at"].date(), "reference": None}
             for item in attached.values()]
    return sorted(files + issued, key=lambda d: d["created_at"])


def _issued(line: OutgoingDocument, generated: dict | None) -> dict:
    return {"direction": "out", "date": line.issued_on, "reference": line.reference, "name": line.kind,
            "created_by": line.created_by, "created_at": line.created_at, "task_id": line.task_id,
            "sha256": generated["sha256"] if generated else None, "id": generated["id"] if generated else None,
            "downloadable": bool(generated and generated.get("downloadable", True)),
            "pdf": bool(generated and generated.get("pdf"))}


def _csv(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([csv_text(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()
