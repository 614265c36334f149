"""Files in the crash run: letters sent with a file while servers are killed, then the store against the rows.

Now and then (`UPLOAD_SHARE` of the staff's walks) a client opens a letter (`xu_ly_don`) with a PDF of its own
(different bytes each time, so no two letters share a stored file) in its confidential file field, as the
reception officer's form does: multipart to `POST /api/v1/instances`. A 201 is an acknowledged file. The
servers write files to one folder (`DANCHU_FILES_DIR`, as several servers share a bucket).

Afterwards, on the database and the folder:
- every acknowledged file is there: its case has an attachment of its SHA-256, whose stored content is present
  and intact (its content's hash is its key);
- no row without its file: every `attachments` and `blobs` row names content present and intact;
- no file without its row: a server killed between writing a file and committing its rows leaves content no
  row names, by design, for `danchu files sweep` (`engine.files.sweep_unclaimed`); the harness counts them,
  runs the sweep, and then none may be left. Half-written temporary files (`.part-…`, a kill in mid-write) are
  counted too; nothing ever reads them.
"""
from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

UPLOAD_SHARE = 0.5
PROCESS_MODEL = "xu_ly_don"
FIELD = "tep_dinh_kem"
XU_LY_DON = Path(__file__).resolve().parents[1] / "bpmn" / "xu_ly_don.bpmn"
LETTER = {"nguoi_gui": "Võ Văn Em", "so_giay_to_tuy_than": "051070005555", "dia_chi": "Thôn Phú Sơn",
          "so_dien_thoai": "0905777888", "thon": "Thôn Phú Sơn", "ngay_nhan_don": "2026-03-02",
          "hinh_thuc_tiep_nhan": "buu_chinh", "co_quan_chuyen_don": "", "noi_dung_don": "Đề nghị sửa đường"}


def deploy_letter_model(url: str) -> None:
    from engine.core import SYSTEM
    from engine.definitions import load_package
    from engine.processes import deploy_process_version

    from .databases import open_services

    services = open_services(url)
    try:
        deploy_process_version(services, SYSTEM, load_package(XU_LY_DON))
    finally:
        services.close()


def scanned_letter(rng: random.Random) -> bytes:
    """A small PDF of its own bytes (a scan, as far as the type check is concerned)."""
    return b"%PDF-1.4\n" + rng.randbytes(8 * 1024).hex().encode() + b"\n%%EOF\n"


def send_letter(client, rng: random.Random, uploads: dict, unknown) -> None:
    """Open a letter with a file; note it acknowledged (201), refused (4xx) or unknown (lost, 5xx)."""
    from .client import ApiError

    content = scanned_letter(rng)
    try:
        case = client.call(client.start_with_files, "tiep_cong_dan", PROCESS_MODEL, LETTER,
                           [(FIELD, "don.pdf", content)])
    except unknown:
        uploads["unknown"] += 1
        return
    except ApiError:
        uploads["refused"] += 1
        return
    uploads["acknowledged"].append((case["id"], hashlib.sha256(content).hexdigest()))


def verify_files(services, store, parts: list[dict]) -> dict:
    """The invariants above; `services` on the run's database, `store` the servers' folder."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import select

    from engine.files import sweep_unclaimed
    from engine.files.storage import BlobMissing, content_key
    from engine.store.tables import Attachment, StoredBlob

    def intact(key: str) -> bool:
        try:
            return content_key(store.get(key)) == key
        except BlobMissing:
            return False

    with services.uow(write=False) as uow:
        rows = uow.session.execute(select(Attachment.instance_id, Attachment.sha256, Attachment.blob_key)).all()
        blobs = set(uow.session.scalars(select(StoredBlob.key)))
    checked = {key: intact(key) for key in blobs | {r.blob_key for r in rows}}
    by_case = {(r.instance_id, r.sha256): r.blob_key for r in rows}
    acknowledged = [a for p in parts for a in p["uploads"]["acknowledged"]]
    lost = [a for a in acknowledged if not checked.get(by_case.get(tuple(a), ""), False)]
    stored = {key for key, _ in store.keys()}
    orphans = stored - blobs
    partial_writes = sum(1 for p in Path(store.root).glob("??/??/.part-*"))
    services.files = store
    swept = sweep_unclaimed(services, datetime.now(timezone.utc) + timedelta(seconds=1))
    left = {key for key, _ in store.keys()} - blobs
    return {
        "uploads_acknowledged": len(acknowledged), "uploads_lost": len(lost),
        "uploads_unknown": sum(p["uploads"]["unknown"] for p in parts),
        "uploads_refused": sum(p["uploads"]["refused"] for p in parts),
        "attachment_rows": len(rows), "stored_files": len(stored),
        "rows_without_file": sum(1 for ok in checked.values() if not ok),
        "files_without_row_before_sweep": len(orphans), "files_swept": swept,
        "files_without_row": len(left), "partial_writes": partial_writes,
    }


SHARED = ("DANCHU_FILES_DIR", "DANCHU_FIELD_KEYS")


def share_files_and_keys() -> tuple[str, str, dict]:
    """The folder and the field key every server and worker of the run shares, set in the environment they
    inherit (a letter's file and data are confidential: the verifier needs the key the servers sealed with);
    with what the environment held before, for `restore_environment`."""
    import tempfile

    from engine.trust import generate_key

    previous = {name: os.environ.get(name) for name in SHARED}
    folder, key = tempfile.mkdtemp(prefix="danchu_crash_files_"), generate_key()
    os.environ.update(DANCHU_FILES_DIR=folder, DANCHU_FIELD_KEYS=key)
    return folder, key, previous


def restore_environment(previous: dict) -> None:
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
