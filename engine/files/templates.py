"""Administrators change a document's wording by changing its template: they download the `.docx` of a version,
edit it in Word, and upload it back, which deploys a new version of the process (the latest version's package
with that one file replaced). Running cases keep the template of their version; new cases and steps of cases
moved to the new version take the new one. Deploying checks the package as any upload is checked."""
from __future__ import annotations

from sqlalchemy import select

from ..core.errors import InvalidInput, NotFound
from ..core.principal import Principal
from ..definitions.document_codes import documents_of
from ..definitions.package import TEMPLATE, ProcessPackage, binary_file, is_safe_file_name
from ..processes.catalogue import deploy_process_version, get_version, latest_version
from ..store.tables import ProcessModel, ProcessVersion
from ..trust.access import changes_data
from .issued import DOCX
from .kinds import detect

NOT_A_TEMPLATE = "Mẫu văn bản phải là tệp Word .docx."
NO_SUCH_TEMPLATE = "Quy trình không có mẫu văn bản này; mẫu mới được thêm bằng cách triển khai gói quy trình."


def list_templates(services, process_model_id: str) -> dict:
    """The `.docx` templates of the latest version, for the administrators' page: `{version, templates}`, each
    template `{name, size, steps}` with the steps naming it (`{title, symbol}`, in the diagram's order); a
    template no step names is listed with no steps."""
    with services.uow(write=False) as uow:
        version = latest_version(uow.session, process_model_id)
    templates = {name: [] for name, text in sorted(version.files.items())
                 if name.lower().endswith(".docx") and binary_file(text) is not None}
    for step in version.parsed.user_tasks.values():
        for document in documents_of(step.properties):
            name = (document.get(TEMPLATE) or "").strip()
            if name in templates:
                templates[name].append({"title": step.title, "symbol": document.get("document.symbol", "")})
    return {"version": version.version, "name": version.name, "templates": [
        {"name": name, "size": len(binary_file(version.files[name])), "steps": steps}
        for name, steps in sorted(templates.items(), key=lambda item: (not item[1], item[1][:1] and
                                                                       item[1][0]["title"], item[0]))]}


def version_template(services, process_model_id: str, number: int, name: str) -> bytes:
    """The bytes of a `.docx` template of a version (404 when the version has no such file)."""
    version = get_version(services, process_model_id, number)
    content = binary_file((version.files or {}).get(name, ""))
    if content is None:
        raise NotFound("Không tìm thấy tệp.")
    return content


@changes_data
def replace_template(services, principal: Principal, process_model_id: str, name: str, content: bytes):
    """Deploy a new version of the process: its latest version with the template `name` replaced by
    `content` (a Word file, checked by its content); the `Deployment` (the same version when nothing changed)."""
    if not is_safe_file_name(name) or not name.lower().endswith(".docx"):
        raise InvalidInput("Mẫu văn bản phải là tệp Word .docx.", {"name": NOT_A_TEMPLATE})
    if detect(content) != DOCX:
        raise InvalidInput("Mẫu văn bản phải là tệp Word .docx.", {"file": NOT_A_TEMPLATE})
    with services.uow(write=False) as uow:
        latest = uow.session.scalars(select(ProcessVersion).join(ProcessModel, (
            ProcessModel.id == ProcessVersion.process_model_id) & (
            ProcessModel.latest_version == ProcessVersion.version)).where(
            ProcessModel.id == process_model_id)).first()
        if latest is None:
            raise NotFound("Không tìm thấy quy trình.")
        if binary_file(latest.files.get(name, "")) is None:
            raise InvalidInput("Quy trình không có mẫu văn bản này.", {"name": NO_SUCH_TEMPLATE})
        files = {n: text.encode("utf-8") for n, text in latest.files.items()}
        package = ProcessPackage(f"{process_model_id}.bpmn", latest.bpmn_xml.encode("utf-8"),
                                 {**files, name: content})
    return deploy_process_version(services, principal, package, expected_id=process_model_id)
