"""The state every test starts from, built once per test database and put back before each test.

The baseline is what each test's fixture used to build: the demo units and users, the calendar overrides
danchu ships, and the diagrams of `bpmn/` deployed as version 1 by the system at START, whose "deployed"
audit events start the hash chain. Deploying them again before every test had cost about as much as the tests
themselves; `Baseline.restore` instead empties the case tables and puts back what a test changed: versions and
models a test deployed go, a model's latest version and any version row a test rewrote come back, and so do
the override table, the counters, the audit events and the chain's head, and the demo units and users (the
accounts and units a test added go; those had stayed, under unique names, until the session ended).

The session's `Services` keeps two caches of rows a test may change, and `restore` gives it new ones: the version
cache (`SpecCache`), keyed by version id, which SQLite hands out again once the highest row is deleted (a later
test's version would be served the parsed spec of an earlier test's), holding again only the baseline's parsed
specs; and the stored calendar, keyed by the counter `restore` sets back to its baseline value (the next edit
would bring it to the number a calendar cached before carries). Neither costs a measurable time to rebuild.
"""
from __future__ import annotations

from sqlalchemy import Text, and_, cast, delete, func, select, text

from engine.calendar.store import StoredCalendar, seed_known_overrides
from engine.definitions.spec_cache import SpecCache
from engine.demo import deploy_directory
from engine.store.tables import Base, ProcessVersion

CASE_TABLES = ("worker_heartbeats", "scheduled_openings", "recurring_schedules", "outgoing_documents", "attachments", "blobs", "notifications", "timers", "case_deadline_changes", "instance_links", "task_drafts", "reports",
               "case_exclusions",
               "case_figures", "tasks", "case_index", "tracking_codes", "instances", "login_attempts",
               "login_known_addresses", "portal_submissions")  # in an order their foreign keys allow
SNAPSHOT = ("audit_events", "audit_chain", "counters", "calendar_overrides")  # a few rows, put back whole
KEYED = ("user_roles", "users", "org_units", "process_models")  # rows put back one by one, children first
_VERSION_SIGNATURE = select(  # what tells a rewritten version row without reading a megabyte of diagrams (a
    # rewrite that keeps every length would pass: tests that rewrite a diagram add markup to it)
    ProcessVersion.id, ProcessVersion.process_model_id, ProcessVersion.version, ProcessVersion.sha256,
    ProcessVersion.name, ProcessVersion.deployed_by, ProcessVersion.deployed_at,
    func.length(ProcessVersion.bpmn_xml), func.length(cast(ProcessVersion.files, Text)),
    func.length(cast(ProcessVersion.properties, Text)))


class Baseline:
    """The baseline rows of one test database, and the parsed specs of its versions."""

    def __init__(self, services, bpmn_dir):
        """Build the baseline in the database of `services`, whose units and users exist and whose clock says
        START: what the fixture of every test did before, once."""
        tables, described = set(Base.metadata.tables), {*CASE_TABLES, *SNAPSHOT, *KEYED, "process_versions"}
        assert tables == described, f"tests/baseline.py does not say how to reset {tables ^ described}"
        with services.database.engine.begin() as conn:
            for name in (*CASE_TABLES, "process_versions", "process_models", *SNAPSHOT):
                conn.execute(text(f"DELETE FROM {name}"))
        with services.uow() as uow:
            seed_known_overrides(uow.session, services.clock.now())
            uow.commit()
        deploy_directory(services, bpmn_dir)
        with services.database.engine.connect() as conn:
            self.rows = {name: _rows(conn, name) for name in (*SNAPSHOT, *KEYED, "process_versions")}
            self.signature = set(conn.execute(_VERSION_SIGNATURE).all())
        with services.uow(write=False) as uow:
            self.parsed = {row["id"]: services.specs.version(uow.session, row["id"]).parsed
                           for row in self.rows["process_versions"]}
        self._fresh_caches(services)

    def restore(self, services) -> None:
        """Before a test: the database as the baseline has it, and caches that hold nothing else."""
        with services.database.engine.begin() as conn:
            for name in CASE_TABLES:
                conn.execute(text(f"DELETE FROM {name}"))
            self._put_back_keyed(conn)
            for name in SNAPSHOT:
                table = Base.metadata.tables[name]
                conn.execute(delete(table))
                conn.execute(table.insert(), self.rows[name])
        self._fresh_caches(services)

    def _fresh_caches(self, services) -> None:
        services.specs = SpecCache()
        for version_id, parsed in self.parsed.items():  # parsing the diagrams again is what restore spares
            services.specs.put(version_id, parsed)
        services.calendar = StoredCalendar(services.database)

    def _put_back_keyed(self, conn) -> None:
        """Rows a test added go (versions first, children before parents), changed ones are written back, then
        missing ones inserted (parents first)."""
        signature = set(conn.execute(_VERSION_SIGNATURE).all())
        kept = {row[0] for row in signature & self.signature}
        stale = {row[0] for row in signature} - kept  # deployed by the test, or rewritten by it
        if stale:
            conn.execute(delete(ProcessVersion).where(ProcessVersion.id.in_(stale)))
        changes = {name: _changes(conn, name, self.rows[name]) for name in KEYED}
        for name in KEYED:
            table = Base.metadata.tables[name]
            for key in sorted(changes[name][0], reverse=True):  # a unit's children came after it
                conn.execute(delete(table).where(_is(table, key)))
        for name in reversed(KEYED):
            table = Base.metadata.tables[name]
            _, changed, missing = changes[name]
            for row in changed:
                conn.execute(table.update().where(_is(table, _key(table, row))).values(**row))
            if missing:
                conn.execute(table.insert(), missing)
        missing_versions = [row for row in self.rows["process_versions"] if row["id"] not in kept]
        if missing_versions:
            conn.execute(ProcessVersion.__table__.insert(), missing_versions)


def _rows(conn, name: str) -> list[dict]:
    table = Base.metadata.tables[name]
    return [dict(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()]


def _key(table, row: dict) -> tuple:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _is(table, key: tuple):
    return and_(*(column == value for column, value in zip(table.primary_key.columns, key)))


def _changes(conn, name: str, baseline: list[dict]) -> tuple[list[tuple], list[dict], list[dict]]:
    """The keys of rows to delete, and the baseline's rows to write back and to insert."""
    table = Base.metadata.tables[name]
    now = {_key(table, row): row for row in _rows(conn, name)}
    then = {_key(table, row): row for row in baseline}
    return ([key for key in now if key not in then],
            [row for key, row in then.items() if key in now and now[key] != row],
            [row for key, row in then.items() if key not in now])
