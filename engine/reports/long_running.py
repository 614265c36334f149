"""The review of long-running cases (rà soát vụ việc kéo dài) in the plan's priority sectors.

The commune's plan (Kế hoạch 31/KH-UBND, II.7) asks the leaders to review the sectors where complaints run
long, "nhất là" land, compensation and resettlement, the environment, people with merit, social security,
poverty reduction and new rural areas, so as to settle them for good. This is that list: the running
complaints, denunciations, petitions and letters (every case recording a sector) that are past their
statutory date, or were opened more than `older_than_days` days ago, in the priority sectors (or the one
sector asked for), ordered by sector, hamlet and age, with their counts by sector and by hamlet.

It is read by the commune's Chairman and Vice-Chairmen and by auditors, each within their scope (a
province's people: the province's communes); a case that names the reader as the person denounced is never
listed. Dates are the commune's calendar days.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from sqlalchemy import or_, select

from ..cases.index import search_key
from ..core.errors import InvalidInput, RoleNotAllowed
from ..core.principal import Principal
from ..core.roles import AUDITOR
from ..core.sectors import PRIORITY_SECTORS, SECTORS
from ..core.status import OPEN_TASK_STATUSES, CaseStatus
from ..core.timezone import commune_tz
from ..people.scope import scoped_cases
from ..store.tables import Case, CaseIndex, ProcessModel, Task
from ..trust.exclusions import not_excluded

REVIEW_ROLES = ("chu_tich", "pho_chu_tich", AUDITOR)
DEFAULT_OLDER_THAN_DAYS = 90
MAX_OLDER_THAN_DAYS = 3650
MAX_ROWS = 2000


def long_running_cases(services, principal: Principal, *, older_than_days: int = DEFAULT_OLDER_THAN_DAYS,
                       sector: str | None = None, hamlet: str | None = None) -> dict:
    """`items` (at most MAX_ROWS, `truncated` beyond), `total`, `by_sector` and `by_hamlet` counts, the
    criteria and `as_of`, the commune's date the ages are counted to."""
    if not principal.has_role(*REVIEW_ROLES):
        raise RoleNotAllowed("Chỉ Chủ tịch, Phó Chủ tịch và kiểm tra viên xem danh sách rà soát vụ việc kéo dài.")
    _check(older_than_days, sector)
    tz = commune_tz(services)
    now = services.clock.now()
    today = now.astimezone(tz).date()
    opened_before = datetime.combine(today - timedelta(days=older_than_days), time.min, tzinfo=tz)
    sectors = [sector] if sector else list(PRIORITY_SECTORS)
    query = (select(Case, CaseIndex.citizen_name, CaseIndex.hamlet, ProcessModel.name)
             .join(ProcessModel, ProcessModel.id == Case.process_model_id)
             .outerjoin(CaseIndex, CaseIndex.instance_id == Case.id)
             .where(Case.status == CaseStatus.RUNNING, Case.sector.in_(sectors),
                    or_(Case.due_at <= now, Case.created_at < opened_before)))
    query = not_excluded(scoped_cases(query, principal, Case.commune_id, Case.handling_unit_id), Case.id,
                         principal.username)
    if hamlet and search_key(hamlet):
        query = query.where(CaseIndex.hamlet_key.contains(search_key(hamlet), autoescape=True))
    with services.uow(write=False) as uow:
        rows = uow.session.execute(query.order_by(Case.created_at, Case.id).limit(MAX_ROWS + 1)).all()
        steps = _open_steps(uow.session, [row[0].id for row in rows[:MAX_ROWS]])
    items = [_item(case, name, place, process, steps.get(case.id, []), today, now, opened_before, tz)
             for case, name, place, process in rows[:MAX_ROWS]]
    order = {code: index for index, code in enumerate(SECTORS)}
    items.sort(key=lambda i: (order[i["sector"]], search_key(i["hamlet"]) or "\uffff", i["created_at"]))
    return {"items": items, "total": len(items), "truncated": len(rows) > MAX_ROWS, "as_of": today,
            "older_than_days": older_than_days, "sectors": sectors, "hamlet": hamlet or None,
            "by_sector": _counts(items, "sector", key=lambda code: order[code]),
            "by_hamlet": _counts(items, "hamlet", key=lambda place: search_key(place) or "\uffff")}


def _check(older_than_days, sector) -> None:
    if isinstance(older_than_days, bool) or not isinstance(older_than_days, int) \
            or not 1 <= older_than_days <= MAX_OLDER_THAN_DAYS:
        raise InvalidInput("Số ngày không hợp lệ.",
                           {"older_than_days": f"Phải là số nguyên từ 1 đến {MAX_OLDER_THAN_DAYS}."})
    if sector is not None and sector not in SECTORS:
        raise InvalidInput("Lĩnh vực không hợp lệ.", {"sector": "Không có trong danh sách lĩnh vực."})


def _item(case, citizen_name, hamlet, process_name, steps, today, now, opened_before, tz) -> dict:
    last_day = (case.due_at.astimezone(tz) - timedelta(microseconds=1)).date() if case.due_at else None
    overdue = case.due_at is not None and case.due_at <= now
    return {"id": case.id, "business_key": case.business_key, "process_model": case.process_model_id,
            "process_name": process_name, "sector": case.sector, "hamlet": hamlet, "citizen_name": citizen_name,
            "created_at": case.created_at, "opened_on": case.created_at.astimezone(tz).date(),
            "due_on": last_day, "days_open": (today - case.created_at.astimezone(tz).date()).days,
            "days_overdue": (today - last_day).days if overdue else None,
            "past_due": overdue, "older_than_limit": case.created_at < opened_before, "open_steps": steps}


def _open_steps(session, ids: list[str]) -> dict[str, list[str]]:
    """The titles of each case's open steps: where the case waits now."""
    steps: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(select(Task.instance_id, Task.title)
                               .where(Task.instance_id.in_(ids[start:start + 500]),
                                      Task.status.in_(OPEN_TASK_STATUSES))
                               .order_by(Task.created_at, Task.id)).all()
        for instance_id, title in rows:
            steps.setdefault(instance_id, []).append(title)
    return steps


def _counts(items: list[dict], field: str, key) -> list[dict]:
    counted = Counter(item[field] for item in items)
    return [{field: value, "count": count} for value, count in sorted(counted.items(), key=lambda kv: key(kv[0]))]
