"""Finding a case through the API by the tracking code a citizen reads out."""
from engine.portal.public import start_public_case
from tests.samples import LETTER_INTAKE


def test_the_case_list_takes_a_tracking_code_for_its_business_key(api, services):
    sent = start_public_case(services, "xu_ly_don", "nghia_ky", LETTER_INTAKE)
    body = api.as_("tiep_cong_dan").get("/api/v1/instances", query_string={
        "business_key": sent["tracking_code"]}).get_json()
    assert [c["business_key"] for c in body["items"]] == [sent["business_key"]]
    other = api.as_("tiep_cong_dan.b").get("/api/v1/instances", query_string={
        "business_key": sent["tracking_code"]}).get_json()
    assert other["total"] == 0
