"""Deadlines of the first-level complaint (`bpmn/khieu_nai.bpmn`) through HTTP: the case's statutory
decision date and how the complex/remote flags move it, the reminder 2 working days before each deadline
and the escalation to the Chairman when it passes (fired by the worker as time moves), urgency and the
inbox filters. Every date was counted by hand; the clock is frozen and moved, never slept on."""
from datetime import datetime, timezone

from engine.worker.timers import fire_due_timers
from tests.samples import DECISION, PROPOSAL, Complaint


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def notifications(api, user, unread=None):
    query = "" if unread is None else f"?unread={'true' if unread else 'false'}"
    response = api.as_(user).get(f"/api/v1/notifications{query}")
    assert response.status_code == 200
    return response.get_json()


def titles(api, user):
    return sorted(n["title"] for n in notifications(api, user)["items"])


def test_the_case_has_no_decision_date_until_the_complaint_is_accepted(api):
    case = Complaint(api)
    detail = case.detail()
    assert detail["due_at"] is None and detail["deadline_history"] == []
    assert detail["deadline_name"].startswith("Hạn ra quyết định")


def test_decision_date_is_thirty_days_after_acceptance_and_recorded_with_who_set_it(api):
    case = Complaint(api)
    case.accept()  # accepted Thu 5/3/2026 -> +30 = Sat 4/4 -> Mon 6/4, ends 24:00 (UTC+7)
    detail = case.detail()
    assert detail["due_at"] == "2026-04-06T17:00:00+00:00"
    assert [(h["kind"], h["actor"], h["due_at"]) for h in detail["deadline_history"]] == [
        ("computed", "chu_tich", "2026-04-06T17:00:00+00:00")]
    decision_task_due = [t for t in detail["tasks"] if t["name"] == "thong_bao_thu_ly"][0]["due_at"]
    assert decision_task_due.startswith("2026-03-12T17:00:00")  # the notice keeps the 10-day acceptance deadline


def test_complex_case_in_a_remote_area_moves_the_decision_date_to_sixty_days(api):
    case = Complaint(api, vung_sau_vung_xa=True)
    case.accept(phuc_tap=True)  # 5/3/2026 + 60 = Mon 4/5 (30/4 and 1/5 are before it)
    assert case.detail()["due_at"] == "2026-05-04T17:00:00+00:00"
    complex_only = Complaint(api)
    complex_only.accept(phuc_tap=True)  # 5/3 + 45 = Sun 19/4 -> Mon 20/4
    assert complex_only.detail()["due_at"] == "2026-04-20T17:00:00+00:00"


def test_reception_is_reminded_two_working_days_before_the_acceptance_deadline(api, services, clock):
    case = Complaint(api)  # received Mon 2/3/2026: last day Thu 12/3; 2 working days before = Tue 10/3
    assert titles(api, "tiep_cong_dan") == []
    clock.set(utc(2026, 3, 9, 16, 59))  # 23:59 Mon 9/3 in Vietnam
    assert fire_due_timers(services) == 0
    assert case.open_tasks()[0]["urgency"] is None
    clock.set(utc(2026, 3, 9, 17, 0, 1))
    assert fire_due_timers(services) == 1
    reminder = notifications(api, "tiep_cong_dan")["items"]
    assert [(n["title"], n["business_key"]) for n in reminder] == [
        ("Sắp đến hạn thụ lý đơn khiếu nại", case.body["business_key"])]
    assert "2026-03-02" in reminder[0]["message"]
    assert titles(api, "chu_tich") == []  # a reminder goes to whoever holds the work, not to the Chairman
    assert case.open_tasks()[0]["urgency"] == "sap_den_han"
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert [e["data"]["element"] for e in history if e["action"] == "timer_fired"] == ["sap_han_thu_ly"]


def test_the_chairman_is_told_when_the_acceptance_deadline_passes(api, services, clock):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    clock.set(utc(2026, 3, 12, 17, 0, 1))  # 00:00:01 Fri 13/3 in Vietnam: both timers are due
    assert fire_due_timers(services) == 2
    assert titles(api, "chu_tich") == ["Quá hạn thụ lý đơn khiếu nại", "Sắp đến hạn thụ lý đơn khiếu nại"]
    task = case.open_tasks()[0]
    assert (task["name"], task["urgency"]) == ("quyet_dinh_thu_ly", "qua_han")
    overdue = api.as_("chu_tich").get("/api/v1/tasks?overdue=true").get_json()
    assert [t["id"] for t in overdue["items"]] == [task["id"]]
    assert fire_due_timers(services) == 0  # fired once, never again


def test_verifier_and_chairman_are_told_when_the_decision_deadline_passes(api, services, clock):
    case = Complaint(api)
    case.accept()  # decision due Mon 6/4/2026; reminder from Thu 2/4 (Fri 3/4 is 1 working day before)
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    verification = case.open_tasks()[0]
    assert api.as_("can_bo_xac_minh").post(f"/api/v1/tasks/{verification['id']}/claim").status_code == 200
    clock.set(utc(2026, 4, 1, 17, 0, 1))
    assert fire_due_timers(services) == 1
    assert titles(api, "can_bo_xac_minh") == ["Sắp đến hạn giải quyết khiếu nại"]
    assert titles(api, "chu_tich") == []
    mine = api.as_("can_bo_xac_minh").get("/api/v1/tasks?scope=mine&due_within=2").get_json()
    assert [(t["id"], t["urgency"]) for t in mine["items"]] == [(verification["id"], "sap_den_han")]
    clock.set(utc(2026, 4, 6, 17, 0, 1))
    assert fire_due_timers(services) == 1
    assert titles(api, "can_bo_xac_minh") == ["Quá hạn giải quyết khiếu nại", "Sắp đến hạn giải quyết khiếu nại"]
    assert titles(api, "chu_tich") == ["Quá hạn giải quyết khiếu nại"]
    assert titles(api, "tiep_cong_dan") == []
    assert case.detail()["urgency"] == "qua_han"


def test_no_escalation_once_the_decision_is_made(api, services, clock):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    case.do("ra_quyet_dinh", "chu_tich", {**DECISION, "ket_luan": "dung"})
    assert case.open_task_names() == ["gui_quyet_dinh"]  # sending has its own deadline (Art. 32), no timer
    clock.set(utc(2026, 4, 7))
    assert fire_due_timers(services) == 2  # the timers fire; the decision work is done, so nobody is told
    assert titles(api, "chu_tich") == [] and titles(api, "tiep_cong_dan") == []


def test_timers_of_a_finished_stage_are_cancelled(api, services, clock):
    case = Complaint(api)
    case.accept()
    clock.set(utc(2026, 3, 20))
    assert fire_due_timers(services) == 0  # the acceptance timers ended with the acceptance stage
    assert titles(api, "tiep_cong_dan") == []


def test_withdrawal_cancels_the_pending_timers(api, services, clock):
    case = Complaint(api)
    api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/messages", json={
        "name": "rut_khieu_nai", "data": {"ngay_rut": "2026-03-03"}})
    clock.set(utc(2026, 4, 1))
    assert fire_due_timers(services) == 0
    assert titles(api, "tiep_cong_dan") == []


def test_inbox_filters_overdue_and_due_within_working_days(api):
    # Today Mon 2/3/2026. Received Tue 10/2 -> +10 = Fri 20/2 (Tết) -> Mon 23/2: overdue.
    # Received Fri 20/2 -> +10 = Mon 2/3: due today. Received Sun 22/2 -> +10 = Wed 4/3: 2 working days.
    # Received Mon 2/3 -> Thu 12/3: not urgent.
    overdue = Complaint(api, ngay_nhan_don="2026-02-10")
    today = Complaint(api, ngay_nhan_don="2026-02-20")
    in_two = Complaint(api, ngay_nhan_don="2026-02-22")
    later = Complaint(api, ngay_nhan_don="2026-03-02")
    ids = {c.id: name for c, name in ((overdue, "overdue"), (today, "today"), (in_two, "in_two"), (later, "later"))}
    client = api.as_("tiep_cong_dan")

    def listed(query):
        items = client.get(f"/api/v1/tasks?{query}").get_json()["items"]
        return [(ids[t["instance_id"]], t["urgency"]) for t in items]

    assert listed("overdue=true") == [("overdue", "qua_han")]
    assert listed("due_within=2") == [("overdue", "qua_han"), ("today", "sap_den_han"), ("in_two", "sap_den_han")]
    assert listed("due_within=1") == [("overdue", "qua_han"), ("today", "sap_den_han")]
    assert listed("overdue=false&due_within=2") == [("today", "sap_den_han"), ("in_two", "sap_den_han")]
    assert listed("overdue=false") == [("today", "sap_den_han"), ("in_two", "sap_den_han"), ("later", None)]
    for query, field in (("due_within=-1", "due_within"), ("due_within=x", "due_within"), ("overdue=maybe", "overdue")):
        response = client.get(f"/api/v1/tasks?{query}")
        assert response.status_code == 422 and field in response.get_json()["error"]["details"]


def test_a_complaint_registered_late_is_escalated_at_once(api):
    # Received 10/2/2026: the acceptance deadline (Mon 23/2) passed before the case was opened.
    Complaint(api, ngay_nhan_don="2026-02-10")
    assert titles(api, "chu_tich") == ["Quá hạn thụ lý đơn khiếu nại"]
    assert titles(api, "tiep_cong_dan") == ["Quá hạn thụ lý đơn khiếu nại", "Sắp đến hạn thụ lý đơn khiếu nại"]


def test_refused_complaint_keeps_no_timers(api, services, clock):
    case = Complaint(api)
    case.refuse_time_barred()
    clock.set(utc(2026, 6, 1))
    assert fire_due_timers(services) == 0
    assert case.detail()["due_at"] is None
