"""Migration 0017 gives the petitions and letters opened before the list the sector their free-text
`linh_vuc` named, read from the audit log (the case's start and completed steps), and no other case one."""
import json

from sqlalchemy import create_engine, text

from engine.store.migrate import upgrade

CASE = ("INSERT INTO instances (id, business_key, process_model_id, version_id, version, status, state, revision,"
        " created_by, created_at, updated_at) VALUES (:id, :key, :model, 1, 1, 'running', '', 1, 'x',"
        " '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
EVENT = ("INSERT INTO audit_events (occurred_at, action, instance_id, data) VALUES"
         " ('2026-01-01 00:00:00', :action, :id, :data)")


def test_earlier_cases_get_the_sector_their_free_text_named(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0016_path_taken")
    engine = create_engine(url)
    with engine.begin() as conn:
        for case_id, model in (("p1", "kien_nghi_phan_anh"), ("p2", "kien_nghi_phan_anh"), ("l1", "xu_ly_don"),
                               ("c1", "khieu_nai"), ("v1", "dan_van_kheo")):
            conn.execute(text(CASE), {"id": case_id, "key": case_id.upper(), "model": model})
        for case_id, action, data in (
                ("p1", "started", {"linh_vuc": "Ô nhiễm môi trường"}), ("p2", "started", {"linh_vuc": "Hạ tầng"}),
                ("l1", "started", {"nguoi_gui": "A"}), ("l1", "completed", {"linh_vuc": "Đất đai"}),
                ("c1", "started", {"noi_dung_khieu_nai": "đất đai"}),
                ("v1", "started", {"linh_vuc": "moi_truong"})):
            conn.execute(text(EVENT), {"action": action, "id": case_id, "data": json.dumps(data)})
    upgrade(url)
    with engine.connect() as conn:
        sectors = dict(conn.execute(text("SELECT id, sector FROM instances")).all())
    engine.dispose()
    assert sectors == {"p1": "moi_truong", "p2": "khac", "l1": "dat_dai", "c1": None, "v1": None}
