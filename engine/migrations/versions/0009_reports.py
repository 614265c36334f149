"""periodic reports: the figures cases declare for reports, and approved reports frozen

Revision ID: 0009_reports
Revises: 0004_trust

Cases that ran before this revision have no `case_figures` rows: their figures (acceptances, recommendations
answered, comments taken in) are counted only from the next step they take. Counts of cases received,
resolved and pending come from `instances` and are complete.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009_reports"
down_revision = "0004_trust"
branch_labels = None
depends_on = None

JsonDoc = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "case_figures",
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("instance_id", "name"),
    )
    op.create_index("ix_case_figures_name_recorded_at", "case_figures", ["name", "recorded_at"])
    op.create_table(
        "reports",
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("business_key", sa.String(length=40), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("content", JsonDoc, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.ForeignKeyConstraint(["commune_id"], ["org_units.id"]),
        sa.PrimaryKeyConstraint("instance_id"),
    )
    op.create_index("ix_reports_commune_period", "reports", ["commune_id", "period_start"])


def downgrade() -> None:
    op.drop_index("ix_reports_commune_period", table_name="reports")
    op.drop_table("reports")
    op.drop_index("ix_case_figures_name_recorded_at", table_name="case_figures")
    op.drop_table("case_figures")
