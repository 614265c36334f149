"""Confidential fields on the web pages: the case page and the auditor's view show `[bảo mật]` to those
who may not read them, the handling officer and the Chairman see them."""
from tests.api.test_khieu_nai import INTAKE, Case

SECRET_ID = INTAKE["so_giay_to_tuy_than"]


def test_auditor_sees_confidential_fields_redacted_on_the_case_and_audit_pages(api, web):
    case = Case(api)
    auditor = web("kiem_tra")
    for page in (f"/cases/{case.id}", f"/cases/{case.id}/audit", f"/cases/{case.id}/history.csv"):
        response = auditor.get(page)
        assert response.status_code == 200, page
        body = response.get_data(as_text=True)
        assert SECRET_ID not in body and INTAKE["so_dien_thoai"] not in body, page
    assert "[bảo mật]" in auditor.text(f"/cases/{case.id}")


def test_chairman_reads_the_confidential_fields_on_the_case_page(api, web):
    case = Case(api)
    assert SECRET_ID in web("chu_tich").text(f"/cases/{case.id}")
