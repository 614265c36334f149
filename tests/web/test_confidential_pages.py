"""Confidential fields on the web pages: the case page and the auditor's view show `[bảo mật]` to those
who may not read them, the handling officer and the Chairman see them; task drafts keep them sealed."""
import json

from tests.deploys import deploy_multipart
from tests.samples import INTAKE, Complaint

SECRET_ID = INTAKE["so_giay_to_tuy_than"]


def test_auditor_sees_confidential_fields_redacted_on_the_case_and_audit_pages(api, web):
    case = Complaint(api)
    auditor = web("kiem_tra")
    for page in (f"/cases/{case.id}", f"/cases/{case.id}/audit", f"/cases/{case.id}/history.csv"):
        response = auditor.get(page)
        assert response.status_code == 200, page
        body = response.get_data(as_text=True)
        assert SECRET_ID not in body and INTAKE["so_dien_thoai"] not in body, page
    assert "[bảo mật]" in auditor.text(f"/cases/{case.id}")


def test_chairman_reads_the_confidential_fields_on_the_case_page(api, web):
    case = Complaint(api)
    assert SECRET_ID in web("chu_tich").text(f"/cases/{case.id}")


DRAFT_FORM = """{"type": "object", "title": "Xác minh danh tính", "properties": {
  "so_cccd": {"type": "string", "title": "Số CCCD", "maxLength": 20, "x-confidential": true},
  "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200}}}"""


def test_a_draft_keeps_its_confidential_values_sealed_and_opens_them_for_its_author(api, web, services):
    from tests.diagrams import diagram
    from tests.trust.helpers import sql

    assert deploy_multipart(api, diagram(form="xac_minh.schema.json"),
                            {"xac_minh.schema.json": DRAFT_FORM}).status_code == 201
    case = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem", "data": {}})
    task_id = case.get_json()["tasks"][0]["id"]
    author = web("tiep_cong_dan")
    saved = author.post(f"/tasks/{task_id}/submit", {"action": "save", "so_cccd": "079912345678",
                                                     "ghi_chu": "Đã đối chiếu"}, page=f"/tasks/{task_id}")
    assert saved.status_code == 302
    raw = sql(services, "SELECT data FROM task_drafts WHERE task_id = :id", id=task_id).scalar()
    stored = raw if isinstance(raw, dict) else json.loads(raw)  # JSONB on PostgreSQL, text on SQLite
    assert "079912345678" not in str(raw) and stored["so_cccd"].startswith("danchu-enc:v1:")
    assert stored["ghi_chu"] == "Đã đối chiếu"  # not confidential: plain
    page = author.text(f"/tasks/{task_id}")
    assert 'value="079912345678"' in page and "Đã đối chiếu" in page  # the author reads what they typed
    assert "079912345678" not in web("chu_tich").get(f"/tasks/{task_id}").get_data(as_text=True)
    forged = author.post(f"/tasks/{task_id}/submit", {"action": "save", "so_cccd": "danchu-enc:v1:AAAA"},
                         page=f"/tasks/{task_id}")
    assert forged.status_code == 422  # a typed value never passes for a sealed one
    assert 'value="079912345678"' in author.text(f"/tasks/{task_id}")


def test_key_rotation_seals_drafts_saved_before_sealing_existed(api, web, services):
    from engine.trust.key_rotation import rotate_task_drafts
    from tests.diagrams import diagram
    from tests.trust.helpers import sql

    deploy_multipart(api, diagram(form="xac_minh.schema.json"), {"xac_minh.schema.json": DRAFT_FORM})
    case = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem", "data": {}})
    task_id = case.get_json()["tasks"][0]["id"]
    author = web("tiep_cong_dan")
    author.post(f"/tasks/{task_id}/submit", {"action": "save", "so_cccd": "079912345678"}, page=f"/tasks/{task_id}")
    sql(services, "UPDATE task_drafts SET data = :data WHERE task_id = :id", id=task_id,
        data=json.dumps({"so_cccd": "079912345678"}))  # as a draft saved by an earlier release
    assert rotate_task_drafts(services) == 1
    assert "079912345678" not in str(sql(services, "SELECT data FROM task_drafts").scalar())
    assert 'value="079912345678"' in author.text(f"/tasks/{task_id}")
