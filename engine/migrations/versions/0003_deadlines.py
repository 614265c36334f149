"""deadlines: calendar overrides, case due dates and their history, timers, notifications

Revision ID: 0003_deadlines
Revises: 0002
"""
from datetime import date, datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0003_deadlines"
down_revision = "0002"
branch_labels = None
depends_on = None

# The 2025 swap for 30/4-1/5 (Saturday 26/4 worked, Friday 2/5 off), as in
# engine.business_calendar.VIETNAM_OVERRIDES_KNOWN; copied so the migration never changes with the code.
SEED = [
    (date(2025, 4, 26), True, "Làm việc bù cho ngày nghỉ 02/05/2025"),
    (date(2025, 5, 2), False, "Ngày nghỉ (hoán đổi với thứ Bảy 26/04/2025)"),
]


def upgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.add_column(sa.Column("due_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_instances_due_at", ["due_at"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))

    overrides = op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    seeded_at = datetime(2025, 1, 1, tzinfo=timezone.utc)
    if op.get_bind().dialect.name == "sqlite":
        seeded_at = seeded_at.replace(tzinfo=None)
    op.bulk_insert(overrides, [{"day": d, "working": w, "name": n, "created_by": "system", "created_at": seeded_at}
                               for d, w, n in SEED])
    # The calendar version every process checks before using its cached calendar (engine.calendar_store).
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
    op.bulk_insert(counters, [{"name": "calendar_overrides", "value": 1}])

    op.create_table(
        "case_deadline_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("previous_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("task_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_deadline_changes_instance", "case_deadline_changes", ["instance_id"])

    op.create_table(
        "timers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("element", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["instance_id"], ["instances.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("instance_id", "task_id", "due_at"),
    )
    op.create_index("ix_timers_status_due_at", "timers", ["status", "due_at"])
    op.create_index("ix_timers_instance", "timers", ["instance_id"])

    op.create_table(
        "notifications",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=True),
        sa.Column("business_key", sa.String(length=40), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_status", sa.String(length=16), nullable=False),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("email_next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notifications_user", "notifications", ["username", "read_at"])
    op.create_index("ix_notifications_email", "notifications", ["email_status", "email_next_at"])


def downgrade() -> None:
    op.drop_index("ix_notifications_email", table_name="notifications")
    op.drop_index("ix_notifications_user", table_name="notifications")
    op.drop_table("notifications")
    op.drop_index("ix_timers_instance", table_name="timers")
    op.drop_index("ix_timers_status_due_at", table_name="timers")
    op.drop_table("timers")
    op.drop_index("ix_case_deadline_changes_instance", table_name="case_deadline_changes")
    op.drop_table("case_deadline_changes")
    op.drop_table("calendar_overrides")
    op.execute("DELETE FROM counters WHERE name = 'calendar_overrides'")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("instances") as batch:
        batch.drop_index("ix_instances_due_at")
        batch.drop_column("due_at")
