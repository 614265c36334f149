"""the public portal's letters and comments, counted per address for its throttle

Revision ID: 0011_portal_throttle
Revises: 0010_visible_inbox
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_portal_throttle"
down_revision = "0010_visible_inbox"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "portal_submissions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_portal_submissions_address", "portal_submissions", ["address", "submitted_at"])


def downgrade() -> None:
    op.drop_index("ix_portal_submissions_address", table_name="portal_submissions")
    op.drop_table("portal_submissions")
