"""The whole case file as one ZIP: an index of every document in and out with its date and hash, the files the
reader may read, the history; taking it is an audit event."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile

from sqlalchemy import select

from engine.store.tables import AuditEvent
from tests.files.samples import PDF
from tests.files.test_attachments_api import complete, task  # noqa: F401  the fixture


def archive_of(api, instance_id, user):
    response = api.as_(user).get(f"/api/v1/instances/{instance_id}/case-file")
    assert response.status_code == 200, response.get_data()[:300]
    assert response.headers["Content-Disposition"].startswith("attachment")
    return zipfile.ZipFile(io.BytesIO(response.data))


def index_of(archive) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read("muc-luc.csv").decode("utf-8-sig"))))


def test_the_case_file_holds_the_index_the_files_and_the_history(api, task, services):
    signed = b"%PDF-1.4 signed\n%%EOF"
    assert complete(api, task, [("bien_ban", "bien ban.pdf", PDF), ("don_ky_ten", "don.pdf", signed)]).status_code == 200
    chairman = archive_of(api, task["instance_id"], "chu_tich")
    index = index_of(chairman)
    assert {row["Tài liệu"] for row in index} == {"bien ban.pdf", "don.pdf"}
    assert {row["SHA-256"] for row in index} == {hashlib.sha256(PDF).hexdigest(), hashlib.sha256(signed).hexdigest()}
    members = {row["Tài liệu"]: row["Tệp trong gói"] for row in index}
    assert chairman.read(members["bien ban.pdf"]) == PDF and chairman.read(members["don.pdf"]) == signed
    history = chairman.read("lich-su.csv").decode("utf-8-sig")
    assert "started" in history and "completed" in history

    auditor = archive_of(api, task["instance_id"], "kiem_tra")
    hidden = {row["Tài liệu"]: row for row in index_of(auditor)}
    assert "[bảo mật]" in hidden and hidden["[bảo mật]"]["Tệp trong gói"] == ""
    assert not any(name.endswith("don.pdf") for name in auditor.namelist())
    with services.uow(write=False) as uow:
        exported = uow.session.scalars(select(AuditEvent.actor).where(
            AuditEvent.action == "case_file_exported")).all()
    assert exported == ["chu_tich", "kiem_tra"]


def test_another_commune_gets_no_case_file(api, task):
    assert api.as_("chu_tich.b").get(f"/api/v1/instances/{task['instance_id']}/case-file").status_code == 404
