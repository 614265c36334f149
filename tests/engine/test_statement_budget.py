"""How many SQL statements the hot commands send, as a budget that fails the build when a change adds some.

Not a timing: a count, the same on every machine. Each statement is a round trip to PostgreSQL, and on the
inbox, a claim or a completion they add up for every person at work (`docs/performance.md`); a lookup
that slips into a loop (one query per task) shows here long before it shows in a benchmark. The budgets
are today's counts; lowering one is welcome, raising one needs a reason in the commit.
"""
import pytest
from sqlalchemy import event

from engine.cases.lifecycle import start_case
from engine.cases.tasks import claim_task, complete_task, get_task, list_tasks
from engine.core.principal import Principal
from tests.samples import INTAKE, PROPOSAL

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)


@pytest.fixture
def statements(services):
    """The statements sent while the block runs, on every connection of the database."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.split(None, 1)[0].upper())

    for engine in services.database.engines:
        event.listen(engine, "before_cursor_execute", record)
    yield seen
    for engine in services.database.engines:
        event.remove(engine, "before_cursor_execute", record)


def count(seen: list[str], command) -> tuple[int, object]:
    seen.clear()
    result = command()
    return len([s for s in seen if s not in ("BEGIN", "SAVEPOINT", "RELEASE")]), result


def test_the_hot_commands_stay_within_their_statement_budgets(services, statements):
    used, case = count(statements, lambda: start_case(services, RECEPTION, "khieu_nai", INTAKE))
    assert used <= 23, used  # the case, its number, its task, its index, deadline, audit chain, the answer
    used, page = count(statements, lambda: list_tasks(services, RECEPTION, scope="claimable"))
    assert used <= 2, used  # the page (no count: it holds the whole inbox), the calendar's version
    task_id = page.items[0]["id"]
    used, _ = count(statements, lambda: get_task(services, RECEPTION, task_id))
    assert used <= 2, used  # the task with its case, the calendar's version
    used, _ = count(statements, lambda: claim_task(services, RECEPTION, task_id))
    assert used <= 6, used
    used, done = count(statements, lambda: complete_task(services, RECEPTION, task_id, PROPOSAL))
    assert done["status"] == "completed"
    assert used <= 12, used  # the task's form, read to validate before the lock; the case (locked first), the
    # task with the case's other open tasks, the task's write, a counter, the case's write, the next task,
    # deadline changes, timers, audit chain (read, move, append)


def test_the_web_inbox_page_stays_within_its_statement_budget(services, app, statements):
    from engine.people.users import DEMO_PASSWORD, authenticate
    from tests.web.conftest import WebClient

    reception = authenticate(services, "tiep_cong_dan", DEMO_PASSWORD)
    for _ in range(3):
        start_case(services, reception, "khieu_nai", INTAKE)
    waiting = list_tasks(services, reception, scope="claimable").items
    claim_task(services, reception, waiting[0]["id"])
    web = WebClient(app.test_client()).login("tiep_cong_dan")
    used, response = count(statements, lambda: web.get("/inbox"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert all(task["business_key"] in page for task in waiting)
    assert used <= 6, used  # the session's user, my tasks, the claimable ones, the calendar's version (once for
    # the whole page), the cases' summaries (once for both lists), the unread notifications
