"""A province's users see the communes of their province, never another province's (issue 21, finding 6): frozen
reports had ignored the province (the web search: `tests/web/test_trust_pages.py`)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from .helpers import another_province, case_in, sql


def test_a_frozen_report_of_another_province_does_not_exist_for_a_province_user(api, services):
    other = another_province(services)
    case = case_in(services, other["commune"])
    sql(services, "INSERT INTO reports (instance_id, business_key, commune_id, kind, year, period_start, "
                  "period_end, title, content, sha256, approved_by, approved_at) VALUES (:i, :k, :c, 'q1', 2026, "
                  ":s, :e, 'Báo cáo quý I', '{}', :h, 'chu_tich', :a)",
        i=case["id"], k=case["business_key"], c=other["commune"], s=date(2026, 1, 1), e=date(2026, 3, 31),
        h="0" * 64, a=datetime(2026, 4, 1, tzinfo=timezone.utc))
    for path in ("", ".docx", ".xlsx"):
        response = api.as_("kiem_tra.tinh").get(f"/api/v1/reports/{case['id']}{path}")
        assert response.status_code == 404, path
        assert response.get_json()["error"]["code"] == "report_not_found"
