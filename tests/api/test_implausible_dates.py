"""Implausible dates are refused at the form: a letter received after today (and so, by the complaint's own
check, a decision learned of after it), on the API as on the staff pages (the forms' checks read the
calendar's `hom_nay()`)."""
from tests.samples import INTAKE, LETTER_INTAKE, Complaint


def refused(api, process, data) -> dict:
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": process, "data": data})
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]["details"]


def test_a_letter_received_after_today_is_refused_naming_the_day(api):
    for process, intake in (("khieu_nai", INTAKE), ("xu_ly_don", LETTER_INTAKE)):
        details = refused(api, process, {**intake, "ngay_nhan_don": "2026-03-03"})  # today is 02/03/2026
        assert "03/03/2026" in details["ngay_nhan_don"] and "chưa đến" in details["ngay_nhan_don"]
    assert Complaint(api, ngay_nhan_don="2026-03-02").data["ngay_nhan_don"] == "2026-03-02"  # today is fine
