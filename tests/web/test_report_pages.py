"""The approved periodic report on its case page: links to the frozen .docx and .xlsx, with its hash."""
import io

from openpyxl import load_workbook

from tests.samples import REPORT_DRAFT, open_report


def test_case_page_offers_the_approved_report_for_download(api, web, clock):
    report = open_report(api, "q1", 2026)
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    office = web("van_phong")
    assert "report-docx" not in office.text(f"/cases/{report.id}")
    assert office.get(f"/cases/{report.id}/bao-cao.docx").status_code == 404  # not approved yet
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet"})
    page = office.text(f"/cases/{report.id}")
    sha = api.as_("van_phong").get(f"/api/v1/reports/{report.id}").get_json()["sha256"]
    assert "report-docx" in page and "report-xlsx" in page and sha in page
    download = office.get(f"/cases/{report.id}/bao-cao.xlsx")
    assert download.status_code == 200 and "BC-2026-000001.xlsx" in download.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(download.data)).sheetnames[0] == "1. Theo quy trình"
    assert office.get(f"/cases/{report.id}/bao-cao.pdf").status_code == 404
