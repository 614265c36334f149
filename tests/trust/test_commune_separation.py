"""Communes are kept apart: a case of another commune does not exist for you, on every route.

Xã Nghĩa Kỳ's users (`chu_tich`, `tiep_cong_dan`, ...) and Xã Tịnh Phong's (`chu_tich.b`,
`tiep_cong_dan.b`) each open a complaint; the provincial auditor `kiem_tra.tinh` sees both.
"""
import pytest

from tests.samples import INTAKE, PROPOSAL

NOT_FOUND = {"instance_not_found", "task_not_found"}


def open_case(api, user):
    response = api.as_(user).post("/api/v1/instances", json={"process_model": "khieu_nai", "data": INTAKE})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def cases(api):
    return {"a": open_case(api, "tiep_cong_dan"), "b": open_case(api, "tiep_cong_dan.b")}


def assert_absent(response):
    assert response.status_code == 404, response.get_json()
    assert response.get_json()["error"]["code"] in NOT_FOUND


def test_each_commune_lists_and_counts_only_its_own_cases(api, cases):
    for user, own in (("chu_tich", "a"), ("chu_tich.b", "b")):
        listed = api.as_(user).get("/api/v1/instances").get_json()
        assert [c["id"] for c in listed["items"]] == [cases[own]["id"]] and listed["total"] == 1
        models = api.as_(user).get("/api/v1/process-models").get_json()["items"]
        assert next(m for m in models if m["id"] == "khieu_nai")["instance_count"] == 1
        assert api.as_(user).get("/api/v1/process-models/khieu_nai").get_json()["instance_count"] == 1


def test_filtering_by_another_communes_business_key_finds_nothing(api, cases):
    key = cases["b"]["business_key"]
    assert api.as_("chu_tich").get(f"/api/v1/instances?business_key={key}").get_json()["total"] == 0
    assert api.as_("chu_tich.b").get(f"/api/v1/instances?business_key={key}").get_json()["total"] == 1


@pytest.mark.parametrize("method, suffix, body", [
    ("get", "", None),
    ("get", "/history", None),
    ("post", "/cancel", {"reason": "thử"}),
    ("post", "/messages", {"name": "rut_khieu_nai", "data": {"ngay_rut": "2026-03-10"}}),
])
def test_guessing_a_case_id_of_another_commune_answers_as_if_it_did_not_exist(api, cases, method, suffix, body):
    other = cases["b"]["id"]
    client = api.as_("chu_tich")
    response = client.get(f"/api/v1/instances/{other}{suffix}") if method == "get" else \
        client.post(f"/api/v1/instances/{other}{suffix}", json=body)
    assert_absent(response)
    unknown = client.get(f"/api/v1/instances/00000000-0000-0000-0000-000000000000{suffix}") if method == "get" else \
        client.post(f"/api/v1/instances/00000000-0000-0000-0000-000000000000{suffix}", json=body)
    assert response.get_json() == unknown.get_json()
    assert api.as_("chu_tich.b").get(f"/api/v1/instances/{other}").get_json()["status"] == "running"


@pytest.mark.parametrize("method, suffix", [("get", ""), ("post", "/claim"), ("post", "/unclaim"),
                                            ("post", "/complete")])
def test_guessing_a_task_id_of_another_commune_answers_as_if_it_did_not_exist(api, cases, method, suffix):
    task = cases["b"]["tasks"][0]["id"]
    client = api.as_("tiep_cong_dan")
    response = client.get(f"/api/v1/tasks/{task}") if method == "get" else \
        client.post(f"/api/v1/tasks/{task}{suffix}", json={"data": PROPOSAL} if suffix == "/complete" else None)
    assert_absent(response)
    own = api.as_("tiep_cong_dan.b").get(f"/api/v1/tasks/{task}").get_json()
    assert own["status"] == "ready"


def test_inboxes_show_only_the_communes_own_tasks(api, cases):
    for scope in ("visible", "claimable"):
        items = api.as_("tiep_cong_dan").get(f"/api/v1/tasks?scope={scope}").get_json()["items"]
        assert {t["instance_id"] for t in items} == {cases["a"]["id"]}
    other = api.as_("tiep_cong_dan").get(f"/api/v1/tasks?instance_id={cases['b']['id']}").get_json()
    assert other["total"] == 0


def test_provincial_auditor_sees_the_cases_of_every_commune_of_its_province(api, cases):
    auditor = api.as_("kiem_tra.tinh")
    listed = auditor.get("/api/v1/instances").get_json()
    assert {c["id"] for c in listed["items"]} == {cases["a"]["id"], cases["b"]["id"]}
    for case in cases.values():
        assert auditor.get(f"/api/v1/instances/{case['id']}").status_code == 200
        assert auditor.get(f"/api/v1/instances/{case['id']}/history").status_code == 200
    tasks = auditor.get("/api/v1/tasks?scope=visible").get_json()
    assert tasks["total"] == 2


def test_a_provincial_user_cannot_open_a_commune_case(api):
    response = api.as_("quan_tri.tinh").post("/api/v1/instances", json={"process_model": "khieu_nai",
                                                                        "data": INTAKE})
    assert response.status_code == 403


def test_the_audit_log_of_another_commune_is_out_of_reach(api, cases):
    other = cases["b"]["id"]
    for path in (f"/api/v1/audit/events?instance_id={other}",
                 f"/api/v1/audit/events?business_key={cases['b']['business_key']}"):
        assert api.as_("kiem_tra").get(path).get_json()["total"] == 0
        assert api.as_("kiem_tra.tinh").get(path).get_json()["total"] >= 1
    export = api.as_("kiem_tra").get("/api/v1/audit/events/export?format=csv").get_data(as_text=True)
    assert cases["a"]["id"] in export and other not in export
