"""The review of long-running cases (Kế hoạch 31/KH-UBND, II.7) through the HTTP API: running complaints,
denunciations, petitions and letters past their statutory date or opened more than N days ago, in the priority
sectors, by sector and hamlet, for the Chairman, the Vice-Chairmen and auditors within their scope; its CSV and
Excel export with ISO dates.
"""
import csv
import io
from datetime import date, datetime, timezone

from openpyxl import load_workbook

from tests.api.cases import Case
from tests.api.test_to_cao_conflict import account_id
from tests.samples import DENUNCIATION_INTAKE, Complaint

URL = "/api/v1/reviews/long-running-cases"
APRIL_20 = datetime(2026, 4, 20, 1, 0, tzinfo=timezone.utc)  # 08:00 in the commune


def review(api, user="chu_tich", **query) -> dict:
    response = api.as_(user).get(URL, query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def keys(body: dict) -> list[str]:
    return [item["business_key"] for item in body["items"]]


def opened(api, clock):
    """On 2 March: an unaccepted land complaint (no statutory date yet), an environment complaint accepted on
    5 March (due 30 days later), and a complaint of sector "other"; on 19 April a young poverty complaint."""
    land = Complaint(api, linh_vuc="dat_dai", thon="Thôn Phú Sơn")
    environment = Complaint(api, linh_vuc="moi_truong", thon="Thôn Kỳ Thọ Nam")
    environment.accept()
    other = Complaint(api, linh_vuc="khac")
    clock.set(datetime(2026, 4, 19, 1, 0, tzinfo=timezone.utc))
    young = Complaint(api, linh_vuc="giam_ngheo", ngay_nhan_don="2026-04-19")
    clock.set(APRIL_20)
    return land, environment, other, young


def test_a_case_past_its_statutory_date_is_listed_and_an_old_one_only_past_n_days(api, clock):
    land, environment, _other, _young = opened(api, clock)
    body = review(api)
    assert (body["as_of"], body["older_than_days"]) == ("2026-04-20", 90)
    assert keys(body) == [environment.body["business_key"]]  # past due; the land case is 49 days old
    item = body["items"][0]
    assert item["past_due"] and not item["older_than_limit"] and item["sector"] == "moi_truong"
    assert item["days_overdue"] == (date(2026, 4, 20) - date.fromisoformat(item["due_on"])).days > 0
    assert (item["opened_on"], item["days_open"], item["hamlet"]) == ("2026-03-02", 49, "Thôn Kỳ Thọ Nam")
    assert item["open_steps"] and item["citizen_name"] == "Nguyễn Văn An"
    body = review(api, older_than_days=45)
    assert sorted(keys(body)) == sorted([land.body["business_key"], environment.body["business_key"]])
    land_item = next(i for i in body["items"] if i["business_key"] == land.body["business_key"])
    assert land_item["older_than_limit"] and not land_item["past_due"] and land_item["due_on"] is None


def test_only_the_priority_sectors_unless_one_is_asked_for(api, clock):
    _land, _environment, other, young = opened(api, clock)
    assert other.body["business_key"] not in keys(review(api, older_than_days=30))
    assert keys(review(api, older_than_days=30, sector="khac")) == [other.body["business_key"]]
    assert keys(review(api, older_than_days=1, sector="giam_ngheo")) == []  # opened yesterday: 1 day old
    assert keys(review(api, older_than_days=30, sector="giam_ngheo")) == []
    assert young.body["sector"] == "giam_ngheo"


def test_cases_come_by_sector_then_hamlet_with_their_counts(api, clock):
    land, environment, _other, young = opened(api, clock)
    second_land = Complaint(api, linh_vuc="dat_dai", thon="Thôn An Hòa Bắc")  # opened 20 April
    clock.set(datetime(2026, 8, 1, 1, 0, tzinfo=timezone.utc))
    body = review(api)
    assert keys(body) == [second_land.body["business_key"], land.body["business_key"],
                          environment.body["business_key"], young.body["business_key"]]  # the list's order of sectors
    assert body["by_sector"] == [{"sector": "dat_dai", "count": 2}, {"sector": "moi_truong", "count": 1},
                                 {"sector": "giam_ngheo", "count": 1}]
    assert body["by_hamlet"] == [{"hamlet": "Thôn An Hòa Bắc", "count": 1}, {"hamlet": "Thôn Kỳ Thọ Nam", "count": 1},
                                 {"hamlet": "Thôn Phú Sơn", "count": 2}]
    assert keys(review(api, hamlet="phu son")) == [land.body["business_key"], young.body["business_key"]]


def test_a_case_no_longer_running_is_not_listed(api, clock):
    land, _environment, _other, _young = opened(api, clock)
    response = api.as_("chu_tich").post(f"/api/v1/instances/{land.id}/cancel", json={"reason": "Nhập trùng"})
    assert response.status_code == 200, response.get_json()
    assert land.body["business_key"] not in keys(review(api, older_than_days=30))


def test_the_chairman_vice_chairmen_and_auditors_read_it_within_their_scope(api, clock):
    _land, environment, _other, _young = opened(api, clock)
    for user in ("pho_chu_tich", "kiem_tra", "chu_tich.tinh", "kiem_tra.tinh"):
        assert keys(review(api, user)) == [environment.body["business_key"]], user
    for user in ("tiep_cong_dan", "van_phong", "quan_tri"):
        response = api.as_(user).get(URL)
        assert response.status_code == 403, user
        assert response.get_json()["error"]["code"] == "role_not_allowed"


def test_a_case_naming_the_reader_as_the_person_denounced_is_never_listed(api, clock):
    denunciation = Case(api, "to_cao", "tiep_cong_dan", {
        **DENUNCIATION_INTAKE, "linh_vuc": "dat_dai", "vi_tri_nguoi_bi_to_cao": "pho_chu_tich_ubnd_xa",
        "tai_khoan_nguoi_bi_to_cao": account_id(api, "pho_chu_tich")}, reader="chu_tich.tinh")
    clock.set(datetime(2026, 6, 15, 1, 0, tzinfo=timezone.utc))
    assert denunciation.body["business_key"] in keys(review(api, "chu_tich.tinh"))
    assert denunciation.body["business_key"] not in keys(review(api, "pho_chu_tich"))


def test_bad_criteria_are_refused_naming_the_field(api):
    for query, field in (({"older_than_days": 0}, "older_than_days"), ({"older_than_days": "x"}, "older_than_days"),
                         ({"older_than_days": 4000}, "older_than_days"), ({"sector": "ha_tang"}, "sector")):
        for path in (URL, URL + ".csv", URL + ".xlsx"):
            response = api.as_("chu_tich").get(path, query_string=query)
            assert response.status_code == 422, (path, query)
            assert field in str(response.get_json()["error"]["details"]), (path, query)


def test_the_export_gives_the_same_cases_with_iso_dates(api, clock):
    _land, environment, _other, _young = opened(api, clock)
    item = review(api)["items"][0]
    response = api.as_("chu_tich").get(URL + ".csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "ra-soat-vu-viec-keo-dai-2026-04-20.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][0].startswith("Rà soát vụ việc kéo dài đến ngày 2026-04-20")
    header = rows.index(["Số hồ sơ", "Quy trình", "Lĩnh vực", "Mã lĩnh vực", "Thôn", "Người dân", "Ngày mở",
                         "Hạn giải quyết", "Số ngày từ khi mở", "Số ngày quá hạn", "Đang ở bước"])
    assert rows[header + 1][:9] == [environment.body["business_key"], item["process_name"], "Môi trường",
                                    "moi_truong", "Thôn Kỳ Thọ Nam", "Nguyễn Văn An", "2026-03-02", item["due_on"],
                                    "49"]
    assert len(rows) == header + 2
    response = api.as_("kiem_tra").get(URL + ".xlsx", query_string={"older_than_days": 45})
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "Số hồ sơ")
    assert [row[6] for row in values[header + 1:]] == ["2026-03-02", "2026-03-02"]
    response = api.as_("tiep_cong_dan").get(URL + ".xlsx")
    assert response.status_code == 403


def test_a_name_typed_with_a_control_character_or_a_formula_exports_as_plain_text(api, clock):
    """A citizen's name is kept as typed: a control character (no XML character) had made the whole workbook a
    500, and `=...` would have been a formula in the reviewer's spreadsheet."""
    Complaint(api, linh_vuc="dat_dai", nguoi_khieu_nai="Nguyễn\x0bVăn\x1bAn")
    Complaint(api, linh_vuc="dat_dai", nguoi_khieu_nai='=HYPERLINK("http://x","An")')
    clock.set(APRIL_20)
    asked = api.as_("chu_tich").get(URL + ".xlsx", query_string={"hamlet": "=Phú\x01"})  # in the title
    assert asked.status_code == 200, asked.get_json()
    response = api.as_("chu_tich").get(URL + ".xlsx", query_string={"older_than_days": 30})
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "NguyễnVănAn" in [c.value for c in cells] and not any(c.data_type == "f" for c in cells)
    assert any(c.value == '=HYPERLINK("http://x","An")' and c.data_type == "s" for c in cells)
    exported = api.as_("chu_tich").get(URL + ".csv", query_string={"older_than_days": 30})
    rows = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"))))
    assert "'=HYPERLINK(\"http://x\",\"An\")" in [row[5] for row in rows if len(row) > 5]
