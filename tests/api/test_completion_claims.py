"""Fewer HTTP calls per step: completing a ready task of one's role claims it in the same transaction, and the
answer names the user's next task (`next_task`, `engine.cases.inbox.next_task_for`, where the web pages go)."""
from tests.samples import ACCEPT, PROPOSAL, Complaint


def history(api, case) -> list[dict]:
    return api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]


def test_completing_a_ready_task_claims_it_in_the_same_step_and_the_audit_log_says_so(api, clock):
    case = Complaint(api)
    task = case.open_tasks()[0]
    clock.advance(hours=1)
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL})
    assert response.status_code == 200, response.get_json()
    done = response.get_json()
    assert (done["status"], done["assignee"], done["completed_by"]) == ("completed", "tiep_cong_dan", "tiep_cong_dan")
    assert done["claimed_at"] == done["completed_at"] and done["claimed_at"].startswith("2026-03-02T02:00")
    events = [(e["action"], e["task_id"], e["actor"], e["data"]) for e in history(api, case)]
    assert events[1:] == [("claimed", task["id"], "tiep_cong_dan", {"with_completion": True}),
                          ("completed", task["id"], "tiep_cong_dan", events[2][3])]
    row = next(t for t in case.detail()["tasks"] if t["id"] == task["id"])
    assert (row["status"], row["assignee"], row["claimed_at"]) == ("completed", "tiep_cong_dan", done["claimed_at"])


def test_an_explicit_claim_stays_and_its_completion_claims_nothing_more(api):
    case = Complaint(api)
    task = case.open_tasks()[0]
    reception = api.as_("tiep_cong_dan")
    claimed = reception.post(f"/api/v1/tasks/{task['id']}/claim").get_json()
    done = reception.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL}).get_json()
    assert done["claimed_at"] == claimed["claimed_at"]
    assert [e["action"] for e in history(api, case)] == ["started", "claimed", "completed"]
    assert history(api, case)[1]["data"] == {}


def test_a_task_someone_else_holds_is_a_conflict_and_stays_theirs(api, services):
    case = Complaint(api)
    task = case.open_tasks()[0]
    api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/claim")  # not their role: refused, nothing held
    assert api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/complete",
                                    json={"data": PROPOSAL}).status_code == 403
    with services.uow() as uow:  # a colleague of the same role holds it (as a claim from another account does)
        from sqlalchemy import update

        from engine.store.tables import Task
        uow.session.execute(update(Task).where(Task.id == task["id"]).values(status="claimed", assignee="dong_nghiep"))
        uow.commit()
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "task_not_open"
    assert [(t["status"], t["assignee"]) for t in case.open_tasks()] == [("claimed", "dong_nghiep")]
    assert [e["action"] for e in history(api, case)] == ["started"]


def test_the_answer_names_the_next_task_as_the_web_pages_do(api):
    """The officer's next task: one of the same case they hold or may take, else the one they hold that is
    due first; none: their inbox (null)."""
    first, other = Complaint(api), Complaint(api)
    reception = api.as_("tiep_cong_dan")
    held = other.open_tasks()[0]
    reception.post(f"/api/v1/tasks/{held['id']}/claim")
    done = reception.post(f"/api/v1/tasks/{first.open_tasks()[0]['id']}/complete", json={"data": PROPOSAL})
    following = done.get_json()["next_task"]
    assert (following["id"], following["business_key"]) == (held["id"], other.body["business_key"])
    decision = first.open_tasks()[0]
    answer = api.as_("chu_tich").post(f"/api/v1/tasks/{decision['id']}/complete", json={"data": ACCEPT}).get_json()
    assert answer["status"] == "completed" and answer["next_task"] is None  # the notice is reception's


def test_the_next_task_is_this_case_s_first_then_the_one_held_elsewhere(api, services):
    """The order of the three lookups (one statement, `next_task_for`): this case's task I hold, else this
    case's task my roles may claim, else the task I hold that is due first elsewhere."""
    from engine.cases.inbox import next_task_for
    from engine.people.users import principal_from_token

    reception = api.as_("tiep_cong_dan")
    officer = principal_from_token(services, reception.headers["Authorization"].split()[1])
    elsewhere = Complaint(api)
    held = elsewhere.open_tasks()[0]
    reception.post(f"/api/v1/tasks/{held['id']}/claim")
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    assert next_task_for(services, officer, case.id)["id"] == held["id"]  # nothing of this case for me
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    notice = case.task("thong_bao_thu_ly")
    assert next_task_for(services, officer, case.id)["id"] == notice["id"]  # claimable here beats held elsewhere
    reception.post(f"/api/v1/tasks/{notice['id']}/claim")
    found = next_task_for(services, officer, case.id)
    assert (found["id"], found["business_key"], found["status"]) == (notice["id"], case.body["business_key"], "claimed")
