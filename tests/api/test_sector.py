"""The sector (lĩnh vực) of complaints, denunciations, petitions and letters: a closed list recorded on the
case row (`instances.sector`), filled from the case's `linh_vuc`, passed by a letter to the cases it opens,
and filtered on by the case search; an old free text is mapped to the list.
"""
import io
from pathlib import Path

from tests.api.cases import Case
from tests.api.test_xu_ly_don import COMPLAINT, DENUNCIATION, ELIGIBLE, NONE, PETITION, open_letter
from tests.samples import DENUNCIATION_INTAKE, INTAKE, PUBLIC_NOTICE, Complaint

ROOT = Path(__file__).resolve().parents[2]
PETITION_INTAKE = {"nguoi_kien_nghi": "Trần Văn Bình", "dia_chi": "Thôn Kỳ Thọ Nam", "thon": "Thôn Kỳ Thọ Nam",
                   "ngay_nhan_don": "2026-03-02", "loai_don": "phan_anh", "noi_dung_kien_nghi": "Bãi rác gây ô nhiễm",
                   "hinh_thuc_tiep_nhan": "truc_tiep"}


def found(api, user="chu_tich", **query) -> list[str]:
    response = api.as_(user).get("/api/v1/instances", query_string=query)
    assert response.status_code == 200, response.get_json()
    return sorted(item["business_key"] for item in response.get_json()["items"])


def test_a_complaint_records_the_sector_chosen_at_intake_and_is_found_by_it(api):
    case = Complaint(api, linh_vuc="dat_dai")
    assert case.body["sector"] == "dat_dai" and case.detail()["sector"] == "dat_dai"
    Complaint(api, linh_vuc="moi_truong")
    assert found(api, sector="dat_dai") == [case.body["business_key"]]
    assert found(api, sector="moi_truong", process_model="khieu_nai") == ["KN-2026-000002"]
    assert found(api, sector="giam_ngheo") == []


def test_a_case_opened_without_a_sector_records_other(api):
    intake = {k: v for k, v in INTAKE.items() if k != "linh_vuc"}
    case = Case(api, "khieu_nai", "tiep_cong_dan", intake)
    assert case.body["sector"] == "khac" and case.data["linh_vuc"] == "khac"


def test_a_denunciation_and_a_petition_record_their_sector(api):
    denunciation = Case(api, "to_cao", "tiep_cong_dan", {**DENUNCIATION_INTAKE, "linh_vuc": "boi_thuong_tai_dinh_cu"})
    petition = Case(api, "kien_nghi_phan_anh", "tiep_cong_dan", {**PETITION_INTAKE, "linh_vuc": "moi_truong"})
    assert denunciation.body["sector"] == "boi_thuong_tai_dinh_cu" and petition.body["sector"] == "moi_truong"
    assert found(api, sector="moi_truong") == [petition.body["business_key"]]


def test_a_sector_outside_the_list_is_refused_at_intake_and_in_the_search(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "kien_nghi_phan_anh", "data": {**PETITION_INTAKE, "linh_vuc": "Hạ tầng"}})
    assert response.status_code == 422 and "linh_vuc" in response.get_json()["error"]["details"]
    response = api.as_("chu_tich").get("/api/v1/instances", query_string={"sector": "ha_tang"})
    assert response.status_code == 422 and "sector" in str(response.get_json()["error"]["details"])


def test_a_letter_passes_its_sector_to_every_case_it_opens(api):
    letter = open_letter(api)
    assert letter.body["sector"] is None  # not classified yet
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", {**NONE, **COMPLAINT, **DENUNCIATION, **PETITION,
                                                 "linh_vuc": "nguoi_co_cong"})
    detail = letter.detail()
    assert detail["sector"] == "nguoi_co_cong"
    children = [Case.existing(api, link["instance_id"]).detail() for link in detail["links"]]
    assert sorted((c["process_model"], c["sector"], c["data"]["linh_vuc"]) for c in children) == [
        ("khieu_nai", "nguoi_co_cong", "nguoi_co_cong"), ("kien_nghi_phan_anh", "nguoi_co_cong", "nguoi_co_cong"),
        ("to_cao", "nguoi_co_cong", "nguoi_co_cong")]
    assert found(api, sector="nguoi_co_cong") == sorted(
        [detail["business_key"], *(c["business_key"] for c in children)])


def test_the_classification_needs_a_sector(api):
    letter = open_letter(api)
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    refused = letter.refuse("phan_loai_don", "tiep_cong_dan",
                            {k: v for k, v in {**NONE, **COMPLAINT}.items() if k != "linh_vuc"})
    assert refused["status"] == 422 and "linh_vuc" in refused["details"]


def test_a_letter_of_an_older_version_passes_free_text_mapped_to_the_list(api):
    """A letter still running on the version before the list gives a petition "Ô nhiễm môi trường": the petition
    (on the new version) records `moi_truong`, never a refusal of the letter's classification."""
    old = ROOT / "tests" / "compat" / "library"
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted(old.glob("xu_ly_don-*.json"))]
    response = api.as_("quan_tri.tinh").post(
        "/api/v1/process-models/xu_ly_don/versions", content_type="multipart/form-data",
        data={"bpmn": (io.BytesIO((old / "xu_ly_don.bpmn").read_bytes()), "xu_ly_don.bpmn"), "files": files})
    assert response.status_code == 201, response.get_json()
    letter = open_letter(api)
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", {"co_khieu_nai": False, "co_to_cao": False,
                                                 "co_kien_nghi_phan_anh": True, "loai_kien_nghi": "phan_anh",
                                                 "noi_dung_kien_nghi": "Khói bụi", "linh_vuc": "Ô nhiễm môi trường"})
    assert letter.detail()["sector"] is None  # the old version names no sector field
    petition = Case.existing(api, letter.data["ho_so_kien_nghi_phan_anh"]["id"]).detail()
    assert (petition["sector"], petition["data"]["linh_vuc"]) == ("moi_truong", "moi_truong")


def test_a_diagram_whose_sector_field_offers_other_values_is_refused_at_deploy(api):
    xml = (ROOT / "bpmn" / "kien_nghi_phan_anh.bpmn").read_text()
    files = {p.name: p.read_bytes() for p in sorted((ROOT / "bpmn").glob("kien_nghi_phan_anh-*.json"))}
    files["kien_nghi_phan_anh-tiep_nhan.schema.json"] = files["kien_nghi_phan_anh-tiep_nhan.schema.json"].replace(
        b'"const": "giam_ngheo"', b'"const": "ha_tang"')
    response = api.as_("quan_tri.tinh").post(
        "/api/v1/process-models/kien_nghi_phan_anh/versions", content_type="multipart/form-data",
        data={"bpmn": (io.BytesIO(xml.encode()), "kien_nghi_phan_anh.bpmn"),
              "files": [(io.BytesIO(content), name) for name, content in files.items()]})
    assert response.status_code == 422
    assert "lĩnh vực" in str(response.get_json()["error"]["details"])


def test_a_case_of_a_process_without_sectors_has_none(api):
    case = Case(api, "cong_khai", "van_phong", PUBLIC_NOTICE)
    assert case.body["sector"] is None and found(api, sector="khac") == []
