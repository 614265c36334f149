"""How many SQL statements the hot commands send, as a budget that fails the build when a change adds some.

Not a timing: a count, the same on every machine. Each statement is a round trip to PostgreSQL, and on the
inbox, a claim or a completion they add up for every person at work (`docs/performance.md`); a lookup
that slips into a loop (one query per task) shows here long before it shows in a benchmark. The budgets
are today's counts; lowering one is welcome, raising one needs a reason in the commit.

The commands are counted as a server runs them, its caches warm: one case is opened first, so the version
of the process (immutable, cached by id) and the working-day calendar at its version are in the process.
What a cold process reads once is budgeted apart. SQLite sends a few statements more than PostgreSQL,
where a statement is a call into the library, not a round trip: PostgreSQL moves the audit chain's head in
the statement that inserts the events, and writes a completion's task rows in the case row's `UPDATE`
(data-modifying `WITH`s), which SQLite cannot.
"""
import pytest
from sqlalchemy import event

from engine.cases.lifecycle import start_case
from engine.cases.task_lists import list_tasks
from engine.cases.tasks import claim_task, complete_task, get_task
from engine.core.principal import Principal
from engine.people.users import issue_token, principal_from_token
from tests.samples import ACCEPT, INTAKE, LETTER, PROPOSAL

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


def budget(services, postgresql: int, sqlite: int) -> int:
    return sqlite if services.database.is_sqlite else postgresql


def test_the_hot_commands_stay_within_their_statement_budgets(services, statements):
    used, _ = count(statements, lambda: start_case(services, RECEPTION, "khieu_nai", INTAKE))
    assert used <= budget(services, 10, 11), used  # a cold process: the version's row, the calendar's overrides
    used, case = count(statements, lambda: start_case(services, RECEPTION, "khieu_nai", INTAKE))
    assert used <= budget(services, 8, 9), used  # the latest version with the calendar's version, the number,
    # the case, its task, its timers, its index, the audit chain (read, then move and append); the answer from
    # what was written
    used, page = count(statements, lambda: list_tasks(services, RECEPTION, scope="claimable",
                                                      instance_id=case["id"]))
    assert used <= 2, used  # the page (no count: it holds the whole inbox), the calendar's version
    task_id = page.items[0]["id"]
    used, _ = count(statements, lambda: get_task(services, RECEPTION, task_id))
    assert used <= 1, used  # the task with its case and the calendar's version
    used, _ = count(statements, lambda: claim_task(services, RECEPTION, task_id))
    assert used <= budget(services, 4, 5), used  # the task with its case and the calendar's version, the claim,
    # the audit chain
    used, done = count(statements, lambda: complete_task(services, RECEPTION, task_id, PROPOSAL))
    assert done["status"] == "completed"
    assert used <= budget(services, 6, 9), used  # the task's form with the calendar's version, read to
    # validate before the lock; the case (locked first); the task, the case's other open tasks, its pending
    # timers and deadline history in one statement; the case's write with the task's, the next task's (one on
    # PostgreSQL); the audit chain (read, then move and append)


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


def test_a_completion_that_issues_a_document_stays_within_its_budget(services, statements):
    """The acceptance notice of a complaint: numbered from the register, generated from its template, stored
    as a file of the case (its blob and attachment rows) and listed in the register."""
    reception, chairman = signed_in(services, "tiep_cong_dan"), signed_in(services, "chu_tich")
    case = start_case(services, reception, "khieu_nai", INTAKE)
    proposal = list_tasks(services, reception, scope="claimable", instance_id=case["id"]).items[0]
    complete_task(services, reception, proposal["id"], PROPOSAL)
    decision = list_tasks(services, chairman, scope="claimable", instance_id=case["id"]).items[0]
    complete_task(services, chairman, decision["id"], ACCEPT)
    notice = list_tasks(services, reception, scope="claimable", instance_id=case["id"]).items[0]
    assert notice["name"] == "thong_bao_thu_ly"
    used, done = count(statements, lambda: complete_task(services, reception, notice["id"], LETTER))
    assert done["status"] == "completed"
    assert used <= budget(services, 15, 18), used  # a completion's, and the register's number, its line (written,
    # read back), the signer, the commune, the stored file (its blob, its attachment row), the line's link to
    # it, figures


@pytest.fixture
def transactions(services):
    """The transactions opened while the block runs, those the reads without one (`snapshot=False`, the token
    check) run in autocommit left out: on PostgreSQL each is a BEGIN and a COMMIT, two more round trips."""
    opened: list[bool] = []

    def record(conn):
        opened.append(conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT")

    for engine in services.database.engines:
        event.listen(engine, "begin", record)
    yield opened
    for engine in services.database.engines:
        event.remove(engine, "begin", record)


def test_a_completion_over_http_stays_within_its_budget(services, api, statements, transactions):
    """What one press of "Hoàn thành" costs the database, from the request to its answer: the token check, the
    completion (claiming the task of the person's role), and the person's next task read after the commit
    (`next_task`: this case's task they hold, one of this case their roles may claim, their own first due).
    One transaction, the completion's; the reads around it run without one."""
    officer = api.as_("tiep_cong_dan")
    case = officer.post("/api/v1/instances", json={"process_model": "khieu_nai", "data": INTAKE}).get_json()
    task = officer.get(f"/api/v1/tasks?instance_id={case['id']}").get_json()["items"][0]
    officer.get(f"/api/v1/tasks/{task['id']}")
    transactions.clear()
    used, response = count(statements, lambda: officer.post(f"/api/v1/tasks/{task['id']}/complete",
                                                           json={"data": PROPOSAL}))
    assert response.status_code == 200, response.get_json()
    assert used <= budget(services, 9, 12), used  # the token check; the completion's 6 (PostgreSQL); the next
    # task: this case's, in my hands or for my roles (one statement), then my first due elsewhere when none
    if not services.database.is_sqlite:  # SQLite's lone statements run in its own transactions, not counted
        assert sum(transactions) == 1, transactions


def test_a_task_page_and_an_inbox_page_read_without_a_transaction(services, api, statements, transactions):
    """The two reads a person makes before each step: on PostgreSQL, a BEGIN and a COMMIT would add two round
    trips to each (the token check and the read: the page or the task, the calendar's version)."""
    if services.database.is_sqlite:
        pytest.skip("PostgreSQL's round trips")
    officer = api.as_("tiep_cong_dan")
    case = officer.post("/api/v1/instances", json={"process_model": "khieu_nai", "data": INTAKE}).get_json()
    transactions.clear()
    used, response = count(statements, lambda: officer.get(f"/api/v1/tasks?instance_id={case['id']}"))
    assert response.status_code == 200 and used <= 3, used
    task = response.get_json()["items"][0]
    used, response = count(statements, lambda: officer.get(f"/api/v1/tasks/{task['id']}"))
    assert response.status_code == 200 and used <= 3, used
    assert sum(transactions) == 0, transactions


def test_the_token_check_of_every_request_is_one_statement(services, statements):
    """Every API request checks its token: the account, its unit and roles, a province's communes too, in one
    statement (nothing about people is cached in the process: a revoked token is refused by every worker)."""
    for username, communes in (("tiep_cong_dan", 1), ("chu_tich.tinh", 2)):
        token, _ = issue_token(services, Principal(username))
        used, principal = count(statements, lambda: principal_from_token(services, token))
        assert principal.username == username and len(principal.communes) == communes
        assert used <= 1, (username, used)


def signed_in(services, username: str) -> Principal:
    """The demo user as a request's token check gives them (their commune and roles)."""
    return principal_from_token(services, issue_token(services, Principal(username))[0])
