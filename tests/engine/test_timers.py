"""Timers that fire on the injected clock: due times fixed from the clock, the worker firing due ones (and
only those), two workers never firing one timer twice, a worker catching up after downtime, cycles that
re-arm, working-day timers. Time moves through FrozenClock only."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from engine.cases.lifecycle import cancel_case, start_case
from engine.cases.task_lists import list_tasks
from engine.cases.tasks import complete_task
from engine.core.clock import FrozenClock
from engine.core.principal import SYSTEM, Principal
from engine.definitions.package import ProcessPackage
from engine.processes.catalogue import deploy_process_version
from engine.services import build_services
from engine.store.tables import AuditEvent, Case, Timer
from engine.worker.loop import run_worker
from engine.worker.timers import fire_due_timers
from tests import conftest
from tests.conftest import START
from tests.diagrams import HEADER, confirm_task, diagram, named_forms

RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}))
OFFICE = Principal("van_phong", frozenset({"van_phong"}))
CHAIRMAN = Principal("chu_tich", frozenset({"chu_tich"}))


def deploy(services, xml: str, pid: str):
    files = {name: content.encode() for name, content in named_forms(xml).items()}
    deploy_process_version(services, SYSTEM, ProcessPackage(f"{pid}.bpmn", xml.encode("utf-8"), files))


def deploy_reminder(services, timer='"P1D"', tag="timeDuration", props=""):
    xml = diagram(pid="hen_gio", timer=timer, process_props=props)
    deploy(services, xml.replace("timeDuration", tag), "hen_gio")


def timers(services, instance_id=None):
    with services.uow(write=False) as uow:
        query = select(Timer).order_by(Timer.id)
        if instance_id:
            query = query.where(Timer.instance_id == instance_id)
        return [(t.element, t.status, t.due_at) for t in uow.session.scalars(query)]


def fired_events(services, instance_id=None):
    with services.uow(write=False) as uow:
        query = select(AuditEvent).where(AuditEvent.action == "timer_fired").order_by(AuditEvent.id)
        if instance_id:
            query = query.where(AuditEvent.instance_id == instance_id)
        return [(e.instance_id, e.actor, e.data["element"]) for e in uow.session.scalars(query)]


def test_timer_due_time_comes_from_the_injected_clock(services, clock):
    deploy_reminder(services)
    case = start_case(services, RECEPTION, "hen_gio", {})
    assert timers(services) == [("hen_gio", "pending", START + timedelta(days=1))]
    clock.advance(hours=23, minutes=59)
    assert fire_due_timers(services) == 0
    clock.advance(minutes=1)
    assert fire_due_timers(services) == 0  # due exactly now: it fires once the instant has passed
    clock.advance(seconds=1)
    assert fire_due_timers(services) == 1
    assert timers(services) == [("hen_gio", "fired", START + timedelta(days=1))]
    assert fired_events(services) == [(case["id"], "system", "hen_gio")]
    assert fire_due_timers(services) == 0


def test_a_clock_far_from_the_wall_clock_still_decides(database_url, services):
    deploy_reminder(services)
    future = FrozenClock(datetime(2040, 1, 1, tzinfo=timezone.utc))
    later = build_services(conftest.test_settings(database_url), clock=future)
    try:
        start_case(later, RECEPTION, "hen_gio", {})
        assert timers(later) == [("hen_gio", "pending", datetime(2040, 1, 2, tzinfo=timezone.utc))]
        assert fire_due_timers(later) == 0
        future.advance(days=1, seconds=1)
        assert fire_due_timers(later) == 1
    finally:
        later.close()


def test_a_boundary_timer_is_cancelled_when_its_task_is_done_first(services, clock):
    deploy_reminder(services)
    case = start_case(services, RECEPTION, "hen_gio", {})
    task = case["tasks"][0]
    complete_task(services, RECEPTION, task["id"], {})
    assert timers(services) == [("hen_gio", "cancelled", START + timedelta(days=1))]
    clock.advance(days=2)
    assert fire_due_timers(services) == 0
    assert fired_events(services) == []


def test_work_done_before_the_worker_came_round_drops_its_due_reminder(services, clock):
    deploy_reminder(services, timer='"PT1H"')
    case = start_case(services, RECEPTION, "hen_gio", {})
    clock.advance(hours=2)
    complete_task(services, RECEPTION, case["tasks"][0]["id"], {})
    assert [t[1] for t in timers(services)] == ["cancelled"]
    assert fired_events(services) == []


def test_cancelling_a_case_cancels_its_timers(services, clock):
    deploy_reminder(services)
    case = start_case(services, RECEPTION, "hen_gio", {})
    cancel_case(services, CHAIRMAN, case["id"], "nhập trùng")
    assert [t[1] for t in timers(services)] == ["cancelled"]


def test_two_workers_never_fire_the_same_timer_twice(services, database_url, clock):
    deploy_reminder(services)
    cases = [start_case(services, RECEPTION, "hen_gio", {})["id"] for _ in range(6)]
    clock.advance(days=2)
    workers = [build_services(conftest.test_settings(database_url), clock=clock) for _ in range(2)]
    barrier = threading.Barrier(2)
    counts, errors = [], []

    def work(worker_services):
        try:
            barrier.wait()
            fired = 0
            for _ in range(200):  # both race over the same rows until none is left
                fired += fire_due_timers(worker_services, limit=2)
                if all(status != "pending" for _, status, _ in timers(worker_services)):
                    break
            counts.append(fired)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker_services in workers:
        worker_services.close()
    assert errors == []
    assert sum(counts) == 6
    events = fired_events(services)
    assert sorted(e[0] for e in events) == sorted(cases)
    assert all(status == "fired" for _, status, _ in timers(services))


def test_a_worker_that_was_down_fires_everything_overdue_when_it_comes_back(services, clock):
    deploy_reminder(services, timer='"PT1H"')
    first = start_case(services, RECEPTION, "hen_gio", {})["id"]
    clock.advance(hours=5)
    second = start_case(services, RECEPTION, "hen_gio", {})["id"]
    clock.advance(days=3)  # nobody polled for three days
    stops = []
    run_worker(services, wait=lambda seconds: stops.append(seconds) or True)
    assert stops == [1.0]  # it worked through the backlog, then went idle
    assert sorted(e[0] for e in fired_events(services)) == sorted([first, second])


CYCLE = HEADER.format(pid="bao_cao_quy") + """
<bpmn:process id="bao_cao_quy" name="Báo cáo định kỳ" isExecutable="true">
  <bpmn:laneSet id="ls"><bpmn:lane id="l" name="van_phong">
    <bpmn:flowNodeRef>moi_quy</bpmn:flowNodeRef><bpmn:flowNodeRef>lap_bao_cao</bpmn:flowNodeRef>
  </bpmn:lane></bpmn:laneSet>
  <bpmn:startEvent id="moi_quy" name="Mỗi quý"><bpmn:timerEventDefinition>
    <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">"R3/2026-03-31T00:00:00+07:00/P3M"</bpmn:timeCycle>
  </bpmn:timerEventDefinition></bpmn:startEvent>
  """ + confirm_task("lap_bao_cao", "Lập báo cáo quý") + """
  <bpmn:endEvent id="xong"/>
  <bpmn:sequenceFlow id="f1" sourceRef="moi_quy" targetRef="lap_bao_cao"/>
  <bpmn:sequenceFlow id="f2" sourceRef="lap_bao_cao" targetRef="xong"/>
</bpmn:process></bpmn:definitions>"""


def test_a_cycle_timer_start_event_re_arms_after_each_firing(services, clock):
    deploy(services, CYCLE, "bao_cao_quy")
    case = start_case(services, OFFICE, "bao_cao_quy", {})
    assert case["tasks"] == []
    first_due = datetime(2026, 3, 30, 17, 0, tzinfo=timezone.utc)
    assert timers(services) == [("moi_quy", "pending", first_due)]
    reports = lambda: list_tasks(services, OFFICE, instance_id=case["id"])[1]  # noqa: E731
    clock.set(first_due + timedelta(seconds=1))
    assert fire_due_timers(services) == 1
    assert reports() == 1
    pending = [t for t in timers(services) if t[1] == "pending"]
    assert len(pending) == 1 and pending[0][2] > first_due + timedelta(days=80)
    clock.set(pending[0][2] + timedelta(seconds=1))
    assert fire_due_timers(services) == 1
    assert reports() == 2
    third = [t for t in timers(services) if t[1] == "pending"][0][2]
    clock.set(third + timedelta(seconds=1))
    assert fire_due_timers(services) == 1
    assert reports() == 3
    assert [e[2] for e in fired_events(services)] == ["moi_quy"] * 3


@pytest.mark.parametrize("cycle", ["R/PT0S", "R2000/PT0S"])
def test_a_cycle_without_pause_stored_by_an_earlier_release_stops_its_case_at_once(services, clock, monkeypatch,
                                                                                   cycle):
    """SpiffWorkflow fires a cycle without pause again and again within one refresh: every firing in one
    worker step (R20/PT0S: twenty branches at once), for ever with `R/`. Deploy and the run-time check refuse
    such cycles now; one armed before them (the run-time check switched off here) stops its case when the
    worker meets it, instead of running the step until the evaluation budget (twice: batch, then alone)."""
    props = f'<spiffworkflow:property name="param.chu_ky" value="{cycle}"/>'
    deploy_reminder(services, timer="chu_ky", tag="timeCycle", props=props)
    monkeypatch.setattr("engine.workflow.scripting.cycle_problems", lambda value: [])
    case = start_case(services, RECEPTION, "hen_gio", {})
    monkeypatch.undo()
    clock.advance(seconds=1)
    began = time.monotonic()
    assert fire_due_timers(services) == 0
    assert time.monotonic() - began < 2.0
    with services.uow(write=False) as uow:
        assert uow.session.get(Case, case["id"]).status == "error"
    clock.advance(seconds=1)
    assert fire_due_timers(services) == 0


def test_a_working_day_timer_skips_holidays(services, clock):
    # Wed 29/4/2026 + 2 working days: Thu 30/4 and Fri 1/5 are holidays, 2-3/5 weekend -> Mon 4/5 = 1,
    # Tue 5/5 = 2; overdue from 00:00 Wed 6/5 (UTC+7) = 17:00 UTC Tue 5/5.
    props = '<spiffworkflow:property name="param.ngay_bat_dau" value="2026-04-29"/>'
    deploy_reminder(services, timer="han_cuoi(ngay_bat_dau, 2, 'working')", tag="timeDate", props=props)
    start_case(services, RECEPTION, "hen_gio", {})
    due = datetime(2026, 5, 5, 17, 0, tzinfo=timezone.utc)
    assert timers(services) == [("hen_gio", "pending", due)]
    clock.set(due - timedelta(seconds=1))
    assert fire_due_timers(services) == 0
    clock.set(due + timedelta(seconds=1))
    assert fire_due_timers(services) == 1


def test_timer_rows_are_indexed_by_status_and_due_time(services):
    from engine.store.tables import Timer as TimerTable
    indexes = {tuple(c.name for c in index.columns) for index in TimerTable.__table__.indexes}
    assert ("status", "due_at") in indexes
    with services.uow(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(TimerTable)) == 0


def test_a_case_that_fails_when_its_timer_fires_does_not_hold_back_the_rest_of_its_batch(services, clock):
    # The timer leads to a script that divides by the start variable `chia`: 0 makes that case fail.
    props = '<spiffworkflow:property name="startForm" value="hen_gio-mo.schema.json"/>'
    xml = diagram(pid="hen_gio", timer='"P1D"', process_props=props).replace(
        '<bpmn:sequenceFlow id="f_timer" sourceRef="hen_gio" targetRef="ket_thuc_hen_gio"/>',
        '<bpmn:scriptTask id="chia_so" name="Chia"><bpmn:script>ket_qua = 1 / chia</bpmn:script></bpmn:scriptTask>'
        '<bpmn:sequenceFlow id="f_timer" sourceRef="hen_gio" targetRef="chia_so"/>'
        '<bpmn:sequenceFlow id="f_chia" sourceRef="chia_so" targetRef="ket_thuc_hen_gio"/>')
    package = ProcessPackage("hen_gio.bpmn", xml.encode("utf-8"),
                             {name: content.encode() for name, content in named_forms(xml).items()})
    package.files["hen_gio-mo.schema.json"] = (b'{"type": "object", "title": "Mo", "properties": '
                                               b'{"chia": {"type": "integer", "title": "Chia"}}}')
    deploy_process_version(services, SYSTEM, package)
    cases = [start_case(services, RECEPTION, "hen_gio", {"chia": n})["id"] for n in (1, 0, 1, 1)]
    clock.advance(days=2)
    assert fire_due_timers(services) == 3  # one batch, rolled back for the failing case, then case by case
    assert sorted(e[0] for e in fired_events(services)) == sorted(cases[:1] + cases[2:])
    with services.uow(write=False) as uow:
        statuses = {i.id: i.status for i in uow.session.scalars(select(Case))}
    assert statuses[cases[1]] == "error"
    assert [statuses[c] for c in cases if c != cases[1]] == ["running"] * 3


def test_a_case_whose_state_cannot_be_restored_is_marked_in_error_and_holds_back_no_other(services, clock):
    """Without this, a broken case with a due timer failed every batch it was in, at every poll."""
    deploy_reminder(services)
    broken = start_case(services, RECEPTION, "hen_gio", {})
    fine = start_case(services, RECEPTION, "hen_gio", {})
    with services.database.engine.begin() as conn:
        conn.execute(Case.__table__.update().where(Case.id == broken["id"]).values(state="{}"))
    clock.advance(days=1, seconds=1)
    assert fire_due_timers(services) == 1
    assert fired_events(services) == [(fine["id"], "system", "hen_gio")]
    with services.uow(write=False) as uow:
        assert uow.session.get(Case, broken["id"]).status == "error"
    assert fire_due_timers(services) == 0
    assert timers(services, broken["id"])[0][1] == "cancelled"
