from flask import request
from werkzeug.exceptions import UnsupportedMediaType

from edges.downloads import attachment
from engine.core import InvalidInput, NotFound
from engine.definitions import ProcessPackage, is_safe_file_name
from engine.files import replace_template, version_template
from engine.moves import move_cases
from engine.processes import deploy_process_version, get_process_model, get_version, list_process_models, version_view

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..move_schemas import MigrationReport, MigrationRequest
from ..schemas import DeploymentSchema, ProcessModelPage, ProcessModelSchema

blp = Blueprint("process_models", __name__, url_prefix="/api/v1/process-models",
                description="Process models (BPMN diagrams) and their deployed versions")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UPLOAD_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/xml": {"schema": {"type": "string", "description": "The BPMN 2.0 diagram"}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "bpmn": {"type": "string", "format": "binary", "description": "The diagram (.bpmn)"},
                "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                          "description": "Form (.json) and decision (.dmn) files the diagram names"},
            }, "required": ["bpmn"]}},
        },
    }
}


@blp.route("", methods=["GET"])
@blp.response(200, ProcessModelPage)
def index():
    """All process models with their latest version."""
    items = list_process_models(services(), current_principal())
    return {"items": items, "total": len(items)}


@blp.route("/<string:process_model_id>", methods=["GET"])
@blp.response(200, ProcessModelSchema)
def show(process_model_id):
    """One process model with every version."""
    return get_process_model(services(), process_model_id, current_principal())


@blp.route("/<string:process_model_id>/versions", methods=["POST"])
@blp.doc(**UPLOAD_DOC)
@blp.response(201, DeploymentSchema)
@blp.alt_response(200, schema=DeploymentSchema, description="Identical content: the existing version")
def deploy(process_model_id):
    """Validate and deploy a diagram as a new version (administrators)."""
    package = _package_from_request()
    deployment = deploy_process_version(services(), current_principal(), package, expected_id=process_model_id)
    body = {"process_model": process_model_id, "created": deployment.created,
            "version": version_view(deployment.version)}
    return body, 201 if deployment.created else 200


@blp.route("/<string:process_model_id>/versions/<int:number>/bpmn", methods=["GET"])
@blp.response(200, {"type": "string"}, content_type="application/xml")
def bpmn(process_model_id, number):
    """The exact BPMN XML of a version, as a download (`Content-Disposition: attachment`)."""
    version = get_version(services(), process_model_id, number)
    return attachment(version.bpmn_xml, "application/xml", f"{process_model_id}-v{number}.bpmn")


@blp.route("/<string:process_model_id>/versions/<int:number>/files/<string:name>", methods=["GET"])
@blp.response(200, {"type": "string"}, content_type="application/json")
def version_file(process_model_id, number, name):
    """A form, decision or document template of a version, as a download (`Content-Disposition: attachment`;
    a `.docx` template as the Word file)."""
    if name.lower().endswith(".docx"):
        return attachment(version_template(services(), process_model_id, number, name), DOCX, name)
    version = get_version(services(), process_model_id, number)
    if name not in version.files:
        raise NotFound("Không tìm thấy tệp.")
    mimetype = "application/xml" if name.endswith(".dmn") else "application/json"
    return attachment(version.files[name], mimetype, name)


@blp.route("/<string:process_model_id>/templates/<string:name>", methods=["PUT"])
@blp.doc(requestBody={"required": True, "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}}})
@blp.response(201, DeploymentSchema)
@blp.alt_response(200, schema=DeploymentSchema, description="The same template: the existing version")
def upload_template(process_model_id, name):
    """Replace a document template (the Word file as the request body): a new version of the process, its
    latest version with this template changed (administrators above the communes)."""
    deployment = replace_template(services(), current_principal(), process_model_id, name,
                                  request.get_data(cache=False))
    body = {"process_model": process_model_id, "created": deployment.created,
            "version": version_view(deployment.version)}
    return body, 201 if deployment.created else 200


@blp.route("/<string:process_model_id>/migrations", methods=["POST"])
@blp.arguments(MigrationRequest)
@blp.response(200, MigrationReport)
def migrate(args, process_model_id):
    """Move running cases to another version (administrators above the communes, cases of their communes):
    a dry run by default; each case in its own transaction, refused with the reason when it cannot move."""
    return move_cases(services(), current_principal(), process_model_id, **args)


def _package_from_request() -> ProcessPackage:
    content_type = request.mimetype
    if content_type in ("application/xml", "text/xml"):
        return ProcessPackage("diagram.bpmn", request.get_data(cache=False))
    if content_type == "multipart/form-data":
        diagram = request.files.get("bpmn")
        if diagram is None:
            raise InvalidInput("Thiếu tệp sơ đồ.", {"bpmn": "Bắt buộc."})
        files = {}
        for upload in request.files.getlist("files"):
            name = upload.filename or ""
            if not is_safe_file_name(name):
                raise InvalidInput("Tên tệp không hợp lệ.", {"files": "Tên tệp chỉ gồm chữ, số, '.', '-', '_'."})
            files[name] = upload.read()
        return ProcessPackage(diagram.filename or "diagram.bpmn", diagram.read(), files)
    raise UnsupportedMediaType()
