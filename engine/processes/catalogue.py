"""Deploying diagrams as immutable, numbered versions, and reading them back.

A version is the exact content deployed (diagram, forms, DMN), its sha256, who deployed it and when.
Deploying identical content again returns the existing version: administrators can re-run a deploy safely.
Running cases keep the version they started on; new cases take the latest.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from ..core.errors import Forbidden, InvalidProcessModel, ProcessModelNotFound
from ..core.principal import SYSTEM, Principal
from ..core.roles import ADMINISTRATOR
from ..core.status import CaseStatus
from ..definitions.package import ProcessPackage
from ..definitions.spec_cache import DeployedVersion, versions_of
from ..definitions.validation import split_roles, validate_package
from ..people.scope import scoped_cases
from ..store.tables import Case, ProcessModel, ProcessVersion
from ..trust.access import changes_data, ensure_may_change_shared, may_change_shared
from ..trust.audit import record_event
from ..trust.exclusions import not_excluded
from .business_keys import default_prefix


@dataclass
class Deployment:
    version: ProcessVersion
    created: bool


@changes_data
def deploy_process_version(services, principal: Principal, package: ProcessPackage,
                           expected_id: str | None = None) -> Deployment:
    """Validate and store a package; `expected_id` guards an upload addressed to one process model.

    Only an administrator above the communes deploys (`engine.trust.access.may_change_shared`): a version is what
    every commune's next case runs, and a diagram decides where a case's data goes."""
    with services.uow(write=False) as uow:
        ensure_may_change_shared(uow.session, principal)
    validated = validate_package(package, services.settings.max_upload_bytes)
    parsed = validated.parsed
    if expected_id is not None and parsed.process_id != expected_id:
        raise InvalidProcessModel([{"element": parsed.process_id,
                                    "message": "Mã quy trình trong sơ đồ khác với mã trong đường dẫn."}])
    sha = package.sha256()
    with services.uow() as uow:
        session = uow.session
        query = select(ProcessModel).where(ProcessModel.id == parsed.process_id)
        if uow.for_update:
            query = query.with_for_update()
        model = session.scalars(query).first()
        if model is not None:
            existing = session.scalars(select(ProcessVersion).where(
                ProcessVersion.process_model_id == model.id, ProcessVersion.sha256 == sha)).first()
            if existing is not None:
                return Deployment(existing, created=False)
        now = services.clock.now()
        if model is None:
            model = ProcessModel(id=parsed.process_id, name=parsed.name, latest_version=0, created_at=now)
            session.add(model)
        model.latest_version += 1
        model.name = parsed.name
        version = ProcessVersion(
            process_model_id=model.id, version=model.latest_version, sha256=sha, name=parsed.name,
            bpmn_xml=package.bpmn.decode("utf-8"),
            files={name: content.decode("utf-8") for name, content in package.files.items()},
            properties=_effective_properties(parsed, validated.properties),
            deployed_by=principal.username, deployed_at=now,
        )
        session.add(version)
        session.flush()
        record_event(session, at=now, actor=principal.username, action="deployed",
                     process_model_id=model.id, version=version.version,
                     data={"sha256": sha, "files": sorted(package.files)})
        uow.commit()
    services.specs.put(version.id, parsed)
    return Deployment(version, created=True)


def _effective_properties(parsed, properties: dict) -> dict:
    """Fill the documented defaults once, at deploy, so every reader sees the same values."""
    effective = dict(properties)
    effective.setdefault("businessKeyPrefix", default_prefix(parsed.process_id))
    effective.setdefault("cancelRoles", "chu_tich")
    if "startRoles" not in effective:
        effective["startRoles"] = ",".join(_start_lanes(parsed))
    return effective


def _start_lanes(parsed) -> list[str]:
    lanes = []
    for spec in parsed.spec.task_specs.values():
        if type(spec).__name__ == "StartEvent" and spec.lane and spec.lane not in lanes:
            lanes.append(spec.lane)
    return lanes


def list_process_models(services, principal: Principal = SYSTEM) -> list[dict]:
    """Every model; `instance_count` counts only the cases the principal sees."""
    with services.uow(write=False) as uow:
        models = uow.session.scalars(select(ProcessModel).order_by(ProcessModel.id)).all()
        counts = dict(uow.session.execute(_cases_seen(select(Case.process_model_id, func.count()), principal)
                                          .group_by(Case.process_model_id)).all())
        return [_model_view(uow.session, m, counts.get(m.id, 0)) for m in models]


def get_process_model(services, process_model_id: str, principal: Principal = SYSTEM) -> dict:
    with services.uow(write=False) as uow:
        model = uow.session.get(ProcessModel, process_model_id)
        if model is None:
            raise ProcessModelNotFound("Không tìm thấy quy trình.")
        count = uow.session.scalar(_cases_seen(select(func.count()).select_from(Case).where(
            Case.process_model_id == model.id), principal))
        view = _model_view(uow.session, model, count)
        versions = uow.session.scalars(select(ProcessVersion).where(
            ProcessVersion.process_model_id == model.id).order_by(ProcessVersion.version)).all()
        view["versions"] = [version_view(v) for v in versions]
        return view


def _cases_seen(query, principal: Principal):
    """The cases `query` counts, as the principal sees them: in scope, none that excludes them."""
    return not_excluded(scoped_cases(query, principal, Case.commune_id, Case.handling_unit_id), Case.id,
                        principal.username)


def running_by_version(services, process_model_id: str, principal: Principal = SYSTEM) -> dict[int, int]:
    """How many running cases (of the communes the principal sees) each version of the model has."""
    with services.uow(write=False) as uow:
        rows = uow.session.execute(_cases_seen(
            select(Case.version, func.count()).where(Case.process_model_id == process_model_id,
                                                     Case.status == CaseStatus.RUNNING),
            principal).group_by(Case.version)).all()
    return {version: count for version, count in rows}


def get_version(services, process_model_id: str, number: int) -> ProcessVersion:
    if not 0 < number < 2**31:  # beyond any version, and beyond what the INTEGER column can compare
        raise ProcessModelNotFound("Không tìm thấy phiên bản quy trình.")
    with services.uow(write=False) as uow:
        version = uow.session.scalars(select(ProcessVersion).where(
            ProcessVersion.process_model_id == process_model_id, ProcessVersion.version == number)).first()
        if version is None:
            raise ProcessModelNotFound("Không tìm thấy phiên bản quy trình.")
        return version


def latest_version(session, process_model_id: str) -> DeployedVersion:
    """The model's latest deployed version, from the version cache (one small query for its id)."""
    version_id = session.connection().scalar(LATEST_VERSION_ID, {"process_model_id": process_model_id})
    if version_id is None:
        raise ProcessModelNotFound("Không tìm thấy quy trình.")
    return versions_of(session).version(session, version_id)


LATEST_VERSION_ID = select(ProcessVersion.id).join(ProcessModel, (
    ProcessModel.id == ProcessVersion.process_model_id) & (ProcessModel.latest_version == ProcessVersion.version)
).where(ProcessModel.id == bindparam("process_model_id"))


def _model_view(session, model: ProcessModel, instance_count: int) -> dict:
    latest = session.scalars(select(ProcessVersion).where(
        ProcessVersion.process_model_id == model.id, ProcessVersion.version == model.latest_version)).one()
    return {
        "id": model.id,
        "name": model.name,
        "latest_version": model.latest_version,
        "legal_basis": latest.properties.get("legalBasis", ""),
        "start_roles": split_roles(latest.properties.get("startRoles")),
        "start_form": _start_form(latest),
        "instance_count": instance_count,
        "created_at": model.created_at,
    }


def _start_form(version: ProcessVersion) -> dict | None:
    """The start form's JSON Schema, so that a client opening a case need not read the diagram for it."""
    name = version.properties.get("startForm")
    return json.loads(version.files[name]) if name and name in version.files else None


def version_view(version: ProcessVersion) -> dict:
    return {
        "version": version.version,
        "sha256": version.sha256,
        "name": version.name,
        "deployed_by": version.deployed_by,
        "deployed_at": version.deployed_at,
        "files": sorted(version.files),
        "parameters": {k[len("param."):]: v for k, v in version.properties.items() if k.startswith("param.")},
    }


def validate_process_package(services, principal: Principal, package: ProcessPackage,
                             expected_id: str | None = None) -> list[dict]:
    """Run the deploy-time validation without storing anything: the modeler's "Kiểm tra" button.

    Returns every problem as `{element, message}` (empty when the package would deploy).
    """
    if not principal.has_role(ADMINISTRATOR):
        raise Forbidden("Chỉ quản trị viên được kiểm tra quy trình.")
    try:
        validated = validate_package(package, services.settings.max_upload_bytes)
    except InvalidProcessModel as exc:
        return list(exc.problems)
    if expected_id is not None and validated.parsed.process_id != expected_id:
        return [{"element": validated.parsed.process_id,
                 "message": "Mã quy trình trong sơ đồ khác với mã trong đường dẫn."}]
    return []


def may_deploy(services, principal: Principal) -> bool:
    """Whether the pages should offer this user the deploy buttons (the engine refuses them anyway)."""
    with services.uow(write=False) as uow:
        return may_change_shared(uow.session, principal)
