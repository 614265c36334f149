"""Finding a case by a confidential name (a denouncer's), for who may read it, every find recorded.

The search index never holds a confidential name (`engine.cases.index`): a denouncer must not be findable by
whoever can search. The Chairman, who reads the commune's secrets (`engine.trust.confidential.may_read`), may
still need the case of a denouncer who calls. So the names are looked for where they are kept sealed: in the
`started` audit event of each case of the Chairman's own commune whose start form marks the name field
confidential, opened in memory only for the comparison. Each case found reveals the name on the results page,
and is recorded as a confidential read (`view: search`), like every other read of a secret.
"""
from __future__ import annotations

from sqlalchemy import select

from ..core.principal import Principal
from ..core.status import CaseStatus
from ..people.scope import scoped_cases
from ..store.tables import AuditEvent, Case, CaseIndex
from ..trust.audit import record_reads
from ..trust.confidential import READER_ROLES, cipher_of, open_tree
from ..trust.exclusions import not_excluded

SCAN_LIMIT = 5000  # the newest cases with a confidential name looked at, per search
NAME_PREFIXES = ("nguoi_", "ho_ten")


def may_search_secrets(principal: Principal) -> bool:
    return principal.has_role(*READER_ROLES) and principal.acting_unit is not None


def secret_name_field(version) -> str | None:
    """The start form's name field when the form keeps it confidential (else the index holds the name)."""
    schema = version.form(version.properties.get("startForm")) if version.properties.get("startForm") in \
        version.files else None
    fields = (schema or {}).get("properties") or {}
    chosen = version.properties.get("citizenNameField") or next(
        (n for n, f in fields.items() if n.startswith(NAME_PREFIXES) and isinstance(f, dict)
         and f.get("type") == "string" and f.get("x-confidential")), None)
    return chosen if chosen in fields and fields[chosen].get("x-confidential") else None


def find_by_secret_name(services, principal: Principal, wanted_key: str, search_key) -> dict[str, str]:
    """Case id → the confidential name matching `wanted_key` (a `search_key`), among the cases of the
    principal's own commune; empty for who may not read the names. Each case found is a confidential read."""
    if not may_search_secrets(principal) or not wanted_key:
        return {}
    found: dict[str, tuple] = {}
    with services.uow(write=False) as uow:
        session = uow.session
        query = (select(Case, AuditEvent.data).join(AuditEvent, AuditEvent.instance_id == Case.id)
                 .outerjoin(CaseIndex, CaseIndex.instance_id == Case.id)
                 .where(AuditEvent.action == "started", CaseIndex.citizen_name.is_(None),
                        Case.status != CaseStatus.ERROR)
                 .order_by(Case.created_at.desc()).limit(SCAN_LIMIT))
        query = not_excluded(scoped_cases(query, principal, Case.commune_id, Case.handling_unit_id), Case.id,
                             principal.username)
        cipher = cipher_of(session)
        for case, data in session.execute(query):
            if principal.acting_unit != (case.handling_unit_id or case.commune_id):
                continue  # seeing a case is not reading its secrets: only the handling commune's Chairman
            field = secret_name_field(services.specs.version(session, case.version_id))
            name = open_tree((data or {}).get(field), cipher) if field else None
            if isinstance(name, str) and wanted_key in (search_key(name) or ""):
                found[case.id] = (case, field, name)
    for case, field, _name in found.values():
        record_reads(services, principal, case, {field}, "search")
    return {case_id: name for case_id, (_case, _field, name) in found.items()}
