"""attachments of cases and the content-addressed blobs they name (engine.files)

Revision ID: 0018_attachments
Revises: 0017_case_sector
"""
import sqlalchemy as sa
from alembic import op

revision = "0018_attachments"
down_revision = "0017_case_sector"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("instance_id", sa.String(36), sa.ForeignKey("instances.id"), nullable=False),
        sa.Column("task_id", sa.String(36), nullable=True),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("blob_key", sa.String(64), sa.ForeignKey("blobs.key"), nullable=False),
        sa.Column("sealed", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attachments_instance", "attachments", ["instance_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_attachments_instance", table_name="attachments")
    op.drop_table("attachments")
    op.drop_table("blobs")
