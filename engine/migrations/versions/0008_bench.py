"""inbox and case lists indexed by commune

The inbox filters tasks by the commune of their case. Through a join to `instances` PostgreSQL had to
read every ready task of a role in the whole province and then drop those of other communes, so the
inbox of one commune slowed down as the province's history grew (120 ms at 100,000 cases). The commune is
now copied onto each task row (cases never change commune) and the inbox reads one index in the order it
shows: `ix_tasks_inbox` for what can be claimed, and for everything visible (`engine/inbox_query.py`,
three branches) `ix_tasks_commune_role`, `ix_tasks_commune_assignee`, `ix_tasks_commune_completed_by`,
each covering its branch so PostgreSQL answers from the index alone. The case list gets indexes by commune
in its order too.

Revision ID: 0008_bench
Revises: 0009_reports
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_bench"
down_revision = "0009_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch_op:
        batch_op.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
    op.execute("UPDATE tasks SET commune_id = (SELECT instances.commune_id FROM instances "
               "WHERE instances.id = tasks.instance_id)")
    op.create_index("ix_tasks_inbox", "tasks", ["commune_id", "status", "role", "due_at", "created_at", "id"])
    op.create_index("ix_tasks_commune_role", "tasks", ["commune_id", "role", "due_at", "created_at", "id"])
    op.create_index("ix_tasks_commune_assignee", "tasks",
                    ["commune_id", "assignee", "role", "due_at", "created_at", "id"])
    op.create_index("ix_tasks_commune_completed_by", "tasks",
                    ["commune_id", "completed_by", "role", "assignee", "due_at", "created_at", "id"])
    op.create_index("ix_instances_commune_created", "instances", ["commune_id", "created_at"])
    op.create_index("ix_instances_commune_status_created", "instances", ["commune_id", "status", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_instances_commune_status_created", table_name="instances")
    op.drop_index("ix_instances_commune_created", table_name="instances")
    op.drop_index("ix_tasks_commune_completed_by", table_name="tasks")
    op.drop_index("ix_tasks_commune_assignee", table_name="tasks")
    op.drop_index("ix_tasks_commune_role", table_name="tasks")
    op.drop_index("ix_tasks_inbox", table_name="tasks")
    with op.batch_alter_table("tasks") as batch_op:
        batch_op.drop_column("commune_id")
