"""Following a letter by its tracking code: the letter and every case it became.

A letter sent on the portal usually ends quickly ("Đã mở hồ sơ"): the complaint, denunciation or petition it
opened goes on as cases of their own (`instance_links`, from the letter). The citizen sees each of them with
the step it is at, the date the commune must answer by, and the documents the commune sent them: a step whose
form records one of the process's `citizenDocumentFields` (by default the numbers of the notices and decisions
the library's processes send to the citizen) lists that document's name (the step's title), number and date,
and the citizen downloads the ones danchu generated with the same code (`engine.portal.documents`);
each date the process names in `citizenDateFields` that the case holds is shown with its title (a complaint's
last days for a second complaint and for a lawsuit, which the citizen must know to use those rights).
Nothing else of the case data is shown, and never a confidential field.
"""
from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select

from ..cases.attachments import read_file
from ..cases.state import case_data, restore_workflow
from ..core.errors import CaseUnreadable, NotFound
from ..core.outcomes import outcome_label as common_outcome_label
from ..core.principal import PORTAL_USER
from ..core.status import OPEN_TASK_STATUSES
from ..definitions.form_fields import version_fields
from ..files.pdf import DOCX, offers_pdf, pdf_download
from ..store.tables import Attachment, Case, CaseLink, Task, TrackingCode
from ..trust.audit import record_event
from .documents import citizen_attachment, documents_sent


def track_case(services, code: str) -> dict:
    """The letter found by its tracking code and the cases it became. Unknown key and wrong secret give the
    same answer."""
    with services.uow(write=False) as uow:
        letter, *became = tracked_cases(uow.session, code)
        return {**_case_view(services, uow.session, letter),
                "became": [_case_view(services, uow.session, c) for c in became]}


def tracked_cases(session, code: str) -> list[Case]:
    """The letter of a tracking code, then the cases it became (NotFound for an unknown key or a wrong secret,
    the same answer for both)."""
    business_key, _, secret = (code or "").strip().upper().replace(" ", "").rpartition("-")
    row = session.execute(select(Case, TrackingCode.secret_sha256)
                          .join(TrackingCode, TrackingCode.instance_id == Case.id)
                          .where(Case.business_key == business_key)).first()
    expected = row[1] if row else digest("not-a-code")
    if not hmac.compare_digest(expected, digest(secret)) or row is None:
        raise NotFound("Không tìm thấy hồ sơ với mã này.")
    letter = row[0]
    became = session.scalars(select(Case).join(CaseLink, CaseLink.to_instance_id == Case.id)
                             .where(CaseLink.from_instance_id == letter.id).order_by(CaseLink.id)).all()
    return [letter, *became]


def download_sent_document(services, code: str, attachment_id: str, *, as_pdf: bool = False) -> dict:
    """`{name, media_type, content}` of a document one of the tracked cases sent the citizen (as PDF when asked
    and LibreOffice is installed, `engine.files.pdf`), its download recorded (`attachment_downloaded` by the
    portal) before it is handed out; NotFound for any other file, the same answer whether it is internal,
    another case's or no file at all."""
    with services.uow(write=False) as uow:
        session = uow.session
        found = citizen_attachment(session, services, tracked_cases(session, code), attachment_id)
        row = session.get(Attachment, attachment_id) if found else None
        if row is None or row.sealed:
            raise NotFound("Không tìm thấy văn bản.")
        case_id, (name, content) = found[0].id, read_file(services, row)
        media_type, data = row.media_type, {"attachment": row.id, "field": row.field, "sha256": row.sha256,
                                            "tracking": True}
        task_id = row.task_id
    if as_pdf:
        name, content, data["pdf_sha256"] = pdf_download(services.settings, name, content, media_type)
        media_type = "application/pdf"
    with services.uow() as uow:
        record_event(uow.session, at=services.clock.now(), actor=PORTAL_USER, action="attachment_downloaded",
                     case=uow.session.get(Case, case_id), task_id=task_id, data=data)
        uow.commit()
    return {"name": name, "media_type": media_type, "content": content}


def _case_view(services, session, case: Case) -> dict:
    version = services.specs.version(session, case.version_id)
    steps = session.execute(select(Task.title, Task.due_at).where(
        Task.instance_id == case.id, Task.status.in_(OPEN_TASK_STATUSES)).order_by(Task.created_at)).all()
    # What the citizen is owed: the case's statutory date, else the earliest date a current step is due by
    # (a letter's handling period lives on its steps).
    step_due = min((due for _, due in steps if due is not None), default=None)
    return {"business_key": case.business_key, "process_name": version.name, "status": case.status,
            "outcome": case.outcome, "outcome_label": outcome_label(version, case.outcome),
            "created_at": case.created_at, "ended_at": case.ended_at,
            "current_steps": [title for title, _ in steps], "due_at": case.due_at or step_due,
            "deadline_name": version.properties.get("caseDeadlineName") if case.due_at else None,
            **_documents_and_dates(services, session, case, version)}


def _documents_and_dates(services, session, case: Case, version) -> dict:
    """`documents` and `dates` of the case, reading its data (the stored state) only when it may have some."""
    loaded = []

    def data() -> dict:
        if not loaded:
            try:
                loaded.append(case_data(services.runner, restore_workflow(services, session, case)[2]))
            except CaseUnreadable:
                loaded.append({})
        return loaded[0]
    documents = [{**d, "pdf": bool(d["file"]) and offers_pdf(services.settings, DOCX)}
                 for d in documents_sent(session, case, version, data)]
    return {"documents": documents, "dates": _dates(version, data)}


def _dates(version, data) -> list[dict]:
    """The dates of `citizenDateFields` the case holds: {title, date}, in the property's order."""
    wanted = [n.strip() for n in version.properties.get("citizenDateFields", "").split(",")
              if n.strip() and n.strip() not in version.confidential]
    if not wanted:
        return []
    fields, values = version_fields(version), data()
    return [{"title": (fields.get(name) or {}).get("title") or name, "date": values[name]}
            for name in wanted if isinstance(values.get(name), str) and values[name]]


def outcome_label(version, outcome: str | None) -> str | None:
    """The public wording of an outcome code: the process property `outcome.<code>`, else a common label."""
    if not outcome:
        return None
    return common_outcome_label(version.properties, outcome)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()

