""""Everything of my roles" (`scope=visible`) answers the same tasks in the same order whatever shape the
statement takes (`engine.cases.visible_inbox` reads it branch by branch): the tasks of my roles, those
assigned to me and those I completed, each once, by deadline (none last), then creation, then id; paged,
and counted up to the cap."""
import pytest
from sqlalchemy import select

import engine.cases.task_lists as task_lists
from engine.cases.lifecycle import start_case
from engine.cases.task_lists import list_tasks
from engine.cases.tasks import claim_task, complete_task
from engine.core.principal import Principal
from engine.store.tables import Task
from tests.samples import INTAKE, PROPOSAL

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)
# the reception officer's account seen with another role: its claimed and completed tasks are of no role it has
ELSEWHERE = Principal("tiep_cong_dan", frozenset({"chu_tich", "can_bo_xac_minh"}), None)
TWO_ROLES = Principal("nguoi_khac", frozenset({"tiep_cong_dan", "chu_tich"}), None)


@pytest.fixture
def desk(services, clock):
    """Six complaints: two proposals sent on (completed, the Chairman's step open), two claimed, two waiting."""
    for i in range(6):
        clock.advance(hours=1 + i)
        start_case(services, RECEPTION, "khieu_nai", INTAKE)
    waiting = list_tasks(services, RECEPTION, scope="claimable", limit=50).items
    for task in waiting[:4]:
        claim_task(services, RECEPTION, task["id"])
    for task in waiting[:2]:
        complete_task(services, RECEPTION, task["id"], PROPOSAL)
    return services


def expected(services, principal: Principal) -> list[str]:
    with services.database.engine.connect() as conn:
        rows = conn.execute(select(Task)).all()
    seen = [r for r in rows if r.role in principal.roles or principal.username in (r.assignee, r.completed_by)]
    seen.sort(key=lambda r: (r.due_at is None, r.due_at or r.created_at, r.created_at, r.id))
    return [r.id for r in seen]


@pytest.mark.parametrize("principal", [RECEPTION, ELSEWHERE, TWO_ROLES], ids=["own", "elsewhere", "two_roles"])
def test_the_visible_inbox_is_the_union_of_its_branches_in_order_each_once(desk, principal):
    everything = expected(desk, principal)
    assert len(everything) >= 4
    page = list_tasks(desk, principal, scope="visible", limit=50)
    assert [t["id"] for t in page.items] == everything
    assert (page.total, page.total_exact) == (len(everything), True)
    for offset in range(0, len(everything), 3):
        page = list_tasks(desk, principal, scope="visible", limit=3, offset=offset)
        assert [t["id"] for t in page.items] == everything[offset:offset + 3]
        assert (page.total, page.total_exact) == (len(everything), True)


def test_the_visible_inbox_counts_up_to_the_cap(desk, monkeypatch):
    everything = expected(desk, TWO_ROLES)
    monkeypatch.setattr(task_lists, "COUNT_LIMIT", 3)
    page = list_tasks(desk, TWO_ROLES, scope="visible", limit=2)
    assert [t["id"] for t in page.items] == everything[:2]
    assert (page.total, page.total_exact) == (3, False)
    page = list_tasks(desk, TWO_ROLES, scope="visible", limit=2, offset=len(everything) - 2)
    assert (page.total, page.total_exact) == (len(everything), True)


def test_the_visible_inbox_keeps_its_filters(desk):
    everything = expected(desk, TWO_ROLES)
    page = list_tasks(desk, TWO_ROLES, scope="visible", status="completed")
    assert [t["id"] for t in page.items] == [i for i in everything if i in {t["id"] for t in page.items}]
    assert page.items and {t["status"] for t in page.items} == {"completed"}
    one = page.items[0]["instance_id"]
    page = list_tasks(desk, TWO_ROLES, scope="visible", instance_id=one)
    assert {t["instance_id"] for t in page.items} == {one} and len(page.items) == 2
