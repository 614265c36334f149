from edges.downloads import attachment
from engine.cases import (
    cancel_case,
    case_documents,
    case_history,
    case_overview,
    download_attachment,
    download_attachment_pdf,
    export_case_file,
    get_case,
    list_attachments,
    list_cases,
    send_back,
    send_back_targets,
    send_message,
    start_case,
)

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schemas import (
    AttachmentPage,
    CaseDocumentPage,
    CancelBody,
    HistoryPage,
    InstanceCreate,
    InstanceDetailSchema,
    InstanceListArgs,
    InstancePage,
    MessageBody,
    OverviewSchema,
    SendBackBody,
    SendBackTargetPage,
)
from ..uploads import multipart_doc, request_uploads

blp = Blueprint("instances", __name__, url_prefix="/api/v1/instances", description="Cases (process instances)")


@blp.route("", methods=["POST"])
@blp.arguments(InstanceCreate)
@blp.doc(**multipart_doc(process_model={"type": "string"}))
@blp.response(201, InstanceDetailSchema)
def create(body):
    """Open a case of a process model, with the data of its start form. A start form with file fields takes
    `multipart/form-data`: `process_model`, the data as a JSON part `data`, each file as a part named by its
    field (docs/api.md, "Files")."""
    return start_case(services(), current_principal(), body["process_model"], body["data"],
                      confirm_warnings=body["confirm_warnings"], uploads=request_uploads(services().settings))


@blp.route("", methods=["GET"])
@blp.arguments(InstanceListArgs, location="query")
@blp.response(200, InstancePage)
def index(args):
    """List the cases of my commune, newest first."""
    items, total = list_cases(services(), current_principal(), **args)
    return {"items": items, "total": total}


@blp.route("/overview", methods=["GET"])
@blp.response(200, OverviewSchema)
def overview():
    """My running cases: how many are overdue and due this week, in all, by process and by hamlet (the
    Chairman's overview; `GET /instances?status=running&due=overdue&process_model=...` lists each count)."""
    return case_overview(services(), current_principal())


@blp.route("/<string:instance_id>", methods=["GET"])
@blp.response(200, InstanceDetailSchema)
def show(instance_id):
    """One case: status, data, tasks and the messages it accepts now."""
    return get_case(services(), current_principal(), instance_id)


@blp.route("/<string:instance_id>/cancel", methods=["POST"])
@blp.arguments(CancelBody)
@blp.response(200, InstanceDetailSchema)
def cancel(body, instance_id):
    """Cancel a running case (roles named by the process)."""
    return cancel_case(services(), current_principal(), instance_id, body["reason"])


@blp.route("/<string:instance_id>/messages", methods=["POST"])
@blp.arguments(MessageBody)
@blp.response(200, InstanceDetailSchema)
def message(body, instance_id):
    """Send a message the case waits for (e.g. a withdrawal), with its form data."""
    return send_message(services(), current_principal(), instance_id, body["name"], body["data"],
                        confirm_warnings=body["confirm_warnings"])


@blp.route("/<string:instance_id>/history", methods=["GET"])
@blp.response(200, HistoryPage)
def history(instance_id):
    """Everything that happened to the case, oldest first: who, when, which version, with which data."""
    items = case_history(services(), current_principal(), instance_id)
    return {"items": items, "total": len(items)}


@blp.route("/<string:instance_id>/attachments", methods=["GET"])
@blp.response(200, AttachmentPage)
def attachments(instance_id):
    """The files of the case, oldest first: sent with its forms, with who, when and their SHA-256. A file of a
    confidential field is named `[bảo mật]` to whoever may not read the case's secrets."""
    items = list_attachments(services(), current_principal(), instance_id)
    return {"items": items, "total": len(items)}


@blp.route("/<string:instance_id>/attachments/<string:attachment_id>", methods=["GET"])
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/octet-stream")
def attachment_file(instance_id, attachment_id):
    """One file, as a download (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`);
    each download is an audit event (`attachment_downloaded`)."""
    found = download_attachment(services(), current_principal(), instance_id, attachment_id)
    return attachment(found["content"], found["media_type"], found["name"])


@blp.route("/<string:instance_id>/attachments/<string:attachment_id>/pdf", methods=["GET"])
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
def attachment_pdf(instance_id, attachment_id):
    """A Word file of the case (a generated notice or decision) as PDF, converted by LibreOffice on request;
    404 `pdf_unavailable` where LibreOffice is not installed (the listing's `pdf` is then false) or the file is
    not a Word document; 409 `pdf_conversion_failed` when the conversion fails or times out. Each download is
    an audit event (`attachment_downloaded`) with the `.docx`'s and the PDF's SHA-256."""
    found = download_attachment_pdf(services(), current_principal(), instance_id, attachment_id)
    return attachment(found["content"], found["media_type"], found["name"])


@blp.route("/<string:instance_id>/send-back", methods=["GET"])
@blp.response(200, SendBackTargetPage)
def send_back_options(instance_id):
    """The completed steps the Chairman of the case's commune may send it back to, and why not the others
    (empty for everyone else)."""
    items = send_back_targets(services(), current_principal(), instance_id)
    return {"items": items, "total": len(items)}


@blp.route("/<string:instance_id>/send-back", methods=["POST"])
@blp.arguments(SendBackBody)
@blp.response(200, InstanceDetailSchema)
def send_back_case(body, instance_id):
    """Send a running case back to an earlier completed step, with a reason (the Chairman of its commune):
    the step is open again, both passes stay in the history; 409 `cannot_send_back` says why not."""
    return send_back(services(), current_principal(), instance_id, body["task_id"], body["reason"])


@blp.route("/<string:instance_id>/documents", methods=["GET"])
@blp.response(200, CaseDocumentPage)
def documents(instance_id):
    """Every document of the case in order, with who and when: the files sent with its forms (`in`) and the
    documents it issued with their register numbers (`out`)."""
    items = case_documents(services(), current_principal(), instance_id)
    return {"items": items, "total": len(items)}


@blp.route("/<string:instance_id>/case-file", methods=["GET"])
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/zip")
def case_file(instance_id):
    """The whole case file as one ZIP, for transfer or the archive: `muc-luc.csv` (every document in and out with
    its date, who and SHA-256), the files under `tai-lieu/` (those this user may read), `lich-su.csv` (the
    history). Taking it is an audit event (`case_file_exported`)."""
    name, content = export_case_file(services(), current_principal(), instance_id)
    return attachment(content, "application/zip", name)
