"""A denunciation of the commune Chairman (Law on Denunciations 2018 Arts. 9, 13, 47), through the HTTP API.

The denounced person is part of the case: their post, and their account when they have one, picked by its id
(`GET /api/v1/accounts`). A denunciation of the commune Chairman or a Vice-Chairman is the provincial
Chairman's (Art. 13, two-level government since 1 July 2025): the commune logs it, passes it up and tells the
denouncer (Art. 24(2)), then the province's people handle every step. The denounced Chairman has no way to
the case: no task, no list, no search hit, no history, no notification; the periodic report still counts it.
Each place a case shows has its test here; the web pages and the browser are in `tests/web/`, the generic
rule (a small diagram, notifications, claims, drafts, the audit log) in `tests/trust/test_case_exclusions.py`.
"""
import pytest

from tests.api.cases import Case
from tests.samples import DENUNCIATION_ACCEPT, DENUNCIATION_CHECK, DENUNCIATION_INTAKE, DENUNCIATION_NOTICE

PASSED_UP = {"so_vao_so_xa": "TC-21", "da_thong_bao_chuyen_len_tinh": True, "ngay_thong_bao_chuyen_len_tinh": "2026-03-02"}
PROVINCE_ACCEPT = DENUNCIATION_ACCEPT  # the province's register numbers and dates its decision


def account_id(api, username: str, as_user: str = "tiep_cong_dan") -> int:
    """The id the account picker offers for `username` (never matched by a name)."""
    response = api.as_(as_user).get("/api/v1/accounts")
    assert response.status_code == 200, response.get_json()
    return next(a["id"] for a in response.get_json()["items"] if a["username"] == username)


def denounce(api, username: str | None = "chu_tich", post: str = "chu_tich_ubnd_xa", **overrides) -> Case:
    """A denunciation opened by the commune's reception officer, naming `username`'s account (None: no account)."""
    data = {**DENUNCIATION_INTAKE, "nguoi_bi_to_cao": "Ông Lê Văn Chủ", "chuc_vu_nguoi_bi_to_cao": "Chủ tịch UBND xã",
            "vi_tri_nguoi_bi_to_cao": post, **overrides}
    if username is not None:
        data["tai_khoan_nguoi_bi_to_cao"] = account_id(api, username)
    return Case(api, "to_cao", "tiep_cong_dan", data, reader="chu_tich.tinh")


def act(case: Case, name: str, user: str, data: dict) -> None:
    """Claim and complete the open task `name` as `user`, whoever holds its role where the case is handled."""
    task = case.task(name)
    client = case.api.as_(user)
    for path, body in ((f"/api/v1/tasks/{task['id']}/claim", None), (f"/api/v1/tasks/{task['id']}/complete",
                                                                         {"data": data})):
        response = client.post(path, json=body) if body is not None else client.post(path)
        assert response.status_code == 200, (name, user, response.get_json())


def passed_up(api, **overrides) -> Case:
    case = denounce(api, **overrides)
    act(case, "chuyen_len_cap_tinh", "tiep_cong_dan", PASSED_UP)
    return case


def concluded_by_the_province(api) -> Case:
    case = passed_up(api)
    act(case, "kiem_tra_to_cao", "tiep_cong_dan.tinh", DENUNCIATION_CHECK)
    act(case, "quyet_dinh_xu_ly", "chu_tich.tinh", PROVINCE_ACCEPT)
    act(case, "thong_bao_thu_ly", "tiep_cong_dan.tinh", DENUNCIATION_NOTICE)
    return case


def not_found(response, code: str = "instance_not_found") -> bool:
    return response.status_code == 404 and response.get_json()["error"]["code"] == code


def test_the_account_picker_offers_the_communes_accounts_by_id(api):
    response = api.as_("tiep_cong_dan").get("/api/v1/accounts")
    assert response.status_code == 200
    accounts = {a["username"]: a for a in response.get_json()["items"]}
    assert accounts["chu_tich"]["roles"] == ["chu_tich"] and isinstance(accounts["chu_tich"]["id"], int)
    assert "truong_thon" in accounts  # a hamlet's people are the commune's
    assert not {"chu_tich.b", "chu_tich.tinh"} & set(accounts)  # another commune's, the province's


def test_a_denunciation_of_the_commune_chairman_is_passed_up_and_the_denouncer_told(api):
    case = denounce(api)
    detail = case.detail("tiep_cong_dan")
    assert detail["data"]["thuoc_cap_tinh"] is True and detail["data"]["vai_tro_nguoi_bi_to_cao"] == ["chu_tich"]
    assert [(t["name"], t["role"]) for t in detail["tasks"]] == [("chuyen_len_cap_tinh", "tiep_cong_dan")]
    assert case.due_day("chuyen_len_cap_tinh") == "2026-03-09"  # 5 working days from Mon 2 March (Art. 24(2))
    refused = case.refuse("chuyen_len_cap_tinh", "tiep_cong_dan", {**PASSED_UP, "ngay_thong_bao_chuyen_len_tinh": None})
    assert refused["status"] == 422  # the notice to the denouncer is dated
    refused = case.refuse("chuyen_len_cap_tinh", "tiep_cong_dan", {**PASSED_UP,
                                                                   "ngay_thong_bao_chuyen_len_tinh": "0001-01-01"})
    assert refused["status"] == 422 and "ngay_thong_bao_chuyen_len_tinh" in refused["details"]  # before the letter
    act(case, "chuyen_len_cap_tinh", "tiep_cong_dan", PASSED_UP)
    detail = case.detail("chu_tich.tinh")
    assert detail["data"]["cap_giai_quyet"] == "tinh" and detail["data"]["co_quan_giai_quyet"]["unit"] == "quang_ngai"
    assert detail["data"]["ngay_thong_bao_chuyen_len_tinh"] == "2026-03-02"
    assert case.open_task_names() == ["kiem_tra_to_cao"]
    assert case.due_day("kiem_tra_to_cao") == "2026-03-11"  # 7 working days from the transfer, issued 2/3
    history = api.as_("chu_tich.tinh").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    moved = next(e for e in history if e["action"] == "transferred")
    assert moved["data"]["reason"].startswith("Tố cáo Chủ tịch, Phó Chủ tịch UBND xã")


def test_the_province_handles_every_step_and_reads_the_denouncer(api):
    case = concluded_by_the_province(api)
    assert case.open_task_names() == ["xac_minh"]
    act(case, "xac_minh", "can_bo_xac_minh.tinh", {"ket_qua_xac_minh": "Có căn cứ", "bao_cao_xac_minh_so": "7/BC",
                                                   "de_nghi_gia_han": False})
    act(case, "ket_luan", "chu_tich.tinh", {"ket_qua_ket_luan": "dung", "noi_dung_ket_luan": "Đúng"})
    act(case, "xu_ly_ket_luan", "chu_tich.tinh", {"bien_phap_xu_ly": "Kỷ luật", "chuyen_co_quan_dieu_tra": False,
                                                  "ngay_xu_ly": "2026-04-02"})
    act(case, "thong_bao_ket_qua", "tiep_cong_dan.tinh", {
        "ngay_gui_ket_luan": "2026-04-03", "ngay_thong_bao_nguoi_to_cao": "2026-04-03",
        "hinh_thuc_cong_khai": "niem_yet", "ngay_cong_khai": "2026-04-03"})
    detail = case.detail("chu_tich.tinh")
    assert (detail["status"], detail["outcome"]) == ("completed", "da_giai_quyet")
    assert detail["data"]["nguoi_to_cao"] == DENUNCIATION_INTAKE["nguoi_to_cao"]  # the handling authority reads it
    assert case.detail("kiem_tra.tinh")["data"]["nguoi_to_cao"] == "[bảo mật]"  # an auditor never does


def test_the_commune_cannot_act_on_the_case_it_passed_up_nor_the_province_on_a_communes_own(api):
    case = passed_up(api)
    task = case.task("kiem_tra_to_cao")
    assert not_found(api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/claim"), "task_not_found")
    assert not_found(api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}"))
    withdrawal = {"ngay_rut": "2026-03-18", "pham_vi_rut": "toan_bo", "ly_do_rut": "x"}
    assert not_found(api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/messages",
                                                   json={"name": "rut_to_cao", "data": withdrawal}))
    own = Case(api, "to_cao", "tiep_cong_dan", DENUNCIATION_INTAKE)  # a denunciation of a civil servant
    own.do("kiem_tra_to_cao", "tiep_cong_dan", DENUNCIATION_CHECK)
    decision = own.task("quyet_dinh_xu_ly")
    assert decision["id"] not in {t["id"] for t in tasks_of(api, "chu_tich.tinh", "claimable")}
    refused = api.as_("chu_tich.tinh").post(f"/api/v1/tasks/{decision['id']}/claim")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "not_your_task"
    refused = api.as_("chu_tich.tinh").post(f"/api/v1/instances/{own.id}/cancel", json={"reason": "x"})
    assert refused.status_code == 403


def tasks_of(api, user: str, scope: str) -> list[dict]:
    response = api.as_(user).get("/api/v1/tasks", query_string={"scope": scope, "limit": 200})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_inbox_the_denounced_chairman_has_no_task_of_the_case_at_any_step(api):
    case = denounce(api)
    seen = set()
    for step in range(3):
        for scope in ("mine", "claimable", "visible"):
            seen |= {t["instance_id"] for t in tasks_of(api, "chu_tich", scope)}
        if step == 0:
            act(case, "chuyen_len_cap_tinh", "tiep_cong_dan", PASSED_UP)
        elif step == 1:
            act(case, "kiem_tra_to_cao", "tiep_cong_dan.tinh", DENUNCIATION_CHECK)
    assert case.id not in seen
    assert [t["name"] for t in tasks_of(api, "chu_tich.tinh", "claimable")] == ["quyet_dinh_xu_ly"]
    inbox = api.as_("chu_tich").get("/api/v1/tasks", query_string={"instance_id": case.id}).get_json()
    assert inbox == {**inbox, "items": [], "total": 0}


def test_case_the_denounced_chairman_reads_nothing_of_it_as_if_it_did_not_exist(api):
    case = denounce(api)
    chairman = api.as_("chu_tich")
    unknown = chairman.get("/api/v1/instances/00000000-0000-0000-0000-000000000000").get_json()
    for response in (chairman.get(f"/api/v1/instances/{case.id}"),
                     chairman.get(f"/api/v1/instances/{case.id}/history"),
                     chairman.post(f"/api/v1/instances/{case.id}/cancel", json={"reason": "Tự hủy"}),
                     chairman.post(f"/api/v1/instances/{case.id}/messages",
                                   json={"name": "rut_to_cao", "data": {}})):
        assert response.status_code == 404 and response.get_json() == unknown
    task = case.task("chuyen_len_cap_tinh")
    for response in (chairman.get(f"/api/v1/tasks/{task['id']}"),
                     chairman.post(f"/api/v1/tasks/{task['id']}/claim")):
        assert not_found(response, "task_not_found")


def test_search_the_case_is_no_hit_for_the_denounced_chairman_and_no_count(api):
    case = denounce(api)
    key = case.body["business_key"]
    chairman = api.as_("chu_tich")
    listed = chairman.get("/api/v1/instances", query_string={"limit": 200}).get_json()
    assert case.id not in {c["id"] for c in listed["items"]}
    assert chairman.get("/api/v1/instances", query_string={"business_key": key}).get_json()["total"] == 0
    models = {m["id"]: m for m in chairman.get("/api/v1/process-models").get_json()["items"]}
    assert models["to_cao"]["instance_count"] == 0
    assert api.as_("tiep_cong_dan").get("/api/v1/process-models/to_cao").get_json()["instance_count"] == 1
    assert chairman.get("/api/v1/process-models/to_cao").get_json()["instance_count"] == 0


def test_reports_the_communes_periodic_report_still_counts_the_case(api):
    denounce(api)
    report = Case(api, "bao_cao_dinh_ky", "van_phong", {"ky_bao_cao": "q1", "nam": 2026})
    figures = report.detail("van_phong")["data"]["so_lieu_bao_cao"]
    rows = {row["ma"]: row for row in next(t for t in figures["bang"] if t["ma"] == "theo_quy_trinh")["dong"]}
    assert rows["to_cao"]["tiep_nhan"] == 1
    assert report.detail("chu_tich")["data"]["so_lieu_bao_cao"] == figures  # the Chairman approves that count


def test_the_denounced_account_must_be_one_of_the_communes_and_not_the_officer_receiving_it(api):
    def opened(account) -> dict:
        response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "to_cao", "data": {
            **DENUNCIATION_INTAKE, "tai_khoan_nguoi_bi_to_cao": account}})
        assert response.status_code == 422, response.get_json()
        return response.get_json()["error"]["details"]
    other_commune = account_id(api, "chu_tich.b", as_user="tiep_cong_dan.b")
    assert "tai_khoan_nguoi_bi_to_cao" in opened(other_commune)
    assert "tai_khoan_nguoi_bi_to_cao" in opened(987654)
    assert "tai_khoan_nguoi_bi_to_cao" in opened(account_id(api, "tiep_cong_dan"))
    assert api.as_("tiep_cong_dan").get("/api/v1/instances").get_json()["total"] == 0  # nothing was opened


@pytest.mark.parametrize("username, post", [("pho_chu_tich", "pho_chu_tich_ubnd_xa"),  # by the post
                                            ("pho_chu_tich", "can_bo_cong_chuc_xa"),  # by the account's role
                                            (None, "chu_tich_ubnd_xa")])  # no account: by the post
def test_a_vice_chairman_or_the_chairman_by_post_or_by_account_goes_to_the_province(api, username, post):
    case = denounce(api, username=username, post=post)
    assert case.open_task_names() == ["chuyen_len_cap_tinh"]


def test_a_denunciation_without_the_denounced_post_or_account_stays_with_the_commune(api):
    data = {k: v for k, v in DENUNCIATION_INTAKE.items() if k != "vi_tri_nguoi_bi_to_cao"}
    case = Case(api, "to_cao", "tiep_cong_dan", data)  # as a letter classified by an earlier xu_ly_don opens it
    detail = case.detail()
    assert (detail["data"]["vi_tri_nguoi_bi_to_cao"], detail["data"]["tai_khoan_nguoi_bi_to_cao"]) == (
        "chua_xac_dinh", None)
    assert case.open_task_names() == ["kiem_tra_to_cao"]


def test_a_civil_servant_denounced_loses_the_case_and_the_chairman_decides_it(api):
    case = denounce(api, username="can_bo_xac_minh", post="can_bo_cong_chuc_xa", nguoi_bi_to_cao="Ông Huỳnh Văn Minh",
                    chuc_vu_nguoi_bi_to_cao="Cán bộ xác minh")
    case.reader = "chu_tich"
    assert case.open_task_names() == ["kiem_tra_to_cao"]  # the commune handles it: its Chairman decides
    case.do("kiem_tra_to_cao", "tiep_cong_dan", DENUNCIATION_CHECK)
    case.do("quyet_dinh_xu_ly", "chu_tich", DENUNCIATION_ACCEPT)
    case.do("thong_bao_thu_ly", "tiep_cong_dan", DENUNCIATION_NOTICE)
    verification = case.task("xac_minh")  # another verifier of the commune will take it, never the one denounced
    verifier = api.as_("can_bo_xac_minh")
    assert not_found(verifier.post(f"/api/v1/tasks/{verification['id']}/claim"), "task_not_found")
    assert not_found(verifier.get(f"/api/v1/instances/{case.id}"))
    assert verifier.get("/api/v1/instances").get_json()["total"] == 0
    listed = {t["instance_id"] for scope in ("claimable", "visible") for t in tasks_of(api, "can_bo_xac_minh", scope)}
    assert case.id not in listed
