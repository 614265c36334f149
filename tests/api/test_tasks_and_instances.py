"""The inbox and the case list: scopes, filters, claiming, concurrency, audit events."""
import threading

from tests.samples import INTAKE, PROPOSAL, Complaint


def first_task(case):
    return case.open_tasks()[0]


def test_inbox_scopes_follow_roles_and_claims(api):
    case = Complaint(api)
    task = first_task(case)
    reception = api.as_("tiep_cong_dan")
    assert [t["id"] for t in reception.get("/api/v1/tasks?scope=claimable").get_json()["items"]] == [task["id"]]
    assert reception.get("/api/v1/tasks?scope=mine").get_json()["total"] == 0
    assert api.as_("chu_tich").get("/api/v1/tasks?scope=visible").get_json()["total"] == 0
    reception.post(f"/api/v1/tasks/{task['id']}/claim")
    mine = reception.get("/api/v1/tasks?scope=mine").get_json()
    assert mine["total"] == 1
    item = mine["items"][0]
    assert (item["assignee"], item["status"], item["business_key"]) == ("tiep_cong_dan", "claimed", "KN-2026-000001")
    assert set(item) >= {"id", "instance_id", "process_model", "name", "title", "role", "assignee", "status", "due_at"}
    assert reception.get("/api/v1/tasks?scope=claimable").get_json()["total"] == 0


def test_task_detail_has_form_and_rendered_instructions(api):
    case = Complaint(api)
    detail = api.as_("tiep_cong_dan").get(f"/api/v1/tasks/{first_task(case)['id']}").get_json()
    assert detail["form"]["type"] == "object"
    assert "de_xuat" in detail["form"]["properties"]
    assert detail["instructions"] and "{{" not in detail["instructions"]
    assert api.as_("dia_chinh").get(f"/api/v1/tasks/{first_task(case)['id']}").status_code == 403


def test_claim_unclaim_and_claimed_task_is_closed_to_colleagues(api, services):
    from engine.people.users import create_user
    case = Complaint(api)
    task = first_task(case)
    reception = api.as_("tiep_cong_dan")
    assert reception.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    assert reception.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 409
    try:
        create_user(services, username="tiep_cong_dan_2", password="mat-khau-dai-2", full_name="Cán bộ hai",
                    roles=["tiep_cong_dan"], unit_code="nghia_ky")
    except Exception:  # noqa: BLE001 - created by an earlier test of this session
        pass
    token = api._client.post("/api/v1/auth/token", json={"username": "tiep_cong_dan_2",
                                                         "password": "mat-khau-dai-2"}).get_json()["access_token"]
    colleague = {"Authorization": f"Bearer {token}"}
    response = api._client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL}, headers=colleague)
    assert response.status_code == 409
    assert api._client.post(f"/api/v1/tasks/{task['id']}/unclaim", headers=colleague).status_code == 409
    assert reception.post(f"/api/v1/tasks/{task['id']}/unclaim").get_json()["status"] == "ready"
    assert api._client.post(f"/api/v1/tasks/{task['id']}/claim", headers=colleague).status_code == 200


def test_completing_twice_is_a_conflict_and_changes_nothing(api):
    case = Complaint(api)
    task = first_task(case)
    reception = api.as_("tiep_cong_dan")
    assert reception.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL}).status_code == 200
    before = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["total"]
    response = reception.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL})
    assert response.status_code == 409
    assert api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["total"] == before


def test_unknown_form_fields_are_refused_and_change_nothing(api):
    case = Complaint(api)
    task = first_task(case)
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete",
                                             json={"data": {**PROPOSAL, "thoi_han_thu_ly": 999}})
    assert response.status_code == 422
    assert response.get_json()["error"]["details"] == {"thoi_han_thu_ly": "Trường không có trong biểu mẫu."}
    assert case.open_task_names() == ["de_xuat_thu_ly"]


def test_oversized_form_value_is_refused(api):
    case = Complaint(api)
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{first_task(case)['id']}/complete",
                                             json={"data": {**PROPOSAL, "ghi_chu": "x" * 50_000}})
    assert response.status_code == 422
    assert "ghi_chu" in response.get_json()["error"]["details"]


def at_once(app, requests):
    """Each request (a function of a test client) from a thread of its own, all released together: the
    responses, in the order of `requests`."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def send(index, request):
        client = app.test_client()
        barrier.wait()
        responses[index] = request(client)

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(requests)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return responses


def test_two_officers_claiming_at_once_exactly_one_wins(app, api):
    case = Complaint(api)
    task = first_task(case)
    tokens = [api.token("tiep_cong_dan"), api.token("tiep_cong_dan")]

    def claim(token):
        return lambda client: client.post(f"/api/v1/tasks/{task['id']}/claim",
                                          headers={"Authorization": f"Bearer {token}"})

    results = [r.status_code for r in at_once(app, [claim(t) for t in tokens])]
    assert sorted(results) == [200, 409]


def test_two_completions_at_once_exactly_one_wins(app, api):
    case = Complaint(api)
    task = first_task(case)
    token = api.token("tiep_cong_dan")

    def complete(client):
        return client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL},
                           headers={"Authorization": f"Bearer {token}"})

    results = [r.status_code for r in at_once(app, [complete, complete])]
    assert sorted(results) == [200, 409]
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert [e["action"] for e in history].count("completed") == 1
    assert case.open_task_names() == ["quyet_dinh_thu_ly"]


def test_cases_opened_at_once_get_distinct_numbers_in_order_even_the_first_of_a_year(app, api, clock):
    # every test starts on an empty database: the year's counter row does not exist yet, and all four
    # commands race to create it
    token = api.token("tiep_cong_dan")

    def start(client):
        return client.post("/api/v1/instances", json={"process_model": "khieu_nai", "data": INTAKE},
                           headers={"Authorization": f"Bearer {token}"})

    keys = [(r.status_code, r.get_json().get("business_key")) for r in at_once(app, [start] * 4)]
    year = clock.now().year
    assert sorted(keys) == [(201, f"KN-{year}-{n:06d}") for n in range(1, 5)]


def test_instance_list_filters(api, clock):
    first = Complaint(api)
    clock.advance(days=1)
    second = Complaint(api)
    chairman = api.as_("chu_tich")
    assert chairman.get("/api/v1/instances").get_json()["total"] == 2
    listed = chairman.get("/api/v1/instances").get_json()["items"]
    assert [i["id"] for i in listed] == [second.id, first.id]
    assert set(listed[0]) >= {"id", "business_key", "process_model", "version", "status", "created_at", "ended_at"}
    by_key = chairman.get(f"/api/v1/instances?business_key={first.body['business_key']}").get_json()
    assert [i["id"] for i in by_key["items"]] == [first.id]
    later = chairman.get("/api/v1/instances?created_from=2026-03-02T12:00:00Z").get_json()
    assert [i["id"] for i in later["items"]] == [second.id]
    assert chairman.get("/api/v1/instances?status=completed").get_json()["total"] == 0
    assert chairman.get("/api/v1/instances?process_model=khieu_nai&limit=1").get_json()["total"] == 2
    assert len(chairman.get("/api/v1/instances?limit=1").get_json()["items"]) == 1


def test_every_change_is_audited_with_who_when_and_data(api, clock):
    case = Complaint(api)
    task = first_task(case)
    api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/claim")
    api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/unclaim")
    clock.advance(hours=2)
    api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": PROPOSAL})
    history = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert [e["action"] for e in history] == ["started", "claimed", "unclaimed", "claimed", "completed"]  # the
    # completion claims the task released
    started, *_, completed = history
    assert started["actor"] == "tiep_cong_dan" and started["data"]["ngay_nhan_don"] == INTAKE["ngay_nhan_don"]
    assert completed["data"] == {**PROPOSAL, "tro_ngai_tu_ngay": "", "tro_ngai_den_ngay": ""}  # with the defaults
    assert completed["task_title"] == "Kiểm tra điều kiện và đề xuất thụ lý"
    assert completed["version"] == 1
    assert completed["occurred_at"].startswith("2026-03-02T03:00")


def test_unknown_ids_are_404(api):
    chairman = api.as_("chu_tich")
    assert chairman.get("/api/v1/instances/khong-co").status_code == 404
    assert chairman.get("/api/v1/tasks/khong-co").status_code == 404
    assert chairman.post("/api/v1/tasks/khong-co/claim").status_code == 404
    assert chairman.post("/api/v1/tasks/khong-co/complete", json={"data": {}}).status_code == 404
    assert chairman.post("/api/v1/instances/khong-co/cancel", json={}).status_code == 404


def test_a_long_inbox_is_counted_up_to_a_limit_and_says_so(api, monkeypatch):
    import engine.cases.task_lists
    monkeypatch.setattr(engine.cases.task_lists, "COUNT_LIMIT", 3)  # the real limit is 1,000 tasks
    for _ in range(5):
        Complaint(api)
    reception = api.as_("tiep_cong_dan")

    def page(query):
        body = reception.get(f"/api/v1/tasks?scope=claimable&{query}").get_json()
        return len(body["items"]), body["total"], body["total_exact"]

    assert page("limit=50") == (5, 5, True)  # the whole inbox on one page is counted exactly
    assert page("limit=2") == (2, 3, False)  # "at least 3"
    assert page("limit=2&offset=2") == (2, 4, False)  # always more than the pages read so far
    assert page("limit=2&offset=4") == (1, 5, True)  # the last page knows the end

