"""the file a numbered document was generated as, from its step's template (engine.files.issued)

Revision ID: 0021_issued_document_file
Revises: 0020_recurring_schedules
"""
import sqlalchemy as sa
from alembic import op

revision = "0021_issued_document_file"
down_revision = "0020_recurring_schedules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outgoing_documents") as batch:
        batch.add_column(sa.Column("attachment_id", sa.String(36), sa.ForeignKey(
            "attachments.id", name="fk_outgoing_documents_attachment"), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outgoing_documents") as batch:
        batch.drop_constraint("fk_outgoing_documents_attachment", type_="foreignkey")
        batch.drop_column("attachment_id")
