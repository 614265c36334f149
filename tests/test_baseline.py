"""The baseline every test starts from (`tests/baseline.py`): what a test changed is gone for the next one, row
for row, and the session's caches never answer with what the restore took away."""
from tests.api.cases import Case
from tests.deploys import deploy
from tests.diagrams import diagram
from tests.samples import Complaint, open_notice
from tests.trust.helpers import another_province, new_user, sql, table_fingerprint


def due(api, start: str, days: int) -> str:
    response = api.as_("tiep_cong_dan").get(f"/api/v1/calendar/deadline?start={start}&days={days}&kind=working")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["due"]


def first_task_title(api) -> str:
    return Case(api, "thu_nghiem", "tiep_cong_dan", {}).open_tasks()[0]["title"]


def test_restore_puts_back_every_row_a_test_changed(services, baseline, api, client):
    before = table_fingerprint(services)
    Complaint(api).accept()  # a case, its tasks, timers, deadline changes, number, audit events
    assert deploy(api, diagram()).status_code == 201  # a new model
    assert deploy(api, diagram(task_name="Bước hai")).status_code == 201  # and its version 2
    assert deploy(api, diagram(pid="cong_khai"), pid="cong_khai").status_code == 201  # a shipped model's version 2
    api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-07", json={"working": False, "name": "Nghỉ"})
    api.as_("quan_tri.tinh").delete("/api/v1/calendar/overrides/2025-05-02")
    new_user(services, client)
    another_province(services)
    client.post("/api/v1/auth/token", json={"username": "chu_tich", "password": "sai-mat-khau"})  # throttling
    sql(services, "UPDATE process_versions SET bpmn_xml = bpmn_xml || ' ' WHERE process_model_id = 'khieu_nai'")
    sql(services, "UPDATE audit_events SET data = '{}' WHERE seq = 2")
    sql(services, "UPDATE users SET full_name = 'Tên khác' WHERE username = 'chu_tich'")
    assert table_fingerprint(services) != before
    baseline.restore(services)
    assert table_fingerprint(services) == before
    assert open_notice(api).open_task_names() == ["niem_yet"]  # the shipped version, and a cache that agrees


def test_a_version_deployed_after_a_restore_runs_its_own_diagram(services, baseline, api):
    """SQLite hands the id of a deleted highest row out again: a version a later test deploys may get the id an
    earlier test's version had, and must not be run from the spec parsed for that one."""
    assert deploy(api, diagram(task_name="Bước của phép thử trước")).status_code == 201
    assert first_task_title(api) == "Bước của phép thử trước"
    first_id = sql(services, "SELECT id FROM process_versions WHERE process_model_id = 'thu_nghiem'").scalar()
    baseline.restore(services)
    assert deploy(api, diagram(task_name="Bước của phép thử sau")).status_code == 201
    again_id = sql(services, "SELECT id FROM process_versions WHERE process_model_id = 'thu_nghiem'").scalar()
    assert (again_id == first_id) == services.database.is_sqlite  # PostgreSQL's sequence never goes back
    assert first_task_title(api) == "Bước của phép thử sau"


def test_an_override_a_test_made_is_gone_from_the_calendar_of_the_next(services, baseline, api):
    """The restore sets the calendar's version counter back, so the next edit brings it to the number a calendar
    cached before the restore carries: that cache must be gone, not found current."""
    assert due(api, "2026-04-06", 1) == "2026-04-07"
    api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-07", json={"working": False, "name": "Nghỉ"})
    assert due(api, "2026-04-06", 1) == "2026-04-08"
    baseline.restore(services)
    api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-09", json={"working": False, "name": "Nghỉ"})
    assert due(api, "2026-04-06", 1) == "2026-04-07"
