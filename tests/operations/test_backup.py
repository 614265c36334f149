"""The restore drill: a backup taken while cases keep opening, restored elsewhere with only the documented
settings (database URL, secret key, field keys), gives the same history (audit chain intact), its stored
files, and cases that go on."""
from __future__ import annotations

import io
import tarfile
import threading
from dataclasses import replace

import pytest

from engine.backups import BackupFailed, create_backup, restore_backup
from engine.core import ADMINISTRATOR, Principal
from engine.store.backup import is_empty
from engine.services import build_services
from server import create_app
from tests import conftest
from tests.api.cases import Case
from tests.files.samples import PDF, deploy_file_diagram
from tests.samples import PROPOSAL, Complaint

ADMIN = Principal("quan_tri_sao_luu", frozenset({ADMINISTRATOR}))


def attach(api, task_id: str, content: bytes) -> None:
    body = {"data": "{}", "bien_ban": [(io.BytesIO(content), "biên bản.pdf")]}
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/complete", data=body,
                                              content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()


def attachments(api, instance_id: str) -> list[dict]:
    return api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/attachments").get_json()["items"]


def test_backup_while_writing_then_restore_elsewhere_and_go_on(api, app, services, database_url, empty_database,
                                                              tmp_path):
    before = [Complaint(api).id for _ in range(3)]
    deploy_file_diagram(api)
    evidence = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    task = {"id": evidence["tasks"][0]["id"], "instance_id": evidence["id"]}
    attach(api, task["id"], PDF)
    stop, opened, errors = threading.Event(), [], []

    def keep_writing():
        writer = conftest.ApiClient(app.test_client(), database_url)
        while not stop.is_set():
            try:
                opened.append(Complaint(writer).id)
            except Exception as exc:  # noqa: BLE001 - reported by the test below
                errors.append(exc)
                return

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while len(opened) < 2 and not errors:  # the backup starts while cases are being opened
            stop.wait(0.01)
        archive = tmp_path / "backup" / "danchu.tar"
        manifest = create_backup(services.settings, archive)
    finally:
        stop.set()
        thread.join()
    assert not errors, errors
    assert manifest["revision"] and any(name.startswith("files/attachments/") for name in manifest["members"])

    # the other machine: only the documented settings (its database, its files folder, the same keys)
    settings = replace(conftest.test_settings(empty_database), files_dir=str(tmp_path / "restored-files"))
    report = restore_backup(settings, archive, ADMIN)
    assert report.audit["ok"] and report.audit["files_checked"] >= 1, report.audit
    restored_services = build_services(settings)
    try:
        restored = conftest.ApiClient(create_app(services=restored_services).test_client(), empty_database)
        for case_id in before:  # every case committed before the backup began is there
            assert Case.existing(restored, case_id).detail()["status"] == "running"
        [item] = attachments(restored, task["instance_id"])
        download = restored.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}/attachments/{item['id']}")
        assert download.status_code == 200 and download.data == PDF
        case = Case.existing(restored, before[0])
        case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)  # and goes on
        assert "quyet_dinh_thu_ly" in case.open_task_names()
        verified = restored.as_("kiem_tra").get("/api/v1/audit/verify")
        assert verified.status_code == 200 and verified.get_json()["ok"], verified.get_json()
    finally:
        restored_services.close()


def test_a_restore_refuses_a_database_that_holds_data(services, tmp_path):
    archive = tmp_path / "danchu.tar"
    create_backup(services.settings, archive)
    with pytest.raises(BackupFailed, match="trống"):
        restore_backup(services.settings, archive, ADMIN)


def test_an_edited_archive_is_refused_before_anything_is_written(services, empty_database, tmp_path):
    archive = tmp_path / "danchu.tar"
    manifest = create_backup(services.settings, archive)
    copy = next(name for name in manifest["members"])
    edited = tmp_path / "edited.tar"
    with tarfile.open(archive) as source, tarfile.open(edited, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == copy:
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            target.addfile(member, fileobj=io.BytesIO(data))
    with pytest.raises(BackupFailed, match="mã băm"):
        restore_backup(replace(services.settings, database_url=empty_database), edited, ADMIN)
    assert is_empty(empty_database)
