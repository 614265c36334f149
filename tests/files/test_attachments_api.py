"""Files sent with a task's form through the HTTP API: stored with the step, listed and downloaded by who may
see the case, refused with a 422 naming the field and storing nothing, encrypted in a confidential field."""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json

import pytest
from sqlalchemy import func, select

from engine.store.tables import Attachment, AuditEvent, StoredBlob
from tests.files.samples import EXECUTABLE, PDF, SCRIPT, deploy_file_diagram, picture, word_document


@pytest.fixture
def task(api):
    """The open step of a new case of the file diagram, claimed by `tiep_cong_dan`."""
    deploy_file_diagram(api)
    started = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    assert started.status_code == 201, started.get_json()
    task_id = started.get_json()["tasks"][0]["id"]
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/claim").status_code == 200
    return {"id": task_id, "instance_id": started.get_json()["id"]}


def complete(api, task, files, data=None, user="tiep_cong_dan"):
    """POST the form as multipart: `files` is a list of (field, name, bytes)."""
    body = {"data": json.dumps(data or {}, ensure_ascii=False)}
    for field, name, content in files:
        body.setdefault(field, []).append((io.BytesIO(content), name))
    return api.as_(user).post(f"/api/v1/tasks/{task['id']}/complete", data=body, content_type="multipart/form-data")


def attachments(api, instance_id, user="tiep_cong_dan"):
    response = api.as_(user).get(f"/api/v1/instances/{instance_id}/attachments")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def stored_counts(services):
    with services.uow(write=False) as uow:
        return (uow.session.scalar(select(func.count()).select_from(Attachment)),
                uow.session.scalar(select(func.count()).select_from(StoredBlob)))


def test_a_task_form_takes_files_and_the_case_lists_and_serves_them(api, task, services):
    photo = picture("image/png", gps=True)
    response = complete(api, task, [("bien_ban", "biên bản xác minh.pdf", PDF), ("anh", "a.png", photo),
                                    ("anh", "b.docx.jpg", picture())], {"ghi_chu": "Đã xác minh"})
    assert response.status_code == 200, response.get_json()
    items = attachments(api, task["instance_id"])
    assert [(i["field"], i["name"], i["media_type"]) for i in items] == sorted([
        ("bien_ban", "biên bản xác minh.pdf", "application/pdf"), ("anh", "a.png", "image/png"),
        ("anh", "b.docx.jpg", "image/jpeg")], key=lambda t: [i["name"] for i in items].index(t[1]))
    first = next(i for i in items if i["field"] == "bien_ban")
    assert first["sha256"] == hashlib.sha256(PDF).hexdigest() and first["size"] == len(PDF)
    assert first["task_id"] == task["id"] and first["created_by"] == "tiep_cong_dan" and first["downloadable"]
    data = api.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}").get_json()["data"]
    assert data["bien_ban"] == first["id"] and len(data["anh"]) == 2 and data["ghi_chu"] == "Đã xác minh"

    download = api.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}/attachments/{first['id']}")
    assert download.status_code == 200 and download.data == PDF, download.get_data()[:300]
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    staff_photo = next(i for i in items if i["name"] == "a.png")
    served = api.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}/attachments/{staff_photo['id']}")
    assert served.data == photo  # staff evidence is kept as taken: only the portal strips metadata


def test_every_download_is_an_audit_event_and_each_file_is_in_the_chain(api, task, services):
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF)]).status_code == 200
    item = attachments(api, task["instance_id"])[0]
    for user in ("chu_tich", "kiem_tra"):
        assert api.as_(user).get(f"/api/v1/instances/{task['instance_id']}/attachments/{item['id']}").status_code == 200
    with services.uow(write=False) as uow:
        events = uow.session.scalars(select(AuditEvent).where(AuditEvent.instance_id == task["instance_id"],
                                                              AuditEvent.action.in_(("attached", "attachment_downloaded")))
                                     .order_by(AuditEvent.seq)).all()
    assert [(e.action, e.actor) for e in events] == [
        ("attached", "tiep_cong_dan"), ("attachment_downloaded", "chu_tich"), ("attachment_downloaded", "kiem_tra")]
    assert events[0].data["sha256"] == item["sha256"] and events[0].hash is not None
    history = api.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}/history").get_json()["items"]
    assert "attached" in [h["action"] for h in history]


def test_a_file_of_another_commune_or_case_is_not_found(api, task):
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF)]).status_code == 200
    item = attachments(api, task["instance_id"])[0]
    outside = api.as_("chu_tich.b").get(f"/api/v1/instances/{task['instance_id']}/attachments/{item['id']}")
    assert outside.status_code == 404
    assert api.as_("chu_tich.b").get(f"/api/v1/instances/{task['instance_id']}/attachments").status_code == 404
    other = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    assert api.as_("chu_tich").get(f"/api/v1/instances/{other['id']}/attachments/{item['id']}").status_code == 404


@pytest.mark.parametrize("name, content, field, problem", [
    ("anh.jpg", EXECUTABLE, "bien_ban", "Loại tệp không được nhận"),  # a program disguised by its name
    ("trang.pdf", SCRIPT, "bien_ban", "Loại tệp không được nhận"),
    ("rong.pdf", b"", "bien_ban", "Tệp rỗng"),
    ("bb.pdf", PDF, "anh", "Loại tệp không đúng"),  # a PDF where pictures are asked for
    ("bb.pdf", PDF, "khong_co", "không nhận tệp"),
])
def test_a_refused_file_names_its_field_and_reason_and_stores_nothing(api, task, services, name, content, field,
                                                                      problem):
    files = [(field, name, content)] + ([("bien_ban", "bb.pdf", PDF)] if field != "bien_ban" else [])
    response = complete(api, task, files)
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert problem in error["details"][field]
    assert stored_counts(services) == (0, 0)
    assert api.as_("tiep_cong_dan").get(f"/api/v1/tasks/{task['id']}").get_json()["status"] == "claimed"


def test_an_oversized_file_is_refused_with_the_other_problems_of_the_form(api, task, services, monkeypatch):
    monkeypatch.setattr(services, "settings", dataclasses.replace(services.settings, attachment_max_bytes=1000))
    response = complete(api, task, [("bien_ban", "lon.pdf", PDF + b"0" * 1000)], {"ghi_chu": "x" * 300})
    assert response.status_code == 422
    details = response.get_json()["error"]["details"]
    assert "quá dung lượng" in details["bien_ban"] and "ghi_chu" in details
    assert stored_counts(services) == (0, 0)


def test_a_case_full_of_files_refuses_the_next_one(api, task, services, monkeypatch):
    monkeypatch.setattr(services, "settings", dataclasses.replace(services.settings, case_attachments_max_bytes=300))
    response = complete(api, task, [("bien_ban", "bb.pdf", PDF), ("anh", "a.jpg", picture(size=(200, 200)))])
    assert response.status_code == 422
    assert "dung lượng tệp đính kèm tối đa" in response.get_json()["error"]["details"]["anh"]
    assert stored_counts(services) == (0, 0)


def test_a_typed_value_cannot_name_an_attachment(api, task):
    """The only way to put an attachment in a file field is to send it: an id typed in would point at another
    case's file."""
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete",
                                             json={"data": {"bien_ban": "00000000-0000-0000-0000-000000000000"}})
    assert response.status_code == 422
    assert "multipart" in response.get_json()["error"]["details"]["bien_ban"]


def test_a_required_file_missing_is_the_form_s_required_problem(api, task):
    response = complete(api, task, [], {"ghi_chu": "quên tệp"})
    assert response.status_code == 422 and "bien_ban" in response.get_json()["error"]["details"]


def test_a_word_document_is_taken_by_a_generic_file_field(api, task):
    assert complete(api, task, [("bien_ban", "bien ban.docx", word_document())]).status_code == 200
    assert attachments(api, task["instance_id"])[0]["media_type"].endswith("wordprocessingml.document")


def test_names_are_sanitised_and_take_the_extension_of_the_content(api, task):
    assert complete(api, task, [("bien_ban", "../../etc/pass:wd?<>.jpg", PDF)]).status_code == 200
    assert attachments(api, task["instance_id"])[0]["name"] == "pass_wd___.pdf"


def test_a_confidential_field_s_file_is_encrypted_and_only_its_readers_download_it(api, task, services):
    signed = b"%PDF-1.4\nNguyen Van A, CCCD 051070001234\n%%EOF\n"
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF), ("don_ky_ten", "đơn Nguyễn Văn A.pdf", signed)]
                    ).status_code == 200
    with services.uow(write=False) as uow:
        row = uow.session.scalars(select(Attachment).where(Attachment.field == "don_ky_ten")).one()
        assert row.sealed and "Nguy" not in row.name
        assert services.files.get(row.blob_key) != signed and b"051070001234" not in services.files.get(row.blob_key)
    mine = {i["field"]: i for i in attachments(api, task["instance_id"], "chu_tich")}
    assert mine["don_ky_ten"]["name"] == "đơn Nguyễn Văn A.pdf" and mine["don_ky_ten"]["confidential"]
    url = f"/api/v1/instances/{task['instance_id']}/attachments/{mine['don_ky_ten']['id']}"
    assert api.as_("chu_tich").get(url).data == signed
    for user in ("kiem_tra", "quan_tri", "can_bo_xac_minh"):
        listed = {i["field"]: i for i in attachments(api, task["instance_id"], user)}
        assert listed["don_ky_ten"]["name"] == "[bảo mật]" and not listed["don_ky_ten"]["downloadable"]
        assert api.as_(user).get(url).status_code == 403, user
