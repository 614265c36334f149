"""The case file's tables: stored contents and the attachments of cases (`engine.files`).

A content is stored once under the SHA-256 of its stored bytes (`blobs.key`); its row is inserted by the
transaction that writes it, and the file is written or deleted only by a transaction holding that row, so
two servers storing the same photo at once, or one failing while another stores it, never delete a content a
committed attachment names (`engine.files.writing`).
"""
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .column_types import UtcDateTime


class StoredBlob(Base):
    __tablename__ = "blobs"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the bytes in the store
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Attachment(Base):
    """A file submitted with a form (a task's, a case's start form, a citizen's letter). `sha256` is the
    content's hash, `blob_key` the stored bytes' (they differ when `sealed`: encrypted like the
    confidential field it was sent in, name included); both enter the audit chain with the `attached` event."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_instance", "instance_id", "created_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    task_id: Mapped[str | None] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)  # sanitised; sealed when `sealed`
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    blob_key: Mapped[str] = mapped_column(ForeignKey("blobs.key"))
    sealed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
