"""the outgoing-document register of each commune and year (engine.processes.register)

Revision ID: 0019_outgoing_register
Revises: 0018_attachments
"""
import sqlalchemy as sa
from alembic import op

revision = "0019_outgoing_register"
down_revision = "0018_attachments"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "outgoing_documents",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("commune_id", sa.Integer(), sa.ForeignKey("org_units.id"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(200), nullable=False),
        sa.Column("instance_id", sa.String(36), sa.ForeignKey("instances.id"), nullable=False),
        sa.Column("task_id", sa.String(36), nullable=True),
        sa.Column("process_model_id", sa.String(100), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "year", "number", name="uq_outgoing_number"),
    )
    op.create_index("ix_outgoing_commune_year", "outgoing_documents", ["commune_id", "year", "number"])


def downgrade() -> None:
    op.drop_index("ix_outgoing_commune_year", table_name="outgoing_documents")
    op.drop_table("outgoing_documents")
