"""each commune's recurring schedules (the Chairman's reception days, the yearly dialogue conference) and the
periods the worker opened a case for, unique per commune, kind and period

Revision ID: 0020_recurring_schedules
Revises: 0019_outgoing_register
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_recurring_schedules"
down_revision = "0019_outgoing_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recurring_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["org_units.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "kind", name="uq_recurring_schedules_commune_kind"),
    )
    op.create_table(
        "scheduled_openings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["org_units.id"]),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "kind", "period", name="uq_scheduled_openings_period"),
    )


def downgrade() -> None:
    op.drop_table("scheduled_openings")
    op.drop_table("recurring_schedules")
