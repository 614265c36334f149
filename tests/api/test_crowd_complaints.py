"""Crowd complaints (khiếu nại, tố cáo, kiến nghị đông người: five or more people on one matter), through the
HTTP API: the people choose representatives, 1 or 2 for 5 to 10 people and at most 5 for more (Law on Citizen
Reception 2013, Art. 30; Decree 64/2014/NĐ-CP, Art. 6), recorded at the visit and at a letter's intake; the
visit hands one letter for the whole group, with the number of people and the representatives.
"""
from tests.api.cases import Case
from tests.api.test_tiep_cong_dan import RECEIVABLE, RECORD, TO_LETTER
from tests.samples import INTAKE, LETTER_INTAKE, VISIT, visit

TWO = ["Nguyễn Văn Một", "Trần Thị Hai"]


def refused_visit(api, **data) -> dict:
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "tiep_cong_dan", "data": {**VISIT, **data}})
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["details"]


def test_five_people_without_a_representative_are_refused_naming_the_field(api):
    details = refused_visit(api, so_nguoi=5)
    assert "phải cử người đại diện" in details["nguoi_dai_dien"] and "5 người" in details["nguoi_dai_dien"]


def test_five_to_ten_people_choose_one_or_two_representatives(api):
    assert "1 hoặc 2 người đại diện" in refused_visit(api, so_nguoi=10, nguoi_dai_dien=[*TWO, "Lê Văn Ba"])[
        "nguoi_dai_dien"]
    for representatives in (TWO[:1], TWO):
        assert visit(api, so_nguoi=10, nguoi_dai_dien=representatives).data["nguoi_dai_dien"] == representatives


def test_more_than_ten_people_choose_at_most_five(api):
    six = [f"Người đại diện {n}" for n in range(1, 7)]
    assert "không quá 5 người đại diện" in refused_visit(api, so_nguoi=40, nguoi_dai_dien=six)["nguoi_dai_dien"]
    assert visit(api, so_nguoi=40, nguoi_dai_dien=six[:5]).data["so_nguoi"] == 40


def test_fewer_than_five_people_need_no_representative(api):
    case = visit(api, so_nguoi=4)
    assert case.data["nguoi_dai_dien"] == []


def test_the_crowd_visit_hands_one_letter_for_the_group_with_its_people_and_representatives(api):
    case = visit(api, so_nguoi=12, nguoi_dai_dien=TWO)
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    case.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", RECORD)
    case.do("chu_tich_tiep", "chu_tich", {**TO_LETTER, "y_kien_chi_dao": "Chuyển xử lý đơn, báo cáo trong tuần"})
    letter = Case.existing(api, case.data["ho_so_xu_ly_don"]["id"])
    assert (letter.data["so_nguoi"], letter.data["nguoi_dai_dien"]) == (12, TWO)
    assert [link["process_model"] for link in case.detail()["links"]] == ["xu_ly_don"]  # one case, not twelve


def test_a_crowd_at_the_regular_reception_is_received_by_the_chairman(api):
    """Five or more people on one matter: the Chairman receives them (unscheduled reception), not the officer
    on duty; four people at the regular reception stay with the officer."""
    for people, representatives, receiver in ((5, TWO[:1], "chu_tich_tiep"), (4, [], "tra_loi_huong_dan")):
        case = visit(api, so_nguoi=people, nguoi_dai_dien=representatives)
        case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
        case.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", RECORD)
        assert case.open_task_names() == [receiver], (people, case.open_task_names())


def test_a_letter_signed_by_a_crowd_records_its_representatives_under_the_same_rule(api):
    letter = Case(api, "xu_ly_don", "tiep_cong_dan", {**LETTER_INTAKE, "so_nguoi": 7, "nguoi_dai_dien": TWO})
    assert (letter.data["so_nguoi"], letter.data["nguoi_dai_dien"]) == (7, TWO)
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "xu_ly_don", "data": {**LETTER_INTAKE, "so_nguoi": 7}})
    assert response.status_code == 422 and "nguoi_dai_dien" in response.get_json()["error"]["details"]
    single = Case(api, "xu_ly_don", "tiep_cong_dan", LETTER_INTAKE)
    assert (single.data["so_nguoi"], single.data["nguoi_dai_dien"]) == (1, [])


ELIGIBLE = {"so_vao_so": "D-202", "dung_tieng_viet": True, "co_chu_ky_diem_chi": True, "noi_dung_ro_rang": True,
            "thuoc_tham_quyen": True}
EVERY_KIND = {"co_khieu_nai": True, "noi_dung_khieu_nai": "Khiếu nại quyết định thu hồi đất",
              "quyet_dinh_hanh_vi_bi_khieu_nai": "Quyết định số 12/QĐ-UBND", "vung_sau_vung_xa": False,
              "co_to_cao": True, "nguoi_bi_to_cao": "Ông Lê Văn Dũng", "chuc_vu_nguoi_bi_to_cao": "Địa chính",
              "vi_tri_nguoi_bi_to_cao": "can_bo_cong_chuc_xa", "noi_dung_to_cao": "Nhận tiền của người dân",
              "kiem_tra_nhieu_noi": False, "co_kien_nghi_phan_anh": True, "loai_kien_nghi": "kien_nghi",
              "noi_dung_kien_nghi": "Làm lại cầu", "linh_vuc": "dat_dai"}


def test_the_cases_a_crowds_letter_opens_are_the_groups_with_its_representatives(api):
    """One case per matter for the whole group, each carrying the number of people and the representatives
    they chose: the handling officer of the complaint, the denunciation or the petition knows whom to hear."""
    letter = Case(api, "xu_ly_don", "tiep_cong_dan", {**LETTER_INTAKE, "so_nguoi": 9, "nguoi_dai_dien": TWO})
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", EVERY_KIND)
    opened = {link["process_model"]: link["instance_id"] for link in letter.detail()["links"]}
    assert set(opened) == {"khieu_nai", "to_cao", "kien_nghi_phan_anh"}
    for process, instance_id in opened.items():
        data = Case.existing(api, instance_id).data
        assert (data["so_nguoi"], data["nguoi_dai_dien"]) == (9, TWO), process


def test_a_crowds_complaint_opened_by_staff_follows_the_same_rule(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "khieu_nai", "data": {**INTAKE, "so_nguoi": 6}})
    assert response.status_code == 422 and "phải cử người đại diện" in \
        response.get_json()["error"]["details"]["nguoi_dai_dien"]
    single = Case(api, "khieu_nai", "tiep_cong_dan", INTAKE)
    assert (single.data["so_nguoi"], single.data["nguoi_dai_dien"]) == (1, [])
