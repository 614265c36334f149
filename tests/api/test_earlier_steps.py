"""`GET /api/v1/tasks/{id}/earlier-steps`: what the case's earlier steps recorded, for whoever decides next."""
from tests.samples import ACCEPT, PROPOSAL, Complaint


def test_the_acceptance_task_carries_the_intake_and_the_proposal_in_order_with_labels(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.task("quyet_dinh_thu_ly")
    body = api.as_("chu_tich").get(f"/api/v1/tasks/{task['id']}/earlier-steps").get_json()
    assert [s["kind"] for s in body["items"]] == ["started", "completed"] and body["total"] == 2
    intake, proposal = body["items"]
    assert proposal["title"] == "Kiểm tra điều kiện và đề xuất thụ lý" and proposal["actor"] == "tiep_cong_dan"
    fields = {f["name"]: f for f in proposal["fields"]}
    assert fields["de_xuat"] == {"name": "de_xuat", "title": "Đề xuất", "value": "thu_ly",
                                 "label": "Thụ lý giải quyết", "confidential": False}
    secret = next(f for f in intake["fields"] if f["name"] == "so_giay_to_tuy_than")
    assert secret["value"] == "051080001234" and secret["confidential"]  # the Chairman reads it


def test_a_completed_task_shows_only_what_came_before_it_and_never_itself(api):
    case = Complaint(api)
    proposal = case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    items = api.as_("tiep_cong_dan").get(f"/api/v1/tasks/{proposal['id']}/earlier-steps").get_json()["items"]
    assert [s["kind"] for s in items] == ["started"]


def test_the_verifier_reads_earlier_steps_redacted_and_another_commune_not_at_all(api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.task("quyet_dinh_thu_ly")
    assert api.as_("chu_tich.b").get(f"/api/v1/tasks/{task['id']}/earlier-steps").status_code == 404
    response = api.as_("can_bo_xac_minh").get(f"/api/v1/tasks/{task['id']}/earlier-steps")
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "not_your_task"
    items = api.as_("kiem_tra").get(f"/api/v1/tasks/{task['id']}/earlier-steps").get_json()["items"]
    assert next(f for f in items[0]["fields"] if f["name"] == "dia_chi")["value"] == "[bảo mật]"
