"""Moving running cases to a new version of their process (`POST /api/v1/process-models/{id}/migrations`).

A law adds a step (`tham_dinh`) and lengthens the case deadline; a case waiting at the first step moves and
takes the new step; a case past the point where the step was added is refused (the path it walked no longer
exists) with the reason; a dry run reports and changes nothing; each move is audited; statutory dates are
kept unless the administrator asks to recompute them, and never shortened; a renamed step needs the
administrator's mapping; a waiting reminder keeps its due time. Only an administrator above the communes moves.
"""
import threading
from datetime import datetime, timezone

import pytest

from engine.core.principal import Principal
from engine.moves import move_cases, one_case
from tests.api.cases import Case
from tests.deploys import deploy
from tests.diagrams import moving_diagram
from tests.trust.helpers import sql, table_fingerprint

ROUTE = "/api/v1/process-models/chuyen/migrations"
ADMIN = "quan_tri.tinh"


def deploy_version(api, version: int = 1, **kwargs) -> None:
    response = deploy(api, moving_diagram(version, **kwargs), pid="chuyen")
    assert response.status_code == 201, response.get_json()


def received(api) -> Case:
    """A case waiting at its first step."""
    return Case(api, "chuyen", "tiep_cong_dan", {})


def at_processing(api) -> Case:
    """A case past its first step, waiting at `xu_ly` with its reminder armed."""
    case = received(api)
    case.do("tiep_nhan", "tiep_cong_dan", {})
    return case


def migrate(api, user=ADMIN, **body):
    response = api.as_(user).post(ROUTE, json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def by_id(report) -> dict:
    return {c["instance_id"]: c for c in report["cases"]}


def test_a_dry_run_says_what_would_move_and_why_not_and_changes_nothing(api, services):
    deploy_version(api)
    waiting, past = received(api), at_processing(api)
    deploy_version(api, 2)
    before = table_fingerprint(services)
    report = migrate(api, from_version=1)
    assert table_fingerprint(services) == before
    assert report["dry_run"] is True and report["to_version"] == 2
    assert report["summary"] == {"moved": 0, "movable": 1, "refused": 1, "failed": 0}
    cases = by_id(report)
    movable = cases[waiting.id]
    assert movable["outcome"] == "movable" and movable["from_version"] == 1
    assert [(t["element"], t["to_element"], t["state"]) for t in movable["tasks"]] == \
        [("tiep_nhan", "tiep_nhan", "READY")]
    refused = cases[past.id]
    assert refused["outcome"] == "refused"
    reasons = {(r["code"], r["element"]): r["message"] for r in refused["reasons"]}
    assert ("done_changed", "tiep_nhan") in reasons  # the step after it is new: the case walked past it
    assert "Tiếp nhận" in reasons["done_changed", "tiep_nhan"] and "(bước sau)" in reasons["done_changed", "tiep_nhan"]
    assert [r["detail"] for r in refused["reasons"] if r["element"] == "tiep_nhan"] == ["outputs"]


def test_a_moved_case_takes_the_new_step_and_the_move_is_audited(api, services):
    deploy_version(api)
    case = received(api)
    deploy_version(api, 2)
    report = migrate(api, instance_ids=[case.id], dry_run=False)
    assert report["summary"]["moved"] == 1, report
    detail = case.detail()
    assert detail["version"] == 2
    case.do("tiep_nhan", "tiep_cong_dan", {})
    assert case.open_task_names() == ["tham_dinh"]
    new_step = case.task("tham_dinh")
    assert new_step["role"] == "can_bo_xac_minh" and new_step["due_at"] is not None
    case.do("tham_dinh", "can_bo_xac_minh", {"ghi_chu": "Đủ điều kiện"})
    case.do("xu_ly", "chu_tich", {})
    assert case.detail()["status"] == "completed"
    events = api.as_(ADMIN).get("/api/v1/audit/events", query_string={"action": "moved"}).get_json()["items"]
    moved = [e for e in events if e["instance_id"] == case.id]
    assert len(moved) == 1 and moved[0]["actor"] == ADMIN
    assert moved[0]["data"]["from_version"] == 1 and moved[0]["data"]["to_version"] == 2
    assert moved[0]["data"]["mapping"] == {} and ["tiep_nhan", "tiep_nhan"] in moved[0]["data"]["tasks"]


def test_an_unsafe_case_is_refused_and_left_as_it_was(api, services):
    deploy_version(api)
    past = at_processing(api)
    deploy_version(api, 2)
    state = sql(services, "SELECT state, version, revision FROM instances WHERE id = :id", id=past.id).one()
    report = migrate(api, instance_ids=[past.id], dry_run=False)
    assert report["summary"]["refused"] == 1
    assert tuple(sql(services, "SELECT state, version, revision FROM instances WHERE id = :id", id=past.id).one()) \
        == tuple(state)
    past.do("xu_ly", "chu_tich", {})  # it goes on, on its own version
    assert past.detail()["status"] == "completed"


def test_the_statutory_date_is_kept_unless_recomputed_and_never_shortened(api, services):
    deploy_version(api)
    kept, longer = received(api), received(api)
    due = kept.detail()["due_at"]
    deploy_version(api, 2, case_days="45")
    report = migrate(api, instance_ids=[kept.id], dry_run=False)
    deadline = by_id(report)[kept.id]["deadline"]
    assert deadline["action"] == "kept" and at(deadline["due_at"]) == at(due) and at(deadline["new_due_at"]) > at(due)
    kept.do("tiep_nhan", "tiep_cong_dan", {})  # a later step computes the date with the rule it kept
    assert kept.detail()["due_at"] == due
    report = migrate(api, instance_ids=[longer.id], dry_run=False, recompute_deadlines=True)
    deadline = by_id(report)[longer.id]["deadline"]
    assert deadline["action"] == "recomputed" and at(deadline["new_due_at"]) > at(due)
    detail = longer.detail()
    assert at(detail["due_at"]) == at(deadline["new_due_at"])
    assert detail["deadline_history"][-1]["kind"] == "recomputed"
    assert detail["deadline_history"][-1]["actor"] == ADMIN


def test_a_recomputation_that_would_shorten_the_date_keeps_it(api, services):
    deploy_version(api)
    case = received(api)
    due = case.detail()["due_at"]
    deploy_version(api, 2, case_days="20")
    report = migrate(api, instance_ids=[case.id], dry_run=False, recompute_deadlines=True)
    deadline = by_id(report)[case.id]["deadline"]
    assert deadline["action"] == "kept_would_shorten" and at(deadline["new_due_at"]) < at(due)
    assert case.detail()["due_at"] == due


def test_a_renamed_open_step_needs_the_administrators_mapping(api, services):
    deploy_version(api)
    waiting = at_processing(api)
    deploy_version(api, 2)
    deploy_version(api, 3)
    report = migrate(api, instance_ids=[waiting.id], to_version=3)
    assert ("no_counterpart", "xu_ly") in {(r["code"], r["element"]) for r in by_id(report)[waiting.id]["reasons"]}
    # v1 → v3 also changed the path already walked (a step was inserted after tiep_nhan): refused all the same
    assert ("done_changed", "tiep_nhan") in {(r["code"], r["element"]) for r in by_id(report)[waiting.id]["reasons"]}
    same_path = received(api)
    report = migrate(api, instance_ids=[same_path.id], to_version=2, dry_run=False)
    assert report["summary"]["moved"] == 1
    same_path.do("tiep_nhan", "tiep_cong_dan", {})
    same_path.do("tham_dinh", "can_bo_xac_minh", {})
    report = migrate(api, instance_ids=[same_path.id], to_version=3)
    assert ("no_counterpart", "xu_ly") in {(r["code"], r["element"]) for r in by_id(report)[same_path.id]["reasons"]}
    report = migrate(api, instance_ids=[same_path.id], to_version=3, mapping={"xu_ly": "giai_quyet"}, dry_run=False)
    assert report["summary"]["moved"] == 1, report
    task = same_path.task("giai_quyet")
    assert task["title"] == "Xử lý" and task["role"] == "chu_tich"
    events = api.as_(ADMIN).get("/api/v1/audit/events", query_string={"action": "moved"}).get_json()["items"]
    last = [e for e in events if e["instance_id"] == same_path.id and e["data"]["to_version"] == 3]
    assert last[0]["data"]["mapping"] == {"xu_ly": "giai_quyet"} and last[0]["actor"] == ADMIN
    same_path.do("giai_quyet", "chu_tich", {})
    assert same_path.detail()["status"] == "completed"


def test_a_mapping_onto_another_kind_of_element_or_onto_a_step_taken_twice_is_refused(api, services):
    """SpiffWorkflow would move either: a waiting reminder turned into a user task, two steps made one."""
    deploy_version(api)
    waiting, received_case = at_processing(api), received(api)
    deploy_version(api, 2)
    deploy_version(api, 3)
    before = sql(services, "SELECT state, version, revision FROM instances WHERE id IN (:a, :b) ORDER BY id",
                 a=waiting.id, b=received_case.id).all()
    report = migrate(api, instance_ids=[waiting.id], to_version=3, dry_run=False,
                     mapping={"xu_ly": "giai_quyet", "nhac": "tham_dinh"})
    reasons = {(r["code"], r["element"]): r["message"] for r in by_id(report)[waiting.id]["reasons"]}
    assert "ứng với một loại phần tử khác" in reasons["kind_changed", "nhac"]
    report = migrate(api, instance_ids=[received_case.id], to_version=2, dry_run=False,
                     mapping={"nhac": "tiep_nhan"})
    case = by_id(report)[received_case.id]
    assert case["outcome"] == "refused", case
    twice = [r for r in case["reasons"] if r["code"] == "mapped_twice"]
    assert twice and twice[0]["element"] == "tiep_nhan" and twice[0]["detail"] == "nhac, tiep_nhan"
    assert sql(services, "SELECT state, version, revision FROM instances WHERE id IN (:a, :b) ORDER BY id",
               a=waiting.id, b=received_case.id).all() == before
    received_case.do("tiep_nhan", "tiep_cong_dan", {})
    assert received_case.open_task_names() == ["xu_ly"]


def test_a_move_takes_only_the_cases_of_the_communes_in_the_administrators_scope(api, services):
    deploy_version(api)
    here = received(api)
    there = Case(api, "chuyen", "tiep_cong_dan.b", {})
    deploy_version(api, 2)
    commune = sql(services, "SELECT commune_id FROM instances WHERE id = :id", id=here.id).scalar()
    province = sql(services, "SELECT parent_id FROM org_units WHERE id = :id", id=commune).scalar()
    one_commune = Principal("quan_tri.tinh", frozenset({"quan_tri"}), unit_id=province,
                            communes=frozenset({commune}))
    report = move_cases(services, one_commune, "chuyen", from_version=1, dry_run=False)
    assert [c["instance_id"] for c in report["cases"]] == [here.id] and report["summary"]["moved"] == 1
    report = move_cases(services, one_commune, "chuyen", instance_ids=[there.id], dry_run=False)
    assert by_id(report)[there.id]["reasons"][0]["code"] == "not_found"
    assert there.detail(ADMIN)["version"] == 1 and here.detail(ADMIN)["version"] == 2


def test_a_waiting_reminder_keeps_its_due_time(api, services, clock):
    deploy_version(api)
    case = received(api)
    deploy_version(api, 2)
    migrate(api, instance_ids=[case.id], dry_run=False)
    case.do("tiep_nhan", "tiep_cong_dan", {})
    case.do("tham_dinh", "can_bo_xac_minh", {})
    due = sql(services, "SELECT due_at FROM timers WHERE instance_id = :id AND status = 'pending'", id=case.id).one()
    deploy_version(api, 3, case_days="30")  # renames xu_ly; its reminder is unchanged
    clock.set(datetime(2026, 3, 3, 1, 0, tzinfo=timezone.utc))
    report = migrate(api, instance_ids=[case.id], mapping={"xu_ly": "giai_quyet"}, dry_run=False)
    assert [t["action"] for t in by_id(report)[case.id]["timers"]] == ["kept"]
    assert sql(services, "SELECT due_at FROM timers WHERE instance_id = :id AND status = 'pending'",
               id=case.id).one() == due


def test_only_an_administrator_above_the_communes_moves_cases(api, services):
    deploy_version(api)
    case = received(api)
    deploy_version(api, 2)
    for user in ("quan_tri", "chu_tich", "kiem_tra"):
        response = api.as_(user).post(ROUTE, json={"dry_run": False})
        assert response.status_code == 403, (user, response.get_json())
    assert case.detail()["version"] == 1
    report = migrate(api, instance_ids=["khong-co", case.id])
    assert by_id(report)["khong-co"]["reasons"][0]["code"] == "not_found"
    assert "kiểm tra mã số hoặc số hồ sơ" in by_id(report)["khong-co"]["reasons"][0]["message"]  # what to do


def test_a_bad_request_names_the_field(api):
    deploy_version(api)
    response = api.as_(ADMIN).post(ROUTE, json={"mapping": {"xu_ly": "khong_co_buoc_nay"}})
    assert response.status_code == 422
    details = response.get_json()["error"]["details"]
    assert details["steps"] == "khong_co_buoc_nay" and "Hãy ghi đúng mã (id)" in details["mapping"]
    response = api.as_(ADMIN).post(ROUTE, json={"to_version": 99})
    assert response.status_code == 404
    response = api.as_(ADMIN).post(ROUTE, json={"dry_run": "maybe", "surprise": 1})
    assert response.status_code == 422


def test_a_case_failing_half_way_is_reported_failed_and_left_whole_while_the_others_move(api, services, monkeypatch):
    """All or nothing per case: the move of `broken` fails after its state, tasks and timers were written
    (at its audit event, the last write), so its transaction rolls back; `fine` moves all the same."""
    deploy_version(api)
    broken, fine = received(api), received(api)
    deploy_version(api, 2)
    rows = "SELECT i.state, i.version, i.revision, t.name, t.status FROM instances i JOIN tasks t " \
           "ON t.instance_id = i.id WHERE i.id = :id ORDER BY t.id"
    before = sql(services, rows, id=broken.id).all()
    timers = sql(services, "SELECT id, status, due_at FROM timers WHERE instance_id = :id ORDER BY id", id=broken.id).all()
    real = one_case.record_event

    def failing(session, **kwargs):
        if kwargs["case"].id == broken.id:
            raise RuntimeError("disk full")
        return real(session, **kwargs)

    monkeypatch.setattr(one_case, "record_event", failing)
    report = migrate(api, from_version=1, dry_run=False)
    assert report["summary"] == {"moved": 1, "movable": 0, "refused": 0, "failed": 1}
    failed = by_id(report)[broken.id]
    assert failed["outcome"] == "failed" and failed["reasons"][0]["code"] == "fault"
    assert "disk full" not in str(failed)  # nothing of the failure's inside reaches the administrator
    assert sql(services, rows, id=broken.id).all() == before
    assert sql(services, "SELECT id, status, due_at FROM timers WHERE instance_id = :id ORDER BY id",
               id=broken.id).all() == timers
    assert by_id(report)[fine.id]["outcome"] == "moved" and fine.detail()["version"] == 2
    broken.do("tiep_nhan", "tiep_cong_dan", {})  # it goes on, whole, on its own version
    assert broken.open_task_names() == ["xu_ly"]


def test_a_move_waits_for_the_case_row_another_transaction_holds(api, services):
    """Under the case's row lock (PostgreSQL): a move started while another transaction holds the row (a step
    being completed) waits for it, then moves the case as that transaction left it."""
    if services.database.is_sqlite:
        pytest.skip("SQLite's one writer holds the whole database")
    deploy_version(api)
    case = received(api)
    deploy_version(api, 2)
    done: list[dict] = []
    with services.database.engine.connect() as holder:
        holder.exec_driver_sql("SELECT id FROM instances WHERE id = %(id)s FOR UPDATE", {"id": case.id})
        mover = threading.Thread(target=lambda: done.append(migrate(api, instance_ids=[case.id], dry_run=False)))
        mover.start()
        mover.join(timeout=1.5)
        assert mover.is_alive() and not done  # waiting for the row
        holder.rollback()
    mover.join(timeout=30)
    assert by_id(done[0])[case.id]["outcome"] == "moved"
