import io

from flask import send_file

from engine.reports import DOCUMENT_TYPES, get_report, report_document

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schemas import ReportSchema

blp = Blueprint("reports", __name__, url_prefix="/api/v1/reports",
                description="Periodic reports (bao_cao_dinh_ky) as the Chairman approved them, frozen")


def _file(kind: str, description: str) -> dict:
    return {"description": description,
            "content": {DOCUMENT_TYPES[kind]: {"schema": {"type": "string", "format": "binary"}}}}


@blp.route("/<string:instance_id>", methods=["GET"])
@blp.response(200, ReportSchema)
def show(instance_id):
    """The approved report of a `bao_cao_dinh_ky` case: figures, draft, comments (404 before approval)."""
    return get_report(services(), current_principal(), instance_id)


@blp.route("/<string:instance_id>.docx", methods=["GET"])
@blp.doc(responses={"200": _file("docx", "The approved report as a Word document")})
def docx(instance_id):
    """Download the approved report as a Word document."""
    return _download(instance_id, "docx")


@blp.route("/<string:instance_id>.xlsx", methods=["GET"])
@blp.doc(responses={"200": _file("xlsx", "The figures of the approved report, one sheet per table")})
def xlsx(instance_id):
    """Download the figures of the approved report as an Excel workbook."""
    return _download(instance_id, "xlsx")


def _download(instance_id: str, kind: str):
    name, media_type, content = report_document(services(), current_principal(), instance_id, kind)
    return send_file(io.BytesIO(content), mimetype=media_type, as_attachment=True, download_name=name)
