"""`danchu calendar` and `danchu worker --once` against the test database."""
import pytest
from click.testing import CliRunner

from cli.main import main
from tests.conftest import SECRET


@pytest.fixture
def run(services, database_url, monkeypatch):
    monkeypatch.setenv("DANCHU_DATABASE_URL", database_url)
    monkeypatch.setenv("DANCHU_SECRET_KEY", SECRET)
    monkeypatch.delenv("DANCHU_DEMO", raising=False)
    monkeypatch.delenv("DANCHU_SMTP_HOST", raising=False)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)
    return invoke


def test_calendar_deadline_prints_the_last_day(run):
    result = run("calendar", "deadline", "--start", "2025-04-25", "--days", "7", "--kind", "working")
    assert result.exit_code == 0 and result.output.strip() == "2025-05-08"
    # Tết 2025: Mon 20/1 +10 calendar = Thu 30/1 (mùng 2) -> Mon 3/2
    assert run("calendar", "deadline", "--start", "2025-01-20", "--days", "10").output.strip() == "2025-02-03"


def test_calendar_deadline_refuses_bad_input_naming_the_option(run):
    result = run("calendar", "deadline", "--start", "25/04/2025", "--days", "7")
    assert result.exit_code != 0 and "--start" in result.output
    result = run("calendar", "deadline", "--start", "2025-04-25", "--days", "7", "--kind", "lunar")
    assert result.exit_code != 0 and "--kind" in result.output


def test_calendar_holidays_lists_the_year(run):
    result = run("calendar", "holidays", "--year", "2025")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("2025-09-02\tnghỉ") for line in lines)
    assert any(line.startswith("2025-04-26\tlàm việc\toverride") for line in lines)


def test_calendar_overrides_set_list_delete(run):
    assert run("calendar", "deadline", "--start", "2026-04-06", "--days", "1", "--kind", "working").output.strip() \
        == "2026-04-07"
    result = run("calendar", "overrides", "set", "2026-04-07", "--day-off", "--name", "Nghỉ theo thông báo")
    assert result.exit_code == 0 and "added" in result.output
    assert run("calendar", "deadline", "--start", "2026-04-06", "--days", "1", "--kind", "working").output.strip() \
        == "2026-04-08"
    assert "2026-04-07\tnghỉ\tNghỉ theo thông báo" in run("calendar", "overrides", "list", "--year", "2026").output
    assert run("calendar", "overrides", "delete", "2026-04-07").exit_code == 0
    assert run("calendar", "overrides", "delete", "2026-04-07").exit_code != 0
    assert run("calendar", "overrides", "list", "--year", "2026").output == ""


def test_worker_once_reports_what_it_did(run):
    result = run("worker", "--once")
    assert result.exit_code == 0 and "fired 0 timer(s), sent 0 email(s)" in result.output


def test_users_set_email_sets_and_clears_the_address(run, services):
    from sqlalchemy import select

    from engine.store.tables import User

    def address():
        with services.uow(write=False) as uow:
            return uow.session.scalars(select(User.email).where(User.username == "van_phong")).one()

    assert run("users", "set-email", "van_phong", "van.phong@nghiaky.example").exit_code == 0
    assert address() == "van.phong@nghiaky.example"
    assert run("users", "set-email", "van_phong", "sai").exit_code != 0
    assert run("users", "set-email", "van_phong").exit_code == 0
    assert address() is None
