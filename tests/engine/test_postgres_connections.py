"""PostgreSQL keeps the statements it planned for a connection from one command to the next
(`engine.store.postgres_pool`): reads end with COMMIT, since psycopg forgets them all at a ROLLBACK; a lookup
by key is prepared and planned once, a list is planned for its values at every run."""
import pytest

from engine.cases.inbox import next_task_for
from engine.cases.lifecycle import start_case
from engine.cases.task_lists import list_tasks
from engine.cases.tasks import get_task
from engine.core.principal import Principal
from engine.people.users import issue_token, principal_from_token
from tests.samples import INTAKE

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)


def prepared(services) -> list[str]:
    with services.database.engine.connect() as connection:  # the pool's last one in: the reads' connection
        return connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()


def test_lookups_by_key_keep_their_prepared_statement_and_lists_are_never_prepared(services):
    if services.database.is_sqlite:
        pytest.skip("PostgreSQL's prepared statements")
    reception = principal_from_token(services, issue_token(services, RECEPTION)[0])
    case = start_case(services, reception, "khieu_nai", INTAKE)
    for _ in range(3):
        task = list_tasks(services, reception, scope="claimable").items[0]
        assert list_tasks(services, reception, scope="visible", instance_id=case["id"]).items
        assert next_task_for(services, reception, case["id"])["id"] == task["id"]
        assert next_task_for(services, reception, "khong-co-ho-so-nay") is None  # "my tasks": none held
        assert get_task(services, reception, task["id"])["id"] == task["id"]
    statements = prepared(services)
    assert any("FROM tasks" in s and "WHERE tasks.id =" in s for s in statements), statements  # the task's page
    assert any("AS lookup" in s for s in statements), statements  # the next task within the case: by its index
    assert any("ORDER BY" in s and "tasks.instance_id = $" in s for s in statements), statements  # a case's
    pages = [s for s in statements if "ORDER BY" in s and "AS lookup" not in s and "tasks.instance_id = $" not in s]
    assert not pages, pages  # the inbox's pages, and "my tasks" after a case with nothing for me


def test_a_read_that_keeps_its_transaction_is_planned_for_its_values(services):
    """Every list and report reads in a transaction of its own (`services.uow(write=False)`): none is
    prepared, so PostgreSQL never plans one once for all values."""
    if services.database.is_sqlite:
        pytest.skip("PostgreSQL's plan cache")
    for _ in range(3):
        with services.uow(write=False) as uow:
            uow.session.connection().exec_driver_sql("SELECT count(*) FROM tasks WHERE role = %(role)s",
                                                    {"role": "chu_tich"})
    assert not [s for s in prepared(services) if "WHERE role =" in s]
    with services.database.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "auto"
