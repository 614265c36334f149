"""The sector on staff pages: the case search filters by it and lists it by name, the case page names it; the
review of long-running cases for the leaders and auditors, and its export."""
from datetime import datetime, timezone

from tests.samples import INTAKE, Complaint, as_web_form


def test_the_case_search_filters_by_sector_and_shows_its_name(web, api):
    land = Complaint(api, linh_vuc="dat_dai")
    Complaint(api, linh_vuc="moi_truong")
    client = web("chu_tich")
    page = client.text("/cases?sector=dat_dai")
    assert land.body["business_key"] in page and "KN-2026-000002" not in page
    assert "<td data-label=\"Lĩnh vực\">Đất đai</td>" in page
    assert '<option value="dat_dai" selected>Đất đai</option>' in page
    assert "KN-2026-000002" in client.text("/cases")


def test_the_case_page_names_the_sector(web, api):
    case = Complaint(api, linh_vuc="boi_thuong_tai_dinh_cu")
    page = web("chu_tich").text(f"/cases/{case.id}")
    assert "Bồi thường, giải phóng mặt bằng, tái định cư" in page and "boi_thuong_tai_dinh_cu</dd>" not in page


def _long_running(api, clock):
    """An environment complaint accepted on 5 March, past its statutory date on 20 April."""
    case = Complaint(api, linh_vuc="moi_truong", thon="Thôn Kỳ Thọ Nam")
    case.accept()
    clock.set(datetime(2026, 4, 20, 1, 0, tzinfo=timezone.utc))
    return case


def test_the_review_page_lists_long_running_cases_by_sector_with_dates_as_people_read_them(web, api, clock):
    case = _long_running(api, clock)
    client = web("chu_tich")
    assert 'href="/reviews/long-running"' in client.text("/inbox")  # in the Chairman's menu
    page = client.text("/reviews/long-running")
    assert case.body["business_key"] in page and '<h2 id="sector-moi_truong">Môi trường' in page
    assert "02/03/2026" in page and "2026-03-02" not in page and "Quá hạn" in page and "20/04/2026" in page
    assert 'href="/reviews/long-running.csv' in page and 'href="/reviews/long-running.xlsx' in page
    assert case.body["business_key"] not in client.text("/reviews/long-running?sector=dat_dai")
    export = client.get("/reviews/long-running.csv?older_than_days=30")
    assert export.status_code == 200 and case.body["business_key"] in export.get_data().decode("utf-8-sig")
    assert "2026-03-02" in export.get_data().decode("utf-8-sig")


def test_the_review_page_is_for_leaders_and_auditors_only(web, api):
    client = web("tiep_cong_dan")
    assert 'href="/reviews/long-running"' not in client.text("/inbox")
    assert client.get("/reviews/long-running").status_code == 403
    assert client.get("/reviews/long-running.csv").status_code == 403
    assert web("kiem_tra").get("/reviews/long-running").status_code == 200


def test_a_bad_number_of_days_on_the_review_page_is_refused_not_a_server_error(web):
    response = web("chu_tich").get("/reviews/long-running?older_than_days=abc")
    assert response.status_code == 422 and "Số ngày không hợp lệ." in response.get_data(as_text=True)
    assert web("chu_tich").get("/reviews/long-running?older_than_days=0").status_code == 422



def test_the_intake_form_offers_the_sectors_by_name_and_left_unchosen_records_other(web, api):
    client = web("tiep_cong_dan")
    assert ">Bồi thường, giải phóng mặt bằng, tái định cư</option>" in client.text("/cases/new/khieu_nai")
    form = {**as_web_form(INTAKE), "linh_vuc": ""}  # as a browser sends
    response = client.post("/cases/new/khieu_nai", form, page="/cases/new/khieu_nai")
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    case_id = response.headers["Location"].rsplit("/", 1)[-1]
    assert api.as_("chu_tich").get(f"/api/v1/instances/{case_id}").get_json()["sector"] == "khac"
