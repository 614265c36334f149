"""Implausible dates are refused at the form where a person types them (the forms' checks read the calendar's
`hom_nay()`): a visit on a day still to come, a letter received after today, and a date that should follow
the letter (or the visit) set before it, each refused with 422 naming the field, nothing changed. The data a
diagram passes on to the case it opens (the visit's day as the letter's) is not checked again there: a check
failing at a service task would be a fault of the case that opens it, not a form refused to a person."""
from datetime import timedelta

from tests.api.cases import Case, on
from tests.conftest import START
from tests.samples import (DENUNCIATION_CHECK, DENUNCIATION_INTAKE, DVK_MODEL, DVK_REPORT, INTAKE, LETTER_INTAKE,
                           PROPOSAL, VISIT, Complaint, ballots, meeting, open_matter, visit)
from tests.api.test_to_cao_conflict import PASSED_UP, act, denounce

RECEIVABLE = {"da_xuat_trinh_giay_to": True, "say_ruou_tam_than": False, "de_doa_xuc_pham": False,
              "vu_viec_da_giai_quyet_dung": False}
RECORD = {"so_tiep_cong_dan": "TCD-31", "noi_dung_trinh_bay": "Khiếu nại việc thu hồi đất làm đường",
          "loai_noi_dung": "khieu_nai", "co_tai_lieu": False, "so_giay_bien_nhan": "BN-12"}
TO_LETTER = {"huong_xu_ly": "chuyen_xu_ly_don", "noi_dung_tra_loi": "Tiếp nhận đơn, hẹn trả lời",
             "ngay_hen_tra_loi": "2026-03-15"}


def cases_total(api) -> int:
    return api.as_("chu_tich").get("/api/v1/instances").get_json()["total"]


def refused_start(api, process, data) -> dict:
    before = cases_total(api)
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": process, "data": data})
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"]["code"] == "invalid_input" and cases_total(api) == before  # nothing opened
    return response.get_json()["error"]["details"]


def test_a_visit_on_a_day_still_to_come_is_refused_naming_the_day(api):
    details = refused_start(api, "tiep_cong_dan", {**VISIT, "ngay_tiep": "2026-03-03"})  # today is 02/03/2026
    assert "03/03/2026" in details["ngay_tiep"] and "chưa đến" in details["ngay_tiep"]
    assert visit(api, ngay_tiep="2026-03-02").data["ngay_tiep"] == "2026-03-02"  # today is fine


def test_a_letter_received_after_today_is_refused_naming_the_day(api):
    for process, intake in (("khieu_nai", INTAKE), ("to_cao", DENUNCIATION_INTAKE), ("xu_ly_don", LETTER_INTAKE)):
        details = refused_start(api, process, {**intake, "ngay_nhan_don": "2026-03-03"})
        assert "03/03/2026" in details["ngay_nhan_don"] and "chưa đến" in details["ngay_nhan_don"], process
        assert Case(api, process, "tiep_cong_dan", intake).data["ngay_nhan_don"] == "2026-03-02"  # today is fine


def test_the_visits_day_passed_on_to_its_letter_is_not_checked_again_by_the_diagram(api, clock):
    case = visit(api)  # visited today, 02/03
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    case.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", RECORD)
    clock.set(START - timedelta(days=1))  # whatever the clock says when the letter is opened (here: set back)
    case.do("tra_loi_huong_dan", "tiep_cong_dan", TO_LETTER)
    detail = case.detail()
    assert (detail["status"], detail["outcome"]) == ("completed", "da_chuyen_xu_ly_don")  # no fault
    letter = Case.existing(api, detail["data"]["ho_so_xu_ly_don"]["id"])
    assert letter.data["ngay_nhan_don"] == "2026-03-02"


def test_a_date_that_follows_the_letter_cannot_come_before_it(api):
    denunciation = Case(api, "to_cao", "tiep_cong_dan", {**DENUNCIATION_INTAKE, "ngay_nhan_don": "2026-02-20"})
    denunciation.do("kiem_tra_to_cao", "tiep_cong_dan", DENUNCIATION_CHECK)
    refused = denunciation.refuse("quyet_dinh_xu_ly", "chu_tich", {  # the register dates the acceptance: not typed
        "ket_qua_xu_ly": "thu_ly", "ngay_thu_ly": "2026-02-19", "can_bo_xac_minh_duoc_giao": "Huỳnh Văn Minh"})
    assert refused["status"] == 422 and "ngay_thu_ly" in refused["details"]
    assert denunciation.open_task_names() == ["quyet_dinh_xu_ly"]  # nothing changed
    reception = visit(api, ngay_tiep="2026-02-27")
    reception.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    reception.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", RECORD)
    refused = reception.refuse("tra_loi_huong_dan", "tiep_cong_dan", {**TO_LETTER, "ngay_hen_tra_loi": "2026-02-26"})
    assert refused["status"] == 422 and "27/02/2026" in refused["details"]["ngay_hen_tra_loi"]
    assert reception.open_task_names() == ["tra_loi_huong_dan"]


FUTURE, TODAY = "2026-03-03", "2026-03-02"  # the test clock's day is Mon 02/03/2026


def refused_for_a_day_to_come(case: Case, name: str, user: str, data: dict, field: str) -> None:
    """`data` with `field` a day still to come is a 422 naming the field, saying which day today is, and
    nothing of the case changes; the same with `field` today is taken."""
    refused = case.refuse(name, user, {**data, field: FUTURE})
    assert refused["status"] == 422 and field in refused["details"], refused
    assert "không thể sau hôm nay (02/03/2026)" in refused["details"][field]
    assert case.open_task_names() == [name]
    case.do(name, user, {**data, field: TODAY})
    assert case.data[field] == TODAY


def test_a_hamlet_meeting_or_a_ballot_still_to_come_is_refused_naming_the_day(api):
    refused_for_a_day_to_come(open_matter(api), "to_chuc_hop", "truong_thon", meeting(60, 55), "ngay_hop")
    for field in ("ngay_phat_phieu", "ngay_kiem_phieu"):
        case = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien")
        counted = {**ballots(100, 90, 80, 60), "ngay_phat_phieu": "2026-02-23"}
        refused_for_a_day_to_come(case, "lay_phieu_ho_gia_dinh", "truong_thon", counted, field)


def test_a_transfer_notice_to_the_denouncer_dated_after_today_is_refused(api):
    case = denounce(api)
    refused = case.refuse("chuyen_len_cap_tinh", "tiep_cong_dan", {**PASSED_UP, "ngay_thong_bao_chuyen_len_tinh": FUTURE})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_thong_bao_chuyen_len_tinh"]
    assert "không thể sau hôm nay (02/03/2026)" in refused["details"]["ngay_thong_bao_chuyen_len_tinh"]
    act(case, "chuyen_len_cap_tinh", "tiep_cong_dan", {**PASSED_UP, "ngay_thong_bao_chuyen_len_tinh": TODAY})
    assert case.detail("chu_tich.tinh")["data"]["ngay_thong_bao_chuyen_len_tinh"] == TODAY


def test_a_models_survey_or_its_report_after_today_is_refused(api):
    case = Case(api, "dan_van_kheo", "doan_the", DVK_MODEL)
    refused_for_a_day_to_come(case, "khao_sat", "van_phong", {"ket_qua_khao_sat": "chap_thuan"}, "ngay_khao_sat")
    refused_for_a_day_to_come(case, "trien_khai", "doan_the", DVK_REPORT, "ngay_bao_cao")


def test_an_obstacle_to_a_complaint_starting_after_today_is_refused(api):
    case = Complaint(api)
    obstacle = {**PROPOSAL, "tro_ngai_khach_quan": "om_dau", "tro_ngai_den_ngay": "2026-03-04"}
    refused = case.refuse("de_xuat_thu_ly", "tiep_cong_dan", {**obstacle, "tro_ngai_tu_ngay": FUTURE})
    assert refused["status"] == 422 and list(refused["details"]) == ["tro_ngai_tu_ngay"]
    assert "không thể sau hôm nay (02/03/2026)" in refused["details"]["tro_ngai_tu_ngay"]
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**obstacle, "tro_ngai_tu_ngay": "2026-02-20",
                                                "tro_ngai_den_ngay": "2026-02-25"})
    assert case.data["tro_ngai_tu_ngay"] == "2026-02-20"


def test_a_mediation_step_dated_after_today_is_refused(api):
    """The mediation team records what it did: the request received, the mediators assigned, a session held,
    the parties guided, the agreement checked; none of them on a day still to come."""
    from tests.api.test_hoa_giai import ASSIGNED, RECORD, REQUEST, SETTLED
    client = api.as_("to_hoa_giai")
    response = client.post("/api/v1/instances", json={"process_model": "hoa_giai",
                                                      "data": {**REQUEST, "ngay_tiep_nhan": FUTURE}})
    assert response.status_code == 422 and list(response.get_json()["error"]["details"]) == ["ngay_tiep_nhan"]
    case = Case(api, "hoa_giai", "to_hoa_giai", {**REQUEST, "ngay_tiep_nhan": TODAY}, reader="to_hoa_giai")
    refused_for_a_day_to_come(case, "phan_cong_hoa_giai_vien", "to_hoa_giai", ASSIGNED, "ngay_phan_cong")
    refused_for_a_day_to_come(case, "tien_hanh_hoa_giai", "to_hoa_giai", SETTLED, "ngay_hoa_giai")
    case.do("lap_van_ban_hoa_giai_thanh", "to_hoa_giai", RECORD)
    refused_for_a_day_to_come(case, "theo_doi_thuc_hien", "to_hoa_giai", {"ket_qua_thuc_hien": "da_thuc_hien"},
                              "ngay_kiem_tra")
    excluded = Case(api, "hoa_giai", "to_hoa_giai", {**REQUEST, "loai_vu_viec": "vi_pham_nhe"}, reader="to_hoa_giai")
    excluded.do("phan_cong_hoa_giai_vien", "to_hoa_giai", {"ngay_phan_cong": TODAY,
                                                           "ly_do_khong_hoa_giai": ["truy_cuu_hinh_su"]})
    refused_for_a_day_to_come(excluded, "huong_dan_ngoai_pham_vi", "to_hoa_giai",
                              {"co_quan_co_tham_quyen": "Công an xã", "noi_dung_huong_dan": "Trình báo Công an xã"},
                              "ngay_huong_dan")


def test_a_failed_mediations_guidance_dated_after_today_is_refused(api):
    from tests.api.test_hoa_giai import ASSIGNED, FAILED, REQUEST, SESSION
    case = Case(api, "hoa_giai", "to_hoa_giai", REQUEST, reader="to_hoa_giai")
    case.do("phan_cong_hoa_giai_vien", "to_hoa_giai", {**ASSIGNED, "ngay_phan_cong": TODAY})
    case.do("tien_hanh_hoa_giai", "to_hoa_giai", {**SESSION, "ngay_hoa_giai": TODAY, "ket_qua_buoi": "khong_the_hoa_giai"})
    refused_for_a_day_to_come(case, "lap_van_ban_hoa_giai_khong_thanh", "to_hoa_giai", FAILED, "ngay_huong_dan")


def test_a_village_head_election_meeting_or_its_notice_after_today_is_refused(api, clock):
    from tests.api.test_bau_truong_thon import NOTICE, TEAM, decided, election, forward
    case = decided(api)
    clock.set(on("2026-03-12"))
    case.do("thanh_lap_to_bau_cu", "chu_tich", TEAM)
    clock.set(on("2026-03-14"))  # the day before the notice's
    refused = case.refuse("niem_yet_thong_bao", "ban_cong_tac_mat_tran", NOTICE)
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_niem_yet"]
    assert "không thể sau hôm nay (14/03/2026)" in refused["details"]["ngay_niem_yet"]
    forward(clock, NOTICE["ngay_niem_yet"])
    case.do("niem_yet_thong_bao", "ban_cong_tac_mat_tran", NOTICE)  # posted today
    clock.set(on("2026-03-21"))  # the eve of the meeting
    refused = case.refuse("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 51, 29))
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_hop"]
    assert "không thể sau hôm nay (21/03/2026)" in refused["details"]["ngay_hop"]
    assert case.open_task_names() == ["to_chuc_bau"] and case.data["cac_cuoc_hop"] == []
    forward(clock, "2026-03-22")
    case.do("to_chuc_bau", "ban_cong_tac_mat_tran", election(80, 51, 29))
    assert case.data["ngay_hop"] == "2026-03-22"


def test_a_complaints_dialogue_after_today_is_refused(api, clock):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    case.do("xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Có căn cứ một phần",
                                             "bao_cao_xac_minh_so": "05/BC", "ket_qua_khac_yeu_cau": True})
    clock.set(on("2026-03-05"))  # the day the complaint was accepted (ACCEPT's ngay_thu_ly)
    held = {"bien_ban_doi_thoai": "Biên bản", "nguoi_khieu_nai_co_mat": True}
    refused = case.refuse("doi_thoai", "chu_tich", {**held, "ngay_doi_thoai": "2026-03-06"})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_doi_thoai"]
    assert "không thể sau hôm nay (05/03/2026)" in refused["details"]["ngay_doi_thoai"]
    assert case.open_task_names() == ["doi_thoai"]
    case.do("doi_thoai", "chu_tich", {**held, "ngay_doi_thoai": "2026-03-05"})
    assert case.data["ngay_doi_thoai"] == "2026-03-05"


def test_a_hamlets_draft_posting_and_its_resolutions_report_after_today_are_refused(api, clock):
    from tests.api.test_dan_ban_quyet_dinh import CONVENTION
    from tests.samples import VILLAGE_RESOLUTION, VILLAGE_RESOLUTION_PUBLISHED, VILLAGE_REPORT_RECEIVED
    case = Case(api, "dan_ban_quyet_dinh", "truong_thon", CONVENTION)
    refused_for_a_day_to_come(case, "niem_yet_du_thao", "truong_thon", {"noi_niem_yet": "Nhà văn hóa thôn"},
                              "ngay_niem_yet")
    clock.set(on("2026-04-01"))  # thirty days later
    refused = case.refuse("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-04-02"})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_ket_thuc_niem_yet"]
    assert "không thể sau hôm nay (01/04/2026)" in refused["details"]["ngay_ket_thuc_niem_yet"]
    case.do("ket_thuc_niem_yet_du_thao", "truong_thon", {"ngay_ket_thuc_niem_yet": "2026-04-01"})
    case.do("to_chuc_hop", "truong_thon", meeting(70, 51, ngay_hop="2026-04-01"))
    case.do("lap_nghi_quyet", "truong_thon", VILLAGE_RESOLUTION)
    refused = case.refuse("cong_bo_bao_cao", "truong_thon", {**VILLAGE_RESOLUTION_PUBLISHED,
                                                             "ngay_bao_cao_ubnd": "2026-04-02"})
    assert refused["status"] == 422 and list(refused["details"]) == ["ngay_bao_cao_ubnd"]
    case.do("cong_bo_bao_cao", "truong_thon", {**VILLAGE_RESOLUTION_PUBLISHED, "ngay_bao_cao_ubnd": "2026-04-01"})
    refused = case.refuse("tiep_nhan_bao_cao", "van_phong", {k: "2026-04-02" for k in VILLAGE_REPORT_RECEIVED})
    assert refused["status"] == 422 and set(refused["details"]) == set(VILLAGE_REPORT_RECEIVED)
    case.do("tiep_nhan_bao_cao", "van_phong", {k: "2026-04-01" for k in VILLAGE_REPORT_RECEIVED})
    assert case.open_task_names() == ["cong_nhan_huong_uoc"]
