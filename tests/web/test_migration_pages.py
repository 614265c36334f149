"""The administrator's page for moving running cases (`/admin/processes/<id>/migrations`): a dry run that
changes nothing, the move, the refusals with their reasons, and the province-only rule."""
from tests.api.cases import Case
from tests.deploys import deploy
from tests.diagrams import moving_diagram
from tests.trust.helpers import table_fingerprint

PAGE = "/admin/processes/chuyen/migrations"


def two_versions(api) -> tuple[Case, Case]:
    assert deploy(api, moving_diagram(1), pid="chuyen").status_code == 201
    waiting = Case(api, "chuyen", "tiep_cong_dan", {})
    past = Case(api, "chuyen", "tiep_cong_dan", {})
    past.do("tiep_nhan", "tiep_cong_dan", {})
    assert deploy(api, moving_diagram(2), pid="chuyen").status_code == 201
    return waiting, past


def test_the_dry_run_shows_each_case_and_the_move_moves_the_movable_ones(web, api, services):
    waiting, past = two_versions(api)
    admin = web("quan_tri.tinh")
    page = admin.text(PAGE)
    assert "phiên bản 1: 2 hồ sơ" in page and 'id="move" class="primary">' in page
    before = table_fingerprint(services)
    response = admin.post(PAGE, {"from_version": "1", "to_version": "2", "action": "dry_run"}, page=PAGE)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert table_fingerprint(services) == before
    assert "Kết quả chạy thử" in text and "Chuyển được: 1" in text and "Không chuyển: 1" in text
    assert "Bước đã làm “Tiếp nhận” (tiep_nhan) đổi chỗ trong luồng ở phiên bản mới (bước sau)" in text
    assert '<td data-label="Trạng thái">đã làm</td>' in text and '<td data-label="Trạng thái">đang mở</td>' in text
    assert '<td data-label="Trạng thái">đang chờ sự kiện</td>' in text  # the reminder waiting
    assert "(đổi: bước sau)" in text  # words, not codes; each cell named for the phone's stacked rows
    assert not any(code in text for code in ("COMPLETED", "READY", "WAITING", "outputs"))
    response = admin.post(PAGE, {"cases": waiting.body["business_key"], "to_version": "2", "action": "move"},
                          page=PAGE)
    assert "Đã chuyển: 1" in response.get_data(as_text=True)
    assert waiting.detail()["version"] == 2 and past.detail()["version"] == 1
    moves = admin.text("/audit?action=moved")  # who moved the case: by name, the login beside it for the log
    assert "Châu Văn Tỉnh (<code>quan_tri.tinh</code>)" in moves


def test_a_commune_administrator_may_neither_try_nor_move(web, api):
    waiting, _ = two_versions(api)
    admin = web("quan_tri")
    assert 'id="move" class="primary" disabled' in admin.text(PAGE)
    for action in ("dry_run", "move"):
        response = admin.post(PAGE, {"from_version": "1", "action": action}, page=PAGE)
        assert response.status_code == 403
    assert waiting.detail()["version"] == 1


def test_a_mapping_naming_a_step_the_new_version_lacks_says_which_and_what_to_do(web, api):
    two_versions(api)
    admin = web("quan_tri.tinh")
    response = admin.post(PAGE, {"from_version": "1", "to_version": "2", "mapping": "xu_ly = khong_co",
                                 "action": "dry_run"}, page=PAGE)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Hãy ghi đúng mã (id) của bước ở phiên bản mới (xem trong trình vẽ quy trình); phiên bản mới không có: " \
        "khong_co" in text
    assert "<code>mapping</code>" not in text
