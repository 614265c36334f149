"""the request that armed a timer or queued a notification (`timers.request_id`, `notifications.request_id`),
so the worker's log lines about them name the request an operator saw in the server's log

Revision ID: 0015_request_ids
Revises: 0014_moved_cases
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_request_ids"
down_revision = "0014_moved_cases"
branch_labels = None
depends_on = None

TABLES = ("timers", "notifications")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("request_id", sa.String(64), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("request_id")
