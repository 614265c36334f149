"""A diagram opening a linked case through the `danchu.start_case` service task."""
from tests.deploys import deploy, problems
from tests.diagrams import diagram, service_diagram


def test_service_task_opens_a_linked_case_in_the_same_commune(api):
    assert deploy(api, diagram()).status_code == 201
    assert deploy(api, service_diagram(), pid="thu_nghiem_cha").status_code == 201
    parent = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem_cha"})
    assert parent.status_code == 201, parent.get_json()
    body = parent.get_json()
    child_ref = body["data"]["ho_so_moi"]
    assert child_ref["business_key"].startswith("TN-2026-")
    assert body["links"] == [{"relation": "thu_tu_don", "direction": "outgoing", "instance_id": child_ref["id"],
                              "business_key": child_ref["business_key"], "process_model": "thu_nghiem",
                              "status": "running"}]
    child = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{child_ref['id']}").get_json()
    assert child["links"][0]["direction"] == "incoming" and child["links"][0]["instance_id"] == body["id"]
    assert [t["name"] for t in child["tasks"]] == ["buoc_mot"]
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{child_ref['id']}/history").get_json()["items"]
    assert history[0]["data"]["parent"] == body["business_key"]


def test_a_failing_child_rolls_back_the_parent_too(api):
    assert deploy(api, service_diagram(target="'khong_ton_tai'"), pid="thu_nghiem_cha").status_code == 201
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem_cha"})
    assert response.status_code == 409
    assert api.as_("tiep_cong_dan").get("/api/v1/instances").get_json()["total"] == 0


def test_unknown_service_operator_is_refused_at_deploy(api):
    found = problems(deploy(api, service_diagram(operator="os.system"), pid="thu_nghiem_cha"))
    assert any(p["element"] == "mo_ho_so" for p in found)
