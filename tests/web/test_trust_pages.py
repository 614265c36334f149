"""The web pages' side of the trust rules (issue 21): what an auditor, an administrator or a province user
could do through the pages that the API already refused."""
from __future__ import annotations

import io
from datetime import date

from sqlalchemy import func, select

from engine.processes.catalogue import get_process_model
from engine.store.tables import CalendarOverrideRow, Case, User
from tests.samples import KHIEU_NAI_BPMN
from tests.trust.helpers import OTHER_PROVINCE_CITIZEN, PASSWORD, another_province, case_in, new_user


def _count(services, model, *where) -> int:
    with services.uow(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model).where(*where))


def test_an_auditor_who_also_receives_citizens_cannot_open_a_case_through_the_web(web, services, client):
    username, _ = new_user(services, client, roles=("kiem_tra", "tiep_cong_dan"))
    page = web().login(username, PASSWORD)
    response = page.post("/cases/new/khieu_nai", {"nguoi_khieu_nai": "Nguyễn Văn An"},
                         page="/cases/new/khieu_nai")
    assert response.status_code == 403
    assert "chỉ được xem" in response.get_data(as_text=True)
    assert _count(services, Case) == 0


def test_an_auditor_who_also_administers_cannot_create_a_chairman_through_the_web(web, services, client):
    username, _ = new_user(services, client, roles=("kiem_tra", "quan_tri"))
    page = web().login(username, PASSWORD)
    response = page.post("/admin/users", {"username": "chu_tich_gia", "full_name": "Chủ tịch giả",
                                          "password": "mat-khau-moi-123", "roles": "chu_tich",
                                          "unit": "nghia_ky"}, page="/admin/users")
    assert response.status_code == 403
    assert _count(services, User, User.username == "chu_tich_gia") == 0


def test_a_commune_administrator_cannot_deploy_from_the_modeler_or_the_upload_form(web, services):
    client = web("quan_tri")
    renamed = KHIEU_NAI_BPMN.replace('name="Quyết định thụ lý"', 'name="Quyết định việc thụ lý"')
    response = client.post_xml("/admin/processes/khieu_nai/versions/1/deploy", renamed)
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    upload = client.post("/admin/processes/upload", {"bpmn": (io.BytesIO(renamed.encode()), "khieu_nai.bpmn")},
                         page="/admin/processes", content_type="multipart/form-data")
    assert upload.status_code == 403
    assert get_process_model(services, "khieu_nai")["latest_version"] == 1


def test_a_commune_administrator_cannot_move_every_communes_dates(web, services):
    client = web("quan_tri")
    response = client.post("/admin/calendar?year=2026", {"day": "2026-06-08", "working": "0", "name": "Nghỉ"},
                           page="/admin/calendar")
    assert response.status_code == 403
    with services.uow(write=False) as uow:
        assert uow.session.get(CalendarOverrideRow, date(2026, 6, 8)) is None


def test_a_province_auditor_finds_no_case_of_another_province_in_the_web_search(web, services, api):
    other = another_province(services)
    case = case_in(services, other["commune"])
    for user in ("kiem_tra.tinh", "quan_tri.tinh"):
        html = web(user).text("/cases?citizen=doan+van")
        assert f'/cases/{case["id"]}' not in html and OTHER_PROVINCE_CITIZEN not in html, user
    assert api.as_("kiem_tra.tinh").get(f"/api/v1/instances/{case['id']}").status_code == 404
