"""Approved periodic reports, frozen: what the Chairman approved stays exactly as it was.

When the Chairman approves a report (`bao_cao_dinh_ky`), the diagram's service task `danchu.freeze_report`
stores the figures the Office drafted from, the draft text, the comments and who approved it when, as one
JSON document in `reports`, with the SHA-256 of its canonical form (keys sorted, no insignificant spaces,
UTF-8). Nothing in danchu updates or deletes a row of `reports`: cases added later change the next report,
never this one, and the hash printed on every download lets anyone check a copy against the register.

Reading is scoped like cases: a user sees the reports of their own commune; before approval there is none.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date

from sqlalchemy import select

from ..core.errors import InvalidInput, ReportNotFound
from ..core.principal import Principal
from ..core.timezone import commune_tz
from ..cases.attachments import download_attachment
from ..store.tables import Case, FrozenReport, OutgoingDocument, User
from ..trust.confidential import command_secrets
from ..trust.secret_text import mask_tree
from .workbook import DOCUMENT_TYPES, render_workbook

NOT_SENT = "Báo cáo đã phê duyệt được lập thành văn bản khi gửi; hãy hoàn thành bước Gửi báo cáo."
REQUIRED_FIGURES = ("ky_bao_cao", "nam", "tu_ngay", "den_ngay", "tieu_de", "bang")


def canonical_json(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_sha256(content: dict) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def freeze_report(services, session, case: Case, *, figures, draft, approval_comment, returns,
                  approved_by: str) -> FrozenReport:
    """Store the approved report of `case` (once: a second freeze of the same case is refused)."""
    if not isinstance(figures, dict) or any(k not in figures for k in REQUIRED_FIGURES):
        raise InvalidInput("Thiếu số liệu báo cáo đã tổng hợp.", {"so_lieu": "Cần kết quả của danchu.compile_report."})
    if not isinstance(draft, dict) or not all(isinstance(v, str) for v in draft.values()):
        raise InvalidInput("Dự thảo báo cáo không hợp lệ.", {"du_thao": "Các mục của dự thảo là văn bản."})
    if session.get(FrozenReport, case.id) is not None:
        raise InvalidInput("Báo cáo này đã được phê duyệt và khóa.", {"instance_id": "Đã khóa."})
    now = services.clock.now()
    approver = session.scalar(select(User.full_name).where(User.username == approved_by))
    content = {
        "ma_ho_so": case.business_key,
        "co_quan": figures.get("co_quan"), "tieu_de": figures["tieu_de"], "trich_yeu": figures.get("trich_yeu"),
        "ky_bao_cao": figures["ky_bao_cao"], "nam": figures["nam"],
        "tu_ngay": figures["tu_ngay"], "den_ngay": figures["den_ngay"],
        "so_lieu": figures,
        "du_thao": dict(draft),
        "y_kien_phe_duyet": str(approval_comment or ""),
        "lich_su_tra_lai": list(returns or []),
        "nguoi_phe_duyet": approved_by, "ten_nguoi_phe_duyet": approver or approved_by,
        "phe_duyet_luc": now.astimezone(commune_tz(services)).isoformat(),
    }
    content = json.loads(canonical_json(content))  # plain JSON only: what is hashed is what is stored
    content = mask_tree(content, command_secrets(session, case.id))  # a report is handed out: no confidential value
    report = FrozenReport(
        instance_id=case.id, business_key=case.business_key, commune_id=case.commune_id,
        kind=str(figures["ky_bao_cao"])[:16], year=int(figures["nam"]),
        period_start=date.fromisoformat(figures["tu_ngay"]), period_end=date.fromisoformat(figures["den_ngay"]),
        title=f"{figures['tieu_de']} - {figures.get('co_quan') or ''}"[:300], content=content,
        sha256=content_sha256(content), approved_by=approved_by, approved_at=now)
    session.add(report)
    session.flush()
    return report


def get_report(services, principal: Principal, instance_id: str) -> dict:
    with services.uow(write=False) as uow:
        return report_view(_visible(uow.session, principal, instance_id))


def report_document(services, principal: Principal, instance_id: str, kind: str) -> tuple[str, str, bytes]:
    """`(file name, media type, bytes)` of the approved report: the Word document the sending step issued
    (`docx`: the case's file numbered in the register, its download recorded like any file's), or the frozen
    figures as an Excel workbook (`xlsx`)."""
    if kind not in DOCUMENT_TYPES:
        raise ReportNotFound("Không có định dạng tải về này.")
    report = get_report(services, principal, instance_id)
    name = f"{report['business_key']}.{kind}"
    if kind == "xlsx":
        return name, DOCUMENT_TYPES[kind], render_workbook(report)
    with services.uow(write=False) as uow:
        attachment_id = uow.session.scalar(select(OutgoingDocument.attachment_id).where(
            OutgoingDocument.instance_id == report["instance_id"], OutgoingDocument.attachment_id.is_not(None))
            .order_by(OutgoingDocument.id.desc()).limit(1))
    if attachment_id is None:
        raise ReportNotFound(NOT_SENT)
    issued = download_attachment(services, principal, report["instance_id"], attachment_id)
    return name, issued["media_type"], issued["content"]


def report_view(report: FrozenReport) -> dict:
    return {
        "instance_id": report.instance_id, "business_key": report.business_key, "title": report.title,
        "kind": report.kind, "year": report.year, "period_start": report.period_start,
        "period_end": report.period_end, "sha256": report.sha256, "approved_by": report.approved_by,
        "approved_at": report.approved_at, "content": report.content,
    }


def _visible(session, principal: Principal, instance_id: str) -> FrozenReport:
    report = session.get(FrozenReport, instance_id)
    if report is None or not principal.sees_commune(report.commune_id):
        raise ReportNotFound("Chưa có báo cáo được phê duyệt cho hồ sơ này.")
    return report
