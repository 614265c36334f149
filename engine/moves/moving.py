"""Moving running cases to another version of their process: the administrator's verb, with its dry run.

Who: the administrator who may deploy (above the communes, `engine.trust.access.may_change_shared`); which
cases: the running cases of the process in the communes of that administrator's scope, all those on a version
(`from_version`) or a list (`instance_ids`), at most `MAX_CASES` per call (the answer says how many remain).
Each case moves in its own transaction, under its row lock, all or nothing (`engine.moves.one_case`); the
report says, case by case, whether it moved (or would, in a dry run), was refused and why, or failed.
"""
from __future__ import annotations

import logging

from sqlalchemy import func, or_, select
from sqlalchemy.orm.exc import StaleDataError

from ..core.errors import CaseNotFound, CaseNotRunning, CaseUnreadable, InvalidInput, ProcessModelNotFound
from ..core.principal import Principal
from ..core.status import CaseStatus
from ..cases.state import lock_case
from ..definitions.spec_cache import versions_of
from ..people.scope import scoped
from ..processes.catalogue import latest_version
from ..store.tables import Case, ProcessVersion
from ..trust.access import changes_data, ensure_may_change_shared
from ..workflow.spiff_adapter import RuntimeFault
from .one_case import move_locked
from .reasons import reason

MAX_CASES = 200
MAX_MAPPING = 200
log = logging.getLogger("danchu.moves")


@changes_data
def move_cases(services, principal: Principal, process_model_id: str, *, to_version: int | None = None,
               from_version: int | None = None, instance_ids: list[str] | None = None,
               mapping: dict[str, str] | None = None, dry_run: bool = True,
               recompute_deadlines: bool = False) -> dict:
    """Move (or, `dry_run`, only try and report) the chosen running cases to `to_version` (default: the
    latest). `mapping` names, for an element whose id changed, its id in the new version."""
    mapping = dict(mapping or {})
    with services.uow(write=False) as uow:
        ensure_may_change_shared(uow.session, principal)
        target = _target(uow.session, process_model_id, to_version)
        _check_mapping(mapping, target)
        chosen, remaining, missing = _chosen(uow.session, principal, process_model_id, target.id, from_version,
                                             instance_ids)
    results = [_move_one(services, principal, case_id, target, mapping, dry_run, recompute_deadlines)
               for case_id in chosen]
    results += [{"instance_id": case_id, "business_key": None, "outcome": "refused", "from_version": None,
                 "to_version": target.version, "reasons": [reason(code)], "tasks": [], "deadline": None,
                 "timers": [], "parameters": []} for case_id, code in missing]
    summary = {outcome: sum(1 for r in results if r["outcome"] == outcome)
               for outcome in ("moved", "movable", "refused", "failed")}
    return {"process_model": process_model_id, "to_version": target.version, "dry_run": dry_run,
            "recompute_deadlines": recompute_deadlines, "mapping": mapping, "remaining": remaining,
            "summary": summary, "cases": results}


def _target(session, process_model_id: str, number: int | None):
    if number is None:
        return latest_version(session, process_model_id)
    version_id = session.scalar(select(ProcessVersion.id).where(
        ProcessVersion.process_model_id == process_model_id, ProcessVersion.version == number))
    if version_id is None or not 0 < number < 2**31:
        raise ProcessModelNotFound("Không tìm thấy phiên bản quy trình.")
    return versions_of(session).version(session, version_id)


def _check_mapping(mapping: dict, target) -> None:
    if len(mapping) > MAX_MAPPING:
        raise InvalidInput("Bảng đối chiếu quá dài.", {"mapping": f"Tối đa {MAX_MAPPING} dòng."})
    unknown = sorted(new for new in mapping.values() if new not in target.parsed.spec.task_specs and
                     all(new not in spec.task_specs for spec in target.parsed.subprocess_specs.values()))
    if unknown:
        raise InvalidInput("Bảng đối chiếu nêu bước không có ở phiên bản mới.", {
            "mapping": "Hãy ghi đúng mã (id) của bước ở phiên bản mới (xem trong trình vẽ quy trình); "
                       "phiên bản mới không có:",
            "steps": ", ".join(name[:100] for name in unknown[:10])})


def _chosen(session, principal, process_model_id, target_id, from_version, instance_ids):
    """The ids of the cases to move (oldest first), how many more match, and the listed ids not taken with
    why (an id outside the user's scope is not found, like an unknown one). A case may be listed by its id or
    its number."""
    query = scoped(select(Case.id, Case.business_key, Case.status, Case.version_id).where(
        Case.process_model_id == process_model_id), principal, Case.commune_id)
    if from_version is not None:
        query = query.where(Case.version == from_version)
    missing = []
    if instance_ids is not None:
        listed = list(dict.fromkeys(instance_ids))  # a case's id or its number (KN-2026-000123)
        chosen = or_(Case.id.in_(listed), Case.business_key.in_(listed))
        found = {}
        for row in session.execute(query.where(chosen)).all():
            found[row.id] = found[row.business_key] = row
        for token in listed:
            row = found.get(token)
            if row is None:
                missing.append((token, "not_found"))
            elif row.status != CaseStatus.RUNNING:
                missing.append((token, "not_running"))
            elif row.version_id == target_id:
                missing.append((token, "same_version"))
        query = query.where(chosen)
    query = query.where(Case.status == CaseStatus.RUNNING, Case.version_id != target_id)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    ids = session.scalars(query.with_only_columns(Case.id).order_by(Case.created_at, Case.id).limit(MAX_CASES)).all()
    return list(ids), total - len(ids), missing


@changes_data
def _move_one(services, principal, case_id: str, target, mapping, dry_run: bool, recompute: bool) -> dict:
    """One case, in its own unit of work: committed when it moved and this is no dry run, else rolled back."""
    failure = {"instance_id": case_id, "business_key": None, "from_version": None, "to_version": target.version,
               "tasks": [], "deadline": None, "timers": [], "parameters": []}
    try:
        with services.uow() as uow:
            case = lock_case(uow, principal, case_id)
            failure["business_key"], failure["from_version"] = case.business_key, case.version
            report = move_locked(services, uow, principal, case, target, mapping, recompute)
            if report["outcome"] == "moved":
                if dry_run:
                    report["outcome"] = "movable"
                else:
                    uow.commit()
            return report
    except CaseNotFound:
        return {**failure, "outcome": "refused", "reasons": [reason("not_found")]}
    except CaseNotRunning:
        return {**failure, "outcome": "refused", "reasons": [reason("not_running")]}
    except CaseUnreadable:
        return {**failure, "outcome": "failed", "reasons": [reason("unreadable")]}
    except RuntimeFault as fault:
        log.warning("case %s: moving to version %s failed (%s at %s)", case_id, target.version, fault.kind,
                    fault.element)
        return {**failure, "outcome": "failed", "reasons": [reason("fault", fault.element or "")]}
    except StaleDataError:
        return {**failure, "outcome": "failed", "reasons": [reason("stale")]}
    except Exception:  # noqa: BLE001 - one case that cannot move never stops the others, nor answers 500
        log.exception("case %s: moving to version %s failed", case_id, target.version)
        return {**failure, "outcome": "failed", "reasons": [reason("fault")]}
