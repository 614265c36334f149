"""The staff pages show the problems of a form's checks (`x-checks`) on their fields, and a warning is sent again
with the box that confirms it."""
from tests.api.cases import Case
from tests.api.test_bau_truong_thon import DECISION, NOTICE, TEAM, decided, forward
from tests.api.test_form_checks import deploy_counting, opened_task


def submit(client, task_id, data):
    return client.post(f"/tasks/{task_id}/submit", {"action": "complete", **data}, page=f"/tasks/{task_id}")


def test_a_check_error_is_shown_on_its_field_and_no_confirm_box_is_offered(web, api):
    assert deploy_counting(api).status_code == 201
    task_id, _ = opened_task(api, 101)
    response = submit(web("tiep_cong_dan"), task_id, {"co_mat": "102", "phieu_thu_ve": "90", "phieu_hop_le": "91"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="f-co_mat-error">Số có mặt không được lớn hơn tổng số (101).</p>' in html
    assert '<p class="error" id="f-phieu_hop_le-error">Số phiếu hợp lệ không được lớn hơn số phiếu thu về (90).</p>' in html
    assert 'name="confirm_warnings"' not in html


def test_a_warning_asks_for_the_confirm_box_and_passes_once_it_is_ticked(web, api):
    assert deploy_counting(api).status_code == 201
    task_id, case_id = opened_task(api, 101)
    client = web("tiep_cong_dan")
    response = submit(client, task_id, {"co_mat": "50"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="f-co_mat-error">Chưa quá nửa tổng số (101) có mặt: xác nhận?</p>' in html
    assert 'name="confirm_warnings" value="1"' in html
    response = submit(client, task_id, {"co_mat": "50", "confirm_warnings": "1"})
    assert response.status_code == 302
    assert api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case_id}").get_json()["data"]["co_mat"] == 50
    history = client.text(f"/cases/{case_id}")
    assert "Xác nhận số liệu có cảnh báo" in history


def test_the_start_form_shows_a_check_on_its_field(web, api):
    assert deploy_counting(api).status_code == 201
    response = web("tiep_cong_dan").post("/cases/new/thu_nghiem", {"tong_so": "5"}, page="/cases/new/thu_nghiem")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Dưới 10 (5): có đúng không?" in html and 'name="confirm_warnings"' in html


def test_optional_figures_are_number_inputs_and_a_list_of_names_is_typed_one_per_line(web, api, clock):
    case = decided(api)
    task_id = case.task("thanh_lap_to_bau_cu")["id"]
    chairman = web("chu_tich")
    response = submit(chairman, task_id, {**{k: v for k, v in TEAM.items() if k not in ("thanh_vien", "da_thong_nhat_mttq")},
                                          "da_thong_nhat_mttq": "on", "thanh_vien": "Trần Thị Hội\n\nLê Văn Hộ\n"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert case.data["thanh_vien"] == ["Trần Thị Hội", "Lê Văn Hộ"]
    forward(clock, NOTICE["ngay_niem_yet"])
    case.do("niem_yet_thong_bao", "ban_cong_tac_mat_tran", NOTICE)
    forward(clock, DECISION["ngay_hop_du_kien"])  # the meeting is recorded once held
    task_id = case.task("to_chuc_bau")["id"]
    head = web("ban_cong_tac_mat_tran")
    html = head.text(f"/tasks/{task_id}")
    assert 'id="f-so_phieu_hop_le" name="so_phieu_hop_le" type="number"' in html
    response = submit(head, task_id, {"ngay_hop": "2026-03-22", "chu_tri": "Dương Văn Công", "tong_so_cu_tri": "100",
                                      "so_cu_tri_du_hop": "40", "hinh_thuc_bieu_quyet": "bo_phieu_kin"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert (case.data["ket_qua_bau"], case.data["so_phieu_hop_le"]) == ("khong_du_nguoi", None)
