"""a case may be handled by a unit other than its commune (a denunciation of the commune Chairman moves to
the province), and the accounts a case is about (the denounced person) are excluded from it

Revision ID: 0013_conflict_of_interest
Revises: 0012_login_known_addresses
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_conflict_of_interest"
down_revision = "0012_login_known_addresses"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.add_column(sa.Column("handling_unit_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_instances_handling_unit_id_org_units", "org_units", ["handling_unit_id"],
                                 ["id"])
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("handling_unit_id", sa.Integer(), nullable=True))
    op.create_table(
        "case_exclusions",
        sa.Column("instance_id", sa.String(length=36), sa.ForeignKey("instances.id"), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("instance_id", "user_id"),
    )
    op.create_index("ix_case_exclusions_user", "case_exclusions", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_case_exclusions_user", table_name="case_exclusions")
    op.drop_table("case_exclusions")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("handling_unit_id")
    with op.batch_alter_table("instances") as batch:
        batch.drop_constraint("fk_instances_handling_unit_id_org_units", type_="foreignkey")
        batch.drop_column("handling_unit_id")
