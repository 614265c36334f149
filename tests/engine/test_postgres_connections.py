"""PostgreSQL keeps the statements it planned for a connection from one command to the next
(`engine.store.postgres_pool`): reads end with COMMIT, since psycopg forgets them all at a ROLLBACK."""
import pytest

from engine.cases.lifecycle import start_case
from engine.cases.task_lists import list_tasks
from engine.core.principal import Principal
from tests.samples import INTAKE

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)


def test_reads_keep_the_prepared_statements_of_their_connection(services):
    if services.database.is_sqlite:
        pytest.skip("PostgreSQL's prepared statements")
    start_case(services, RECEPTION, "khieu_nai", INTAKE)
    for _ in range(3):
        assert list_tasks(services, RECEPTION, scope="claimable").items
    with services.database.engine.connect() as connection:  # the pool's last one in: the reads' connection
        prepared = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    assert any("FROM tasks" in statement for statement in prepared), prepared


def test_every_run_is_planned_for_its_values(services):
    if services.database.is_sqlite:
        pytest.skip("PostgreSQL's plan cache")
    with services.database.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
