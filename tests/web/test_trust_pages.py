"""The web pages' side of the trust rules (issue 21): what an auditor, an administrator or a province user
could do through the pages that the API already refused."""
from __future__ import annotations

from sqlalchemy import func, select

from engine.store.tables import Instance, User
from tests.trust.helpers import PASSWORD, new_user


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
    assert _count(services, Instance) == 0


def test_an_auditor_who_also_administers_cannot_create_a_chairman_through_the_web(web, services, client):
    username, _ = new_user(services, client, roles=("kiem_tra", "quan_tri"))
    page = web().login(username, PASSWORD)
    response = page.post("/admin/users", {"username": "chu_tich_gia", "full_name": "Chủ tịch giả",
                                          "password": "mat-khau-moi-123", "roles": "chu_tich",
                                          "unit": "nghia_ky"}, page="/admin/users")
    assert response.status_code == 403
    assert _count(services, User, User.username == "chu_tich_gia") == 0
