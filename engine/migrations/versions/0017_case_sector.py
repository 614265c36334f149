"""each complaint, denunciation, petition and letter records its sector (`instances.sector`, a code of the
closed list of `engine.core.sectors`), indexed for the case search and the leaders' counts; the cases opened
before it get the sector their free-text `linh_vuc` names, as the audit log recorded it

Revision ID: 0017_case_sector
Revises: 0016_path_taken
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0017_case_sector"
down_revision = "0016_path_taken"
branch_labels = None
depends_on = None

# The mapping of old free texts as it was when this migration was written (engine.core.sectors may change).
CODES = ("dat_dai", "boi_thuong_tai_dinh_cu", "moi_truong", "nguoi_co_cong", "an_sinh_xa_hoi", "giam_ngheo",
         "nong_thon_moi", "khac")
KEYWORDS = (
    ("boi_thuong_tai_dinh_cu", ("boi thuong", "tai dinh cu", "giai phong mat bang", "gpmb", "thu hoi dat")),
    ("dat_dai", ("dat dai", "dat ", "quyen su dung", "so do", "dia chinh")),
    ("moi_truong", ("moi truong", "o nhiem", "rac", "nuoc thai")),
    ("nguoi_co_cong", ("nguoi co cong", "thuong binh", "liet si", "co cong")),
    ("an_sinh_xa_hoi", ("an sinh", "bao tro xa hoi", "tro cap", "chinh sach xa hoi", "bao hiem")),
    ("giam_ngheo", ("giam ngheo", "ho ngheo", "can ngheo")),
    ("nong_thon_moi", ("nong thon moi", "do thi van minh")),
)
PROCESSES = ("kien_nghi_phan_anh", "xu_ly_don")  # the only ones whose forms had a `linh_vuc`


def upgrade() -> None:
    with op.batch_alter_table("instances") as batch:
        batch.add_column(sa.Column("sector", sa.String(length=40), nullable=True))
    op.create_index("ix_instances_commune_sector", "instances", ["commune_id", "sector", "created_at"])
    _backfill()


def downgrade() -> None:
    op.drop_index("ix_instances_commune_sector", table_name="instances")
    with op.batch_alter_table("instances") as batch:
        batch.drop_column("sector")


def _backfill() -> None:
    """The sector of each earlier petition and letter: the last `linh_vuc` its start or a completed step
    recorded in the audit log (never a confidential field), mapped to the list."""
    conn = op.get_bind()
    instances = sa.table("instances", sa.column("id", sa.String), sa.column("process_model_id", sa.String),
                         sa.column("sector", sa.String))
    events = sa.table("audit_events", sa.column("id", sa.Integer), sa.column("instance_id", sa.String),
                      sa.column("action", sa.String), sa.column("data", sa.JSON))
    rows = conn.execute(sa.select(events.c.instance_id, events.c.data)
                        .join(instances, instances.c.id == events.c.instance_id)
                        .where(instances.c.process_model_id.in_(PROCESSES),
                               events.c.action.in_(("started", "completed")))
                        .order_by(events.c.id)).all()
    sectors = {}
    for instance_id, data in rows:
        code = _code(data.get("linh_vuc") if isinstance(data, dict) else None)
        if code is not None:
            sectors[instance_id] = code
    for instance_id, code in sectors.items():
        conn.execute(instances.update().where(instances.c.id == instance_id).values(sector=code))


def _code(value):
    if not isinstance(value, str) or not value.strip():
        return None
    if value.strip() in CODES:
        return value.strip()
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    plain = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split()) + " "
    return next((code for code, words in KEYWORDS if any(word in plain for word in words)), "khac")
