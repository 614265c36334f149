"""Connections to SQLite (development, demo) or PostgreSQL (production).

SQLite gets WAL, a busy timeout and foreign keys, and write transactions start with BEGIN IMMEDIATE so two
writers queue on the database lock instead of failing half-way with "database is locked". PostgreSQL needs
nothing special: writers lock the rows they change (`SELECT ... FOR UPDATE`).

`reader` is for the single-statement reads every request makes (the token check, the calendar's version):
they run without BEGIN and ROLLBACK (autocommit on PostgreSQL, which spares two round trips; no BEGIN on
SQLite); one statement sees one snapshot either way. Read units of work keep their transaction (streamed
results need one on PostgreSQL, and on SQLite it is what makes a page and its count agree), except the
hot reads whose statements each stand alone (`snapshot=False`: the inbox page, a task's page, the next
task after a completion), which read through `reader` too: on PostgreSQL a BEGIN and a COMMIT are two of a
task page's four round trips.

On SQLite each of the three kinds of transaction has an engine of its own, whose dialect emits that kind's
BEGIN (`_SQLiteDialect`). SQLAlchemy's recipe, a "begin" event that reads the connection's options, puts an
event listener on the engine, and an engine with one dispatches its events around every statement: about
15 µs each, a millisecond over a case's walk through three tasks (`docs/performance.md`).
"""
from sqlalchemy import create_engine, event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from . import postgres_pool
from .wal_checkpoints import WalCheckpointer

READ = "BEGIN"
WRITE = "BEGIN IMMEDIATE"
SINGLE_STATEMENT = None  # SQLite runs a lone statement in a transaction of its own


class _SQLiteDialect(SQLiteDialect_pysqlite):
    """pysqlite, with the driver's own transaction handling off and this engine's BEGIN emitted instead."""

    supports_statement_cache = True

    def __init__(self, begin: str | None = READ, **kwargs):
        super().__init__(**kwargs)
        self.begin = begin

    def do_begin(self, dbapi_connection) -> None:
        if self.begin:
            dbapi_connection.execute(self.begin)


def connect(url: str, *, pool_size: int = 5, begin: str | None = READ) -> Engine:
    """An engine; on SQLite, `begin` is the statement its transactions start with (None: no transaction)."""
    if url.startswith("sqlite"):
        registry.register("sqlite.danchu", __name__, "_SQLiteDialect")
        engine = create_engine(make_url(url).set(drivername="sqlite+danchu"), begin=begin,
                               connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _configure_sqlite)  # a pool event: no dispatch around statements
        return engine
    registry.register("postgresql.danchu", postgres_pool.__name__, "PostgresDialect")
    engine = create_engine(make_url(url).set(drivername="postgresql+danchu"), pool_size=pool_size,
                           max_overflow=10, pool_use_lifo=True, connect_args=postgres_pool.connect_args())
    postgres_pool.configure(engine)  # a ping only after idling, prepared statements kept (see there)
    return engine


def _configure_sqlite(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # the dialect emits BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Database:
    """Engines for reads, writes and single-statement reads, and a session factory for each kind of command.

    `engines` are the distinct ones, each with its pool: what to dispose, or to listen to for every
    statement."""

    def __init__(self, url: str, *, pool_size: int = 5):
        self.url = url
        self.engine = connect(url, pool_size=pool_size)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            writer = connect(url, begin=WRITE)
            self.reader = connect(url, begin=SINGLE_STATEMENT)
            self.engines = (self.engine, writer, self.reader)
        else:  # one pool; the reader is a view of the engine (its events are the engine's)
            writer = self.engine
            self.reader = self.engine.execution_options(isolation_level="AUTOCOMMIT")
            self.engines = (self.engine,)
        lists = self.engine if self.is_sqlite else self.engine.execution_options(**{postgres_pool.CUSTOM_PLAN: True})
        self._read = sessionmaker(bind=lists, expire_on_commit=False, autoflush=False)  # lists and reports
        self._write = sessionmaker(bind=writer, expire_on_commit=False, autoflush=False)
        self._lone = sessionmaker(bind=self.reader, expire_on_commit=False, autoflush=False)
        self.checkpointer: WalCheckpointer | None = None

    def checkpoint_in_background(self, interval: float = 0.5) -> WalCheckpointer | None:
        """On SQLite, start this process's WAL checkpoint thread (`engine.store.wal_checkpoints`): what a
        server process calls once it is running. Nothing on PostgreSQL."""
        if self.is_sqlite and self.checkpointer is None:
            self.checkpointer = WalCheckpointer(self.reader, interval).start()
        return self.checkpointer

    def session(self, write: bool, snapshot: bool = True) -> Session:
        """`snapshot=False`: a read whose statements may each see the database as it is when it runs."""
        if write:
            return self._write()
        return (self._read if snapshot else self._lone)()

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
            self.checkpointer = None
        for engine in self.engines:
            engine.dispose()
