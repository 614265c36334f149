"""Documents out: the `.docx` a step issues, filled from its template when the step completes.

A user task naming `document.symbol` gets its number from the commune's register (`engine.processes.register`);
naming also `document.template` (a `.docx` of the process package, kept beside the diagram and versioned with
it), it gets the document itself: the template is filled by docxtpl (Jinja tags in Word, `{{ ho_ten }}`) from
the case's data as the step leaves it, plus the number and date, the commune's name and the signer's, and the
result is stored as a file of the case like a form's attachment (content-addressed, its hash in the audit
chain with the `attached` event), in the step's transaction: a step that fails leaves no document, and its
content is deleted unless a committed row names it.
"""
from __future__ import annotations

import io
import uuid
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select

from ..definitions.package import TEMPLATE, binary_file
from ..definitions.word_templates import template_environment
from ..processes.register import issued_document
from ..store.tables import Attachment, OrgUnit, OutgoingDocument, User, UserRole
from ..trust.audit import record_event
from .storage import content_key
from .writing import attachment_ref, claim_key, forget

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELD = "document.field"  # the data field holding the generated file's id; default `van_ban`
AUTHORITY, SIGNER_TITLE = "document.authority", "document.signerTitle"
SIGNER_ROLE = "document.signerRole"  # the role of the commune whose holder signs (chu_tich); else who completes


class TemplateMissing(Exception):
    """The step names a template the version's package does not hold (deploying checks it; kept for safety)."""


@contextmanager
def issued_documents(services):
    """Around a command that may issue documents: the contents it wrote are deleted if it fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        forget(services, written)
        raise


def issue_documents(services, session, case, task, version, issuing: list, data: dict, actor: str,
                    written: list[str]) -> None:
    """Each document the step issues (`issuing`: its properties and register line,
    `engine.processes.register.number_documents`)."""
    for properties, line in issuing:
        issue_document(services, session, case, task, version, properties, line, data, actor, written)


def issue_document(services, session, case, task, version, properties: dict, line, data: dict, actor: str,
                   written: list[str]) -> dict:
    """Fill the template of the document `properties` (one of the step's, `engine.processes.register.
    documents_of`), store it as a file of `case` and link it to its register `line`; the field naming the
    file, for the step's data (nothing when the document names no template)."""
    template = (properties.get(TEMPLATE) or "").strip()
    if not template or not issued_document(properties):
        return {}
    source = binary_file((version.files or {}).get(template, ""))
    if source is None:
        raise TemplateMissing(template)
    session.flush()  # the register line, added when its number was taken
    content = render(source, document_context(session, case, line, properties, data, actor))
    name = f"{line.reference.replace('/', '-')}.docx"
    key, now = content_key(content), services.clock.now()
    if claim_key(session, key, len(content), now):
        services.files.put(key, content)
        written.append(key)
    field = properties.get(FIELD) or "van_ban"
    attachment_id = str(uuid.uuid4())
    session.add(Attachment(id=attachment_id, instance_id=case.id, task_id=task.id, field=field, name=name,
                           media_type=DOCX, size=len(content), sha256=key, blob_key=key, sealed=False,
                           created_by=actor, created_at=now))
    session.flush()
    line.attachment_id = attachment_id
    record_event(session, at=now, actor=actor, action="attached", case=case, task_id=task.id, data={
        "attachment": attachment_id, "ref": attachment_ref(attachment_id), "field": field, "sha256": key,
        "stored": key, "size": len(content), "type": DOCX, "name": name, "issued": line.reference})
    return {field: attachment_id}


def document_context(session, case, line, properties: dict, data: dict, actor: str) -> dict:
    """What a template may name: the case's data, then the register's number and date, the issuing unit and
    the signer (`_signer`), which the data cannot override. The issuing unit is the register line's: the
    case's commune, or the province for a case moved to it (`engine.processes.register.issuing_unit`), whose
    name then heads the document (`ten_xa`, as the templates name it) while `xa_ho_so` keeps the commune's."""
    issued: date = line.issued_on
    signer = _signer(session, line.commune_id, (properties.get(SIGNER_ROLE) or "").strip(), actor)
    unit = session.get(OrgUnit, line.commune_id)
    commune = unit if line.commune_id == case.commune_id else session.get(OrgUnit, case.commune_id)
    return {**data, "so_ky_hieu": line.reference, "ngay_ban_hanh": issued.strftime("%d/%m/%Y"),
            "ngay": f"{issued.day:02d}", "thang": f"{issued.month:02d}", "nam": str(issued.year),
            "ten_xa": unit.name if unit else "", "xa_ho_so": commune.name if commune else "",
            "ma_ho_so": case.business_key or "",
            "nguoi_ky": signer, "tham_quyen_ky": properties.get(AUTHORITY) or "TM. ỦY BAN NHÂN DÂN",
            "chuc_vu_nguoi_ky": properties.get(SIGNER_TITLE) or "CHỦ TỊCH"}


def _signer(session, unit_id: int, role: str, actor: str) -> str:
    """The signer's full name: the active holder of `role` in the issuing unit (the first by login when
    several), else the person completing the step."""
    holder = None
    if role:
        holder = session.scalars(select(User.full_name).join(UserRole, UserRole.user_id == User.id).where(
            UserRole.role == role, User.unit_id == unit_id, User.active.is_(True)).order_by(User.username)).first()
    return holder or session.scalars(select(User.full_name).where(User.username == actor)).first() or actor


def render(source: bytes, context: dict) -> bytes:
    """The filled `.docx`: values are escaped for Word's XML (a `&` or `<` in a name stays text); a name the
    data lacks is left empty, a date shown with `{{ ngay_nhan_don|ngay }}`."""
    from docxtpl import DocxTemplate  # noqa: PLC0415  docxtpl (and Jinja's environment) only when issuing

    document = DocxTemplate(io.BytesIO(source))
    document.render(context, template_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
