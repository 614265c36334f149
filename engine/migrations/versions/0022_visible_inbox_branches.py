"""the visible inbox reads each of its branches in deadline order, from the index alone when counting

"Everything of my roles" became a union of branches, one per role, the assignee and the completer
(`engine.cases.visible_inbox`), each walking its index in deadline order and stopping after a page (or the
count's cap). The assignee's and the completer's indexes had the role before the deadline (they served the
single OR, each covering its filters), so each branch gathered and sorted every task a person ever held:
14,000 rows for a page of 50 at 100,000 cases, ten times that at a million. They are replaced by indexes in
deadline order; these and the role's carry the case and the handling unit (`INCLUDE`, PostgreSQL), which
the branches filter on (exclusions, the commune's own cases), so the count reads the index alone. SQLite
builds the same indexes without the included columns.

Revision ID: 0022_visible_inbox_branches
Revises: 0021_issued_document_file
"""
from alembic import op

revision = "0022_visible_inbox_branches"
down_revision = "0021_issued_document_file"
branch_labels = None
depends_on = None

ORDER = ["due_at", "created_at", "id"]
CARRIED = {"postgresql_include": ["handling_unit_id", "instance_id"]}


def upgrade() -> None:
    op.drop_index("ix_tasks_commune_assignee", table_name="tasks")
    op.drop_index("ix_tasks_commune_completed_by", table_name="tasks")
    op.drop_index("ix_tasks_commune_role", table_name="tasks")
    op.create_index("ix_tasks_commune_role", "tasks", ["commune_id", "role", *ORDER], **CARRIED)
    op.create_index("ix_tasks_commune_assignee_due", "tasks", ["commune_id", "assignee", *ORDER], **CARRIED)
    op.create_index("ix_tasks_commune_completer_due", "tasks", ["commune_id", "completed_by", *ORDER], **CARRIED)


def downgrade() -> None:
    op.drop_index("ix_tasks_commune_completer_due", table_name="tasks")
    op.drop_index("ix_tasks_commune_assignee_due", table_name="tasks")
    op.drop_index("ix_tasks_commune_role", table_name="tasks")
    op.create_index("ix_tasks_commune_role", "tasks", ["commune_id", "role", *ORDER])
    op.create_index("ix_tasks_commune_assignee", "tasks", ["commune_id", "assignee", "role", *ORDER])
    op.create_index("ix_tasks_commune_completed_by", "tasks",
                    ["commune_id", "completed_by", "role", "assignee", *ORDER])
