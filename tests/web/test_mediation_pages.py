"""The mediation team works its cases from the staff pages: the task is in the team's inbox, the assignment's
grounds for not mediating are checkboxes, and a session posted from the page moves the case on."""
from tests.api.test_hoa_giai import ASSIGNED, SESSION, on, received


def test_the_team_assigns_mediators_and_records_a_session_from_its_pages(api, web, clock):
    case = received(api)
    team = web("to_hoa_giai")
    assert "Phân công hòa giải viên" in team.text("/inbox")
    task = case.task("phan_cong_hoa_giai_vien")
    page = team.text(f"/tasks/{task['id']}")
    for label in ("Vụ việc không được hòa giải vì", "Vi phạm pháp luật phải bị truy cứu trách nhiệm hình sự",
                  "Hòa giải viên không có quyền, lợi ích liên quan"):
        assert label in page
    on(clock, ASSIGNED["ngay_phan_cong"])
    case.do("phan_cong_hoa_giai_vien", "to_hoa_giai", ASSIGNED)
    on(clock, SESSION["ngay_hoa_giai"])
    task = case.task("tien_hanh_hoa_giai")
    assert team.post(f"/tasks/{task['id']}/claim", page=f"/tasks/{task['id']}").status_code == 302
    form = {"action": "complete", "ngay_hoa_giai": "2026-03-05", "dia_diem": "Nhà văn hóa thôn",
            "dien_bien": "Hai bên trình bày", "ket_qua_buoi": "tiep_tuc"}
    response = team.post(f"/tasks/{task['id']}/submit", form, page=f"/tasks/{task['id']}")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert case.open_task_names() == ["tien_hanh_hoa_giai"] and case.data["so_buoi_hoa_giai"] == 1
