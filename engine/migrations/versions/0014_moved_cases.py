"""a case moved to another version of its process may keep the statutory deadline rule of the version it
had (`instances.deadline_version_id`, a process_versions.id; NULL: the rule of the case's own version)

Revision ID: 0014_moved_cases
Revises: 0013_conflict_of_interest
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_moved_cases"
down_revision = "0013_conflict_of_interest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.add_column(sa.Column("deadline_version_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.drop_column("deadline_version_id")
