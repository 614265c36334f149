"""The documents a case sent the citizen, listed on the tracking page and downloaded with the tracking code.

Which documents are the citizen's is said once, by the process property `citizenDocumentFields` (default
`DOCUMENT_FIELDS`): a completed step is a document sent to the citizen when its form records one of those
fields (the number of a notice typed by the officer) or when the number the register gives it is put in one of
them (`document.numberField`). When such a step issued its document from a template (`document.template`), the
entry shows the register's number and date, the ones printed in the document, and the citizen may download
it; every other document of the case (a verification report, a minute, a file sent with a form) is internal
and stays out of reach of the code, whatever its id. Confidential fields are never listed.
"""
from __future__ import annotations

from sqlalchemy import select

from ..core.status import TaskStatus
from ..definitions.document_codes import NUMBER_FIELD, documents_of
from ..store.tables import Attachment, OutgoingDocument, Task

DOCUMENT_FIELDS = "so_van_ban,so_quyet_dinh,so_van_ban_tra_loi,so_van_ban_thong_bao_thu_ly"


def citizen_fields(version) -> list[str]:
    """The fields of `citizenDocumentFields`, less the confidential ones."""
    return [n.strip() for n in version.properties.get("citizenDocumentFields", DOCUMENT_FIELDS).split(",")
            if n.strip() and n.strip() not in version.confidential]


def is_citizen_step(version, step: str, form: dict | None) -> bool:
    """Whether the step `step` (its BPMN id) sends the citizen a document (see the module's docstring)."""
    wanted = citizen_fields(version)
    numbered = any((document.get(NUMBER_FIELD) or "so_ky_hieu") in wanted for document in _documents(version, step))
    return bool(numbered or any(name in ((form or {}).get("properties") or {}) for name in wanted))


def is_citizen_document(version, step: str, form: dict | None, field: str | None) -> bool:
    """Whether the document the step `step` generated into the data field `field` (`document.field`) is the
    citizen's: the step's, when it issues one; of a step issuing several (a decision and a notice to the
    person denounced), only one whose number field is among `citizenDocumentFields`."""
    documents = _documents(version, step)
    if len(documents) <= 1:
        return is_citizen_step(version, step, form)
    wanted = citizen_fields(version)
    return any((document.get(NUMBER_FIELD) or "so_ky_hieu") in wanted
               and (document.get("document.field") or "van_ban") == field for document in _documents(version, step))


def _documents(version, step: str) -> list[dict]:
    info = version.parsed.user_tasks.get(step)
    return documents_of(info.properties if info else {})


def documents_sent(session, case, version, data) -> list[dict]:
    """The documents the case's steps sent the citizen, oldest first: {title, number, date, file}; `file` is
    the id of the generated document the citizen may download (None when the officer wrote it outside danchu).
    `data` is called for the case's data only when a step may need it."""
    done = session.execute(select(Task.id, Task.name, Task.title, Task.form).where(
        Task.instance_id == case.id, Task.status == TaskStatus.COMPLETED).order_by(Task.completed_at)).all()
    steps = [(row, version.form(row.form) if row.form else None) for row in done]
    steps = [(row, form) for row, form in steps if is_citizen_step(version, row.name, form)]
    if not steps:
        return []
    lines: dict[str, list] = {}
    for line, field in session.execute(select(OutgoingDocument, Attachment.field).join(
            Attachment, Attachment.id == OutgoingDocument.attachment_id).where(
            OutgoingDocument.instance_id == case.id).order_by(OutgoingDocument.id)):
        lines.setdefault(line.task_id, []).append((line, field))
    documents = []
    for row, form in steps:
        if row.id in lines:
            documents += [{"title": row.title, "number": line.reference, "date": line.issued_on.isoformat(),
                           "file": line.attachment_id} for line, field in lines[row.id]
                          if is_citizen_document(version, row.name, form, field)]
            continue
        documents += _typed(row.title, (form or {}).get("properties") or {}, version, data())
    return documents


def _typed(title: str, properties: dict, version, values: dict) -> list[dict]:
    """The documents a step's form records by their typed number, dated by the form's first date field."""
    dates = [n for n, p in properties.items() if isinstance(p, dict) and p.get("format") == "date"
             and n not in version.confidential and isinstance(values.get(n), str)]
    return [{"title": title, "number": str(values[name]), "date": values[dates[0]] if dates else None, "file": None}
            for name in citizen_fields(version) if name in properties and values.get(name) not in (None, "")]


def citizen_attachment(session, services, cases, attachment_id: str):
    """The register line of the generated document `attachment_id` if one of `cases` sent it to the citizen,
    else None (an internal document, another case's, an attachment that is no document)."""
    found = session.execute(select(OutgoingDocument, Attachment.field).join(
        Attachment, Attachment.id == OutgoingDocument.attachment_id).where(
        OutgoingDocument.attachment_id == attachment_id,
        OutgoingDocument.instance_id.in_([c.id for c in cases]))).first()
    if found is None or found[0].task_id is None:
        return None
    line, field = found
    case = next(c for c in cases if c.id == line.instance_id)
    task = session.get(Task, line.task_id)
    version = services.specs.version(session, case.version_id)
    if task is None or task.status != TaskStatus.COMPLETED:
        return None
    form = version.form(task.form) if task.form else None
    return (case, line) if is_citizen_document(version, task.name, form, field) else None
