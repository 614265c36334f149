"""The "Dân vận khéo" model cycle (`bpmn/dan_van_kheo.bpmn`) through the HTTP API.

Register, survey, implement, evaluate against five criteria (the engine counts them), commend, replicate:
each replication unit gets a new `dan_van_kheo` case opened by the `danchu.start_case` service task and
linked to the original (`links` of `GET /api/v1/instances/{id}`, relation `nhan_rong`).
"""
from tests.api.cases import Case
from tests.samples import DVK_ALL_MET as ALL_MET, DVK_COMMENDED as COMMENDED, DVK_MODEL as MODEL, DVK_REPORT as REPORT
from tests.samples import registered_model as registered


def test_a_model_meeting_all_five_criteria_is_commended_without_replication(api):
    case = registered(api)
    assert case.body["business_key"] == "DVK-2026-000001"
    case.do("binh_xet", "van_phong", ALL_MET)
    assert (case.data["so_tieu_chi_dat"], case.data["dat_tieu_chi"]) == (5, True)
    case.do("khen_thuong", "chu_tich", COMMENDED)
    case.do("de_xuat_nhan_rong", "van_phong", {"don_vi_nhan_rong": []})
    assert case.outcome() == ("completed", "da_khen_thuong")
    assert case.detail()["links"] == []


def test_replication_opens_a_linked_model_case_in_each_new_unit(api):
    case = registered(api)
    case.do("binh_xet", "van_phong", ALL_MET)
    case.do("khen_thuong", "chu_tich", COMMENDED)
    case.do("de_xuat_nhan_rong", "van_phong", {"don_vi_nhan_rong": [
        {"don_vi": "Hội Phụ nữ xã", "nguoi_phu_trach": "Trần Thị Hoa"},
        {"don_vi": "Thôn Kỳ Thọ Nam", "nguoi_phu_trach": "Nguyễn Văn Nam"}]})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_nhan_rong")
    opened = detail["data"]["mo_hinh_nhan_rong"]
    assert [(m["don_vi"], m["ho_so"]) for m in opened] == [("Hội Phụ nữ xã", "DVK-2026-000002"),
                                                          ("Thôn Kỳ Thọ Nam", "DVK-2026-000003")]
    assert [(l["relation"], l["direction"], l["business_key"], l["process_model"], l["status"]) for l in detail["links"]] == [
        ("nhan_rong", "outgoing", "DVK-2026-000002", "dan_van_kheo", "running"),
        ("nhan_rong", "outgoing", "DVK-2026-000003", "dan_van_kheo", "running")]
    child = Case.existing(api, opened[0]["id"])
    child_detail = child.detail()
    assert child_detail["links"][0]["direction"] == "incoming"
    assert child_detail["links"][0]["instance_id"] == case.id
    assert child_detail["data"]["don_vi"] == "Hội Phụ nữ xã"
    assert child_detail["data"]["nguoi_phu_trach"] == "Trần Thị Hoa"
    assert child_detail["data"]["mo_hinh_goc"] == "Dân vận khéo trong chuyển đổi số - Đoàn Thanh niên xã"
    assert child.open_task_names() == ["khao_sat"]  # the new unit starts at the survey
    history = api.as_("van_phong").get(f"/api/v1/instances/{child.id}/history").get_json()["items"]
    assert history[0]["data"]["parent"] == "DVK-2026-000001"


def test_a_model_short_of_one_criterion_continues_and_is_evaluated_again(api):
    case = registered(api)
    case.do("binh_xet", "van_phong", {**ALL_MET, "tieu_chi_ben_vung": False, "tiep_tuc_thuc_hien": True})
    assert (case.data["so_tieu_chi_dat"], case.data["dat_tieu_chi"]) == (4, False)
    assert case.open_task_names() == ["trien_khai"]
    case.do("trien_khai", "doan_the", REPORT)
    case.do("binh_xet", "van_phong", ALL_MET)
    assert case.open_task_names() == ["khen_thuong"]


def test_a_model_that_fails_and_stops_ends_not_achieved(api):
    case = registered(api)
    case.do("binh_xet", "van_phong", {**ALL_MET, "tieu_chi_nhan_dan_ung_ho": False, "tieu_chi_ben_vung": False})
    assert case.data["so_tieu_chi_dat"] == 3
    assert case.outcome() == ("completed", "khong_dat")


def test_registration_refused_at_the_survey_needs_a_reason(api):
    case = Case(api, "dan_van_kheo", "doan_the", MODEL)
    refused = case.refuse("khao_sat", "van_phong", {"ngay_khao_sat": "2026-03-02", "ket_qua_khao_sat": "khong_chap_thuan"})
    assert "nhan_xet_khao_sat" in refused["details"]
    case.do("khao_sat", "van_phong", {"ngay_khao_sat": "2026-03-02", "ket_qua_khao_sat": "khong_chap_thuan",
                                      "nhan_xet_khao_sat": "Trùng với mô hình đã có"})
    assert case.outcome() == ("completed", "khong_chap_thuan_dang_ky")


def test_roles_are_kept_apart(api):
    assert api.as_("truong_thon").post("/api/v1/instances", json={
        "process_model": "dan_van_kheo", "data": MODEL}).status_code == 403
    case = registered(api)
    assert case.refuse("binh_xet", "doan_the", ALL_MET)["status"] == 403
    case.do("binh_xet", "van_phong", ALL_MET)
    assert case.refuse("khen_thuong", "van_phong", COMMENDED)["status"] == 403


def test_the_front_registers_a_model_it_carries_out_itself(api):
    """The commune's plan (31/KH-UBND, III.3) asks the Front to find and build "Dân vận khéo" models: the Front
    opens the case, and a model it leads is carried out by the Front's own step, not by a mass organisation."""
    case = Case(api, "dan_van_kheo", "mat_tran", {**MODEL, "don_vi": "Ủy ban MTTQ xã", "don_vi_chu_tri": "mat_tran"})
    case.do("khao_sat", "van_phong", {"ngay_khao_sat": "2026-03-02", "ket_qua_khao_sat": "chap_thuan"})
    assert case.open_task_names() == ["trien_khai_mat_tran"]
    assert case.refuse("trien_khai_mat_tran", "doan_the", REPORT)["status"] == 403
    case.do("trien_khai_mat_tran", "mat_tran", REPORT)
    case.do("binh_xet", "van_phong", {**ALL_MET, "tieu_chi_ben_vung": False, "tiep_tuc_thuc_hien": True})
    assert case.open_task_names() == ["trien_khai_mat_tran"]  # another round stays with the Front
    case.do("trien_khai_mat_tran", "mat_tran", REPORT)
    case.do("binh_xet", "van_phong", ALL_MET)
    case.do("khen_thuong", "chu_tich", COMMENDED)
    case.do("de_xuat_nhan_rong", "van_phong", {"don_vi_nhan_rong": [
        {"don_vi": "Hội Nông dân xã", "nguoi_phu_trach": "Lê Văn Nông"}]})
    assert case.outcome() == ("completed", "da_nhan_rong")
    child = Case.existing(api, case.data["mo_hinh_nhan_rong"][0]["id"])
    child.do("khao_sat", "van_phong", {"ngay_khao_sat": "2026-03-02", "ket_qua_khao_sat": "chap_thuan"})
    assert child.open_task_names() == ["trien_khai"]  # the replicating unit carries it out


def test_a_model_the_front_registers_for_a_mass_organisation_is_carried_out_by_it(api):
    case = Case(api, "dan_van_kheo", "mat_tran", MODEL)
    assert case.data["don_vi_chu_tri"] == "doan_the"
    case.do("khao_sat", "van_phong", {"ngay_khao_sat": "2026-03-02", "ket_qua_khao_sat": "chap_thuan"})
    assert case.open_task_names() == ["trien_khai"]


def test_the_lead_unit_must_be_one_of_the_list(api):
    response = api.as_("mat_tran").post("/api/v1/instances", json={
        "process_model": "dan_van_kheo", "data": {**MODEL, "don_vi_chu_tri": "chu_tich"}})
    assert response.status_code == 422
    assert "don_vi_chu_tri" in response.get_json()["error"]["details"]
