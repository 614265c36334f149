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
