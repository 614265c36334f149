"""each issuing body of a commune keeps its own outgoing register

A document's number is its order among those its issuing body issues in the year (Decree 30/2020/NĐ-CP,
Art. 15(1)(a)): the People's Committee's notices and decisions, the Front committee's notices, a hamlet's
minutes or the People's Inspection Board's reports are numbered each in their own book, not in one. The
issuing body is the symbol's part after its type ("TB-MTTQ" -> MTTQ), or the symbol itself ("UBND"). Lines
already registered keep their numbers; the counters of the bodies other than the People's Committee start
after the highest number each already holds, so no number is handed out twice.

Revision ID: 0023_register_per_issuer
Revises: 0022_visible_inbox_branches
"""
import sqlalchemy as sa
from alembic import op

revision = "0023_register_per_issuer"
down_revision = "0022_visible_inbox_branches"
branch_labels = None
depends_on = None


def _issuer(symbol: str) -> str:
    return symbol.split("-", 1)[1] if "-" in symbol else symbol


def upgrade() -> None:
    with op.batch_alter_table("outgoing_documents") as batch:
        batch.add_column(sa.Column("issuer", sa.String(40), nullable=False, server_default="UBND"))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, symbol, commune_id, year, number FROM outgoing_documents")).all()
    highest: dict[tuple, int] = {}
    for row in rows:
        issuer = _issuer(row.symbol)
        if issuer != "UBND":
            bind.execute(sa.text("UPDATE outgoing_documents SET issuer = :issuer WHERE id = :id"),
                         {"issuer": issuer, "id": row.id})
            key = (row.commune_id, row.year, issuer)
            highest[key] = max(highest.get(key, 0), row.number)
    for (commune, year, issuer), number in highest.items():
        bind.execute(sa.text("INSERT INTO counters (name, value) VALUES (:name, :value)"),
                     {"name": f"outgoing:{commune}:{year}:{issuer}", "value": number})
    op.drop_index("ix_outgoing_commune_year", table_name="outgoing_documents")
    with op.batch_alter_table("outgoing_documents") as batch:
        batch.drop_constraint("uq_outgoing_number", type_="unique")
        batch.create_unique_constraint("uq_outgoing_number", ["commune_id", "year", "issuer", "number"])
    op.create_index("ix_outgoing_commune_year", "outgoing_documents", ["commune_id", "year", "issuer", "number"])


def downgrade() -> None:
    op.drop_index("ix_outgoing_commune_year", table_name="outgoing_documents")
    with op.batch_alter_table("outgoing_documents") as batch:
        batch.drop_constraint("uq_outgoing_number", type_="unique")
        batch.create_unique_constraint("uq_outgoing_number", ["commune_id", "year", "number"])
        batch.drop_column("issuer")
    op.create_index("ix_outgoing_commune_year", "outgoing_documents", ["commune_id", "year", "number"])
    op.execute("DELETE FROM counters WHERE name LIKE 'outgoing:%:%:%'")
