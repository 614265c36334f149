"""The `danchu` command against the test database."""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.conftest import BPMN_DIR, SECRET, free_port
from tests.diagrams import diagram
from tests.samples import INTAKE


@pytest.fixture
def run(services, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DANCHU_DATABASE_URL", database_url)
    monkeypatch.setenv("DANCHU_SECRET_KEY", SECRET)
    monkeypatch.delenv("DANCHU_DEMO", raising=False)
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    return invoke


def test_db_upgrade_is_idempotent(run):
    result = run("db", "upgrade")
    assert result.exit_code == 0 and "latest revision" in result.output


def test_deploy_reports_unchanged_content(run):
    result = run("deploy", str(BPMN_DIR / "khieu_nai.bpmn"))
    assert result.exit_code == 0
    assert "khieu_nai v1 unchanged" in result.output


def test_deploy_lists_every_problem_and_fails(run, tmp_path):
    bad = tmp_path / "hong.bpmn"
    bad.write_text(diagram(pid="hong", lane="khong_co", timer="P30D"), encoding="utf-8")
    result = run("deploy", str(bad))
    assert result.exit_code == 1
    assert "buoc_mot" in result.output and "hen_gio" in result.output


def test_users_create_and_refuse_duplicates_and_demo_password(run, services):
    from engine.people.users import authenticate
    result = run("users", "create", "--username", "can_bo_moi", "--full-name", "Cán bộ mới", "--role", "tu_phap",
                 "--unit", "nghia_ky", input="mat-khau-rat-dai\nmat-khau-rat-dai\n")
    assert result.exit_code == 0, result.output
    assert authenticate(services, "can_bo_moi", "mat-khau-rat-dai").roles == frozenset({"tu_phap"})
    again = run("users", "create", "--username", "can_bo_moi", "--full-name", "X", "--role", "tu_phap",
                input="mat-khau-rat-dai\nmat-khau-rat-dai\n")
    assert again.exit_code != 0 and "tồn tại" in again.output
    demo = run("users", "create", "--username", "can_bo_demo", "--full-name", "X", "--role", "tu_phap",
               input="danchu-demo\ndanchu-demo\n")
    assert demo.exit_code != 0


def test_demo_is_idempotent(run):
    result = run("demo", "--bpmn-dir", str(BPMN_DIR))
    assert result.exit_code == 0
    assert "none (already there)" in result.output and "khieu_nai v1 unchanged" in result.output


def test_serve_refuses_to_start_without_a_secret_outside_demo(run, monkeypatch):
    monkeypatch.delenv("DANCHU_SECRET_KEY")
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code != 0 and "DANCHU_SECRET_KEY" in result.output


@contextmanager
def serving(database_url: str, log: Path, workers: int, *options: str):
    """`danchu serve` started as an operator starts it, answering on the port it yields; stopped afterwards."""
    port = free_port()
    env = {**os.environ, "DANCHU_DATABASE_URL": database_url, "DANCHU_SECRET_KEY": SECRET, "DANCHU_DEMO": "1",
           "DANCHU_VAR": str(log.parent)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with open(log, "wb") as out:
        server = subprocess.Popen([str(Path(sys.executable).with_name("danchu")), "serve", "--port", str(port),
                                   "--workers", str(workers), *options], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90  # a machine busy with other work starts Python slowly
        while len(children(server.pid)) < workers or not healthy(port):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
        yield server, port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_serve_runs_gunicorn_workers_with_their_heartbeat_in_memory(services, database_url, tmp_path):
    """`danchu serve` as an operator starts it: the workers answer, and each touches its heartbeat file in
    /dev/shm (gunicorn's advice: a file on a disk-backed file system can block a worker on every loop)."""
    with serving(database_url, tmp_path / "serve.log", workers=2) as (server, _port):
        for worker in children(server.pid):
            assert any(link.startswith("/dev/shm/") for link in open_files(worker)), open_files(worker)


def test_the_access_log_of_serve_records_paths_without_their_query_strings(services, database_url, tmp_path):
    """Tracking codes (`/cong-dan/tra-cuu?ma=…`) and name searches (`/cases?citizen=…`) travel in query
    strings, and in the Referer of the next page: the access log keeps neither, only the path."""
    log = tmp_path / "serve.log"
    with serving(database_url, log, 1, "--log-format", "text") as (_server, port):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/cong-dan/tra-cuu?ma=TCD-2026-000001-MAbimat0001",
            headers={"Referer": f"http://127.0.0.1:{port}/cases?citizen=Nguyen+Van+Bimat"})
        try:
            urllib.request.urlopen(request, timeout=10).close()
        except urllib.error.HTTPError as exc:
            assert exc.code == 404  # no such code: the page says so
        deadline = time.monotonic() + 30
        while "/cong-dan/tra-cuu" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
    line = next(line for line in log.read_text().splitlines() if "/cong-dan/tra-cuu" in line)
    assert '"GET /cong-dan/tra-cuu HTTP/1.1" 404' in line, line
    assert f'"http://127.0.0.1:{port}/cases"' in line, line  # the referer, without its query
    assert "MAbimat0001" not in line and "Bimat" not in line and "?" not in line, line


def test_serve_writes_one_json_line_per_request_and_its_workers_metrics_add_up(services, database_url, tmp_path):
    """The default log format: one JSON object per line, the route's template and no query; and /metrics
    answered by any of the gunicorn workers counts the requests all of them served (multiprocess mode)."""
    log = tmp_path / "serve.log"
    with serving(database_url, log, 2) as (_server, port):
        for _ in range(12):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health?ma=TCD-bimat", timeout=10).close()
        deadline = time.monotonic() + 30
        while log.read_text().count('"/api/v1/health"') < 12:
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
        for _ in range(3):  # whichever worker answers, it adds up every worker's figures
            text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
            counts = [float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                      if line.startswith("danchu_http_request_duration_seconds_count")
                      and 'route="/api/v1/health"' in line]
            assert sum(counts) >= 12, text[:2000]
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    served = [line for line in lines if line.get("route") == "/api/v1/health"]
    assert len(served) >= 12 and all(line["status"] == 200 and line["request_id"] for line in served)
    assert "bimat" not in log.read_text()


def open_files(pid: int) -> list[str]:
    links = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            links.append(os.readlink(fd))
        except OSError:  # closed meanwhile
            pass
    return links


def children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_db_check_finds_a_consistent_database_consistent(run, services):
    from engine.cases.lifecycle import start_case
    from engine.people.users import DEMO_PASSWORD, authenticate

    start_case(services, authenticate(services, "tiep_cong_dan", DEMO_PASSWORD), "khieu_nai", INTAKE)
    result = run("db", "check")
    assert result.exit_code == 0
    assert "1 cases, 1 task rows: 0 partial, 0 completed twice, 0 stuck" in result.output


def test_backup_and_restore_commands(run, monkeypatch, tmp_path, empty_database):
    """What an operator types: `danchu backup --to`, then on the other machine `danchu restore --from` into
    an empty database named by DANCHU_DATABASE_URL and an empty DANCHU_FILES_DIR; a second restore into it
    is refused."""
    files = tmp_path / "files"
    (files / "ab").mkdir(parents=True)
    (files / "ab" / "cd").write_bytes(b"PNG")
    monkeypatch.setenv("DANCHU_FILES_DIR", str(files))
    archive = tmp_path / "danchu.tar"
    made = run("backup", "--to", str(archive))
    assert made.exit_code == 0 and "backup written" in made.output, made.output
    monkeypatch.setenv("DANCHU_DATABASE_URL", empty_database)
    monkeypatch.setenv("DANCHU_FILES_DIR", str(tmp_path / "other-files"))
    restored = run("restore", "--from", str(archive))
    assert restored.exit_code == 0 and "audit chain intact" in restored.output, restored.output
    assert (tmp_path / "other-files" / "ab" / "cd").read_bytes() == b"PNG"
    again = CliRunner().invoke(main, ["restore", "--from", str(archive)])
    assert again.exit_code != 0 and "trống" in again.output
