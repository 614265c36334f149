"""Recurring work the worker opens by itself (`engine.schedules`), through the HTTP API and the worker's poll.

The commune's administrator sets the Chairman's reception days (Law on Citizen Reception 2013, Art. 15: at
least one day a week) and the day of the year the dialogue conference's case opens; the worker, on the frozen
clock the tests move, opens a `tiep_dinh_ky` case on each reception day (its task in the Chairman's inbox,
due that day) and the year's `doi_thoai` case, each period once, whatever number of workers poll.
"""
from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from engine.schedules import open_scheduled_cases
from engine.store.schedule_tables import ScheduledOpening
from engine.worker import poll_once

VN = ZoneInfo("Asia/Ho_Chi_Minh")
THURSDAYS = {"weekdays": [4], "start_time": "07:30"}
NOVEMBER_15 = {"month": 11, "day": 15}


def at(day: str, hour: int = 0, minute: int = 1) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=VN)


def put(api, kind: str, body: dict, user: str = "quan_tri", **query):
    path = f"/api/v1/schedules/{kind}" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return api.as_(user).put(path, json=body)


def cases(api, process_model: str) -> list[dict]:
    return api.as_("chu_tich").get(f"/api/v1/instances?process_model={process_model}").get_json()["items"]


def reception_tasks(api) -> list[dict]:
    items = api.as_("chu_tich").get("/api/v1/tasks?process_model=tiep_dinh_ky").get_json()["items"]
    return sorted(items, key=lambda t: t["due_at"])


def test_the_administrator_sets_the_reception_days_and_the_yearly_conference(api):
    listed = api.as_("chu_tich").get("/api/v1/schedules").get_json()
    assert listed["commune"] == "nghia_ky"
    assert [(s["kind"], s["active"]) for s in listed["items"]] == [("tiep_cong_dan", False), ("doi_thoai", False)]
    response = put(api, "tiep_cong_dan", {"weekdays": [4, 2, 4], "start_time": "07:30"})
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["weekdays"], response.get_json()["updated_by"]) == ([2, 4], "quan_tri")
    assert put(api, "doi_thoai", NOVEMBER_15).status_code == 200
    items = {s["kind"]: s for s in api.as_("chu_tich").get("/api/v1/schedules").get_json()["items"]}
    assert (items["tiep_cong_dan"]["start_time"], items["doi_thoai"]["month"], items["doi_thoai"]["day"]) == (
        "07:30", 11, 15)


@pytest.mark.parametrize("kind, body, field", [
    ("tiep_cong_dan", {"weekdays": [], "start_time": "07:30"}, "weekdays"),  # at least one day a week
    ("tiep_cong_dan", {"weekdays": [8], "start_time": "07:30"}, "weekdays"),
    ("tiep_cong_dan", {"weekdays": [4], "start_time": "7h30"}, "start_time"),
    ("doi_thoai", {"month": 13, "day": 1}, "month"),
    ("doi_thoai", {"month": 2, "day": 30}, "day"),
    ("doi_thoai", {"month": 11}, "day"),
])
def test_a_schedule_the_law_or_the_calendar_does_not_allow_is_refused(api, kind, body, field):
    response = put(api, kind, body)
    assert response.status_code == 422 and field in response.get_json()["error"]["details"]
    assert all(not s["active"] for s in api.as_("quan_tri").get("/api/v1/schedules").get_json()["items"])


def test_only_administrators_change_a_schedule(api):
    assert put(api, "tiep_cong_dan", THURSDAYS, user="chu_tich").status_code == 403
    assert put(api, "tiep_cong_dan", THURSDAYS, user="kiem_tra").status_code == 403
    assert put(api, "hop_dinh_ky", THURSDAYS).status_code == 404
    assert put(api, "tiep_cong_dan", THURSDAYS, user="quan_tri.tinh").status_code == 422  # which commune?
    assert put(api, "tiep_cong_dan", THURSDAYS, user="quan_tri.tinh", commune="nghia_ky").status_code == 200
    assert put(api, "tiep_cong_dan", THURSDAYS, commune="tinh_phong").status_code == 404  # not theirs


def test_each_reception_day_opens_the_chairmans_task_once(api, services, clock):
    assert put(api, "tiep_cong_dan", THURSDAYS).status_code == 200
    assert poll_once(services).cases_opened == 0  # Monday 2 March: no reception day
    clock.set(at("2026-03-05"))  # Thursday, just after midnight in Vietnam
    assert poll_once(services).cases_opened == 1
    assert poll_once(services).cases_opened == 0  # the day is opened once
    tasks = reception_tasks(api)
    assert [(t["name"], t["role"], t["due_at"]) for t in tasks] == [
        ("chu_tich_tiep_dinh_ky", "chu_tich", "2026-03-05T17:00:00+00:00")]  # due at 24:00 that day
    case = api.as_("chu_tich").get(f"/api/v1/instances/{tasks[0]['instance_id']}").get_json()
    assert (case["data"]["ngay_tiep"], case["data"]["gio_tiep"], case["created_by"]) == (
        "2026-03-05", "07:30", "system")
    clock.set(at("2026-03-06"))
    assert poll_once(services).cases_opened == 0
    clock.set(at("2026-03-12", 15))
    assert poll_once(services).cases_opened == 1
    assert [t["due_at"][:10] for t in reception_tasks(api)] == ["2026-03-05", "2026-03-12"]


def test_a_public_holiday_is_no_reception_day_and_past_days_are_not_opened(api, services, clock):
    assert put(api, "tiep_cong_dan", THURSDAYS).status_code == 200
    clock.set(at("2026-04-30"))  # Thursday 30 April: Reunification Day
    assert poll_once(services).cases_opened == 0
    clock.set(at("2026-05-08"))  # Friday: the Thursday before went by without a worker
    assert poll_once(services).cases_opened == 0
    assert cases(api, "tiep_dinh_ky") == []


def test_the_chairman_records_the_day_or_the_make_up_day(api, services, clock):
    assert put(api, "tiep_cong_dan", THURSDAYS).status_code == 200
    clock.set(at("2026-03-05"))
    poll_once(services)
    clock.set(at("2026-03-12"))
    poll_once(services)
    first, second = reception_tasks(api)
    chairman = api.as_("chu_tich")
    assert chairman.post(f"/api/v1/tasks/{first['id']}/claim").status_code == 200
    done = chairman.post(f"/api/v1/tasks/{first['id']}/complete", json={"data": {"da_tiep": True, "so_luot_tiep": 4}})
    assert done.status_code == 200, done.get_json()
    refused = chairman.post(f"/api/v1/tasks/{second['id']}/complete", json={"data": {"da_tiep": False}})
    assert refused.status_code == 422
    assert {"ly_do_khong_tiep", "ngay_tiep_bu"} <= set(refused.get_json()["error"]["details"])
    refused = chairman.post(f"/api/v1/tasks/{second['id']}/complete", json={"data": {
        "da_tiep": False, "ly_do_khong_tiep": "Họp tỉnh", "ngay_tiep_bu": "2026-03-12"}})
    assert refused.status_code == 422 and "ngay_tiep_bu" in refused.get_json()["error"]["details"]
    assert chairman.post(f"/api/v1/tasks/{second['id']}/complete", json={"data": {
        "da_tiep": False, "ly_do_khong_tiep": "Họp tỉnh", "ngay_tiep_bu": "2026-03-13"}}).status_code == 200
    outcomes = sorted((c["business_key"], c["outcome"]) for c in cases(api, "tiep_dinh_ky"))
    assert outcomes == [("TDK-2026-000001", "da_tiep"), ("TDK-2026-000002", "khong_tiep")]
    assert api.as_("van_phong").post(f"/api/v1/tasks/{second['id']}/complete", json={"data": {}}).status_code in (403, 409)


def test_the_yearly_dialogue_conference_opens_once_a_year_for_the_office(api, services, clock):
    assert put(api, "doi_thoai", NOVEMBER_15).status_code == 200
    clock.set(at("2026-11-14", 23, 59))
    assert poll_once(services).cases_opened == 0
    clock.set(at("2026-11-15"))
    assert poll_once(services).cases_opened == 1
    clock.set(at("2026-12-20"))
    assert poll_once(services).cases_opened == 0  # once a year
    opened = cases(api, "doi_thoai")
    assert len(opened) == 1
    case = api.as_("chu_tich").get(f"/api/v1/instances/{opened[0]['id']}").get_json()
    assert case["data"]["can_cu"] == "dinh_ky_hang_nam"
    assert [t["name"] for t in case["tasks"] if t["status"] == "ready"] == ["lap_ke_hoach"]
    clock.set(at("2027-11-16"))  # a worker down on the day opens it when it comes back
    assert poll_once(services).cases_opened == 1
    assert len(cases(api, "doi_thoai")) == 2


def test_an_inactive_schedule_opens_nothing(api, services, clock):
    assert put(api, "tiep_cong_dan", {**THURSDAYS, "active": False}).status_code == 200
    clock.set(at("2026-03-05"))
    assert poll_once(services).cases_opened == 0


def test_two_workers_polling_together_open_the_day_once(api, services, clock):
    """Each period has a unique key (commune, kind, period): of two workers opening it at the same moment, the
    second's insert fails and its case is rolled back."""
    assert put(api, "tiep_cong_dan", THURSDAYS).status_code == 200
    assert put(api, "doi_thoai", {"month": 3, "day": 1}).status_code == 200
    clock.set(at("2026-03-05"))
    start, results = threading.Barrier(2), []

    def worker():
        start.wait()
        results.append(open_scheduled_cases(services))
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 2  # one reception day and one conference, between them
    assert len(cases(api, "tiep_dinh_ky")) == 1 and len(cases(api, "doi_thoai")) == 1
    with services.uow(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(ScheduledOpening)) == 2


def test_the_database_refuses_a_second_opening_of_a_period(api, services, clock):
    assert put(api, "tiep_cong_dan", THURSDAYS).status_code == 200
    clock.set(at("2026-03-05"))
    poll_once(services)
    with services.uow() as uow:
        row = uow.session.scalars(select(ScheduledOpening)).one()
        uow.session.add(ScheduledOpening(commune_id=row.commune_id, kind=row.kind, period=row.period,
                                         instance_id=row.instance_id, opened_at=row.opened_at))
        with pytest.raises(IntegrityError):
            uow.session.flush()
