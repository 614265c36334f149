"""Users, roles and units administered through the API, each administrator within their own scope."""
import uuid
from types import SimpleNamespace

import pytest

from engine.core.principal import PORTAL_USER, Principal
from engine.people.users import DEMO_PASSWORD
from engine.trust.confidential import may_read

from .helpers import sql


def fresh(prefix="can_bo"):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def create(api, admin="quan_tri", **overrides):
    body = {"username": fresh(), "full_name": "Cán bộ Mới", "password": "mat-khau-dai-du",
            "roles": ["tu_phap"], "unit": "nghia_ky", **overrides}
    return api.as_(admin).post("/api/v1/users", json=body), body


def test_a_commune_administrator_sees_only_the_users_of_the_commune(api):
    listed = api.as_("quan_tri").get("/api/v1/users?limit=200").get_json()
    names = {u["username"] for u in listed["items"]}
    assert {"chu_tich", "truong_thon"} <= names and "chu_tich.b" not in names and "kiem_tra.tinh" not in names
    assert api.as_("quan_tri").get("/api/v1/users/chu_tich.b").status_code == 404
    assert api.as_("quan_tri").get("/api/v1/users/chu_tich").get_json()["unit"] == "nghia_ky"


def test_a_provincial_administrator_sees_every_commune_of_the_province(api):
    names = {u["username"] for u in api.as_("quan_tri.tinh").get("/api/v1/users?limit=200").get_json()["items"]}
    assert {"chu_tich", "chu_tich.b", "kiem_tra.tinh"} <= names
    units = {u["code"]: u for u in api.as_("quan_tri.tinh").get("/api/v1/units").get_json()["items"]}
    assert units["tinh_phong"] == {"code": "tinh_phong", "name": "Xã Tịnh Phong", "kind": "commune",
                                   "parent": "quang_ngai"}
    assert "nghia_ky.phu_son" in units and "quang_ngai" in units
    own = {u["code"] for u in api.as_("quan_tri").get("/api/v1/units").get_json()["items"]}
    assert "nghia_ky" in own and "tinh_phong" not in own and "quang_ngai" not in own


def test_filters_by_role_unit_and_state(api):
    items = api.as_("quan_tri.tinh").get("/api/v1/users?role=chu_tich&unit=tinh_phong").get_json()["items"]
    assert [u["username"] for u in items] == ["chu_tich.b"]


def test_an_administrator_creates_a_user_who_can_log_in(api, client):
    response, body = create(api)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["roles"] == ["tu_phap"] and "password" not in response.get_json()
    login = client.post("/api/v1/auth/token", json={"username": body["username"], "password": body["password"]})
    assert login.status_code == 200
    again, _ = create(api, username=body["username"])
    assert again.status_code == 409
    events = api.as_("kiem_tra").get("/api/v1/audit/events?action=user_created").get_json()["items"]
    assert events[-1]["data"]["username"] == body["username"] and "password" not in events[-1]["data"]


def test_a_commune_administrator_cannot_create_users_in_another_commune_or_without_unit(api):
    response, _ = create(api, unit="tinh_phong")
    assert response.status_code == 422 and "unit" in response.get_json()["error"]["details"]
    response, _ = create(api, unit=None)
    assert response.status_code == 422


def test_bad_accounts_are_refused_naming_the_field(api):
    for overrides, field in (({"roles": ["vua"]}, "roles"), ({"password": DEMO_PASSWORD}, "password"),
                             ({"password": "ngan"}, "password"), ({"username": "Có Dấu"}, "username"),
                             ({"roles": []}, "roles")):
        response, _ = create(api, **overrides)
        assert response.status_code == 422, overrides
        assert field in response.get_json()["error"]["details"]


def test_only_administrators_manage_users(api):
    assert api.as_("chu_tich").get("/api/v1/users").status_code == 403
    response, _ = create(api, admin="chu_tich")
    assert response.status_code == 403


def test_an_administrator_changes_roles_and_sets_a_password(api, client):
    response, body = create(api)
    username = body["username"]
    token = client.post("/api/v1/auth/token", json={"username": username, "password": body["password"]}
                        ).get_json()["access_token"]
    changed = api.as_("quan_tri").patch(f"/api/v1/users/{username}", json={"roles": ["dia_chinh"],
                                                                          "full_name": "Tên Mới"})
    assert changed.get_json()["roles"] == ["dia_chinh"] and changed.get_json()["full_name"] == "Tên Mới"
    assert api.as_("quan_tri").post(f"/api/v1/users/{username}/password",
                                    json={"password": "mat-khau-khac-dai"}).status_code == 204
    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert api.as_("quan_tri").post("/api/v1/users/chu_tich.b/password",
                                    json={"password": "mat-khau-khac-dai"}).status_code == 404


def test_an_administrator_cannot_lock_themselves_out(api):
    assert api.as_("quan_tri").patch("/api/v1/users/quan_tri", json={"active": False}).status_code == 403
    assert api.as_("quan_tri").patch("/api/v1/users/quan_tri", json={"roles": ["tu_phap"]}).status_code == 403


def test_units_are_created_under_a_parent_of_the_right_kind_within_scope(api):
    code = fresh("thon")
    made = api.as_("quan_tri").post("/api/v1/units", json={"code": code, "name": "Thôn Mới", "kind": "hamlet",
                                                           "parent": "nghia_ky"})
    assert made.status_code == 201 and made.get_json()["parent"] == "nghia_ky"
    wrong_kind = api.as_("quan_tri").post("/api/v1/units", json={"code": fresh("x"), "name": "X", "kind": "commune",
                                                                 "parent": "nghia_ky"})
    assert wrong_kind.status_code == 422
    outside = api.as_("quan_tri").post("/api/v1/units", json={"code": fresh("y"), "name": "Y", "kind": "hamlet",
                                                              "parent": "tinh_phong"})
    assert outside.status_code == 422
    province = api.as_("quan_tri.tinh").post("/api/v1/units", json={"code": fresh("z"), "name": "Z",
                                                                    "kind": "province"})
    assert province.status_code == 403


def test_nobody_grants_roles_to_themselves(api, services):
    response = api.as_("quan_tri").patch("/api/v1/users/quan_tri", json={"roles": ["quan_tri", "chu_tich"]})
    assert response.status_code == 403
    assert "Không tự cấp vai trò" in response.get_json()["error"]["message"]
    assert api.as_("quan_tri").get("/api/v1/users/quan_tri").get_json()["roles"] == ["quan_tri"]


@pytest.mark.parametrize("name", ["cong_thong_tin", "system", "danchu"])
def test_no_account_takes_a_name_the_engine_acts_under(api, name):
    response = api.as_("quan_tri").post("/api/v1/users", json={
        "username": name, "full_name": "Cổng thông tin", "password": "mat-khau-dai-123", "roles": ["tiep_cong_dan"],
        "unit": "nghia_ky"})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["details"]) == {"username"}


def test_an_account_stored_under_a_reserved_name_never_logs_in_nor_reads_the_portals_letters(api, services, client):
    sql(services, "INSERT INTO users (username, full_name, password_hash, active, token_generation, created_at) "
                  "VALUES (:u, 'x', :h, :a, 0, CURRENT_TIMESTAMP)", u=PORTAL_USER,
        h=services.passwords.hash("mat-khau-dai-123"), a=True)
    try:
        login = client.post("/api/v1/auth/token", json={"username": PORTAL_USER, "password": "mat-khau-dai-123"})
        assert login.status_code == 401
        portal_letter = SimpleNamespace(created_by=PORTAL_USER, commune_id=1, id="x")
        with services.uow(write=False) as uow:
            assert may_read(uow.session, Principal(PORTAL_USER, frozenset(), commune_id=1), portal_letter) is False
    finally:
        sql(services, "DELETE FROM users WHERE username = :u", u=PORTAL_USER)
