"""Administrators' pages: validating and deploying from the modeler, comparing versions, users and units."""
import io
import re

from engine.processes.catalogue import get_process_model
from tests.deploys import deploy
from tests.diagrams import moving_diagram
from tests.samples import INTAKE, KHIEU_NAI_BPMN


def test_only_administrators_reach_the_admin_pages(web):
    assert web("chu_tich").get("/admin/processes").status_code == 403
    assert web("quan_tri").get("/admin/processes").status_code == 200


def test_validate_reports_each_problem_with_its_element_and_stores_nothing(web, services):
    broken = KHIEU_NAI_BPMN.replace("<bpmn:flowNodeRef>de_xuat_thu_ly</bpmn:flowNodeRef>", "")
    response = web("quan_tri").post_xml("/admin/processes/khieu_nai/versions/1/validate", broken)
    assert response.status_code == 200
    body = response.get_json()
    assert body["valid"] is False
    assert [p["element"] for p in body["problems"]] == ["de_xuat_thu_ly"]
    assert get_process_model(services, "khieu_nai")["latest_version"] == 1


def test_validate_accepts_the_unchanged_diagram(web):
    response = web("quan_tri").post_xml("/admin/processes/khieu_nai/versions/1/validate", KHIEU_NAI_BPMN)
    assert response.get_json() == {"valid": True, "problems": []}


def test_modeler_posts_need_the_csrf_header(web):
    client = web("quan_tri")
    response = client.client.post("/admin/processes/khieu_nai/versions/1/validate", data=KHIEU_NAI_BPMN.encode(),
                                  content_type="application/xml")
    assert response.status_code == 403  # the documented error body the modeler's script reads, not a page
    assert response.get_json()["error"]["code"] == "csrf_failed"


def test_deploy_from_the_modeler_keeps_the_forms_of_the_version_it_came_from(web, services):
    renamed = KHIEU_NAI_BPMN.replace('name="Quyết định thụ lý"', 'name="Quyết định việc thụ lý"')
    response = web("quan_tri.tinh").post_xml("/admin/processes/khieu_nai/versions/1/deploy", renamed)
    assert response.status_code == 201 and response.get_json()["version"] == 2
    model = get_process_model(services, "khieu_nai")
    assert model["versions"][1]["files"] == model["versions"][0]["files"]
    again = web("quan_tri.tinh").post_xml("/admin/processes/khieu_nai/versions/1/deploy", renamed)
    assert again.status_code == 200 and again.get_json() == {
        "created": False, "version": 2, "url": "/admin/processes/khieu_nai",
        "migrationsUrl": "/admin/processes/khieu_nai/migrations"}


def test_deploy_of_a_broken_diagram_answers_the_problems_in_the_api_error_body(web):
    broken = KHIEU_NAI_BPMN.replace("<bpmn:flowNodeRef>quyet_dinh_thu_ly</bpmn:flowNodeRef>", "")
    response = web("quan_tri.tinh").post_xml("/admin/processes/khieu_nai/versions/1/deploy", broken)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_process_model"
    assert error["details"]["problems"][0]["element"] == "quyet_dinh_thu_ly"


def test_compare_lists_renamed_steps_and_changed_properties(web):
    changed = (KHIEU_NAI_BPMN.replace('name="Quyết định thụ lý"', 'name="Quyết định việc thụ lý"')
               .replace('name="param.thoi_han_giai_quyet" value="30"', 'name="param.thoi_han_giai_quyet" value="31"'))
    client = web("quan_tri.tinh")
    client.post_xml("/admin/processes/khieu_nai/versions/1/deploy", changed)
    html = client.text("/admin/processes/khieu_nai/compare?old=1&new=2")
    assert "<del>Quyết định thụ lý</del> → <ins>Quyết định việc thụ lý</ins>" in html
    assert "param.thoi_han_giai_quyet" in html and ">30<" in html and ">31<" in html


def test_administrator_creates_a_user_with_roles_and_a_unit(web):
    client = web("quan_tri")
    response = client.post("/admin/users", {"username": "pho_chu_tich_2", "full_name": "Phạm Thị Hai",
                                            "password": "mat-khau-du-dai", "roles": ["pho_chu_tich", "chu_tich"],
                                            "unit": "nghia_ky"}, page="/admin/users")
    assert response.status_code == 302
    html = client.text("/admin/users")
    assert "pho_chu_tich_2" in html and "Phạm Thị Hai" in html
    from .conftest import WebClient
    new_user = WebClient(client.client.application.test_client()).login("pho_chu_tich_2", "mat-khau-du-dai")
    assert new_user.get("/inbox").status_code == 200


def test_user_creation_problems_are_shown_by_field(web):
    response = web("quan_tri").post("/admin/users", {"username": "ngan", "full_name": "Ngắn", "password": "123",
                                                     "roles": ["van_phong"]}, page="/admin/users")
    assert response.status_code == 422
    assert '<p class="error" id="u-password-error">Ít nhất 8 ký tự.</p>' in response.get_data(as_text=True)


ROW_COUNT = '<td data-label="Số hồ sơ">'


def test_case_counts_on_the_administrators_pages_are_of_their_own_communes(web, api):
    for reception in ("tiep_cong_dan", "tiep_cong_dan.b"):  # one complaint in each commune
        opened = api.as_(reception).post("/api/v1/instances", json={"process_model": "khieu_nai", "data": INTAKE})
        assert opened.status_code == 201
    for admin, count in (("quan_tri", 1), ("quan_tri.tinh", 2)):  # Xã Nghĩa Kỳ's, the province's
        client = web(admin)
        assert f"{ROW_COUNT}{count}</td>" in re.search(r'<tr>.*?khieu_nai.*?</tr>', client.text("/admin/processes"),
                                                      re.S).group(0)
        assert f"Số hồ sơ: {count}</p>" in client.text("/admin/processes/khieu_nai")


def audit_events(api, action):
    return api.as_("kiem_tra.tinh").get(f"/api/v1/audit/events?action={action}").get_json()["items"]


def test_a_commune_administrator_sees_and_creates_only_the_communes_own_accounts(web, api):
    client = web("quan_tri")  # Xã Nghĩa Kỳ
    html = client.text("/admin/users")
    assert 'href="/admin/users/chu_tich"' in html
    for other in ("chu_tich.b", "quan_tri.tinh"):  # Xã Tịnh Phong's, the province's
        assert f'href="/admin/users/{other}"' not in html
        assert client.get(f"/admin/users/{other}").status_code == 404
    elsewhere = client.post("/admin/users", {"username": "can_bo_xa_moi", "full_name": "Cán bộ mới",
                                             "password": "mat-khau-du-dai", "roles": ["van_phong"],
                                             "unit": "tinh_phong"}, page="/admin/users")
    assert elsewhere.status_code == 422 and "Đơn vị không tồn tại." in elsewhere.get_data(as_text=True)
    assert client.post("/admin/users", {"username": "can_bo_xa_moi", "full_name": "Cán bộ mới",
                                        "password": "mat-khau-du-dai", "roles": ["van_phong"],
                                        "unit": "nghia_ky"}, page="/admin/users").status_code == 302
    assert [(e["actor"], e["data"]["username"]) for e in audit_events(api, "user_created")] == [
        ("quan_tri", "can_bo_xa_moi")]
    province = web("quan_tri.tinh").text("/admin/users")
    assert 'href="/admin/users/chu_tich.b"' in province and 'href="/admin/users/can_bo_xa_moi"' in province


def test_administrator_changes_roles_locks_an_account_and_sets_its_password(web, api, services, clock):
    from engine.people.users import create_user

    from .conftest import WebClient
    create_user(services, username="van_thu", password="mat-khau-ban-dau", full_name="Võ Thị Thư",
                roles=["van_phong"], unit_code="nghia_ky")  # demo users are shared by the whole test session
    admin = web("quan_tri")
    page = "/admin/users/van_thu"
    assert 'name="roles" value="van_phong" checked' in admin.text(page)
    response = admin.post(page, {"form": "account", "full_name": "Võ Thị Thư", "roles": ["van_phong", "tu_phap"],
                                 "unit": "nghia_ky"}, page=page)  # "active" unticked: locked
    assert response.status_code == 302
    html = admin.text(page)
    assert 'id="locked"' in html and 'name="roles" value="tu_phap" checked' in html
    locked = WebClient(admin.client.application.test_client())
    assert locked.client.post("/login", data={"username": "van_thu", "password": "mat-khau-ban-dau",
                                              "csrf_token": locked.token()}).status_code == 401
    assert admin.post(page, {"form": "account", "full_name": "Võ Thị Thư", "roles": ["van_phong", "tu_phap"],
                             "unit": "nghia_ky", "active": "1"}, page=page).status_code == 302
    assert admin.post(page, {"form": "password", "password": "mat-khau-moi-123"}, page=page).status_code == 302
    clock.advance(seconds=1)  # the failed login holds its address back a second
    WebClient(admin.client.application.test_client()).login("van_thu", "mat-khau-moi-123")
    updates = audit_events(api, "user_updated")
    assert [e["data"].get("active") for e in updates] == [False, True]
    assert updates[0]["data"]["roles"] == ["tu_phap", "van_phong"]
    assert [e["data"]["username"] for e in audit_events(api, "password_set")] == ["van_thu"]


def test_an_administrator_cannot_lock_themselves_out_and_is_told_why(web):
    admin = web("quan_tri")
    page = "/admin/users/quan_tri"
    response = admin.post(page, {"form": "account", "full_name": "Nguyễn Văn Quản", "roles": ["quan_tri"],
                                 "unit": "nghia_ky"}, page=page)
    assert response.status_code == 403  # refused by a rule, shown on the form it came from
    html = response.get_data(as_text=True)
    assert "Không tự khóa tài khoản của chính mình." in html and 'id="a-active" checked' not in html
    assert 'id="locked"' not in admin.text(page)  # nothing changed
    short = admin.post(page, {"form": "password", "password": "123"}, page=page)
    assert short.status_code == 422 and 'id="a-password-error"' in short.get_data(as_text=True)


def test_administrator_adds_a_hamlet_to_the_commune(web, api):
    client = web("quan_tri")
    response = client.post("/admin/units", {"code": "nghia_ky.thon_moi", "name": "Thôn Mới", "kind": "hamlet",
                                            "parent": "nghia_ky"}, page="/admin/units")
    assert response.status_code == 302
    assert "Thôn Mới" in client.text("/admin/units")
    assert [e["data"]["code"] for e in audit_events(api, "unit_created")] == ["nghia_ky.thon_moi"]
    wrong = client.post("/admin/units", {"code": "nghia_ky.thon_le", "name": "Thôn Lẻ", "kind": "hamlet",
                                         "parent": "quang_ngai"}, page="/admin/units")
    assert wrong.status_code == 422
    html = client.text("/admin/units")
    assert "Thôn Phong Niên" not in html and "Xã Tịnh Phong" not in html  # another commune's units
    elsewhere = client.post("/admin/units", {"code": "tinh_phong.thon_moi", "name": "Thôn Mới B", "kind": "hamlet",
                                             "parent": "tinh_phong"}, page="/admin/units")
    assert elsewhere.status_code == 422


def test_staff_search_offers_the_hamlets_of_their_own_commune(web):
    html = web("chu_tich").text("/cases")
    assert '<option value="Thôn Phú Sơn">' in html and "Thôn Phong Niên" not in html


def test_calendar_page_lists_the_holidays_and_offers_the_override_table(web):
    html = web("quan_tri.tinh").text("/admin/calendar?year=2026")
    assert "02/09/2026" in html and "17/02/2026" in html
    assert 'class="stub"' not in html and 'name="day"' in html


def test_a_commune_administrator_reads_the_calendar_and_the_processes_but_is_offered_no_shared_change(web):
    client = web("quan_tri")
    calendar = client.text("/admin/calendar?year=2026")
    assert "02/09/2026" in calendar and 'name="day"' not in calendar and 'id="shared-only"' in calendar
    processes = client.text("/admin/processes")
    assert 'name="bpmn"' not in processes and 'id="shared-only"' in processes
    modeler = client.text("/admin/processes/khieu_nai/versions/1/modeler")
    assert 'id="btn-deploy" class="primary" disabled' in modeler


def test_compare_names_kinds_of_element_and_properties_in_words_and_no_unchanged_condition(web, api):
    assert deploy(api, moving_diagram(1), pid="chuyen").status_code == 201
    assert deploy(api, moving_diagram(2, case_days="45"), pid="chuyen").status_code == 201
    html = web("quan_tri.tinh").text("/admin/processes/chuyen/compare?old=1&new=2")
    assert "(Công việc của người dùng, Cán bộ xác minh)" in html and "(userTask" not in html  # the XML diff aside
    assert "Hạn của hồ sơ (số ngày, biểu thức) <code>caseDeadlineDays</code>" in html
    assert "Điều kiện rẽ nhánh" not in html  # the new flows have no condition: nothing changed there


def test_the_process_page_names_each_versions_deployer_by_full_name(web):
    renamed = KHIEU_NAI_BPMN.replace('name="Quyết định thụ lý"', 'name="Quyết định việc thụ lý"')
    assert web("quan_tri.tinh").post_xml("/admin/processes/khieu_nai/versions/1/deploy", renamed).status_code == 201
    page = web("quan_tri").text("/admin/processes/khieu_nai")
    row = re.search(r'<tr class="version-row" data-version="2">.*?</tr>', page, re.S).group(0)
    assert "Châu Văn Tỉnh" in row  # the name people know; the login only in small print beside it
    assert re.sub(r'<small class="muted">quan_tri\.tinh</small>|title="quan_tri\.tinh"', "", row).count(
        "quan_tri.tinh") == 0


def test_the_modelers_lint_problems_are_in_the_readers_language_and_the_apis_stay_vietnamese(web, api):
    no_lane = KHIEU_NAI_BPMN.replace("<bpmn:flowNodeRef>de_xuat_thu_ly</bpmn:flowNodeRef>", "")
    unknown_role = KHIEU_NAI_BPMN.replace('<bpmn:lane id="lane_chu_tich" name="chu_tich">',
                                          '<bpmn:lane id="lane_chu_tich" name="thu_ky">')
    admin = web("quan_tri.tinh")
    admin.get("/lang/en")
    said = admin.post_xml("/admin/processes/khieu_nai/versions/1/validate", no_lane).get_json()["problems"]
    assert [p["message"] for p in said] == [
        "A user task must sit in a lane: drag it into the lane of the role that does this work."]
    refused = admin.post_xml("/admin/processes/khieu_nai/versions/1/deploy", unknown_role)
    assert refused.status_code == 422
    messages = {p["message"] for p in refused.get_json()["error"]["details"]["problems"]}
    assert messages == {"The lane name 'thu_ky' is no known role code: choose the lane's role in the properties panel."}
    preview = admin.post_xml("/admin/processes/khieu_nai/versions/1/preview", no_lane).get_json()
    assert preview["problems"][0]["message"].startswith("A user task must sit in a lane")
    response = api.as_("quan_tri.tinh").post("/api/v1/process-models/khieu_nai/versions", headers={
        "Accept-Language": "en"}, data={"bpmn": (io.BytesIO(no_lane.encode()), "khieu_nai.bpmn")},
        content_type="multipart/form-data")
    assert response.status_code == 422  # the API's documented language, whoever asks
    assert "Công việc người dùng phải nằm trong một làn: kéo nó vào làn của vai trò làm việc này." in {
        p["message"] for p in response.get_json()["error"]["details"]["problems"]}
