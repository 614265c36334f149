"""links between cases

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instance_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_instance_id", sa.String(length=36), nullable=False),
        sa.Column("to_instance_id", sa.String(length=36), nullable=False),
        sa.Column("relation", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["from_instance_id"], ["instances.id"]),
        sa.ForeignKeyConstraint(["to_instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("from_instance_id", "to_instance_id", "relation"),
    )
    op.create_index("ix_instance_links_to", "instance_links", ["to_instance_id"])


def downgrade() -> None:
    op.drop_index("ix_instance_links_to", table_name="instance_links")
    op.drop_table("instance_links")
