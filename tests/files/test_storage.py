"""Where the bytes live and how they stay right: the folder and an S3-compatible bucket (moto's server, started
here), nothing left behind by a failed command, a crash's leftovers swept, and `danchu audit verify` finding a
stored file altered or swapped."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import uuid
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from click.testing import CliRunner
from moto.server import ThreadedMotoServer
from sqlalchemy import select, update

from cli.main import main
from engine.files import open_store, rotate_sealed_files, sweep_unclaimed
from engine.files.storage import LocalBlobStore, S3BlobStore, content_key
from engine.files.uploads import PreparedFile, Uploads
from engine.files.writing import removed_on_failure, store_uploads
from engine.store.tables import Attachment, Case, StoredBlob
from engine.trust.field_crypto import FieldCipher, generate_key, key_from_secret
from tests.conftest import SECRET
from tests.files.samples import FORM, PDF, deploy_file_diagram
from tests.files.test_attachments_api import complete, task  # noqa: F401  the fixture



@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free port of this machine, for the module's tests."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, services):
    """The services storing attachments in a new bucket of the S3 server, as `DANCHU_FILE_STORE` says."""
    for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    name = f"danchu-{hashlib.sha1(str(id(services)).encode()).hexdigest()[:8]}-{len(str(s3_endpoint))}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=name)
    settings = dataclasses.replace(services.settings, file_store_url=f"s3://{name}/ho-so",
                                   s3_endpoint_url=s3_endpoint, s3_region="us-east-1")
    store = open_store(settings)
    monkeypatch.setattr(services, "files", store)
    return store


def test_the_local_store_writes_under_the_content_key_and_reads_back(tmp_path):
    store = LocalBlobStore(tmp_path)
    key = content_key(PDF)
    store.put(key, PDF)
    assert store.get(key) == PDF and (tmp_path / key[:2] / key[2:4] / key).is_file()
    assert [k for k, _ in store.keys()] == [key]
    store.delete(key)
    assert list(store.keys()) == []


def test_a_case_s_files_go_to_an_s3_compatible_bucket(api, bucket, task):
    assert isinstance(bucket, S3BlobStore)
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF)]).status_code == 200
    assert [key for key, _ in bucket.keys()] == [content_key(PDF)]
    item = api.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}/attachments").get_json()["items"][0]
    served = api.as_("chu_tich").get(f"/api/v1/instances/{task['instance_id']}/attachments/{item['id']}")
    assert served.status_code == 200 and served.data == PDF


def _prepared(content=PDF, field="bien_ban") -> Uploads:
    return Uploads([PreparedFile(id=str(uuid.uuid4()), field=field, name="bb.pdf",
                                 media_type="application/pdf", content=content,
                                 sha256=hashlib.sha256(content).hexdigest())])


def _a_case(api, services):
    deploy_file_diagram(api)
    created = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    with services.uow(write=False) as uow:
        return uow.session.get(Case, created["id"])


def test_a_command_failing_after_writing_leaves_no_file_behind(api, services):
    case = _a_case(api, services)
    uploads = _prepared(b"%PDF-1.4 only this command\n%%EOF")
    with pytest.raises(RuntimeError), removed_on_failure(services, uploads), services.uow() as uow:
        store_uploads(services, uow.session, case, uploads, task_id=None, actor="tiep_cong_dan")
        assert services.files.get(uploads.files[0].stored_key)  # written, then the command fails
        raise RuntimeError("the connection was lost")
    assert list(services.files.keys()) == []
    with services.uow(write=False) as uow:
        assert uow.session.scalars(select(StoredBlob)).all() == []


def test_a_failed_command_keeps_a_content_another_case_committed(api, services):
    case = _a_case(api, services)
    kept = _prepared()
    with services.uow() as uow:
        store_uploads(services, uow.session, case, kept, task_id=None, actor="tiep_cong_dan")
        uow.commit()
    again = _prepared()
    with pytest.raises(RuntimeError), removed_on_failure(services, again), services.uow() as uow:
        store_uploads(services, uow.session, case, again, task_id=None, actor="tiep_cong_dan")
        assert again.files[0].stored_key is None  # the content was there: nothing written, nothing to remove
        raise RuntimeError("refused later")
    assert services.files.get(content_key(PDF)) == PDF


def test_the_sweep_removes_what_a_crash_left_without_its_row(api, services, clock):
    case = _a_case(api, services)
    with services.uow() as uow:
        store_uploads(services, uow.session, case, _prepared(), task_id=None, actor="tiep_cong_dan")
        uow.commit()
    orphan = b"%PDF-1.4 written, then the server died before its commit\n%%EOF"
    services.files.put(content_key(orphan), orphan)
    later = max(written for _, written in services.files.keys()) + timedelta(seconds=1)
    assert sweep_unclaimed(services, later) == 1
    assert services.files.get(content_key(PDF)) == PDF
    assert content_key(orphan) not in dict(services.files.keys())


def test_audit_verify_finds_a_stored_file_altered(api, task, services, database_url, monkeypatch):
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF)]).status_code == 200
    verified = api.as_("kiem_tra").get("/api/v1/audit/verify").get_json()
    assert verified["ok"] and verified["files_checked"] == 1
    services.files.put(content_key(PDF), PDF.replace(b"Catalog", b"Katalog"))  # someone edits the stored file
    verified = api.as_("kiem_tra").get("/api/v1/audit/verify").get_json()
    assert not verified["ok"] and "đã bị thay đổi" in verified["first_broken"]["problem"]
    assert verified["first_broken"]["event_id"] is not None
    monkeypatch.setenv("DANCHU_DATABASE_URL", database_url)
    monkeypatch.setenv("DANCHU_SECRET_KEY", SECRET)
    monkeypatch.setenv("DANCHU_FILES_DIR", str(services.files.root))
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 1 and "BROKEN" in result.output


def test_audit_verify_finds_a_row_made_to_name_other_bytes(api, task, services):
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF)]).status_code == 200
    other = b"%PDF-1.4 a forged letter\n%%EOF"
    services.files.put(content_key(other), other)
    with services.database.engine.begin() as conn:
        conn.execute(StoredBlob.__table__.insert().values(key=content_key(other), size=len(other),
                                                         created_at=services.clock.now()))
        conn.execute(update(Attachment).values(blob_key=content_key(other), sha256=content_key(other)))
    verified = api.as_("kiem_tra").get("/api/v1/audit/verify").get_json()
    assert not verified["ok"] and "đã bị sửa" in verified["first_broken"]["problem"]


def test_the_sweep_command_reports_what_it_removed(services, database_url, monkeypatch):
    orphan = b"%PDF-1.4 left by a crash\n%%EOF"
    services.files.put(content_key(orphan), orphan)
    for name, value in (("DANCHU_DATABASE_URL", database_url), ("DANCHU_SECRET_KEY", SECRET),
                        ("DANCHU_FILES_DIR", str(services.files.root))):
        monkeypatch.setenv(name, value)
    assert "0 unclaimed" in CliRunner().invoke(main, ["files", "sweep"]).output  # too recent: maybe in flight
    old = datetime.now(timezone.utc).timestamp() - 2 * 86400
    path = services.files.root / content_key(orphan)[:2] / content_key(orphan)[2:4] / content_key(orphan)
    os.utime(path, (old, old))
    assert "1 unclaimed" in CliRunner().invoke(main, ["files", "sweep"]).output
    assert not path.exists()


def test_rotating_the_field_key_re_encrypts_confidential_files_and_the_chain_still_verifies(api, task, services,
                                                                                          monkeypatch):
    signed = b"%PDF-1.4 signed by the denouncer\n%%EOF"
    assert complete(api, task, [("bien_ban", "bb.pdf", PDF), ("don_ky_ten", "don.pdf", signed)]).status_code == 200
    assert FORM["properties"]["don_ky_ten"]["x-confidential"]
    with services.uow(write=False) as uow:
        before = uow.session.scalars(select(Attachment).where(Attachment.sealed)).one().blob_key
    newest = generate_key()
    monkeypatch.setattr(services, "cipher", FieldCipher([newest, key_from_secret(SECRET)]))
    assert rotate_sealed_files(services) == 1
    with services.uow(write=False) as uow:
        row = uow.session.scalars(select(Attachment).where(Attachment.sealed)).one()
    assert row.blob_key != before and before not in dict(services.files.keys())
    monkeypatch.setattr(services, "cipher", FieldCipher([newest]))  # the old key removed
    url = f"/api/v1/instances/{task['instance_id']}/attachments/{row.id}"
    assert api.as_("chu_tich").get(url).data == signed
    verified = api.as_("kiem_tra").get("/api/v1/audit/verify").get_json()
    assert verified["ok"] and verified["files_checked"] == 2, verified
