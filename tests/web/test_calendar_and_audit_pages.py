"""The administrator's holiday override table and the auditor's whole-log search, export and chain check."""
import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from sqlalchemy import text

from tests.samples import PROPOSAL, Complaint
from web.views.common import ACTION_LABELS

CALENDAR = "/admin/calendar?year=2026"
# Friday 5 June 2026 + 3 working days ends on Wednesday 10 June (no holiday in between).
START, DAYS = date(2026, 6, 5), 3


def due(services):
    return services.calendar.deadline(START, DAYS, "working")


def save_override(client, day, working, name):
    return client.post(CALENDAR, {"day": day, "working": "1" if working else "0", "name": name}, page=CALENDAR)


def test_administrator_adds_replaces_and_deletes_an_override_and_deadlines_follow(web, services):
    client = web("quan_tri.tinh")
    assert due(services) == date(2026, 6, 10)

    added = save_override(client, "2026-06-08", False, "Quyết định nghỉ bù số 1")
    assert added.status_code == 302
    html = client.text(CALENDAR)
    assert "Quyết định nghỉ bù số 1" in html and "08/06/2026" in html
    assert due(services) == date(2026, 6, 11)

    replaced = save_override(client, "2026-06-08", True, "Quyết định làm việc số 2")
    assert replaced.status_code == 302
    html = client.text(CALENDAR)
    assert "Quyết định làm việc số 2" in html and "Quyết định nghỉ bù số 1" not in html
    assert due(services) == date(2026, 6, 10)

    saturday = save_override(client, "2026-06-06", True, "Quyết định làm bù thứ bảy")
    assert saturday.status_code == 302
    assert due(services) == date(2026, 6, 9)

    for day in ("2026-06-06", "2026-06-08"):
        assert client.post(f"/admin/calendar/{day}/delete", page=CALENDAR).status_code == 302
    html = client.text(CALENDAR)
    assert "Quyết định làm việc số 2" not in html and "Quyết định làm bù thứ bảy" not in html
    assert due(services) == date(2026, 6, 10)


def test_override_edits_are_audited(web, services):
    client = web("quan_tri.tinh")
    save_override(client, "2026-06-08", False, "Quyết định nghỉ bù số 1")
    client.post("/admin/calendar/2026-06-08/delete", page=CALENDAR)
    with services.database.engine.connect() as conn:
        actions = list(conn.execute(text("SELECT action FROM audit_events WHERE actor = 'quan_tri.tinh' ORDER BY seq"))
                       .scalars())
    assert actions[-2:] == ["calendar_override_set", "calendar_override_deleted"]


def test_a_bad_date_or_a_missing_name_is_shown_next_to_its_field(web, services):
    client = web("quan_tri.tinh")
    bad_day = save_override(client, "2026-13-45", False, "Quyết định")
    assert bad_day.status_code == 422
    html = bad_day.get_data(as_text=True)
    assert 'id="day-error"' in html and "ngày/tháng/năm, ví dụ 05/03/2026" in html
    no_name = save_override(client, "2026-06-08", False, "  ")
    assert no_name.status_code == 422
    assert 'id="name-error"' in no_name.get_data(as_text=True)
    assert due(services) == date(2026, 6, 10)


def test_deleting_a_day_without_an_override_is_not_found(web):
    assert web("quan_tri.tinh").post("/admin/calendar/2026-06-08/delete", page=CALENDAR).status_code == 404


def test_only_administrators_edit_the_override_table(web, services):
    client = web("chu_tich")
    assert client.get(CALENDAR).status_code == 403
    assert save_override(client, "2026-06-08", False, "Quyết định").status_code == 403
    assert client.post("/admin/calendar/2026-06-08/delete").status_code == 403
    assert due(services) == date(2026, 6, 10)


def complaint_with_history(api) -> Complaint:
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    return case


def test_auditor_searches_the_log_by_user_and_by_business_key(web, api):
    case = complaint_with_history(api)
    key = case.body["business_key"]
    client = web("kiem_tra")
    by_user = client.text("/audit?actor=tiep_cong_dan")
    assert 'id="audit-events"' in by_user and key in by_user
    assert "Hoàn thành" in by_user and "Mở hồ sơ" in by_user
    by_key = client.text(f"/audit?business_key={key}")
    assert "<dt>Họ và tên người khiếu nại</dt><dd>Nguyễn Văn An</dd>" in by_key  # data by its form's titles
    assert "<dt>Đề xuất</dt><dd>Thụ lý giải quyết</dd>" in by_key  # a choice by its option's title
    assert "<dt>Trường</dt><dd>Địa chỉ, Số điện thoại, Số giấy tờ tùy thân</dd>" in by_key  # a confidential read
    assert re.search(r"Hoàn thành: Kiểm tra điều kiện và đề xuất thụ lý <code class=\"task-id\">[0-9a-f-]{36}</code>",
                     by_key)  # the task an event is about, by its title (and its id)
    assert key in by_key and "Trần Thị Tiếp (<code>tiep_cong_dan</code>)" in by_key  # the name, and the login
    steps = client.text(f"/cases/{case.id}/audit")  # the case's steps, each with who did it
    assert steps.count("người thực hiện: Trần Thị Tiếp (<code>tiep_cong_dan</code>)") == 3  # opened, claimed, completed
    nobody = client.text("/audit?actor=khong_co_ai")
    assert 'id="audit-events"' not in nobody and "Tìm thấy 0 sự kiện." in nobody


def test_auditor_exports_the_matching_events_as_csv_and_json_and_the_export_is_audited(web, api, services):
    case = complaint_with_history(api)
    key = case.body["business_key"]
    client = web("kiem_tra")
    response = client.get(f"/audit/events.csv?business_key={key}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows and {row["business_key"] for row in rows} == {key}
    assert "started" in {row["action"] for row in rows}
    response = client.get("/audit/events.json?actor=tiep_cong_dan")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = json.loads(response.get_data(as_text=True))
    assert body["total"] == len(body["items"]) > 0
    assert {item["actor"] for item in body["items"]} == {"tiep_cong_dan"}
    exports = client.text("/audit?action=audit_exported")
    assert exports.count("Mai Thị Kiểm (<code>kiem_tra</code>)") == 2
    assert exports.count(">Xuất nhật ký</td>") == 2  # the action as people name it, not its code
    assert '<option value="audit_exported" selected>Xuất nhật ký</option>' in exports  # the filter, a list


def test_every_action_the_engine_records_has_a_label():
    """The audit log's pages name actions in words: a new action with no label would show as its code."""
    recorded = set()
    for path in (Path(__file__).resolve().parents[2] / "engine").rglob("*.py"):
        recorded |= set(re.findall(r'action="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert recorded and recorded <= set(ACTION_LABELS), recorded - set(ACTION_LABELS)


def test_auditor_sees_an_intact_chain_with_its_head(web, api, services):
    complaint_with_history(api)
    html = web("kiem_tra").text("/audit")
    assert "chain-ok" in html and "chain-broken" not in html
    with services.database.engine.connect() as conn:
        head = conn.execute(text("SELECT hash FROM audit_events ORDER BY seq DESC")).first()[0]
    assert head in html


def test_an_event_edited_in_the_database_shows_as_the_first_broken_link(web, api, services):
    complaint_with_history(api)
    with services.database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET data = :d WHERE seq = 2"), {"d": '{"ket_qua": "sua"}'})
    html = web("kiem_tra").text("/audit")
    assert "chain-broken" in html and "chain-ok" not in html
    assert "số thứ tự 2" in html and "đã bị sửa" in html


def test_only_auditors_and_administrators_read_the_log(web):
    for username in ("chu_tich", "tiep_cong_dan"):
        client = web(username)
        assert client.get("/audit").status_code == 403
        assert client.get("/audit/events.csv").status_code == 403
    assert web("quan_tri").get("/audit").status_code == 200


def test_a_bad_search_date_is_shown_next_to_its_field(web):
    response = web("kiem_tra").get("/audit?from=2026-02-30")
    assert response.status_code == 422
    assert 'id="from-error"' in response.get_data(as_text=True)
