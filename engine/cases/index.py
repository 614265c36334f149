"""The case search read model: who the citizen is and which hamlet, searchable without reading workflows.

Written once, in the unit of work that opens the case, from the accepted start data. Which start-form field
holds the citizen's name is the process property `citizenNameField`, else the first string field whose id
starts with `nguoi_` or `ho_ten`; the hamlet is `hamletField`, else a field named `thon`. A field the start
form marks `"x-confidential": true` is never indexed: a denouncer's name must not be findable by search, nor
shown in an inbox.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, or_, select

from ..core.principal import Principal
from ..people.scope import scoped_cases
from ..store.tables import Case, CaseIndex, ProcessModel
from ..trust.confidential import command_secrets
from ..trust.exclusions import not_excluded
from ..trust.secret_text import holds_secret
from .overview import filter_by_due, window
from .secret_search import find_by_secret_name
from .views import case_view

NAME_PREFIXES = ("nguoi_", "ho_ten")
HAMLET_FIELD = "thon"


TRACKING_CODE = re.compile(r"(?P<key>.+-\d{4}-\d+)-[2-9A-HJ-NP-Z]{10}")


def key_of_code(text: str) -> str:
    """The business key a search means: a citizen's tracking code (`XLD-2026-000001-7KQ2M9PX4D`, read out on
    the phone) is its case's business key and a secret the staff need not check, since they see the case."""
    plain = text.strip().upper().replace(" ", "")
    matched = TRACKING_CODE.fullmatch(plain)
    return matched.group("key") if matched else plain


def search_key(text: str | None) -> str | None:
    """Lowercase without Vietnamese accents, so "Nguyen van an" finds "Nguyễn Văn An"."""
    if not text:
        return None
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())[:200]


def start_form(version) -> dict | None:
    name = version.properties.get("startForm")
    return json.loads(version.files[name]) if name and name in version.files else None


def citizen_name_field(version) -> str | None:
    """The start-form field holding the citizen's name, or None when there is none or it is confidential."""
    schema = start_form(version) or {}
    fields = schema.get("properties", {})
    chosen = version.properties.get("citizenNameField")
    if chosen is None:
        chosen = next((n for n, f in fields.items()
                       if n.startswith(NAME_PREFIXES) and f.get("type") == "string"), None)
    return chosen if chosen in fields and not fields[chosen].get("x-confidential") else None


def hamlet_field(version) -> str | None:
    fields = (start_form(version) or {}).get("properties", {})
    chosen = version.properties.get("hamletField", HAMLET_FIELD)
    return chosen if chosen in fields and not fields[chosen].get("x-confidential") else None


def index_case(session, case: Case, version, data: dict) -> None:
    """Called by `open_case` in its unit of work, once the case row is written: a prebuilt INSERT, since
    nothing in the command reads the index back (an ORM object would cost a flush of its own)."""
    name_field, place_field = citizen_name_field(version), hamlet_field(version)
    secrets = command_secrets(session, case.id)  # a confidential value copied into the named field is not indexed
    name = _indexable(data.get(name_field) if name_field else None, secrets)
    hamlet = _indexable(data.get(place_field) if place_field else None, secrets)
    session.connection().execute(_INSERT_INDEX, {
        "instance_id": case.id, "citizen_name": name or None, "citizen_key": search_key(name),
        "hamlet": hamlet or None, "hamlet_key": search_key(hamlet)})


_INSERT_INDEX = insert(CaseIndex.__table__)


def _indexable(value, secrets) -> str:
    text = str(value or "")
    return "" if holds_secret(text, secrets) else text[:200]


def case_summaries(services, instance_ids) -> dict[str, dict]:
    """Citizen name, hamlet and process name of each case, for lists (inbox, search results)."""
    ids = sorted(set(instance_ids))
    if not ids:
        return {}
    with services.uow(write=False) as uow:
        rows = uow.session.execute(
            select(Case.id, CaseIndex.citizen_name, CaseIndex.hamlet, ProcessModel.name)
            .join(ProcessModel, ProcessModel.id == Case.process_model_id)
            .outerjoin(CaseIndex, CaseIndex.instance_id == Case.id)
            .where(Case.id.in_(ids))).all()
    return {r[0]: {"citizen_name": r[1], "hamlet": r[2], "process_name": r[3]} for r in rows}


def search_cases(services, principal: Principal, *, business_key: str | None = None, citizen: str | None = None,
                 process_model: str | None = None, status: str | None = None, hamlet: str | None = None,
                 created_from: date | None = None, created_to: date | None = None, sector: str | None = None,
                 due: str | None = None,
                 limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """Cases the user sees (their commune's; a province user's, the province's communes') matching every
    criterion given, newest first. `business_key` may be a tracking code; `citizen` finds a confidential name
    too for who may read it (`engine.cases.secret_search`), a read recorded. `due`: running cases `overdue` or due `this_week` (`engine.cases.overview`)."""
    tz = ZoneInfo(services.settings.timezone)
    query = (select(Case, CaseIndex.citizen_name, CaseIndex.hamlet, ProcessModel.name)
             .join(ProcessModel, ProcessModel.id == Case.process_model_id)
             .outerjoin(CaseIndex, CaseIndex.instance_id == Case.id))
    query = scoped_cases(query, principal, Case.commune_id, Case.handling_unit_id)  # a province's: its communes
    query = not_excluded(query, Case.id, principal.username)  # never a hit for the person it denounces
    if business_key:
        query = query.where(Case.business_key.contains(key_of_code(business_key), autoescape=True))
    secret_names: dict[str, str] = {}
    if citizen and search_key(citizen):
        secret_names = find_by_secret_name(services, principal, search_key(citizen), search_key)
        named = CaseIndex.citizen_key.contains(search_key(citizen), autoescape=True)
        query = query.where(or_(named, Case.id.in_(sorted(secret_names))) if secret_names else named)
    if hamlet and search_key(hamlet):
        query = query.where(CaseIndex.hamlet_key.contains(search_key(hamlet), autoescape=True))
    if process_model:
        query = query.where(Case.process_model_id == process_model)
    if status:
        query = query.where(Case.status == status)
    if sector:
        query = query.where(Case.sector == sector)
    if created_from:
        query = query.where(Case.created_at >= datetime.combine(created_from, time.min, tzinfo=tz))
    if created_to:
        query = query.where(Case.created_at < datetime.combine(created_to + timedelta(days=1), time.min, tzinfo=tz))
    query = filter_by_due(query, due, window(services))
    with services.uow(write=False) as uow:
        total = uow.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = uow.session.execute(query.order_by(Case.created_at.desc(), Case.id)
                                   .limit(limit).offset(offset)).all()
        items = [{**case_view(i), "citizen_name": secret_names.get(i.id, name), "hamlet": place,
                  "process_name": pname, "name_confidential": i.id in secret_names}
                 for i, name, place, pname in rows]
    return items, total
