"""The calendar through HTTP: legal deadlines, a year's holidays, and the override table administrators
edit. Every expected date was counted by hand (the first day is not counted, a last day on a rest day or
holiday moves to the next working day)."""
import pytest


def due(api, start, days, kind="calendar", user="tiep_cong_dan"):
    response = api.as_(user).get(f"/api/v1/calendar/deadline?start={start}&days={days}&kind={kind}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["due"]


def test_seven_working_days_from_25_april_2025_end_on_8_may(api):
    # Sat 26/4 worked (swap) = 1, 28/4 = 2, 29/4 = 3, [30/4, 1/5 holidays, 2/5 swapped off, 3-4/5 weekend],
    # 5/5 = 4, 6/5 = 5, 7/5 = 6, 8/5 = 7
    response = api.as_("chu_tich").get("/api/v1/calendar/deadline?start=2025-04-25&days=7&kind=working")
    assert response.status_code == 200
    body = response.get_json()
    assert body["due"] == "2025-05-08"
    assert body["ends_at"] == "2025-05-09T00:00:00+07:00"


def test_an_end_in_the_years_of_local_mean_time_is_written_in_utc(api):
    """Before 1911 Vietnam kept local mean time (+07:06:30 in 1900), an offset RFC 3339 cannot write: the
    same instant goes out in UTC. (Found by a long schemathesis run: the answer broke its own schema.)"""
    body = api.as_("chu_tich").get("/api/v1/calendar/deadline?start=1900-01-11&days=256").get_json()
    assert body["due"] == "1900-09-24"
    assert body["ends_at"] == "1900-09-24T16:53:30+00:00"  # 00:00 of 25/9 at +07:06:30
    later = api.as_("chu_tich").get("/api/v1/calendar/deadline?start=1960-03-01&days=3").get_json()
    assert later["ends_at"] == "1960-03-05T00:00:00+08:00"  # whole-minute offsets (Saigon time then) stay as they are


@pytest.mark.parametrize("start, days, kind, expected", [
    # Tết 2026 (14-22/2 off): Thu 12/2 +2 working: 13/2 = 1, Mon 23/2 = 2
    ("2026-02-12", 2, "working", "2026-02-23"),
    # Tết 2025: Mon 20/1 +10 calendar = Thu 30/1 (mùng 2 Tết) -> Mon 3/2
    ("2025-01-20", 10, "calendar", "2025-02-03"),
    # 2/9/2025: Sat 2/8 +30 calendar = Mon 1/9 (holiday) -> 2/9 holiday -> Wed 3/9
    ("2025-08-02", 30, "calendar", "2025-09-03"),
    # Hùng Kings 2026 on Sunday 26/4, made up Mon 27/4: Fri 24/4 +1 working = Tue 28/4
    ("2026-04-24", 1, "working", "2026-04-28"),
    # 30/4 and 1/5 2022 on a weekend, made up Mon 2/5 and Tue 3/5: Fri 29/4 +1 working = Wed 4/5
    ("2022-04-29", 1, "working", "2022-05-04"),
    # Year end: Tue 31/12/2024 +1 working: [1/1/2025] Thu 2/1
    ("2024-12-31", 1, "working", "2025-01-02"),
    # Complaint decision: accepted Thu 5/3/2026 +30 calendar = Sat 4/4 -> Mon 6/4
    ("2026-03-05", 30, "calendar", "2026-04-06"),
    # zero days from a Sunday: the period cannot end on a rest day -> Mon
    ("2026-03-08", 0, "calendar", "2026-03-09"),
])
def test_deadline_examples_counted_by_hand(api, start, days, kind, expected):
    assert due(api, start, days, kind) == expected


@pytest.mark.parametrize("query, field", [
    ("start=2025-13-01&days=7", "start"),
    ("days=7", "start"),
    ("start=2025-04-25", "days"),
    ("start=2025-04-25&days=-1", "days"),
    ("start=2025-04-25&days=bay", "days"),
    ("start=2025-04-25&days=7&kind=lunar", "kind"),
])
def test_bad_deadline_parameters_are_refused_naming_the_field(api, query, field):
    response = api.as_("chu_tich").get(f"/api/v1/calendar/deadline?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]


def test_holidays_of_2025_list_tet_the_swap_and_national_day(api):
    response = api.as_("van_phong").get("/api/v1/calendar/holidays?year=2025")
    assert response.status_code == 200
    items = {i["day"]: i for i in response.get_json()["items"]}
    assert {"2025-01-01", "2025-01-28", "2025-01-29", "2025-04-07", "2025-04-30", "2025-05-01", "2025-09-01",
            "2025-09-02"} <= set(items)
    assert items["2025-04-26"]["working"] is True and items["2025-04-26"]["source"] == "override"
    assert items["2025-05-02"]["working"] is False and items["2025-05-02"]["source"] == "override"
    assert api.as_("van_phong").get("/api/v1/calendar/holidays?year=abc").status_code == 422
    assert "year" in api.as_("van_phong").get("/api/v1/calendar/holidays").get_json()["error"]["details"]


def test_administrator_adds_a_day_off_and_every_deadline_follows_at_once(api):
    # Mon 6/4/2026 +1 working = Tue 7/4; declare Tue 7/4 a day off -> Wed 8/4
    assert due(api, "2026-04-06", 1, "working") == "2026-04-07"
    response = api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-07",
                                       json={"working": False, "name": "Nghỉ theo Thông báo 01/TB-VPCP"})
    assert response.status_code == 201, response.get_json()
    assert due(api, "2026-04-06", 1, "working") == "2026-04-08"
    replaced = api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-07",
                                       json={"working": True, "name": "Đã hủy nghỉ"})
    assert replaced.status_code == 200
    assert due(api, "2026-04-06", 1, "working") == "2026-04-07"
    assert api.as_("quan_tri.tinh").delete("/api/v1/calendar/overrides/2026-04-07").status_code == 204
    assert api.as_("quan_tri.tinh").delete("/api/v1/calendar/overrides/2026-04-07").status_code == 404
    listed = api.as_("quan_tri").get("/api/v1/calendar/overrides?year=2025").get_json()
    assert [i["day"] for i in listed["items"]] == ["2025-04-26", "2025-05-02"]


def test_a_saturday_made_working_counts_in_working_deadlines(api):
    # Fri 10/4/2026 +1 working = Mon 13/4; with Sat 11/4 worked -> Sat 11/4
    api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-11", json={"working": True, "name": "Làm bù"})
    assert due(api, "2026-04-10", 1, "working") == "2026-04-11"


def test_a_second_server_sees_an_override_edited_through_the_first(api, services, database_url, clock):
    from datetime import date

    from engine.calendar.admin import compute_deadline
    from engine.services import build_services
    from tests.conftest import test_settings

    other = build_services(test_settings(database_url), clock=clock)
    try:
        assert compute_deadline(other, date(2026, 4, 6), 1, "working")["due"] == date(2026, 4, 7)
        api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-07", json={"working": False, "name": "Nghỉ"})
        assert compute_deadline(other, date(2026, 4, 6), 1, "working")["due"] == date(2026, 4, 8)
    finally:
        other.close()


def test_only_administrators_edit_overrides(api):
    response = api.as_("chu_tich").put("/api/v1/calendar/overrides/2026-04-07", json={"working": False, "name": "X"})
    assert response.status_code == 403
    assert api.as_("chu_tich").delete("/api/v1/calendar/overrides/2025-05-02").status_code == 403


@pytest.mark.parametrize("path, body, field", [
    ("/api/v1/calendar/overrides/2026-02-30", {"working": False, "name": "X"}, "day"),
    ("/api/v1/calendar/overrides/2026-04-07", {"name": "X"}, "working"),
    ("/api/v1/calendar/overrides/2026-04-07", {"working": False}, "name"),
    ("/api/v1/calendar/overrides/2026-04-07", {"working": False, "name": ""}, "name"),
])
def test_bad_override_edits_are_refused_naming_the_field(api, path, body, field):
    response = api.as_("quan_tri.tinh").put(path, json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]


def test_override_edits_are_audited(api, services):
    from sqlalchemy import select

    from engine.store.tables import AuditEvent

    api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-04-07", json={"working": False, "name": "Nghỉ"})
    api.as_("quan_tri.tinh").delete("/api/v1/calendar/overrides/2026-04-07")
    with services.uow(write=False) as uow:
        events = uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        actions = [(e.actor, e.action, e.data.get("day")) for e in events if e.action.startswith("calendar")]
    assert actions == [("quan_tri.tinh", "calendar_override_set", "2026-04-07"),
                       ("quan_tri.tinh", "calendar_override_deleted", "2026-04-07")]
