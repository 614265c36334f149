"""The sector on staff pages: the case search filters by it and lists it by name, the case page names it."""
from tests.samples import Complaint


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
