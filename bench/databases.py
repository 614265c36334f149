"""Throw-away databases for one benchmark run: a SQLite file, or a PostgreSQL database of its own.

Each is migrated with Alembic, given the demo commune and users, and the two benchmark models deployed,
exactly as `make run` prepares the demo. PostgreSQL databases are created on the server named by
`DANCHU_BENCH_POSTGRES` (default: the local server, trust auth) and dropped afterwards.
"""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import create_engine, text

from engine.core.clock import FrozenClock
from engine.core.principal import SYSTEM
from engine.core.settings import Settings
from engine.definitions.package import load_package
from engine.demo import create_demo_data
from engine.processes.catalogue import deploy_process_version
from engine.services import Services, build_services
from engine.store.migrate import upgrade

from .scenarios import SCENARIOS

SECRET = "bench-secret-key-not-for-production-0123456789"
POSTGRES = os.environ.get("DANCHU_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
START = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)


def bench_settings(url: str) -> Settings:
    return Settings(database_url=url, secret_key=SECRET, demo_mode=True, token_ttl_seconds=24 * 3600)


def server_environment(url: str) -> dict[str, str]:
    """What a `danchu serve` / gunicorn process needs to serve this database."""
    return {**os.environ, "DANCHU_DATABASE_URL": url, "DANCHU_SECRET_KEY": SECRET, "DANCHU_DEMO": "1"}


def postgres_available() -> bool:
    try:
        engine = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        return False


TEMPLATE = f"danchu_bench_template_{os.getpid()}"  # per run: two runs at once must not drop each other's
_templates: dict[str, str] = {}  # kind -> prepared template (SQLite file path, PostgreSQL database name)


@contextmanager
def bench_database(kind: str, name: str = "danchu_bench"):
    """Yield the URL of a fresh, prepared database (`kind` is "sqlite" or "postgresql"); removed on exit.

    The first call of a run prepares a template (migrations, demo users: Argon2 hashing is the slow part);
    later ones copy it.
    """
    template_name = template(kind)
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=f"{name}_"))
        shutil.copyfile(template_name, folder / "danchu.db")
        try:
            yield f"sqlite:///{folder / 'danchu.db'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    name = f"{name}_{os.getpid()}"  # two runs at once (two worktrees) each have their own
    url = create_postgres_database(name, template=template_name)
    try:
        yield url
    finally:
        drop_postgres_database(name)


def template(kind: str) -> str:
    if kind not in _templates:
        if kind == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix=f"{TEMPLATE}_"))
            path = folder / "danchu.db"
            prepare_database(f"sqlite:///{path}")
            _templates[kind] = str(path)
        else:
            prepare_database(create_postgres_database(TEMPLATE))
            _templates[kind] = TEMPLATE
    return _templates[kind]


def drop_templates() -> None:
    """Remove the templates of this run (the harness calls it once at the end)."""
    for kind, template in list(_templates.items()):
        if kind == "sqlite":
            shutil.rmtree(Path(template).parent, ignore_errors=True)
        else:
            drop_postgres_database(template)
        del _templates[kind]


def prepare_database(url: str) -> None:
    upgrade(url)
    services = build_services(bench_settings(url), clock=FrozenClock(START))
    try:
        with _one_hash_per_password(services):
            create_demo_data(services)
        for scenario in SCENARIOS:
            deploy_process_version(services, SYSTEM, load_package(scenario.bpmn))
    finally:
        services.close()
    if url.startswith("sqlite"):  # fold the WAL into the file, so that copying the file copies everything
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()


@contextmanager
def _one_hash_per_password(services):
    """Demo users share one password: hash it once (Argon2 is slow on purpose) and give every user that
    hash. Logins still verify it at full cost, as in production."""
    services.passwords.hash = functools.lru_cache(maxsize=None)(services.passwords.hash)
    try:
        yield
    finally:
        del services.passwords.hash  # back to the method


def open_services(url: str, clock=None) -> Services:
    return build_services(bench_settings(url), clock=clock)


def create_postgres_database(name: str, template: str | None = None) -> str:
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin.dispose()
    parts = urlsplit(_admin_url())
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def postgres_url(name: str) -> str:
    parts = urlsplit(_admin_url())
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def admin_execute(sql: str, params: dict | None = None) -> list:
    """One statement on the server's maintenance database, outside a transaction; its rows (if any)."""
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            result = conn.execute(text(sql), params or {})
            return result.all() if result.returns_rows else []
    finally:
        admin.dispose()


def database_exists(name: str) -> bool:
    return bool(admin_execute("SELECT 1 FROM pg_database WHERE datname = :n", {"n": name}))


def list_databases(prefix: str) -> list[str]:
    return [r[0] for r in admin_execute("SELECT datname FROM pg_database WHERE datname LIKE :p", {"p": prefix + "%"})]


def data_directory() -> str | None:
    """Where the server keeps its data (a superuser may ask), to judge the free disk before a large load."""
    try:
        return admin_execute("SHOW data_directory")[0][0]
    except Exception:  # noqa: BLE001 - not a superuser: the caller does not judge
        return None


def drop_postgres_database(name: str) -> None:
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _admin_url() -> str:
    url = POSTGRES
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url
