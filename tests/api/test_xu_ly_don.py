"""Letter intake and classification (`bpmn/xu_ly_don.bpmn`), walked path by path through the HTTP API: written
guidance for letters not eligible or not competent, a letter opening one, two or three linked cases (links
both ways, the children's start data), the anonymous letter, the processing deadline in calendar or working
days, and the wrong roles refused.
"""
import io
from pathlib import Path

import pytest

from tests.api.cases import Case
from tests.samples import LETTER_INTAKE

BPMN = Path(__file__).resolve().parents[2] / "bpmn"
ELIGIBLE = {"so_vao_so": "D-101", "dung_tieng_viet": True, "co_chu_ky_diem_chi": True, "noi_dung_ro_rang": True,
            "thuoc_tham_quyen": True}
COMPLAINT = {"co_khieu_nai": True, "noi_dung_khieu_nai": "Khiếu nại quyết định thu hồi đất",
             "quyet_dinh_hanh_vi_bi_khieu_nai": "Quyết định số 12/QĐ-UBND", "vung_sau_vung_xa": False}
DENUNCIATION = {"co_to_cao": True, "nguoi_bi_to_cao": "Ông Lê Văn Dũng", "chuc_vu_nguoi_bi_to_cao": "Địa chính",
                "vi_tri_nguoi_bi_to_cao": "can_bo_cong_chuc_xa", "noi_dung_to_cao": "Nhận tiền của người dân",
                "kiem_tra_nhieu_noi": False}
PETITION = {"co_kien_nghi_phan_anh": True, "loai_kien_nghi": "kien_nghi", "noi_dung_kien_nghi": "Làm lại cầu",
            "linh_vuc": "moi_truong"}
NONE = {"co_khieu_nai": False, "co_to_cao": False, "co_kien_nghi_phan_anh": False, "linh_vuc": "dat_dai"}


def open_letter(api, **overrides):
    return Case(api, "xu_ly_don", "tiep_cong_dan", {**LETTER_INTAKE, **overrides})


def classified(api, kinds: dict, letter=None, check=None):
    case = open_letter(api, **(letter or {}))
    case.do("kiem_tra_dieu_kien", "tiep_cong_dan", {**ELIGIBLE, **(check or {})})
    case.do("phan_loai_don", "tiep_cong_dan", {**NONE, **kinds})
    return case


def links_by_process(detail) -> dict:
    return {link["process_model"]: link for link in detail["links"]}


def test_letter_opens_with_a_case_number_and_ten_calendar_days_to_process(api):
    case = open_letter(api)
    assert case.body["business_key"] == "XLD-2026-000001"
    assert case.open_task_names() == ["kiem_tra_dieu_kien"]
    assert (case.data["thoi_han_xu_ly_don"], case.data["loai_ngay_xu_ly_don"]) == (10, "calendar")
    assert case.due_day("kiem_tra_dieu_kien") == "2026-03-12"  # Mon 2 March + 10 days


def test_a_version_counting_working_days_gives_ten_working_days(api):
    xml = (BPMN / "xu_ly_don.bpmn").read_text().replace(
        'name="param.loai_ngay_xu_ly_don" value="calendar"', 'name="param.loai_ngay_xu_ly_don" value="working"')
    files = [(io.BytesIO((BPMN / n).read_bytes()), n) for n in sorted(p.name for p in BPMN.glob("xu_ly_don-*.*")
                                                            if p.suffix in (".json", ".docx"))]
    response = api.as_("quan_tri.tinh").post("/api/v1/process-models/xu_ly_don/versions", content_type="multipart/form-data",
                                        data={"bpmn": (io.BytesIO(xml.encode()), "xu_ly_don.bpmn"), "files": files})
    assert response.status_code == 201, response.get_json()
    case = open_letter(api)
    assert case.body["version"] == 2
    assert case.due_day("kiem_tra_dieu_kien") == "2026-03-16"  # 10 working days, two weekends skipped


@pytest.mark.parametrize("check, reason", [
    ({"co_chu_ky_diem_chi": False}, "khong_du_dieu_kien"),
    ({"dung_tieng_viet": False}, "khong_du_dieu_kien"),
    ({"noi_dung_ro_rang": False}, "khong_du_dieu_kien"),
    ({"thuoc_tham_quyen": False}, "khong_thuoc_tham_quyen"),
])
def test_letter_not_eligible_or_not_competent_ends_with_written_guidance(api, check, reason):
    case = open_letter(api)
    case.do("kiem_tra_dieu_kien", "tiep_cong_dan", {**ELIGIBLE, **check})
    assert case.open_task_names() == ["huong_dan_nguoi_gui"]
    assert case.due_day("huong_dan_nguoi_gui") == "2026-03-12"
    case.do("huong_dan_nguoi_gui", "tiep_cong_dan", {"noi_dung_huong_dan": "Gửi đơn đến UBND tỉnh",
                                                     "co_quan_co_tham_quyen": "UBND tỉnh"})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_huong_dan")
    assert detail["data"]["ket_qua_kiem_tra"] == reason
    assert detail["links"] == []


def test_a_complaint_letter_opens_a_linked_complaint_with_the_letters_data(api):
    case = classified(api, COMPLAINT)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_mo_ho_so")
    child_ref = detail["data"]["ho_so_khieu_nai"]
    assert child_ref["business_key"] == "KN-2026-000001"
    assert detail["links"] == [{"relation": "don_thu", "direction": "outgoing", "instance_id": child_ref["id"],
                                "business_key": "KN-2026-000001", "process_model": "khieu_nai",
                                "status": "running"}]
    child = Case.existing(api, child_ref["id"])
    child_detail = child.detail()
    assert child_detail["links"] == [{"relation": "don_thu", "direction": "incoming", "instance_id": case.id,
                                      "business_key": "XLD-2026-000001", "process_model": "xu_ly_don",
                                      "status": "completed"}]
    data = child_detail["data"]
    assert (data["nguoi_khieu_nai"], data["dia_chi"], data["ngay_nhan_don"]) == (
        "Võ Văn Em", "Thôn Phú Sơn, xã Nghĩa Kỳ", "2026-03-02")
    assert (data["quyet_dinh_hanh_vi_bi_khieu_nai"], data["hinh_thuc_tiep_nhan"]) == (
        "Quyết định số 12/QĐ-UBND", "buu_chinh")
    assert child.open_task_names() == ["de_xuat_thu_ly"]
    assert child.due_day("de_xuat_thu_ly") == "2026-03-12"  # the complaint counts from the letter's receipt


def test_a_mixed_letter_becomes_a_complaint_and_a_denunciation_both_linked(api):
    case = classified(api, {**COMPLAINT, **DENUNCIATION})
    detail = case.detail()
    assert detail["outcome"] == "da_mo_ho_so"
    assert detail["data"]["so_ho_so_can_mo"] == 2
    links = links_by_process(detail)
    assert set(links) == {"khieu_nai", "to_cao"}
    assert {link["relation"] for link in detail["links"]} == {"don_thu"}
    denunciation = Case.existing(api, links["to_cao"]["instance_id"])
    data = denunciation.data
    assert (data["an_danh"], data["nguoi_to_cao"], data["nguoi_bi_to_cao"]) == (
        False, "Võ Văn Em", "Ông Lê Văn Dũng")
    assert (data["kiem_tra_nhieu_noi"], data["thoi_han_xu_ly_ap_dung"]) == (False, 7)
    assert denunciation.open_task_names() == ["kiem_tra_to_cao"]
    assert links_by_process(denunciation.detail())["xu_ly_don"]["direction"] == "incoming"
    complaint = Case.existing(api, links["khieu_nai"]["instance_id"])
    assert complaint.data["noi_dung_khieu_nai"] == "Khiếu nại quyết định thu hồi đất"


def test_a_letter_with_all_three_kinds_opens_three_linked_cases(api):
    case = classified(api, {**COMPLAINT, **DENUNCIATION, **PETITION})
    detail = case.detail()
    links = links_by_process(detail)
    assert set(links) == {"khieu_nai", "to_cao", "kien_nghi_phan_anh"}
    petition = Case.existing(api, links["kien_nghi_phan_anh"]["instance_id"])
    assert petition.body["business_key"] == "KNPA-2026-000001"
    data = petition.data
    assert (data["nguoi_kien_nghi"], data["loai_don"], data["noi_dung_kien_nghi"], data["linh_vuc"]) == (
        "Võ Văn Em", "kien_nghi", "Làm lại cầu", "moi_truong")
    assert petition.open_task_names() == ["xem_xet_kien_nghi"]
    assert {(k, v["business_key"]) for k, v in (
        ("ho_so_khieu_nai", detail["data"]["ho_so_khieu_nai"]),
        ("ho_so_to_cao", detail["data"]["ho_so_to_cao"]),
        ("ho_so_kien_nghi_phan_anh", detail["data"]["ho_so_kien_nghi_phan_anh"]))} == {
        ("ho_so_khieu_nai", "KN-2026-000001"), ("ho_so_to_cao", "TC-2026-000001"),
        ("ho_so_kien_nghi_phan_anh", "KNPA-2026-000001")}


def test_a_forwarded_letter_passes_who_forwarded_it_to_the_denunciation(api):
    case = classified(api, DENUNCIATION, letter={"hinh_thuc_tiep_nhan": "chuyen_den",
                                                 "co_quan_chuyen_don": "Báo Quảng Ngãi"})
    denunciation = Case.existing(api, case.data["ho_so_to_cao"]["id"])
    assert denunciation.data["co_quan_chuyen_don"] == "Báo Quảng Ngãi"


def test_an_anonymous_letter_opens_only_its_denunciation_as_anonymous(api):
    case = classified(api, {**COMPLAINT, **DENUNCIATION}, letter={"nguoi_gui": "", "dia_chi": ""},
                      check={"co_chu_ky_diem_chi": False})
    detail = case.detail()
    assert (detail["outcome"], detail["data"]["don_an_danh"]) == ("da_mo_ho_so", True)
    assert set(links_by_process(detail)) == {"to_cao"}
    denunciation = Case.existing(api, detail["data"]["ho_so_to_cao"]["id"])
    assert denunciation.data["an_danh"] is True
    assert denunciation.open_task_names() == ["xem_xet_don_an_danh"]


def test_an_anonymous_letter_without_a_denunciation_is_filed(api):
    case = classified(api, PETITION, letter={"nguoi_gui": "", "dia_chi": ""})
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "luu_don")
    assert detail["links"] == []


def test_classification_needs_at_least_one_kind_and_the_details_of_each_kind(api):
    case = open_letter(api)
    case.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    refused = case.refuse("phan_loai_don", "tiep_cong_dan", NONE)
    assert refused["status"] == 422
    refused = case.refuse("phan_loai_don", "tiep_cong_dan", {**NONE, "co_to_cao": True})
    assert refused["status"] == 422
    assert "nguoi_bi_to_cao" in refused["details"]
    assert case.open_task_names() == ["phan_loai_don"]


def test_identifying_fields_of_a_letter_are_confidential(api):
    form = api.as_("quan_tri").get(
        "/api/v1/process-models/xu_ly_don/versions/1/files/xu_ly_don-tiep_nhan.schema.json").get_json()
    confidential = {name for name, field in form["properties"].items() if field.get("x-confidential")}
    assert confidential == {"nguoi_gui", "so_giay_to_tuy_than", "dia_chi", "so_dien_thoai", "thon",
                            "tep_dinh_kem"}  # the letter's scan names its sender


def test_only_the_reception_officer_handles_letters(api):
    assert api.as_("chu_tich").post("/api/v1/instances", json={"process_model": "xu_ly_don",
                                                               "data": LETTER_INTAKE}).status_code == 403
    case = open_letter(api)
    for user in ("chu_tich", "van_phong"):
        assert case.refuse("kiem_tra_dieu_kien", user, ELIGIBLE)["status"] == 403


def test_a_letter_denouncing_the_chairman_is_hidden_from_him_with_the_denunciation_it_opens(api):
    accounts = api.as_("tiep_cong_dan").get("/api/v1/accounts").get_json()["items"]
    chairman = next(a["id"] for a in accounts if a["username"] == "chu_tich")
    refused = open_letter(api)
    refused.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    missing = refused.refuse("phan_loai_don", "tiep_cong_dan", {
        **NONE, **{k: v for k, v in DENUNCIATION.items() if k != "vi_tri_nguoi_bi_to_cao"}})
    assert missing["status"] == 422 and "vi_tri_nguoi_bi_to_cao" in missing["details"]  # the post decides who handles
    case = classified(api, {**DENUNCIATION, "nguoi_bi_to_cao": "Ông Lê Văn Chủ",
                            "vi_tri_nguoi_bi_to_cao": "chu_tich_ubnd_xa", "tai_khoan_nguoi_bi_to_cao": chairman})
    letter = case.detail("tiep_cong_dan")
    denunciation = Case.existing(api, letter["data"]["ho_so_to_cao"]["id"], reader="tiep_cong_dan")
    data = denunciation.data
    assert (data["vi_tri_nguoi_bi_to_cao"], data["tai_khoan_nguoi_bi_to_cao"]) == ("chu_tich_ubnd_xa", chairman)
    assert denunciation.open_task_names() == ["chuyen_len_cap_tinh"]  # passed up to the province's Chairman
    for instance_id in (case.id, denunciation.id):
        assert api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}").status_code == 404
    assert api.as_("chu_tich").get("/api/v1/instances", query_string={"process_model": "xu_ly_don"}).get_json()[
        "total"] == 1  # the first letter only, which names nobody
