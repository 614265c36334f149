"""web UI read models: case search index, public tracking codes, task drafts

Revision ID: 0007_webui
Revises: 0003_deadlines

Cases opened before this revision have no `case_index` row: they are still found by number, process,
status and date, not by citizen or hamlet.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007_webui"
down_revision = "0003_deadlines"
branch_labels = None
depends_on = None

JsonDoc = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "case_index",
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("citizen_name", sa.String(length=200), nullable=True),
        sa.Column("citizen_key", sa.String(length=200), nullable=True),
        sa.Column("hamlet", sa.String(length=200), nullable=True),
        sa.Column("hamlet_key", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("instance_id"),
    )
    op.create_index("ix_case_index_citizen_key", "case_index", ["citizen_key"])
    op.create_index("ix_case_index_hamlet_key", "case_index", ["hamlet_key"])
    op.create_table(
        "tracking_codes",
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("secret_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("instance_id"),
    )
    op.create_table(
        "task_drafts",
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("data", JsonDoc, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"]),
        sa.PrimaryKeyConstraint("task_id", "username"),
    )


def downgrade() -> None:
    op.drop_table("task_drafts")
    op.drop_table("tracking_codes")
    op.drop_index("ix_case_index_hamlet_key", table_name="case_index")
    op.drop_index("ix_case_index_citizen_key", table_name="case_index")
    op.drop_table("case_index")
