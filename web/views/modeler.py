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
from engine.core import ADMINISTRATOR, ROLES, DanchuError, InvalidInput, loads_bounded
from engine.definitions import MAX_VERDICT_TEXT, VERDICT_KINDS, ProcessPackage, is_safe_file_name, verdict
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
              "messages": _messages()}
    return render_template("admin/modeler.html", version=version, process_model=process_model, config=config,
                           may_deploy=may_deploy(services(), current_principal()))


def _messages() -> dict:
    return {
        "chooseElement": gettext("— chọn phần tử —"), "checking": gettext("Đang kiểm tra…"),
        "valid": gettext("Sơ đồ hợp lệ: có thể triển khai."),
        "problems": gettext("Có {n} lỗi: xem các phần tử được đánh dấu đỏ."),
        "lintProblems": gettext("Kiểm tra nhanh: {n} lỗi."), "lintClean": gettext("Kiểm tra nhanh: không có lỗi."),
        "failed": gettext("Không thực hiện được."), "deploying": gettext("Đang triển khai…"),
        "deployed": gettext("Đã triển khai phiên bản {n}."),
        "unchanged": gettext("Không có thay đổi: vẫn là phiên bản {n}."),
        "loadFailed": gettext("Không tải được sơ đồ."), "preparing": gettext("Đang so sánh với phiên bản hiện hành…"),
        "noForm": gettext("(chưa chọn)"), "newForm": gettext("Tạo biểu mẫu mới…"),
        "calendar": gettext("Ngày lịch"), "working": gettext("Ngày làm việc"),
    }


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
    return jsonify({"valid": not problems, "problems": problems})


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
    return render_template("admin/_form_preview.html", schema=schema, fields=build_fields(schema, {}, {}))


def _json_error(exc: DanchuError):
    return error_response(error_status(exc), exc.code, gettext(exc.message), exc.details)

