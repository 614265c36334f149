"""The modeler's page and the JSON endpoints its script calls: check (the whole deploy-time validation),
the sandbox's verdicts on texts being typed (what the modeler's lint shows inline), the preview of a form as
the staff page renders it, the preview of a deployment (problems, difference from the latest version, running
cases on older versions), and the deployment itself.

The modeler posts `{"bpmn": "<xml>", "files": {"name": "text"}}`: the diagram, and the forms it edited or
created; the other files of the version it came from go with them unchanged. (An XML body, the diagram
alone, is still accepted.)"""
from __future__ import annotations

from flask import jsonify, render_template, request, url_for
from flask_babel import gettext
from flask_wtf.csrf import generate_csrf

from edges.downloads import attachment
from edges.errors import error_response, error_status
from engine.core import ADMINISTRATOR, ROLES, DanchuError, InvalidInput, N_, loads_bounded
from engine.definitions import (
    LINT_TEXTS,
    MAX_VERDICT_TEXT,
    VERDICT_KINDS,
    ProcessPackage,
    form_schema_error,
    is_safe_file_name,
    verdict,
)
from engine.processes import (
    deploy_process_version,
    get_process_model,
    get_version,
    may_deploy,
    preview_deployment,
    validate_process_package,
)

from ..blueprint import bp
from ..form_render import build_fields
from .common import said_problems
from .modeler_texts import PROPERTIES, bpmn_js_texts, element_kinds
from ..session_auth import current_principal, roles_required, services

admin_only = roles_required(ADMINISTRATOR)
MAX_VERDICTS = 300


@bp.route("/admin/processes/<process_model>/versions/<int:number>/modeler")
@admin_only
def modeler(process_model, number):
    version = get_version(services(), process_model, number)
    urls = {"xmlUrl": url_for("web.version_bpmn", process_model=process_model, number=number),
            "validateUrl": url_for("web.validate_version", process_model=process_model, number=number),
            "deployUrl": url_for("web.deploy_version", process_model=process_model, number=number),
            "previewUrl": url_for("web.preview_deploy", process_model=process_model, number=number),
            "verdictsUrl": url_for("web.sandbox_verdicts"), "formPreviewUrl": url_for("web.form_preview"),
            "latestXmlUrl": url_for("web.latest_bpmn", process_model=process_model),
            "migrationsUrl": url_for("web.migrations", process_model=process_model)}
    config = {**urls, "csrf": generate_csrf(), "fileName": f"{process_model}.bpmn", "processId": process_model,
              "roles": [{"value": code, "label": title} for code, title in ROLES.items()],
              "files": {name: text for name, text in version.files.items() if name.endswith(".json")},
              "messages": _messages(), "bpmnTexts": bpmn_js_texts(), "elementKinds": element_kinds(),
              "lintTexts": {text: gettext(text) for text in LINT_TEXTS}}
    return render_template("admin/modeler.html", version=version, process_model=process_model, config=config,
                           may_deploy=may_deploy(services(), current_principal()))


LABELS = {  # the modeler's words, translated once per page; a property's label is the one PROPERTIES gives
    **{name: label for name, label in PROPERTIES.items() if "." not in name},
    "chooseElement": N_("— chọn phần tử —"), "checking": N_("Đang kiểm tra…"), "valid": N_("Sơ đồ hợp lệ: có thể triển khai."),
    "problems": N_("Có {n} lỗi: xem các phần tử được đánh dấu đỏ."), "lintProblems": N_("Kiểm tra nhanh: {n} lỗi."),
    "lintClean": N_("Kiểm tra nhanh: không có lỗi."), "failed": N_("Không thực hiện được."), "deploying": N_("Đang triển khai…"),
    "deployed": N_("Đã triển khai phiên bản {n}."), "unchanged": N_("Không có thay đổi: vẫn là phiên bản {n}."),
    "loadFailed": N_("Không tải được sơ đồ."), "preparing": N_("Đang so sánh với phiên bản hiện hành…"),
    "noForm": N_("(chưa chọn)"), "newForm": N_("Tạo biểu mẫu mới…"), "editForm": N_("Sửa biểu mẫu…"), "calendar": N_("Ngày lịch"),
    "working": N_("Ngày làm việc"), "form": N_("Biểu mẫu"), "instructions": N_("Hướng dẫn cho người làm"),
    "deadlineDaysHelp": N_("Một số, hoặc biểu thức trên dữ liệu hồ sơ."),
    "preScript": N_("Kịch bản trước"), "postScript": N_("Kịch bản sau"), "script": N_("Kịch bản"),
    "condition": N_("Điều kiện"), "conditionHelp": N_("Biểu thức trên dữ liệu hồ sơ, ví dụ ket_qua == 'dong_y'."),
    "role": N_("Vai trò"), "unknownRole": N_("vai trò không có"),
    "startRolesHelp": N_("Không chọn vai trò nào: vai trò của làn có sự kiện bắt đầu."),
    "cancelRolesHelp": N_("Không chọn vai trò nào: Chủ tịch UBND xã."), "messageRolesHelp": N_("Không chọn vai trò nào: không ai được gửi."),
    "parameters": N_("Tham số quy trình"),
    "parametersHelp": N_("Mỗi dòng: tên = giá trị (thời hạn, mức luật để ngỏ)."), "groupTask": N_("Công việc (danchu)"),
    "groupScripts": N_("Kịch bản (danchu)"), "groupCondition": N_("Điều kiện rẽ nhánh"), "groupLane": N_("Vai trò của làn"),
    "groupMessage": N_("Thông điệp (danchu)"), "groupProcess": N_("Quy trình (danchu)"), "groupStartForm": N_("Biểu mẫu mở hồ sơ"),
    "messageVariable": N_("Biến nhận dữ liệu thông điệp"), "sandboxOk": N_("Bộ kiểm tra an toàn: hợp lệ."),
    "process": N_("quy trình"), "diffDrawn": N_("Trên sơ đồ: {added} phần tử mới (xanh), {changed} phần tử đổi (cam)."),
    "running": N_("{n} hồ sơ đang xử lý theo phiên bản cũ ({versions}): chúng giữ phiên bản của mình, trừ khi bạn chuyển chúng sau khi triển khai."),
    "noRunning": N_("Không có hồ sơ đang xử lý theo phiên bản cũ."), "fieldType": N_("Kiểu trường"), "fieldOptions": N_("Lựa chọn"),
    "fieldRemove": N_("Bỏ trường"), "fieldName": N_("Mã trường"), "fieldTitle": N_("Tên trường"), "fieldRequired": N_("Bắt buộc"),
    "fieldMin": N_("Tối thiểu"), "fieldMax": N_("Tối đa"), "fieldHelp": N_("Hướng dẫn"), "fieldConfidential": N_("Bảo mật"),
    "type_string": N_("Chữ ngắn"), "type_text": N_("Đoạn văn"), "type_integer": N_("Số nguyên"), "type_number": N_("Số"),
    "groupDocument": N_("Văn bản ban hành (danchu)"), "documentSymbol": PROPERTIES["document.symbol"],
    "documentSymbolHelp": N_("Ví dụ TB-UBND, QĐ-UBND: bước này lấy số từ sổ văn bản đi khi hoàn thành."),
    "documentIssuer": N_("Cơ quan ban hành (nếu khác phần sau của ký hiệu)"),
    "documentNumberField": N_("Trường nhận số, ký hiệu"), "documentDateField": N_("Trường nhận ngày ban hành"),
    "documentTemplate": PROPERTIES["document.template"], "documentTemplateHelp": N_("Tên tệp .docx trong gói quy trình."),
    "documentWhen": N_("Chỉ ban hành khi (điều kiện)"),
    "documentWhenHelp": N_("Biểu thức trên dữ liệu của bước, ví dụ ky_van_ban == 'ky': để trống là luôn ban hành."),
    "documentSignerRole": PROPERTIES["document.signerRole"], "documentAuthority": N_("Thẩm quyền ký"),
    "documentSignerTitle": N_("Chức vụ người ký"), "documentField": N_("Trường nhận tệp văn bản"),
    "messageRoles": N_("Vai trò được gửi thông điệp"), "messageForm": N_("Biểu mẫu dữ liệu thông điệp"),
    "file_added": N_("thêm"), "file_removed": N_("bỏ"), "file_changed": N_("sửa"),
    "versionCount": N_("phiên bản {v}: {n}"),
    "type_boolean": N_("Có/không"), "type_date": N_("Ngày"), "type_choice": N_("Chọn một"), "type_raw": N_("Khác (giữ nguyên)"),
}



def _messages() -> dict:
    return {key: gettext(text) for key, text in LABELS.items()}


@bp.route("/admin/processes/<process_model>/latest/bpmn")
@admin_only
def latest_bpmn(process_model):
    """The latest version's diagram, which the deploy preview compares the edit with (a download)."""
    latest = get_process_model(services(), process_model, current_principal())["latest_version"]
    version = get_version(services(), process_model, latest)
    return attachment(version.bpmn_xml, "application/xml", f"{process_model}-v{latest}.bpmn")


def _posted_package(process_model: str, number: int) -> ProcessPackage:
    """The edited diagram with the version's files, those the modeler edited or created over them."""
    version = get_version(services(), process_model, number)
    files = {name: text.encode("utf-8") for name, text in version.files.items()}
    if request.mimetype in ("application/xml", "text/xml"):
        return ProcessPackage(f"{process_model}.bpmn", request.get_data(cache=False), files)
    if request.mimetype != "application/json":
        raise InvalidInput("Cần gửi sơ đồ XML.", {"bpmn": "Bắt buộc."})
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("bpmn"), str):
        raise InvalidInput("Cần gửi sơ đồ XML.", {"bpmn": "Bắt buộc."})
    edited = body.get("files") or {}
    if not isinstance(edited, dict) or not all(isinstance(v, str) for v in edited.values()):
        raise InvalidInput("Tệp biểu mẫu không hợp lệ.", {"files": "Tên tệp và nội dung văn bản."})
    for name, text in edited.items():
        if not is_safe_file_name(name) or not name.endswith(".json"):
            raise InvalidInput("Tên tệp không hợp lệ.", {"files": "Tên tệp chỉ gồm chữ, số, '.', '-', '_'."})
        files[name] = text.encode("utf-8")
    return ProcessPackage(f"{process_model}.bpmn", body["bpmn"].encode("utf-8"), files)


@bp.route("/admin/processes/<process_model>/versions/<int:number>/validate", methods=["POST"])
@admin_only
def validate_version(process_model, number):
    try:
        problems = validate_process_package(services(), current_principal(), _posted_package(process_model, number),
                                            expected_id=process_model)
    except DanchuError as exc:
        return _json_error(exc)
    return jsonify({"valid": not problems, "problems": said_problems(problems)})


@bp.route("/admin/processes/<process_model>/versions/<int:number>/preview", methods=["POST"])
@admin_only
def preview_deploy(process_model, number):
    """What deploying the edit would do, for the confirmation the modeler asks before deploying."""
    try:
        preview = preview_deployment(services(), current_principal(), _posted_package(process_model, number),
                                     process_model)
    except DanchuError as exc:
        return _json_error(exc)
    if preview["diff"] is not None:
        preview["diff"].pop("xml_diff", None)
    preview["problems"] = said_problems(preview["problems"])
    return jsonify(preview)


@bp.route("/admin/processes/<process_model>/versions/<int:number>/deploy", methods=["POST"])
@admin_only
def deploy_version(process_model, number):
    try:
        deployment = deploy_process_version(services(), current_principal(),
                                            _posted_package(process_model, number), expected_id=process_model)
    except DanchuError as exc:
        return _json_error(exc)
    version = deployment.version.version
    return jsonify({"created": deployment.created, "version": version,
                    "url": url_for("web.process", process_model=process_model),
                    "migrationsUrl": url_for("web.migrations", process_model=process_model)}), \
        201 if deployment.created else 200


@bp.route("/admin/processes/sandbox-verdicts", methods=["POST"])
@admin_only
def sandbox_verdicts():
    """The restricted evaluator's verdict on each `{kind, text}`: one sandbox, asked by the browser's lint."""
    body = request.get_json(silent=True)
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(items, list) or len(items) > MAX_VERDICTS or not all(
            isinstance(i, dict) and i.get("kind") in VERDICT_KINDS and isinstance(i.get("text"), str)
            and len(i["text"]) <= MAX_VERDICT_TEXT for i in items):
        return _json_error(InvalidInput("Yêu cầu kiểm tra không hợp lệ.", {"items": "Danh sách {kind, text}."}))
    return jsonify({"items": [{"kind": i["kind"], "text": i["text"], "problems": verdict(i["kind"], i["text"])}
                              for i in items]})


@bp.route("/admin/forms/preview", methods=["POST"])
@admin_only
def form_preview():
    """A form (JSON Schema) as the staff's task page renders it, for the form editor's live preview."""
    try:
        schema = loads_bounded(request.get_data(as_text=True)[:200_000], "schema")
    except (DanchuError, ValueError):
        schema = None
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return _json_error(InvalidInput("Biểu mẫu không hợp lệ.", {"schema": "JSON Schema kiểu object."}))
    refused = form_schema_error(schema)
    if refused is not None:  # what deploy would refuse is not rendered (the staff page never meets it)
        return _json_error(InvalidInput("Biểu mẫu không hợp lệ.", {"schema": refused[:300]}))
    return render_template("admin/_form_preview.html", schema=schema, fields=build_fields(schema, {}, {}))


def _json_error(exc: DanchuError):
    """The modeler's error body: the API's shape, in the page's language (a refused diagram's problems too)."""
    details = exc.details
    if isinstance(details, dict) and isinstance(details.get("problems"), list):
        details = {**details, "problems": said_problems(details["problems"])}
    return error_response(error_status(exc), exc.code, gettext(exc.message), details)

