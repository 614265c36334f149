"""The public portal: what anonymous citizens may do, decided by the diagram's process properties.

- `publicStart` = "true": citizens start a case from the portal with the start form, choosing their commune.
  The case is opened by the system principal `cong_thong_tin` (no login), and the citizen gets a tracking code:
  the business key plus a random secret, so codes cannot be guessed from the sequential case numbers.
- `publicBoard` = "true": running cases are posted on the disclosure board, showing only `publicFields`.
- `publicComments` = "<message name>": while a case waits for that message (the comment period, which the
  diagram bounds, e.g. with a timer), citizens read its `publicFields` and send a comment, delivered as that
  message with the data of `message.<name>.form`.

A field any form marks `x-confidential` is never shown, even if listed in `publicFields`. Tracking (`tracking.py`)
shows the status, the step reached, the public outcome and the documents sent to the citizen, never other
case data.
"""
from __future__ import annotations

import json
import secrets
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from ..cases.lifecycle import _commit, deliver_case_message, open_case
from ..cases.state import lock_case, record_fault, restore_workflow
from ..core.errors import (
    CaseNotFound,
    CaseUnreadable,
    InvalidInput,
    ProcessFault,
    ProcessModelNotFound,
    TooManyAttempts,
)
from ..core.messages import N_
from ..core.principal import PORTAL_USER, Principal
from ..core.status import OPEN_TASK_STATUSES, CaseStatus, TimerStatus
from ..definitions.form_fields import version_fields
from ..definitions.forms import Prevalidated, prevalidate
from ..files.uploads import prevalidate_with_files, uploads_of
from ..files.writing import removed_on_failure
from ..people.throttle import record, retry_after, serialise
from ..processes.catalogue import latest_version
from ..store.tables import (
    Case,
    OrgUnit,
    PortalSubmission,
    ProcessModel,
    ProcessVersion,
    Task,
    Timer,
    TrackingCode,
)
from ..trust.confidential import command_secrets
from ..trust.secret_text import holds_secret
from ..workflow.spiff_adapter import RuntimeFault
from .tracking import digest

SECRET_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out on the phone
SECRET_LENGTH = 10
BOARD_LIMIT = 100
PORTAL_THROTTLED = "Đã gửi quá nhiều lần từ địa chỉ này; hãy thử lại sau."


def portal_principal(commune_id: int | None) -> Principal:
    return Principal(PORTAL_USER, frozenset(), commune_id, None)


def is_flag(properties: dict, name: str) -> bool:
    return str(properties.get(name, "")).strip().lower() == "true"


def public_processes(services) -> list[dict]:
    """Processes citizens may start, with their start form (JSON Schema)."""
    with services.uow(write=False) as uow:
        result = []
        for model in uow.session.scalars(select(ProcessModel).order_by(ProcessModel.name)):
            version = latest_version(uow.session, model.id)
            if is_flag(version.properties, "publicStart"):
                result.append(_start_view(version))
        return result


def public_process(services, process_model_id: str) -> dict:
    with services.uow(write=False) as uow:
        version = latest_version(uow.session, process_model_id)
        if not is_flag(version.properties, "publicStart"):
            raise ProcessModelNotFound("Không tìm thấy thủ tục.")
        return _start_view(version)


def _start_view(version) -> dict:
    form = version.properties.get("startForm")
    return {"id": version.process_model_id, "name": version.name, "version": version.version,
            "legal_basis": version.properties.get("legalBasis", ""),
            "form": citizen_form(json.loads(version.files[form])) if form else None}


PORTAL_VALUE = "x-portal-value"


def citizen_form(schema: dict) -> dict:
    """The start form as a citizen sees it: fields the portal fills itself (`x-portal-value`: how the
    letter arrived, the day it was received) are left out."""
    filled = {name for name, prop in schema.get("properties", {}).items() if PORTAL_VALUE in prop}
    if not filled:
        return schema
    return {**schema,
            "properties": {n: p for n, p in schema["properties"].items() if n not in filled},
            "required": [n for n in schema.get("required", []) if n not in filled]}


def portal_values(services, schema: dict | None) -> dict:
    """The values of the fields the portal fills: a literal, or `today` (the commune's date)."""
    values = {}
    for name, prop in (schema or {}).get("properties", {}).items():
        if PORTAL_VALUE in prop:
            value = prop[PORTAL_VALUE]
            if value == "today":
                value = services.clock.now().astimezone(ZoneInfo(services.settings.timezone)).date().isoformat()
            values[name] = value
    return values


def start_public_case(services, process_model_id: str, commune_code: str, data: dict,
                      address: str | None = None, uploads=()) -> dict:
    """Open a case for an anonymous citizen; returns the tracking code (shown once, stored only hashed).
    `address`: where the request came from, for the portal's throttle. The letter is validated before
    anything is locked (`engine.cases.prevalidation`), after the same refusals the locked path gives first."""
    with services.uow(write=False) as uow:
        _refuse_throttled(services, uow.session, address)
        version = _public_version(uow.session, process_model_id)
        _commune(uow.session, commune_code)
    submitted = _letter(services, version, data, uploads)
    with removed_on_failure(services, uploads_of(submitted)), services.uow() as uow:
        session = uow.session
        _count_submission(services, session, address)
        version = _public_version(session, process_model_id)
        commune = _commune(session, commune_code)
        principal = portal_principal(commune.id)
        version_number, name = version.version, version.name
        if submitted.key[0] != version.id:  # a version deployed meanwhile: its form decides
            submitted = _letter(services, version, data, uploads)
        try:
            case = open_case(services, uow, principal, version, submitted, commune_id=commune.id)
        except RuntimeFault as fault:
            uow.rollback()
            record_fault(services, principal, None, fault, process_model_id, version_number)
            raise ProcessFault("Không gửi được; xin thử lại sau.") from None
        secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
        session.add(TrackingCode(instance_id=case.id, secret_sha256=digest(secret),
                                 created_at=services.clock.now()))
        business_key = case.business_key
        uow.commit()
    return {"tracking_code": f"{business_key}-{secret}", "business_key": business_key, "process_name": name}


def _public_version(session, process_model_id: str):
    version = latest_version(session, process_model_id)
    if not is_flag(version.properties, "publicStart"):
        raise ProcessModelNotFound("Không tìm thấy thủ tục.")
    return version


def _commune(session, code: str | None) -> OrgUnit:
    commune = session.scalars(select(OrgUnit).where(OrgUnit.code == (code or ""), OrgUnit.kind == "commune")).first()
    if commune is None:
        raise InvalidInput("Hãy chọn xã.", {"commune": "Trường bắt buộc."})
    return commune


def _letter(services, version, data: dict, uploads=()) -> Prevalidated:
    """A citizen's letter with the values the portal fills, validated against the start form; its photos
    are stripped of their metadata (`engine.files.images`)."""
    form = version.properties.get("startForm")
    filled = portal_values(services, json.loads(version.files[form]) if form else None)
    return prevalidate_with_files(version, form, {**data, **filled}, uploads, services.settings, portal=True)


def disclosure_board(services, commune_code: str | None = None) -> list[dict]:
    """Running cases of processes with `publicBoard`, showing only their public fields."""
    return _posted(services, lambda props: is_flag(props, "publicBoard"), commune_code)


def open_consultations(services, commune_code: str | None = None) -> list[dict]:
    """Cases now waiting for their `publicComments` message: the comment period is open."""
    return [c for c in _posted(services, lambda props: bool(props.get("publicComments")), commune_code)
            if c["comments_open"]]


def get_consultation(services, business_key: str) -> dict:
    for case in _posted(services, lambda props: bool(props.get("publicComments")), None, business_key):
        return case
    raise CaseNotFound("Không tìm thấy hồ sơ lấy ý kiến.")


def submit_public_comment(services, business_key: str, data: dict, address: str | None = None) -> None:
    """Deliver a citizen's comment as the process's `publicComments` message, validated by its form
    before the case is locked."""
    with services.uow(write=False) as uow:
        _refuse_throttled(services, uow.session, address)
        found = uow.session.scalars(select(Case).where(Case.business_key == (business_key or ""))).first()
        running = found is not None and found.status == CaseStatus.RUNNING
        version = services.specs.version(uow.session, found.version_id) if running else None
    name = version.properties.get("publicComments") if version is not None else None
    if name:  # else the locked path below gives its refusal
        form = version.properties.get(f"message.{name}.form")
        filled = portal_values(services, version.form(form) if form else None)
        data = prevalidate(version, form, {**(data or {}), **filled}, services.settings.eval_budget_seconds)
    with services.uow() as uow:
        _count_submission(services, uow.session, address)
        found = uow.session.scalars(select(Case).where(Case.business_key == (business_key or ""))).first()
        if found is None:
            raise CaseNotFound("Không tìm thấy hồ sơ lấy ý kiến.")
        principal = portal_principal(found.commune_id)
        case = lock_case(uow, principal, found.id)
        version, parsed, workflow = restore_workflow(services, uow.session, case)
        name = version.properties.get("publicComments")
        if not name:
            raise CaseNotFound("Không tìm thấy hồ sơ lấy ý kiến.")
        deliver_case_message(services, uow, principal, case, version, parsed, workflow, name, data,
                             not_waiting=N_("Đã hết thời gian lấy ý kiến."), actor=PORTAL_USER)
        _commit(uow)


def _count_submission(services, session, address: str | None) -> None:
    """Refuse (429) an address that sent `portal_submissions_per_address` letters and comments within the
    window, else count this one, in the transaction of the submission: one that fails is not counted."""
    settings, now = services.settings, services.clock.now()
    if not settings.portal_submissions_per_address:
        return
    address = (address or "unknown")[:64]
    serialise(session, f"portal-address:{address}")  # two submissions at the same instant are counted in turn
    wait = retry_after(session, PortalSubmission.submitted_at, PortalSubmission.address == address, now,
                       settings.portal_window_seconds, settings.portal_submissions_per_address)
    if wait is not None:
        raise TooManyAttempts(PORTAL_THROTTLED, wait)
    record(session, PortalSubmission(address=address, submitted_at=now), PortalSubmission.submitted_at, now,
           settings.portal_window_seconds)


def _refuse_throttled(services, session, address: str | None) -> None:
    """429 for an address already over the portal's limit, before its letter is validated (a throttled
    address costs no validation); `_count_submission` decides again, under the address's lock."""
    settings = services.settings
    if not settings.portal_submissions_per_address:
        return
    address = (address or "unknown")[:64]
    wait = retry_after(session, PortalSubmission.submitted_at, PortalSubmission.address == address,
                       services.clock.now(), settings.portal_window_seconds, settings.portal_submissions_per_address)
    if wait is not None:
        raise TooManyAttempts(PORTAL_THROTTLED, wait)


def _posted(services, wanted, commune_code, business_key=None) -> list[dict]:
    with services.uow(write=False) as uow:
        session = uow.session
        versions = {v.id: v for v in session.scalars(select(ProcessVersion)) if wanted(v.properties)}
        if not versions:
            return []
        units = {u.id: u for u in session.scalars(select(OrgUnit).where(OrgUnit.kind == "commune"))}
        query = select(Case).where(Case.version_id.in_(sorted(versions)), Case.status == CaseStatus.RUNNING)
        if business_key is not None:
            query = query.where(Case.business_key == business_key)
        if commune_code:
            query = query.where(Case.commune_id.in_([u.id for u in units.values() if u.code == commune_code]))
        posted = []
        for case in session.scalars(query.order_by(Case.created_at.desc()).limit(BOARD_LIMIT)):
            try:
                version, parsed, workflow = restore_workflow(services, session, case)
            except CaseUnreadable:
                continue  # one broken case must not take the board down for every citizen
            data = services.runner.data(workflow)
            copied = command_secrets(session, case.id)  # a public field never shows a confidential value copied into it
            schemas = version_fields(version)
            hidden = version.confidential
            shown = [f for f in _names(version.properties.get("publicFields")) if f not in hidden]
            message = version.properties.get("publicComments")
            form = version.properties.get(f"message.{message}.form") if message else None
            commune = units.get(case.commune_id)
            comments_open = bool(message) and message in services.runner.waiting_messages(workflow)
            posted.append({
                "business_key": case.business_key, "process_model": case.process_model_id,
                "process_name": version.name, "created_at": case.created_at,
                "commune": commune.name if commune else None,
                "fields": [{"name": f, "schema": schemas.get(f, {}), "value": data.get(f)}
                           for f in shown if data.get(f) not in (None, "")
                           and not holds_secret(json.dumps(data.get(f), ensure_ascii=False), copied)],
                "title": _title(data, shown),
                "comments_open": comments_open,
                "comments_close_at": _period_end(session, case.id) if comments_open else None,
                "comment_form": citizen_form(json.loads(version.files[form])) if form else None,
            })
        return posted


def _title(data: dict, shown: list[str]) -> str | None:
    """The heading of a posted case: the first of its public fields (a draft's title), when it is a text."""
    value = data.get(shown[0]) if shown else None
    return value if isinstance(value, str) and value.strip() else None


def _period_end(session, case_id: str):
    """When a comment period ends: the case's next timer, else the earliest due date of its open steps (the
    step that closes the period, e.g. lay_y_kien's "Xác nhận kết thúc thời gian lấy ý kiến")."""
    timer = session.scalar(select(func.min(Timer.due_at)).where(
        Timer.instance_id == case_id, Timer.status == TimerStatus.PENDING))
    return timer or session.scalar(select(func.min(Task.due_at)).where(
        Task.instance_id == case_id, Task.status.in_(OPEN_TASK_STATUSES)))


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]

