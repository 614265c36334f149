"""The outgoing-document register (sổ đăng ký văn bản đi): each issuing body of a commune numbers the
documents it issues in a year from 01, with no gap and no duplicate (Decree 30/2020/NĐ-CP, Art. 15(1)(a): the
number is the order of the document among those the body issues in the year, registered by its clerk;
Appendix I: numbers below 10 take a leading zero), whatever the type: "05/TB-UBND", "06/QĐ-UBND". The
People's Committee, the Front's committee ("03/TB-MTTQ"), the People's Inspection Board, a hamlet or an
election team each keep their own book: the issuing body is the symbol's part after the type (`TB-MTTQ` ->
`MTTQ`; `UBND` alone is the People's Committee's), or the step's `document.issuer`.

A user task that issues a document names its symbol in the property `document.symbol` (`TB-UBND`; several
documents: `document.<n>.*`, each issued only when its `document.when` holds); when it completes, the number is
taken from the issuing body's counter of the year (`counters`, `outgoing:<unit>:<year>` for the People's
Committee, `outgoing:<unit>:<year>:<issuer>` for the others; the unit is the case's commune, or the province
for a case moved to it, whose People's Committee then issues in its own book: the line's `commune_id` is the
unit keeping the book)
by one upsert (`engine.store.counters`) that holds the counter's row lock until the step commits, and the register's line
is written in the same transaction. A step that fails rolls its number back with it: the next one takes it, so
the register has no gap; two servers completing at once wait on the row, so no number is handed out twice.
The reference and the date are put into the step's data (`document.numberField`, default `so_ky_hieu`;
`document.dateField`, default `ngay_ban_hanh`) for the diagram, the case page and the document's template.
"""
from __future__ import annotations

import csv
import io

from sqlalchemy import or_, select

from ..core.cells import csv_text
from ..core.messages import N_
from ..core.principal import Principal
from ..core.timezone import commune_tz
from ..people.scope import scoped
from ..store.counters import next_counter_value
from ..store.tables import Case, OutgoingDocument, OrgUnit, User
from ..trust.exclusions import not_excluded
from ..workflow.scripting import evaluate_expression
from ..workflow.spiff_adapter import RuntimeFault

from ..definitions.document_codes import (  # noqa: F401  re-exported: the register's readers name them here
    DATE_FIELD, ISSUER, NUMBER_FIELD, SYMBOL, WHEN, documents_of, issued_document,
)
COMMITTEE = "UBND"
ISSUERS = {  # the issuing bodies a commune's processes name, as people call them (others show their code)
    "UBND": N_("Ủy ban nhân dân"),
    "MTTQ": N_("Ủy ban Mặt trận Tổ quốc"),
    "TTND": N_("Ban Thanh tra nhân dân"),
    "THON": N_("Thôn, tổ dân phố"),
    "TBC": N_("Tổ bầu cử"),
    "THG": N_("Tổ hòa giải"),
}


def issuer_of(properties: dict) -> str:
    """The body whose book numbers the step's document: `document.issuer`, else the symbol's part after its
    type."""
    named = (properties or {}).get(ISSUER)
    if isinstance(named, str) and named.strip():
        return named.strip()
    symbol = issued_document(properties) or COMMITTEE
    return symbol.split("-", 1)[1] if "-" in symbol else symbol


def documents_issued(documents: list[dict], data: dict, timeout_seconds: float, element: str | None = None
                     ) -> list[dict]:
    """Of a step's `documents` (`documents_of`), those it issues with this completion: each whose
    `document.when` holds over `data` (the step's data with the submitted form), evaluated in the diagrams'
    restricted evaluator; a document without `document.when` always. A step choosing between outcomes (sign
    or send back for changes) so issues its decision only on the outcome that needs it. An expression that
    fails raises `RuntimeFault`, a fault of the case like a failing condition."""
    issued = []
    for document in documents:
        condition = (document.get(WHEN) or "").strip()
        if condition:
            try:
                holds = evaluate_expression(condition, data, timeout_seconds)
            except Exception:  # noqa: BLE001 - whatever the expression raised, it names no case data
                raise RuntimeFault(element, "document.when failed") from None
            if not holds:
                continue
        issued.append(document)
    return issued


def issuing_unit(case) -> int:
    """The unit whose book numbers a case's document: the unit handling the case when it was moved up (the
    province's People's Committee issues the documents of a denunciation it handles, in its own register
    and under its own heading), else the case's commune."""
    return case.handling_unit_id or case.commune_id


def number_document(services, session, case, task, properties: dict, actor: str):
    """Allocate the next number of the issuing unit's book for the document `properties` (one of
    `documents_of`) of the step `task` (in the caller's transaction, which holds the counter's row until it
    ends) and register it: (the fields to add to the step's data, the register line)."""
    symbol = issued_document(properties)
    now = services.clock.now()
    today = now.astimezone(commune_tz(services)).date()
    issuer = issuer_of(properties)
    unit = issuing_unit(case)
    book = f"outgoing:{unit}:{today.year}" + ("" if issuer == COMMITTEE else f":{issuer}")
    number = next_counter_value(session, book)
    reference = f"{number:02d}/{symbol}"
    line = OutgoingDocument(
        commune_id=unit, year=today.year, number=number, symbol=symbol, issuer=issuer, reference=reference,
        issued_on=today, kind=task.title[:200], instance_id=case.id, task_id=task.id,
        process_model_id=case.process_model_id, created_by=actor, created_at=now)
    session.add(line)
    return ({properties.get(NUMBER_FIELD) or "so_ky_hieu": reference,
             properties.get(DATE_FIELD) or "ngay_ban_hanh": today.isoformat()}, line)


def number_documents(services, session, case, task, properties: dict, data: dict, accepted: dict, actor: str
                     ) -> tuple[dict, list]:
    """The documents the step `task` (its `properties`) issues with this completion, numbered and dated
    from the register, each `document.when` judged over the step's `data` with the `accepted` form: (the
    accepted form with the numbers and dates, [(the document's properties, its register line)])."""
    documents = documents_of(properties)
    if not documents:
        return accepted, []
    fields, issuing = dict(accepted), []
    for document in documents_issued(documents, {**data, **accepted}, services.settings.eval_budget_seconds,
                                     task.name):
        numbers, line = number_document(services, session, case, task, document, actor)
        fields.update(numbers)
        issuing.append((document, line))
    return fields, issuing


def outgoing_register(services, principal: Principal, year: int, commune: str | None = None,
                      issuer: str | None = None) -> list[dict]:
    """The registers of a year, each issuing body's in number order, for the communes the user sees (one:
    `commune`, its code; one body: `issuer`, its code). The lines of a case that excludes the user (the person
    it denounces) are left out: a line names the case, its number and what was issued ("transferred to the
    provincial Chairman"), which is enough to identify a denunciation to the person it is about (Law on
    Denunciations 2018 Arts. 9, 13, 47); everyone else reads the whole book, so the register keeps no gap."""
    with services.uow(write=False) as uow:
        query = _books_seen(select(OutgoingDocument, Case.business_key, OrgUnit.name.label("commune"),
                                   User.full_name.label("issued_by"))
                            .join(Case, Case.id == OutgoingDocument.instance_id)
                            .join(OrgUnit, OrgUnit.id == OutgoingDocument.commune_id)
                            .outerjoin(User, User.username == OutgoingDocument.created_by)
                            .where(OutgoingDocument.year == year), principal)
        query = not_excluded(query, OutgoingDocument.instance_id, principal.username)
        if commune:
            query = query.where(OrgUnit.code == commune)
        if issuer:
            query = query.where(OutgoingDocument.issuer == issuer)
        rows = uow.session.execute(query.order_by(
            OrgUnit.name, OutgoingDocument.issuer != COMMITTEE, OutgoingDocument.issuer, OutgoingDocument.number)).all()
        return [_line(row) for row in rows]


def _books_seen(query, principal: Principal):
    """The books a user reads: their communes' (`scoped`), and a province's user also the province's own,
    which numbers the documents of the cases moved to it (`issuing_unit`)."""
    if principal.commune_id is None and principal.unit_id is not None and principal.communes is not None:
        return query.where(or_(OutgoingDocument.commune_id.in_(sorted(principal.communes)),
                               OutgoingDocument.commune_id == principal.unit_id))
    return scoped(query, principal, OutgoingDocument.commune_id)


def _line(row) -> dict:
    document = row[0]
    return {"number": document.number, "reference": document.reference, "symbol": document.symbol,
            "issuer": document.issuer,
            "issued_on": document.issued_on, "kind": document.kind, "commune": row.commune,
            "instance_id": document.instance_id, "business_key": row.business_key,
            "process_model": document.process_model_id, "task_id": document.task_id,
            "created_by": document.created_by, "created_by_name": row.issued_by or document.created_by}


CSV_HEADER = ("Số, ký hiệu", "Ngày văn bản", "Tên loại và trích yếu", "Hồ sơ", "Xã", "Cơ quan ban hành",
              "Người ký ban hành")


def register_csv(lines: list[dict]) -> str:
    """The register as the clerk's book lays it out, for a spreadsheet (UTF-8 with BOM, so Excel reads the
    Vietnamese)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow([csv_text(value) for value in (
            line["reference"], line["issued_on"].strftime("%d/%m/%Y"), line["kind"], line["business_key"],
            line["commune"], ISSUERS.get(line["issuer"], line["issuer"]), line["created_by_name"])])
    return "\ufeff" + out.getvalue()
