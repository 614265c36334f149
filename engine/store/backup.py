"""Copies of the database that are consistent while servers keep writing, and their way back.

- SQLite: the driver's online backup API copies every page under one read transaction, so the copy is the
  database at one instant whatever commits meanwhile (a plain file copy could tear, or miss the write-ahead
  log).
- PostgreSQL: `pg_dump --format=custom` reads everything in one repeatable-read snapshot; `pg_restore` puts
  it into an empty database, without owners or grants so another server's roles need not exist.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import make_url

from .database import connect

SQLITE_MEMBER = "database.sqlite"
POSTGRES_MEMBER = "database.pgdump"


class BackupFailed(Exception):
    """The copy or its restore did not complete; the message says what to do."""


def database_kind(url: str) -> str:
    return "sqlite" if make_url(url).get_backend_name() == "sqlite" else "postgresql"


def libpq_url(url: str) -> tuple[str, dict]:
    """The URL pg_dump and pg_restore understand (SQLAlchemy's without its driver name), and the environment
    carrying its password: a password in the command line would show in every `ps` of the machine."""
    parsed = make_url(url)
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def dump_database(url: str, folder: Path) -> Path:
    """Write the database's consistent copy into `folder`; returns the file."""
    if database_kind(url) == "sqlite":
        target = folder / SQLITE_MEMBER
        source = sqlite3.connect(make_url(url).database)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    target = folder / POSTGRES_MEMBER
    address, env = libpq_url(url)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", address], env)
    return target


def is_empty(url: str) -> bool:
    engine = connect(url)
    try:
        return not sa_inspect(engine).get_table_names()
    finally:
        engine.dispose()


def load_database(url: str, copy: Path) -> None:
    """Put a copy made by `dump_database` into the empty database at `url`."""
    if database_kind(url) == "sqlite":
        if copy.name != SQLITE_MEMBER:
            raise BackupFailed("Bản sao là của PostgreSQL: hãy khôi phục vào một cơ sở dữ liệu PostgreSQL.")
        source = sqlite3.connect(copy)
        target = sqlite3.connect(make_url(url).database)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    if copy.name != POSTGRES_MEMBER:
        raise BackupFailed("Bản sao là của SQLite: hãy khôi phục vào một tệp SQLite.")
    address, env = libpq_url(url)
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={address}", str(copy)], env)


def _run(command: list[str], env: dict) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=3600,
                       env={**os.environ, **env})
    except FileNotFoundError:
        raise BackupFailed(f"Không tìm thấy {command[0]}: cài gói postgresql-client cùng phiên bản máy chủ.") from None
    except subprocess.CalledProcessError as exc:
        raise BackupFailed(f"{command[0]} thất bại: {exc.stderr.strip()[-500:]}") from None
