"""The audit log is a hash chain: editing, deleting or inserting rows behind the engine's back is caught,
by `danchu audit verify` and `GET /api/v1/audit/verify`, which name the first broken link."""
import pytest
from click.testing import CliRunner

from cli.main import main
from tests.conftest import SECRET
from tests.samples import INTAKE, PROPOSAL, Complaint
from tests.trust.helpers import sql


@pytest.fixture
def case_with_history(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    return case


def verify(api):
    response = api.as_("kiem_tra").get("/api/v1/audit/verify")
    assert response.status_code == 200
    return response.get_json()


def seqs(services):
    return list(sql(services, "SELECT seq FROM audit_events ORDER BY seq").scalars())


def test_an_untouched_log_verifies_and_names_its_head(api, case_with_history, services):
    result = verify(api)
    assert result["ok"] is True and result["first_broken"] is None
    assert result["checked"] == len(seqs(services)) >= 4
    head = sql(services, "SELECT hash FROM audit_events ORDER BY seq DESC").first()[0]
    assert result["head_hash"] == head
    assert seqs(services) == list(range(1, result["checked"] + 1))


def test_editing_an_events_data_is_caught_at_that_event(api, case_with_history, services):
    target = seqs(services)[1]
    sql(services, "UPDATE audit_events SET actor = 'ke_gian' WHERE seq = :s", s=target)
    result = verify(api)
    assert result["ok"] is False
    assert result["first_broken"]["seq"] == target
    assert "sửa" in result["first_broken"]["problem"]


def test_editing_an_events_time_is_caught(api, case_with_history, services):
    sql(services, "UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE seq = 1"
        if services.database.engine.dialect.name == "postgresql" else
        "UPDATE audit_events SET occurred_at = '2020-01-01 00:00:00.000000' WHERE seq = 1")
    assert verify(api)["first_broken"]["seq"] == 1


def test_deleting_an_event_is_caught_at_the_gap(api, case_with_history, services):
    sql(services, "DELETE FROM audit_events WHERE seq = 2")
    result = verify(api)
    assert result["ok"] is False and result["first_broken"]["seq"] == 2
    assert "xóa" in result["first_broken"]["problem"]


def test_deleting_the_last_events_is_caught_by_the_head(api, case_with_history, services):
    last = seqs(services)[-1]
    sql(services, "DELETE FROM audit_events WHERE seq = :s", s=last)
    result = verify(api)
    assert result["ok"] is False and result["first_broken"]["seq"] == last


def test_inserting_a_forged_event_is_caught(api, case_with_history, services):
    last = seqs(services)[-1]
    previous = sql(services, "SELECT hash FROM audit_events WHERE seq = :s", s=last).scalar()
    sql(services, "INSERT INTO audit_events (occurred_at, actor, action, data, seq, prev_hash, hash) "
                  "VALUES ('2026-03-02 02:00:00', 'ke_gian', 'completed', '{}', :seq, :prev, :h)",
        seq=last + 1, prev=previous, h="f" * 64)
    result = verify(api)
    assert result["ok"] is False and result["first_broken"]["seq"] == last + 1


def test_inserting_an_event_outside_the_chain_is_caught(api, case_with_history, services):
    sql(services, "INSERT INTO audit_events (occurred_at, actor, action, data) "
                  "VALUES ('2026-03-02 02:00:00', 'ke_gian', 'completed', '{}')")
    assert verify(api)["ok"] is False


def test_the_chain_continues_after_a_verified_head(api, case_with_history, services):
    first = verify(api)["head_hash"]
    Complaint(api)
    result = verify(api)
    assert result["ok"] and result["head_hash"] != first


def test_cli_audit_verify_reports_the_first_broken_link(api, case_with_history, services, database_url,
                                                        monkeypatch):
    monkeypatch.setenv("DANCHU_DATABASE_URL", database_url)
    monkeypatch.setenv("DANCHU_SECRET_KEY", SECRET)
    ok = CliRunner().invoke(main, ["audit", "verify"])
    assert ok.exit_code == 0 and "intact" in ok.output
    sql(services, "UPDATE audit_events SET data = :d WHERE seq = 3", d='{"ket_qua": "sua"}')
    broken = CliRunner().invoke(main, ["audit", "verify"])
    assert broken.exit_code == 1 and "#3" in broken.output


def test_the_log_names_the_task_an_event_is_about(api, case_with_history):
    items = api.as_("kiem_tra").get(f"/api/v1/audit/events?instance_id={case_with_history.id}").get_json()["items"]
    titles = {(e["action"], e["task_title"]) for e in items}
    assert {("started", None), ("claimed", "Kiểm tra điều kiện và đề xuất thụ lý"),
            ("completed", "Kiểm tra điều kiện và đề xuất thụ lý")} <= titles


def test_only_auditors_and_administrators_read_the_log(api):
    assert api.as_("chu_tich").get("/api/v1/audit/verify").status_code == 403
    assert api.as_("tiep_cong_dan").get("/api/v1/audit/events").status_code == 403
    assert api.as_("quan_tri").get("/api/v1/audit/verify").status_code == 200


def test_concurrent_commands_never_fork_the_chain(api, services):
    import threading

    from engine.cases.lifecycle import start_case
    from engine.core.principal import Principal

    reception = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)
    errors = []

    def open_one():
        try:
            start_case(services, reception, "khieu_nai", INTAKE)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = verify(api)
    assert result["ok"], result
    assert seqs(services) == list(range(1, result["checked"] + 1))
