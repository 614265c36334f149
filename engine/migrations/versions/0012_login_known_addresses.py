"""login attempts are reserved before the password is checked (pending) and spend the account's budget only
from addresses not known for it; the known addresses, as keyed hashes

Revision ID: 0012_login_known_addresses
Revises: 0011_portal_throttle
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_login_known_addresses"
down_revision = "0011_portal_throttle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("login_attempts") as batch:
        batch.add_column(sa.Column("counts_for_account", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("pending", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "login_known_addresses",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("marker", sa.String(length=64), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", "marker"),
    )


def downgrade() -> None:
    op.drop_table("login_known_addresses")
    with op.batch_alter_table("login_attempts") as batch:
        batch.drop_column("pending")
        batch.drop_column("counts_for_account")
