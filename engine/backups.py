"""`danchu backup` and `danchu restore`: one archive holding what a commune's history needs to come back.

The archive (a tar file) holds the database's consistent copy (`engine.store.backup`), the folders of stored
files the settings name (attachments), and a manifest with the schema revision and each member's SHA-256, so a
damaged or edited archive is refused before anything is written. It holds no key: the secret key and the
field keys are kept apart from backups (`docs/operations.md`), and a restore needs the same field keys to read
confidential values. A restore writes only into an empty database, migrates it to this release's schema, then
recomputes the audit chain: the report says whether the restored history is the one that was saved."""
from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import text

from .core.clock import SystemClock
from .core.principal import Principal
from .core.settings import Settings
from .files.storage import local_folder
from .files.verification import verify_audit_and_files
from .services import build_services
from .store.backup import BackupFailed, database_kind, dump_database, is_empty, load_database
from .store.database import connect
from .store.migrate import upgrade

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
ATTACHMENTS = "attachments"  # the local store's folder, under files/ in the archive


@dataclass
class RestoreReport:
    database: str
    revision: str | None
    files: int
    audit: dict


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_folders(settings: Settings) -> dict[str, Path]:
    """The folders of stored files an archive carries, by their name in it: the local attachment store, none
    when attachments live in a bucket."""
    folder = local_folder(settings)
    return {ATTACHMENTS: Path(folder)} if folder else {}


def _revision(url: str) -> str | None:
    engine = connect(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def create_backup(settings: Settings, archive: Path, *, clock=None) -> dict:
    """Write the archive of the database and local file store the settings name; returns its manifest."""
    url, file_folders = settings.database_url, _file_folders(settings)
    clock = clock or SystemClock()
    with tempfile.TemporaryDirectory(prefix="danchu-backup-") as scratch:
        copy = dump_database(url, Path(scratch))
        members = {copy.name: copy}
        for name, folder in sorted(file_folders.items()):
            for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
                members[str(PurePosixPath(FILES, name, *path.relative_to(folder).parts))] = path
        manifest = {"format": FORMAT, "created_at": clock.now().isoformat(), "database": database_kind(url),
                    "revision": _revision(url), "members": {k: _sha256(p) for k, p in members.items()}}
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            encoded = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            tar.addfile(info, fileobj=io.BytesIO(encoded))
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        partial.replace(archive)  # never a half-written archive under the final name
    return manifest


def restore_backup(settings: Settings, archive: Path, principal: Principal) -> RestoreReport:
    """Check the archive, load it into the settings' empty database and its files into their local store, then
    verify the restored audit chain and every attachment against it, as `principal` (an administrator)."""
    url, file_folders = settings.database_url, _file_folders(settings)
    if not is_empty(url):
        raise BackupFailed("Cơ sở dữ liệu đích đã có dữ liệu: hãy khôi phục vào một cơ sở dữ liệu trống.")
    with tempfile.TemporaryDirectory(prefix="danchu-restore-") as scratch, tarfile.open(archive) as tar:
        manifest = _extract_checked(tar, Path(scratch))
        copy = Path(scratch) / next(k for k in manifest["members"] if not k.startswith(FILES + "/"))
        load_database(url, copy)
        upgrade(url)  # an archive of an earlier release comes up to this one's schema
        restored = 0
        for name in manifest["members"]:
            parts = PurePosixPath(name).parts
            if parts[0] != FILES:
                continue
            into = file_folders.get(parts[1])
            if into is None:
                raise BackupFailed("Bản sao có tệp đính kèm mà kho tệp là S3: hãy khôi phục vào kho thư mục "
                                   "(DANCHU_FILES_DIR) rồi chép sang S3.")
            target = into.joinpath(*parts[2:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((Path(scratch) / name).read_bytes())
            restored += 1
    services = build_services(settings)
    try:
        audit = verify_audit_and_files(services, principal)
    finally:
        services.close()
    return RestoreReport(database=manifest["database"], revision=manifest["revision"], files=restored, audit=audit)


def _extract_checked(tar: tarfile.TarFile, scratch: Path) -> dict:
    """Extract into `scratch` only the members the manifest lists, each with its recorded SHA-256."""
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError):
        raise BackupFailed("Tệp không phải bản sao của danchu (thiếu manifest.json).") from None
    if manifest.get("format") != FORMAT:
        raise BackupFailed(f"Bản sao định dạng {manifest.get('format')}: phiên bản này đọc định dạng {FORMAT}.")
    listed = manifest.get("members", {})
    for member in tar.getmembers():
        if member.name == MANIFEST:
            continue
        if member.name not in listed or not member.isfile():
            raise BackupFailed(f"Bản sao có thành phần lạ: {member.name}.")
        tar.extract(member, scratch, filter="data")
        if _sha256(scratch / member.name) != listed[member.name]:
            raise BackupFailed(f"Bản sao bị hỏng hoặc bị sửa: {member.name} không khớp mã băm.")
    missing = [name for name in listed if not (scratch / name).is_file()]
    if missing:
        raise BackupFailed(f"Bản sao thiếu: {', '.join(missing[:3])}.")
    return manifest
__all__ = ["BackupFailed", "RestoreReport", "create_backup", "restore_backup"]
