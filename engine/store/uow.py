"""The unit of work: one per command.

Everything a command changes (workflow state, task rows, audit events) is written in one transaction that
commits only when the command calls `commit()`; leaving the block without it, or with an exception, rolls
it all back.
"""
from sqlalchemy.orm import Session

from .database import Database


class UnitOfWork:
    def __init__(self, database: Database, *, write: bool = True, snapshot: bool = True, info: dict | None = None,
                 scope=None):
        self._database = database
        self._write = write
        self._snapshot = snapshot
        self._info = info or {}
        self._scope = scope() if scope is not None else None  # a context the command runs in
        self.session: Session | None = None

    @property
    def for_update(self) -> bool:
        """Whether `SELECT ... FOR UPDATE` is meaningful (PostgreSQL); SQLite already holds the write lock."""
        return self._write and not self._database.is_sqlite

    def __enter__(self) -> "UnitOfWork":
        if self._scope is not None:
            self._scope.__enter__()
        self.session = self._database.session(self._write, self._snapshot)
        self.session.info.update(self._info)  # e.g. the field cipher the audit log seals data with
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        # close() rolls back whatever was not committed and detaches loaded objects without expiring
        # them, so views built from them stay readable after the block.
        try:
            if not self._write and exc_type is None:
                self._end_read()
            self.session.close()
        finally:
            if self._scope is not None:
                self._scope.__exit__(None, None, None)  # the exception, if any, goes on from here

    def _end_read(self) -> None:
        """A read ends with COMMIT, which for a transaction that wrote nothing is what ROLLBACK is, because
        psycopg forgets every prepared statement of the connection at a ROLLBACK (`postgres_pool`). The
        loaded objects are detached first, so that nothing a read changed in memory is flushed."""
        if self.session.in_transaction():
            self.session.expunge_all()
            self.session.commit()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
