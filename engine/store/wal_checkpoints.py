"""SQLite's WAL checkpoints, moved out of the commits that staff wait for.

In WAL mode SQLite copies the log back into the database file ("checkpoint") inside whichever commit finds
the log past 1,000 pages: that commit then writes and syncs a few megabytes, 15 ms here, every sixth case or
so of the benchmark, and the person who clicked waits for it. SQLite's documentation suggests the remedy:
checkpoint from a thread of one's own. A server process runs one; a passive checkpoint waits for no reader or
writer, runs while the GIL is released, and keeps the log short enough that commits never reach the
automatic threshold (which stays, as the backstop for processes without this thread).

Several server processes each running one is harmless: a checkpoint already under way makes the others
return at once. PostgreSQL has its own checkpointer; there this does nothing.
"""
from __future__ import annotations

import logging
import threading

from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


class WalCheckpointer:
    """Runs `PRAGMA wal_checkpoint(PASSIVE)` every `interval` seconds on a connection of `engine` (one that
    emits no BEGIN) until stopped. `checkpointed` counts the pages copied back, for tests and operators."""

    def __init__(self, engine: Engine, interval: float = 0.5):
        self.engine = engine
        self.interval = interval
        self.checkpointed = 0
        self.passes = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "WalCheckpointer":
        self._thread = threading.Thread(target=self._run, name="danchu-wal-checkpoint", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def checkpoint(self) -> tuple[int, int, int]:
        """One passive checkpoint: (busy, pages in the log, pages copied back), as SQLite reports them."""
        with self.engine.connect() as connection:
            busy, logged, copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        self.checkpointed += max(copied, 0)
        self.passes += 1
        return busy, logged, copied

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.checkpoint()
            except Exception:  # noqa: BLE001 - a failed pass (a locked or vanished file) is retried next time
                log.warning("WAL checkpoint failed; retrying in %.1f s", self.interval, exc_info=True)
