"""trust: audit hash chain, login throttling

Revision ID: 0004_trust
Revises: 0007_webui
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_trust"
down_revision = "0007_webui"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        batch.create_unique_constraint("uq_audit_events_seq", ["seq"])
        batch.create_index("ix_audit_action", ["action"])
        batch.create_index("ix_audit_commune", ["commune_id"])
    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_attempts_username", "login_attempts", ["username", "attempted_at"])
    op.create_index("ix_login_attempts_address", "login_attempts", ["address", "attempted_at"])
    _chain_existing_events()


def _chain_existing_events() -> None:
    """Events written before the chain existed are chained now, in id order, so `audit verify` passes."""
    from engine.store.tables import JsonDoc, UtcDateTime
    from engine.trust.audit_chain import GENESIS, event_hash

    conn = op.get_bind()
    events = sa.table("audit_events", *[sa.column(n) for n in (
        "id", "actor", "action", "instance_id", "task_id", "process_model_id", "version")],
        sa.column("occurred_at", UtcDateTime()), sa.column("data", JsonDoc))
    rows = conn.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    previous, seq = GENESIS, 0
    for row in rows:
        seq += 1
        content = dict(row)
        content["seq"], content["commune_id"] = seq, None
        digest = event_hash(content, previous)
        conn.execute(sa.text("UPDATE audit_events SET seq = :seq, prev_hash = :prev, hash = :hash WHERE id = :id"),
                     {"seq": seq, "prev": previous, "hash": digest, "id": row["id"]})
        previous = digest
    conn.execute(sa.text("INSERT INTO audit_chain (id, last_seq, last_hash) VALUES (1, :seq, :hash)"),
                 {"seq": seq, "hash": previous})


def downgrade() -> None:
    op.drop_index("ix_login_attempts_address", table_name="login_attempts")
    op.drop_index("ix_login_attempts_username", table_name="login_attempts")
    op.drop_table("login_attempts")
    op.drop_table("audit_chain")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index("ix_audit_commune")
        batch.drop_index("ix_audit_action")
        batch.drop_constraint("uq_audit_events_seq", type_="unique")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("commune_id")
        batch.drop_column("seq")
