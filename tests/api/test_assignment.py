"""Assigning the next step to a person (`"x-assigns"` on an account field): the step is theirs and they are told."""
from engine.people.users import DEMO_PASSWORD, create_user
from tests.deploys import ASSIGNMENT as PID
from tests.deploys import deploy_assignment
from tests.samples import ACCEPT, PROPOSAL, Complaint

def _account(api, username):
    return next(a["id"] for a in api.as_("chu_tich").get("/api/v1/accounts").get_json()["items"]
                if a["username"] == username)


def _assign(api, account):
    case = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": PID, "data": {}}).get_json()
    task = case["tasks"][0]
    return case, api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/complete",
                                          json={"data": {"can_bo_xu_ly": account}})


def test_the_verifier_named_gets_the_next_step_claimed_and_a_notification(api, services):
    deploy_assignment(api)
    create_user(services, username="xac_minh_2", password=DEMO_PASSWORD, full_name="Đỗ Văn Hai",
                roles=["can_bo_xac_minh"], unit_code="nghia_ky", allow_demo_password=True)
    case, response = _assign(api, _account(api, "xac_minh_2"))
    assert response.status_code == 200, response.get_json()
    detail = api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()
    step = next(t for t in detail["tasks"] if t["name"] == "xac_minh")
    assert (step["status"], step["assignee"]) == ("claimed", "xac_minh_2")
    mine = api.as_("xac_minh_2").get("/api/v1/tasks?scope=mine").get_json()["items"]
    assert [t["id"] for t in mine] == [step["id"]]
    assert api.as_("can_bo_xac_minh").get("/api/v1/tasks?scope=claimable").get_json()["total"] == 0
    told = api.as_("xac_minh_2").get("/api/v1/notifications").get_json()["items"]
    assert told and told[0]["title"] == "Bạn được giao: Xác minh"


def test_naming_someone_without_the_next_steps_role_is_refused_with_the_field(api):
    deploy_assignment(api)
    case, response = _assign(api, _account(api, "tiep_cong_dan"))
    error = response.get_json()["error"]
    assert response.status_code == 422 and "can_bo_xu_ly" in error["details"]
    detail = api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()
    assert [t["status"] for t in detail["tasks"]] == ["ready"]  # nothing moved


def test_a_form_assigning_a_step_the_diagram_lacks_is_refused_at_deploy(api):
    import json

    from tests.deploys import ASSIGN_FORM, REPORT_FORM, assignment_diagram, deploy_multipart
    wrong = {**ASSIGN_FORM, "properties": {"can_bo_xu_ly": {**ASSIGN_FORM["properties"]["can_bo_xu_ly"],
                                                            "x-assigns": "khong_co_buoc_nay"}}}
    response = deploy_multipart(api, assignment_diagram(), {f"{PID}-phan_cong.schema.json": json.dumps(wrong),
                                                            f"{PID}-xac_minh.schema.json": json.dumps(REPORT_FORM)},
                                pid=PID)
    assert response.status_code == 422
    assert any("x-assigns" in p["message"] for p in response.get_json()["error"]["details"]["problems"])


def test_the_chairman_accepting_a_complaint_assigns_its_verification_to_a_verifier(api, services):
    """The library's complaint: the acceptance names the verifier from the accounts of the verifiers' role,
    and the verification step is theirs; left empty, any verifier may take it."""
    create_user(services, username="xac_minh_3", password=DEMO_PASSWORD, full_name="Phan Văn Ba",
                roles=["can_bo_xac_minh"], unit_code="nghia_ky", allow_demo_password=True)
    named = Complaint(api)
    named.accept(tai_khoan_can_bo_xac_minh=_account(api, "xac_minh_3"))
    named.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})  # not clear yet: verification
    step = next(t for t in named.detail()["tasks"] if t["name"] == "xac_minh")
    assert (step["status"], step["assignee"]) == ("claimed", "xac_minh_3")
    told = api.as_("xac_minh_3").get("/api/v1/notifications").get_json()["items"]
    assert told and told[0]["title"].startswith("Bạn được giao")
    refused = Complaint(api)
    refused.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    assert refused.refuse("quyet_dinh_thu_ly", "chu_tich", {
        **ACCEPT,
        "tai_khoan_can_bo_xac_minh": _account(api, "tiep_cong_dan")})["status"] == 422
    for past_any_id in (2**31, 2**63 - 1):  # past users.id's INTEGER: had been PostgreSQL's 500
        answer = refused.refuse("quyet_dinh_thu_ly", "chu_tich", {**ACCEPT, "tai_khoan_can_bo_xac_minh": past_any_id})
        assert answer["status"] == 422 and set(answer["details"]) == {"tai_khoan_can_bo_xac_minh"}, answer
    unnamed = Complaint(api)
    unnamed.accept()
    unnamed.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    step = next(t for t in unnamed.detail()["tasks"] if t["name"] == "xac_minh")
    assert (step["status"], step["assignee"]) == ("ready", None)
