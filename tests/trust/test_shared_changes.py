"""What every commune shares (process versions, the working-day calendar) is changed only by an administrator
above the communes, and every auditor sees the change (issue 21, findings 1 and 8).

A commune's administrator had deployed a `to_cao` version that mailed commune B's denouncers to them, and had
moved every commune's statutory dates with an event no commune's auditor could see."""
from __future__ import annotations

import io
from datetime import date

from engine.people.users import create_user
from engine.store.tables import CalendarOverrideRow
from tests.deploys import deploy
from tests.diagrams import CONFIRM_FORM, CONFIRM_FORM_NAME, diagram

from .helpers import PASSWORD, sql, table_fingerprint

DAY_OFF = {"working": False, "name": "Quyết định nghỉ bù số 9"}


def test_a_commune_administrator_may_not_deploy_and_changes_nothing(api, services):
    before = table_fingerprint(services)
    response = deploy(api, diagram(), user="quan_tri")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert "cấp tỉnh" in response.get_json()["error"]["message"]
    assert table_fingerprint(services) == before


def test_a_commune_administrator_may_not_edit_the_calendar(api, services):
    before = table_fingerprint(services)
    assert api.as_("quan_tri").put("/api/v1/calendar/overrides/2026-06-08", json=DAY_OFF).status_code == 403
    assert api.as_("quan_tri").delete("/api/v1/calendar/overrides/2026-01-02").status_code == 403
    assert table_fingerprint(services) == before


def test_the_province_administrator_deploys_while_the_server_serves_one_province(api, services):
    assert deploy(api, diagram(), user="quan_tri.tinh").status_code == 201


def test_with_a_second_province_on_the_server_only_a_national_administrator_deploys(api, client, services):
    create_user(services, username="quan_tri.quoc_gia", password=PASSWORD, full_name="Quản trị quốc gia",
                roles=["quan_tri"], unit_code=None)
    sql(services, "INSERT INTO org_units (code, name, kind) VALUES ('binh_dinh', 'Tỉnh Bình Định', 'province')")
    try:
        assert deploy(api, diagram(), user="quan_tri.tinh").status_code == 403
        assert api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-06-08", json=DAY_OFF).status_code == 403
        token = client.post("/api/v1/auth/token", json={"username": "quan_tri.quoc_gia", "password": PASSWORD})
        national = {"Authorization": f"Bearer {token.get_json()['access_token']}"}
        response = client.post("/api/v1/process-models/thu_nghiem/versions", headers=national,
                               data={"bpmn": (io.BytesIO(diagram().encode()), "thu_nghiem.bpmn"),
                                     "files": [(io.BytesIO(CONFIRM_FORM.encode()), CONFIRM_FORM_NAME)]},
                               content_type="multipart/form-data")
        assert response.status_code == 201
        assert client.put("/api/v1/calendar/overrides/2026-06-08", json=DAY_OFF, headers=national).status_code == 201
    finally:
        sql(services, "DELETE FROM org_units WHERE code = 'binh_dinh'")
        sql(services, "DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE username = 'quan_tri.quoc_gia')")
        sql(services, "DELETE FROM users WHERE username = 'quan_tri.quoc_gia'")


def test_every_auditor_sees_a_change_of_the_calendar_whatever_their_commune(api, services):
    assert api.as_("quan_tri.tinh").put("/api/v1/calendar/overrides/2026-06-08", json=DAY_OFF).status_code == 201
    assert api.as_("quan_tri.tinh").delete("/api/v1/calendar/overrides/2026-06-08").status_code == 204
    for auditor in ("kiem_tra", "kiem_tra.tinh"):
        items = api.as_(auditor).get("/api/v1/audit/events?actor=quan_tri.tinh").get_json()["items"]
        assert [e["action"] for e in items] == ["calendar_override_set", "calendar_override_deleted"], auditor
        assert items[0]["data"]["day"] == "2026-06-08"
    with services.uow(write=False) as uow:
        assert uow.session.get(CalendarOverrideRow, date(2026, 6, 8)) is None
