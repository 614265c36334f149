"""Connections to SQLite (development, demo) or PostgreSQL (production).

SQLite gets WAL, a busy timeout and foreign keys, and write transactions start with BEGIN IMMEDIATE so two
writers queue on the database lock instead of failing half-way with "database is locked". PostgreSQL needs
nothing special: writers lock the rows they change (`SELECT ... FOR UPDATE`).

`reader` is for the single-statement reads every request makes (the token check, the calendar's version):
they run without BEGIN and ROLLBACK (autocommit on PostgreSQL, which spares two round trips; no BEGIN on
SQLite); one statement sees one snapshot either way. Read units of work keep their transaction (streamed
results need one on PostgreSQL, and on SQLite it is what makes a page and its count agree).
"""
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

IMMEDIATE = "danchu_sqlite_immediate"
SINGLE_STATEMENT = "danchu_sqlite_single_statement"


def connect(url: str, *, pool_size: int = 5) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=10, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        options = connection.get_execution_options()
        if options.get(SINGLE_STATEMENT):
            return  # SQLite runs a lone statement in a transaction of its own
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(IMMEDIATE, False) else "BEGIN")


class Database:
    """One SQLAlchemy engine and two session factories: one for reads, one for writes."""

    def __init__(self, url: str, *, pool_size: int = 5):
        self.url = url
        self.engine = connect(url, pool_size=pool_size)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        writer = self.engine.execution_options(**{IMMEDIATE: True}) if self.is_sqlite else self.engine
        self.reader = self.engine.execution_options(
            **({SINGLE_STATEMENT: True} if self.is_sqlite else {"isolation_level": "AUTOCOMMIT"}))
        self._read = sessionmaker(bind=self.engine, expire_on_commit=False, autoflush=False)
        self._write = sessionmaker(bind=writer, expire_on_commit=False, autoflush=False)

    def session(self, write: bool) -> Session:
        return (self._write if write else self._read)()

    def dispose(self) -> None:
        self.engine.dispose()
