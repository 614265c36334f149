"""A citizen denouncing one of the commune's people at the reception or by letter (Law on Denunciations 2018
Arts. 9, 13, 47; Law on Citizen Reception 2013 Arts. 15, 18, 30), through the HTTP API.

The visit's record (`tiep_cong_dan`, step `ghi_so_tiep_cong_dan`) and a letter's intake (`xu_ly_don`) name the
denounced person's account by its id, as the denunciation does: from that step the account has no way to the
visit or the letter (404 as an unknown case), the letter the visit hands on carries the account, and the
denunciation the letter opens goes to the province when it is the Chairman's. A Chairman denounced does not
receive the visit himself (his reception day or a crowd): the reception officer answers it or passes the letter
on. A citizen's letter on the portal cannot name an account (the portal fills the field with null). A visit
recorded without the account is hidden from it once the letter it handed on names it (the exclusion goes up the
linked cases); a letter opened from a visit naming it inherits the exclusion.
"""
from tests.api.cases import Case
from tests.api.test_tiep_cong_dan import RECEIVABLE, RECORD, TO_LETTER
from tests.api.test_to_cao_conflict import account_id, not_found
from tests.api.test_xu_ly_don import DENUNCIATION, ELIGIBLE, NONE
from tests.samples import LETTER_INTAKE, visit

OF_THE_CHAIRMAN = {**RECORD, "noi_dung_trinh_bay": "Tố cáo Chủ tịch UBND xã nhận tiền hỗ trợ của dân",
                   "loai_noi_dung": "to_cao"}
TWO = ["Nguyễn Văn Một", "Trần Thị Hai"]


def recorded(api, account_of: str | None, **visit_data) -> Case:
    case = visit(api, **visit_data)
    case.reader = "tiep_cong_dan"
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    record = {**OF_THE_CHAIRMAN}
    if account_of:
        record["tai_khoan_nguoi_bi_to_cao"] = account_id(api, account_of)
    case.do("ghi_so_tiep_cong_dan", "tiep_cong_dan", record)
    return case


def test_a_crowd_denouncing_the_chairman_is_answered_by_the_officer_and_hidden_from_him(api):
    case = recorded(api, "chu_tich", so_nguoi=12, nguoi_dai_dien=TWO)  # a crowd goes to the Chairman, but not this
    assert case.open_task_names() == ["tra_loi_huong_dan"]
    assert case.data["vai_tro_nguoi_bi_to_cao"] == ["chu_tich"]
    chairman = api.as_("chu_tich")
    assert not_found(chairman.get(f"/api/v1/instances/{case.id}"))
    assert case.id not in {c["id"] for c in chairman.get("/api/v1/instances", query_string={"limit": 200}).get_json()[
        "items"]}
    case.do("tra_loi_huong_dan", "tiep_cong_dan", TO_LETTER)
    letter = Case.existing(api, case.data["ho_so_xu_ly_don"]["id"], reader="tiep_cong_dan")
    assert letter.data["tai_khoan_nguoi_bi_to_cao"] == account_id(api, "chu_tich")
    assert not_found(chairman.get(f"/api/v1/instances/{letter.id}"))  # hidden from the letter's first step
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", {**NONE, **DENUNCIATION, "nguoi_bi_to_cao": "Ông Lê Văn Chủ",
                                                 "vi_tri_nguoi_bi_to_cao": "chu_tich_ubnd_xa"})
    denunciation = Case.existing(api, letter.data["ho_so_to_cao"]["id"], reader="tiep_cong_dan")
    assert denunciation.data["tai_khoan_nguoi_bi_to_cao"] == account_id(api, "chu_tich")
    assert denunciation.open_task_names() == ["chuyen_len_cap_tinh"]
    assert not_found(chairman.get(f"/api/v1/instances/{denunciation.id}"))


def test_at_the_chairmans_own_reception_day_a_denunciation_of_him_goes_to_the_officer(api):
    case = recorded(api, "chu_tich", hinh_thuc_tiep="dinh_ky_chu_tich")
    assert case.open_task_names() == ["tra_loi_huong_dan"]
    assert api.as_("chu_tich").get("/api/v1/tasks", query_string={"instance_id": case.id}).get_json()["total"] == 0


def test_a_denunciation_of_a_civil_servant_still_goes_to_the_chairman_and_hides_from_the_servant(api):
    case = recorded(api, "can_bo_xac_minh", so_nguoi=6, nguoi_dai_dien=TWO)
    assert case.open_task_names() == ["chu_tich_tiep"]  # a crowd: the Chairman receives it (Art. 30)
    assert api.as_("chu_tich").get(f"/api/v1/instances/{case.id}").status_code == 200
    assert not_found(api.as_("can_bo_xac_minh").get(f"/api/v1/instances/{case.id}"))


def test_a_visit_naming_nobody_goes_on_as_before(api):
    case = recorded(api, None, so_nguoi=6, nguoi_dai_dien=TWO)
    assert case.open_task_names() == ["chu_tich_tiep"] and case.data["tai_khoan_nguoi_bi_to_cao"] is None
    assert case.data["vai_tro_nguoi_bi_to_cao"] == []


def test_an_account_of_another_commune_is_refused_naming_the_field(api):
    case = visit(api)
    case.do("kiem_tra_nhan_than", "tiep_cong_dan", RECEIVABLE)
    other = account_id(api, "chu_tich.b", as_user="tiep_cong_dan.b")
    for bad in (other, 987654, "x", 0, 2**31, 2**63 - 1):  # past users.id's INTEGER: had been PostgreSQL's 500
        refused = case.refuse("ghi_so_tiep_cong_dan", "tiep_cong_dan", {**OF_THE_CHAIRMAN,
                                                                       "tai_khoan_nguoi_bi_to_cao": bad})
        assert refused["status"] == 422 and "tai_khoan_nguoi_bi_to_cao" in refused["details"], (bad, refused)


def test_a_letter_naming_an_id_past_any_account_is_refused_and_opens_nothing(api):
    for bad in (2**31, 2**40, 2**63 - 1):  # past users.id's INTEGER: had been PostgreSQL's 500
        response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
            "process_model": "xu_ly_don", "data": {**LETTER_INTAKE, "tai_khoan_nguoi_bi_to_cao": bad}})
        assert response.status_code == 422, (bad, response.get_json())
        assert set(response.get_json()["error"]["details"]) == {"tai_khoan_nguoi_bi_to_cao"}
    assert api.as_("tiep_cong_dan").get("/api/v1/instances").get_json()["total"] == 0


def test_a_letter_naming_the_chairmans_account_at_intake_is_hidden_from_him_from_the_start(api):
    letter = Case(api, "xu_ly_don", "tiep_cong_dan", {**LETTER_INTAKE,
                                                      "tai_khoan_nguoi_bi_to_cao": account_id(api, "chu_tich")},
                  reader="tiep_cong_dan")
    assert not_found(api.as_("chu_tich").get(f"/api/v1/instances/{letter.id}"))
    assert api.as_("chu_tich").get("/api/v1/instances", query_string={"process_model": "xu_ly_don"}).get_json()[
        "total"] == 0


def ids_listed(client, **query) -> set[str]:
    return {c["id"] for c in client.get("/api/v1/instances", query_string={"limit": 200, **query}).get_json()["items"]}


def test_a_visit_naming_nobody_is_hidden_from_the_chairman_once_its_letter_names_him(api):
    """The Chairman received the crowd himself (nobody was named at the visit); the letter it handed on names
    his account at its classification: from that step the visit's record (what the citizen said about him) is
    as unknown to him as the letter and the denunciation, everywhere; the other staff still see all three,
    linked to each other."""
    case = recorded(api, None, so_nguoi=6, nguoi_dai_dien=TWO)
    chairman = api.as_("chu_tich")
    visit_task = case.task("chu_tich_tiep")
    assert case.id in ids_listed(chairman)
    case.do("chu_tich_tiep", "chu_tich", {**TO_LETTER, "y_kien_chi_dao": "Giao công chức xử lý đơn"})
    letter = Case.existing(api, case.data["ho_so_xu_ly_don"]["id"], reader="tiep_cong_dan")
    assert chairman.get(f"/api/v1/instances/{case.id}").status_code == 200  # nobody named yet
    letter.do("kiem_tra_dieu_kien", "tiep_cong_dan", ELIGIBLE)
    letter.do("phan_loai_don", "tiep_cong_dan", {**NONE, **DENUNCIATION, "nguoi_bi_to_cao": "Ông Lê Văn Chủ",
                                                 "vi_tri_nguoi_bi_to_cao": "chu_tich_ubnd_xa",
                                                 "tai_khoan_nguoi_bi_to_cao": account_id(api, "chu_tich")})
    denunciation = Case.existing(api, letter.data["ho_so_to_cao"]["id"], reader="tiep_cong_dan")
    for instance_id in (case.id, letter.id, denunciation.id):
        assert not_found(chairman.get(f"/api/v1/instances/{instance_id}")), instance_id
        assert not_found(chairman.get(f"/api/v1/instances/{instance_id}/history")), instance_id
    assert chairman.get(f"/api/v1/tasks/{visit_task['id']}").status_code == 404  # the step he did himself
    listed = ids_listed(chairman)
    assert not listed & {case.id, letter.id, denunciation.id}
    for key in (case.body["business_key"], letter.body["business_key"]):
        assert chairman.get("/api/v1/instances", query_string={"business_key": key}).get_json()["total"] == 0
    assert chairman.get("/api/v1/instances", query_string={"process_model": "tiep_cong_dan"}).get_json()[
        "total"] == 0
    inbox = chairman.get("/api/v1/tasks", query_string={"instance_id": case.id}).get_json()
    assert inbox["total"] == 0
    notes = chairman.get("/api/v1/notifications", query_string={"limit": 200}).get_json()["items"]
    assert not {n["instance_id"] for n in notes} & {case.id, letter.id, denunciation.id}
    # everyone else: all three, linked both ways, the visit's exclusion audited with the case naming him
    for user in ("tiep_cong_dan", "pho_chu_tich"):
        assert {case.id, letter.id} <= ids_listed(api.as_(user)), user
    visit_links = case.detail("tiep_cong_dan")["links"]
    assert [link["instance_id"] for link in visit_links] == [letter.id]
    letter_links = {link["instance_id"] for link in letter.detail("tiep_cong_dan")["links"]}
    assert letter_links == {case.id, denunciation.id}
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}/history").get_json()
    events = history["items"] if isinstance(history, dict) else history
    excluded = [e for e in events if e["action"] == "excluded"]
    # the denunciation, opened inside the letter's step, named him first
    assert len(excluded) == 1 and excluded[0]["data"]["linked_to"] == denunciation.body["business_key"], excluded


def test_a_letter_opened_from_a_visit_naming_the_chairman_inherits_it_and_a_later_naming_adds_nobody_twice(api):
    """The visit names him: the letter it opens excludes him from its opening (inherited, and carried in its
    data), once; the denunciation it opens too."""
    case = recorded(api, "chu_tich")
    case.do("tra_loi_huong_dan", "tiep_cong_dan", TO_LETTER)
    letter = Case.existing(api, case.data["ho_so_xu_ly_don"]["id"], reader="tiep_cong_dan")
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{letter.id}/history").get_json()
    events = history["items"] if isinstance(history, dict) else history
    excluded = [e["data"] for e in events if e["action"] == "excluded"]
    assert [e.get("inherited_from") for e in excluded] == [case.body["business_key"]]  # once, from the visit
    assert not_found(api.as_("chu_tich").get(f"/api/v1/instances/{letter.id}"))


def test_an_account_id_sent_as_a_whole_float_still_hides_the_letter_from_that_account(api):
    """JSON Schema takes 5.0 as an integer: it is stored as 5, so the exclusion reads it (it had named
    nobody, the letter staying visible to the Chairman it denounced)."""
    chairman = account_id(api, "chu_tich")
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "xu_ly_don", "data": {**LETTER_INTAKE, "tai_khoan_nguoi_bi_to_cao": float(chairman)}})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["data"]["tai_khoan_nguoi_bi_to_cao"] == chairman
    assert not_found(api.as_("chu_tich").get(f"/api/v1/instances/{response.get_json()['id']}"))
