"""A server process checkpoints SQLite's WAL in a thread of its own, so no person's commit waits for it."""
import time

from engine.cases.lifecycle import start_case
from engine.core.principal import Principal
from tests.samples import INTAKE

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)


def _wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_server_process_copies_the_log_back_in_the_background_and_stops_on_close(services):
    services.start_server_housekeeping()
    checkpointer = services.database.checkpointer
    if not services.database.is_sqlite:
        assert checkpointer is None  # PostgreSQL checkpoints by itself
        return
    services.start_server_housekeeping()
    assert services.database.checkpointer is checkpointer  # one thread per process, however often asked
    passes = checkpointer.passes
    start_case(services, RECEPTION, "khieu_nai", INTAKE)  # a commit that leaves pages in the log
    assert _wait_for(lambda: checkpointer.passes > passes + 1 and checkpointer.checkpointed > 0)
    with services.database.reader.connect() as connection:  # nothing left to copy: the thread did it
        _, logged, copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    assert logged == copied
    thread = checkpointer._thread
    services.close()
    assert not thread.is_alive()
    assert services.database.checkpointer is None


def test_a_checkpoint_that_fails_is_retried_on_the_next_pass(services, caplog):
    if not services.database.is_sqlite:
        services.start_server_housekeeping()
        assert services.database.checkpointer is None
        return
    services.start_server_housekeeping()
    checkpointer = services.database.checkpointer
    real_engine = checkpointer.engine
    checkpointer.engine = None  # every pass fails (no connection to open) until it is given back
    assert _wait_for(lambda: "WAL checkpoint failed" in caplog.text)
    passes = checkpointer.passes
    checkpointer.engine = real_engine
    assert _wait_for(lambda: checkpointer.passes > passes)
    services.close()
