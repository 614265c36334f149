"""Years of history for workload 4, written straight into PostgreSQL with COPY (not through the engine).

The distribution: 100 communes of one province; the demo commune (Nghĩa Kỳ, where the demo users work) is
a large one with 5% of the cases, the rest spread evenly. 60% of cases are complaints (`khieu_nai`, the
real task names, roles and forms), 40% the three-step model. Cases are created over four years; 80% are
completed, 14% running, 4% cancelled, 2% in error. Staff of other communes have usernames of their own
(`chu_tich.17`). A case has on average five task rows: completed ones along its path and, while it runs,
one ready or claimed. Each task leaves `claimed` and `completed` audit events, each case `started` (and
`ended`): about 2.4 audit events per task row. The stored workflow state is a real serialized case of
realistic size.

The demo commune's open work is the exception: `add(..., home_open=n)` gives it exactly `n` open cases
(running or stopped on an error, in the same 14 : 2 mix) whatever the size, and only ended ones in its
random history. The queries compared across sizes are its staff's: with open work that grew with the
database, the larger one would answer with a longer inbox (a full page and a count against a few rows),
and the comparison would time the length of the answer, not the growth of the data. A commune's desk
does not grow with the province's history; what grows here is its own past and the other communes'.
"""
from __future__ import annotations

import json
import random
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, text

from .scenarios import KHIEU_NAI, THREE_STEP

COMMUNES = 100
HOME_SHARE = 0.05
STATUSES = (("completed", 0.80), ("running", 0.14), ("cancelled", 0.04), ("error", 0.02))
ENDED = (("completed", 0.80 / 0.84), ("cancelled", 0.04 / 0.84))  # the demo commune's random history
OPEN = (("running", 0.14 / 0.16), ("error", 0.02 / 0.16))  # its open cases, a fixed number of them
HOME_OPEN_CASES = 800  # what the 5% share gives at 100,000 cases (700 running, 100 in error)
HISTORY_START = datetime(2022, 1, 3, 1, 0, tzinfo=timezone.utc)
HISTORY_DAYS = 4 * 365
KHIEU_NAI_PATH = list(KHIEU_NAI.steps.items())
THREE_STEP_PATH = list(THREE_STEP.steps.items())
BATCH = 20_000  # cases generated and copied at a time
INSTANCE_COLUMNS = ("id", "business_key", "process_model_id", "version_id", "version", "commune_id", "status",
                    "outcome", "state", "revision", "created_by", "created_at", "updated_at", "ended_at")
TASK_COLUMNS = ("id", "instance_id", "process_model_id", "name", "title", "role", "form", "assignee", "status",
                "created_at", "claimed_at", "completed_at", "completed_by", "due_at", "commune_id")
EVENT_COLUMNS = ("occurred_at", "actor", "action", "instance_id", "task_id", "process_model_id", "version", "data")


class HistoryWriter:
    """Appends cases to a prepared benchmark database; call `add(n)` several times to grow it."""

    def __init__(self, url: str, seed: int = 7):
        self.engine = create_engine(url)
        self.random = random.Random(seed)
        self.sequence = 0
        with self.engine.begin() as conn:
            self.province = conn.scalar(text("SELECT id FROM org_units WHERE kind = 'province'"))
            self.home = conn.scalar(text("SELECT id FROM org_units WHERE code = 'nghia_ky'"))
            self.versions = dict(conn.execute(text(
                "SELECT v.process_model_id, v.id FROM process_versions v JOIN process_models m "
                "ON m.id = v.process_model_id AND m.latest_version = v.version")).all())
            others = conn.execute(text("SELECT id FROM org_units WHERE code LIKE 'bench_xa_%' ORDER BY id")).scalars().all()
            if not others:
                conn.execute(text("INSERT INTO org_units (code, name, kind, parent_id) SELECT 'bench_xa_' || g, "
                                  "'Xã thử nghiệm ' || g, 'commune', :p FROM generate_series(1, :n) g"),
                             {"p": self.province, "n": COMMUNES - 1})
                others = conn.execute(text("SELECT id FROM org_units WHERE code LIKE 'bench_xa_%' ORDER BY id")).scalars().all()
        self.others = others
        self.state = _sample_state()

    def add(self, cases: int, *, home_open: int = 0) -> None:
        """`cases` cases in all, `home_open` of them the demo commune's open work (see the module's text).

        Written in batches of `BATCH` cases (a million cases' rows would not fit in memory at once), with the
        secondary indexes of the three tables dropped and built again at the end, and foreign keys not
        checked (`session_replication_role = replica`: the rows are consistent by construction): a million
        cases load in minutes instead of the half hour that maintaining nine indexes of `tasks` row by row
        cost. The indexes are then freshly built, as after a REINDEX; VACUUM gives them the visibility map
        autovacuum keeps in a living database."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("SET session_replication_role = replica")
            indexes = cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename IN ('instances', 'tasks', 'audit_events') AND NOT EXISTS (SELECT 1 FROM "
                "pg_constraint c WHERE c.conname = i.indexname)").fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            raw.commit()
            opening, remaining = home_open, max(0, cases - home_open)
            while opening or remaining:
                instances, tasks, events = [], [], []
                for _ in range(opening):
                    self._case(instances, tasks, events, commune=self.home, status=_pick(self.random, OPEN))
                batch = min(remaining, max(0, BATCH - opening))
                for _ in range(batch):
                    self._case(instances, tasks, events)
                opening, remaining = 0, remaining - batch
                _copy(cursor, "instances", INSTANCE_COLUMNS, instances)
                _copy(cursor, "tasks", TASK_COLUMNS, tasks)
                _copy(cursor, "audit_events", EVENT_COLUMNS, events)
                raw.commit()
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _, definition in indexes:
                cursor.execute(definition)
            raw.commit()
            raw.driver_connection.autocommit = True  # VACUUM: the visibility map autovacuum keeps in a living database
            cursor.execute("VACUUM ANALYZE instances")
            cursor.execute("VACUUM ANALYZE tasks")
            cursor.execute("VACUUM ANALYZE audit_events")
            try:  # write the bulk load out now, not while the queries are being timed
                cursor.execute("CHECKPOINT")
            except Exception:  # noqa: BLE001 - needs a superuser or pg_checkpoint; only a measurement aid
                pass
        finally:
            raw.close()

    def counts(self) -> dict:
        with self.engine.connect() as conn:
            return {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in ("instances", "tasks", "audit_events")}

    def home_instance_ids(self, limit: int = 500) -> list[str]:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT id FROM instances WHERE commune_id = :c ORDER BY random() LIMIT :n"),
                                {"c": self.home, "n": limit}).scalars().all()

    def close(self) -> None:
        self.engine.dispose()

    def _case(self, instances, tasks, events, *, commune: int | None = None, status: str | None = None) -> None:
        r = self.random
        self.sequence += 1
        model, path = ("khieu_nai", KHIEU_NAI_PATH) if r.random() < 0.6 else ("three_step", THREE_STEP_PATH)
        if commune is None:
            commune = self.home if r.random() < HOME_SHARE else r.choice(self.others)
            status = _pick(r, ENDED if commune == self.home else STATUSES)
        created = HISTORY_START + timedelta(seconds=r.randrange(HISTORY_DAYS * 86400))
        case_id = str(uuid.uuid4())
        done = len(path) if status == "completed" else r.randrange(len(path))
        at = created
        version_id = self.versions[model]
        staff = (lambda role: role) if commune == self.home else (lambda role: f"{role}.{commune}")
        starter = staff(path[0][1][0])
        events.append((at, starter, "started", case_id, None, model, 1, json.dumps({"bench": True})))
        for index, (name, (role, data)) in enumerate(path[:done + (0 if status == "completed" else 1)]):
            task_id = str(uuid.uuid4())
            opened = at
            at = at + timedelta(hours=r.randrange(2, 24 * 8))
            due = opened + timedelta(days=10) if r.random() < 0.8 else None
            if index < done:
                tasks.append((task_id, case_id, model, name, name.replace("_", " "), role, f"{model}-{name}.schema.json",
                              staff(role), "completed", opened, opened, at, staff(role), due, commune))
                events.append((opened, staff(role), "claimed", case_id, task_id, model, 1, "{}"))
                events.append((at, staff(role), "completed", case_id, task_id, model, 1, _as_json(data)))
            else:
                open_status = {"running": r.choice(("ready", "ready", "claimed")), "cancelled": "cancelled",
                               "error": "ready"}[status]
                tasks.append((task_id, case_id, model, name, name.replace("_", " "), role,
                              f"{model}-{name}.schema.json", staff(role) if open_status == "claimed" else None,
                              open_status, opened, opened if open_status == "claimed" else None,
                              at if open_status == "cancelled" else None, None, due, commune))
        ended = at if status in ("completed", "cancelled") else None
        if ended:
            events.append((ended, staff(path[-1][1][0]), "ended" if status == "completed" else "cancelled", case_id, None,
                           model, 1, "{}"))
        prefix = "KN" if model == "khieu_nai" else "BB"
        instances.append((case_id, f"{prefix}-{created.year}-B{self.sequence:07d}", model, version_id, 1, commune,
                          status, "da_giai_quyet" if status == "completed" else None, self.state, 1, starter,
                          created, at, ended))


_JSON: dict[int, str] = {}


def _as_json(data: dict) -> str:
    """The event's data as JSON, written once per step of the scenarios (the same dict every time)."""
    if id(data) not in _JSON:
        _JSON[id(data)] = json.dumps(data, ensure_ascii=False)
    return _JSON[id(data)]


def _pick(r: random.Random, weighted) -> str:
    x, acc = r.random(), 0.0
    for value, weight in weighted:
        acc += weight
        if x < acc:
            return value
    return weighted[-1][0]


def _copy(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _sample_state() -> str:
    """A real serialized complaint as the engine stores it (spec by reference), just opened."""
    from engine.cases.lifecycle import start_case
    from engine.core.clock import FrozenClock
    from engine.people.users import DEMO_PASSWORD, authenticate

    from .databases import START, bench_database, open_services

    with bench_database("sqlite", "danchu_bench_state") as url:
        services = open_services(url, clock=FrozenClock(START))
        try:
            reception = authenticate(services, "tiep_cong_dan", DEMO_PASSWORD)
            case = start_case(services, reception, "khieu_nai", KHIEU_NAI.start_data)
            with services.database.engine.connect() as conn:
                return conn.scalar(text("SELECT state FROM instances WHERE id = :i"), {"i": case["id"]})
        finally:
            services.close()
