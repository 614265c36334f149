"""Test fixtures: a real database (SQLite, and PostgreSQL when DANCHU_TEST_DATABASE_URL is set), the real
BPMN library, the demo users, real HTTP through Flask's test client, and a frozen clock.

Each database is migrated, filled with demo users and given the library once per test session (per xdist
worker), with one `Services` and one Flask app over it for the whole session; before each test the baseline
is restored (`tests/baseline.py`) and the clock set back to START, so every test starts from the same state
without paying for password hashing, deployment or the app's OpenAPI document again.
"""
from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from engine.core.clock import FrozenClock
from engine.core.settings import Settings
from engine.demo import create_demo_data
from engine.people.users import DEMO_PASSWORD
from engine.services import build_services
from engine.store.migrate import upgrade
from server import create_app
from tests.baseline import Baseline

ROOT = Path(__file__).resolve().parent.parent
BPMN_DIR = ROOT / "bpmn"
START = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)  # Monday 08:00 in Vietnam
SECRET = "test-secret-key-not-for-production-0123456789"


def free_port() -> int:
    """A port nothing listens on now, for a server a test starts (SMTP, `danchu serve`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_settings(url: str) -> Settings:
    return Settings(database_url=url, secret_key=SECRET, demo_mode=True, token_ttl_seconds=10 * 365 * 86400,
                    password_time_cost=1, password_memory_kib=1024, files_dir=str(test_files_dir()))


def test_files_dir() -> Path:
    """Where this checkout's test worker stores attachments (never the repository's var/)."""
    checkout = hashlib.sha1(str(ROOT).encode()).hexdigest()[:6]
    return Path(tempfile.gettempdir()) / f"danchu-test-files-{checkout}-{_worker()}"


def _database_urls() -> list[str]:
    urls = ["sqlite"]
    if os.environ.get("DANCHU_TEST_DATABASE_URL"):
        urls.append("postgresql")
    return urls


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _postgres_url() -> str:
    """A database of this worker's own on the server named by DANCHU_TEST_DATABASE_URL."""
    base = os.environ["DANCHU_TEST_DATABASE_URL"]
    if base.startswith("postgresql://"):
        base = "postgresql+psycopg://" + base[len("postgresql://"):]
    checkout = hashlib.sha1(str(ROOT).encode()).hexdigest()[:6]  # parallel checkouts never share a database
    name = f"danchu_test_{checkout}_{_worker()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture(scope="session", params=_database_urls())
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'danchu.db'}"
    else:
        url = _postgres_url()
    upgrade(url)
    services = build_services(test_settings(url), clock=FrozenClock(START))
    create_demo_data(services)
    services.close()
    return url


@pytest.fixture(scope="session")
def session_clock() -> FrozenClock:
    """The one frozen clock of the session's `Services`; `clock` sets it back to START for each test."""
    return FrozenClock(START)


@pytest.fixture
def clock(session_clock) -> FrozenClock:
    session_clock.set(START)
    return session_clock


@pytest.fixture(scope="session")
def session_services(database_url, session_clock):
    """The `Services` of one test database for the whole session."""
    services = build_services(test_settings(database_url), clock=session_clock)
    yield services
    services.close()


@pytest.fixture(scope="session")
def baseline(session_services, session_clock) -> Baseline:
    session_clock.set(START)
    return Baseline(session_services, BPMN_DIR)


@pytest.fixture(scope="session")
def session_app(session_services):
    return create_app(services=session_services)


@pytest.fixture
def services(session_services, baseline, clock):
    baseline.restore(session_services)
    yield session_services
    checkpointer = session_services.database.checkpointer
    if checkpointer is not None:  # a test started a server's housekeeping and did not close
        checkpointer.stop()
        session_services.database.checkpointer = None


@pytest.fixture
def app(services, session_app):
    return session_app


@pytest.fixture
def client(app):
    return app.test_client()


_tokens: dict[tuple[str, str], str] = {}


class ApiClient:
    """Real HTTP requests through the Flask test client, as a named demo user."""

    def __init__(self, client, database_url: str):
        self._client = client
        self._database_url = database_url

    def token(self, username: str) -> str:
        key = (self._database_url, username)
        if key not in _tokens:
            response = self._client.post("/api/v1/auth/token",
                                         json={"username": username, "password": DEMO_PASSWORD})
            assert response.status_code == 200, response.get_json()
            _tokens[key] = response.get_json()["access_token"]
        return _tokens[key]

    def as_(self, username: str) -> "UserClient":
        return UserClient(self._client, self.token(username))


class UserClient:
    def __init__(self, client, token: str):
        self._client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **kwargs):
        return self._client.get(path, headers=self.headers, **kwargs)

    def post(self, path, **kwargs):
        return self._client.post(path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def put(self, path, **kwargs):
        return self._client.put(path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def delete(self, path, **kwargs):
        return self._client.delete(path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def patch(self, path, **kwargs):
        return self._client.patch(path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)


@pytest.fixture
def api(client, database_url) -> ApiClient:
    return ApiClient(client, database_url)


@pytest.fixture
def empty_database(database_url, tmp_path):
    """An empty database of the same kind, as another machine would have."""
    if make_url(database_url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"danchu_restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
