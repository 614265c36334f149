"""The case file's tables: stored contents and the attachments of cases (`engine.files`), and the outgoing
documents' register.

A content is stored once under the SHA-256 of its stored bytes (`blobs.key`); its row is inserted by the
transaction that writes it, and the file is written or deleted only by a transaction holding that row, so
two servers storing the same photo at once, or one failing while another stores it, never delete a content a
committed attachment names (`engine.files.writing`).
"""
from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .column_types import BigId, UtcDateTime


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


class OutgoingDocument(Base):
    """One line of a commune's outgoing-document register (sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP Art. 15
    and 25): its number in the year of its issuing body in the commune, allocated when the step that issues it
    completes, with no gap and no duplicate (`engine.processes.register`)."""

    __tablename__ = "outgoing_documents"
    __table_args__ = (UniqueConstraint("commune_id", "year", "issuer", "number", name="uq_outgoing_number"),
                      Index("ix_outgoing_commune_year", "commune_id", "year", "issuer", "number"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(40))  # e.g. TB-UBND, QĐ-UBND
    # the issuing body whose book numbers it (UBND, MTTQ, TTND, ...): the symbol's part after its type
    issuer: Mapped[str] = mapped_column(String(40), default="UBND", server_default="UBND")
    reference: Mapped[str] = mapped_column(String(60))  # "05/TB-UBND"
    issued_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(200))  # the document's type and summary: the step's title
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    task_id: Mapped[str | None] = mapped_column(String(36))
    process_model_id: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # the .docx generated from the step's template (an attachment of the case), if the step names one
    attachment_id: Mapped[str | None] = mapped_column(ForeignKey("attachments.id"))
