"""each case keeps the path it took through its diagram (`instances.path_taken`: the BPMN element ids it
completed and the sequence flows it took), written at every step; NULL for cases not stepped since, whose
path is read from their workflow state

Revision ID: 0016_path_taken
Revises: 0015_request_ids
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0016_path_taken"
down_revision = "0015_request_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.add_column(sa.Column("path_taken", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.drop_column("path_taken")
