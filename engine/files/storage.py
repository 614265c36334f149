"""Where attachments' bytes live: one interface, a folder for one server, an S3-compatible bucket for several.

Contents are addressed by the SHA-256 of the stored bytes (`key`), so a key names one content forever: a write
of a key already present writes the same bytes, and reading checks the bytes still hash to their key (a file
altered in the store is refused, and found by `danchu audit verify`). Which keys exist is told by the database
(`blobs`), not by listing the store, except for the sweep of contents a crashed write left without their row.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Protocol


class BlobMissing(Exception):
    """The store has no content under this key (deleted, or never written)."""


def content_key(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class BlobStore(Protocol):
    def put(self, key: str, content: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def keys(self) -> Iterator[tuple[str, datetime]]: ...  # every key with when it was written


class LocalBlobStore:
    """A folder: `<root>/ab/cd/<key>`, each file written under a temporary name, flushed to disk, then renamed
    into place, so a reader never sees half a file and a crash leaves at most a temporary file."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError("not a content key")
        return self.root / key[:2] / key[2:4] / key

    def put(self, key: str, content: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise BlobMissing(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[tuple[str, datetime]]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            if not path.name.startswith(".part-"):
                yield path.name, datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)


class S3BlobStore:
    """An S3-compatible bucket through boto3 (AWS, MinIO, Ceph, Garage...): `<prefix><key>`. A PUT of an object
    is atomic in S3's model, so a reader never sees half a content either."""

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client, self.bucket = client, bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def put(self, key: str, content: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=content)

    def get(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise BlobMissing(key) from None

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)

    def keys(self) -> Iterator[tuple[str, datetime]]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"][len(self.prefix):], item["LastModified"]


def local_folder(settings) -> str | None:
    """The folder of the local store (what `danchu backup` copies), None when files live in a bucket."""
    if settings.file_store_url.strip():
        return None
    return settings.files_dir or os.path.join(settings.var_dir, "files")


def open_store(settings) -> BlobStore:
    """The store the settings name: `file_store_url` `s3://bucket/prefix`, else the folder `files_dir`
    (default `<var_dir>/files`). The client connects on first use, not here."""
    url = settings.file_store_url.strip()
    if url.startswith("s3://"):
        import boto3  # noqa: PLC0415  only deployments with a bucket load the AWS SDK

        bucket, _, prefix = url[len("s3://"):].partition("/")
        client = boto3.client("s3", endpoint_url=settings.s3_endpoint_url or None,
                              region_name=settings.s3_region or None)
        return S3BlobStore(client, bucket, prefix)
    if url:
        raise ValueError("DANCHU_FILE_STORE must be empty (a folder) or s3://bucket/prefix")
    return LocalBlobStore(local_folder(settings))
