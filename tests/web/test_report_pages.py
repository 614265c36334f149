"""The approved periodic report on its case page: links to the frozen .docx and .xlsx, with its hash."""
import io

from docx import Document
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
    assert "report-xlsx" in page and sha in page
    assert "report-docx" not in page and "report-unsent" in page  # the Word report is issued when it is sent
    assert office.get(f"/cases/{report.id}/bao-cao.docx").status_code == 404
    download = office.get(f"/cases/{report.id}/bao-cao.xlsx")
    assert download.status_code == 200 and "BC-2026-000001.xlsx" in download.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(download.data)).sheetnames[0] == "1. Theo quy trình"
    assert office.get(f"/cases/{report.id}/bao-cao.pdf").status_code == 404
    report.do("gui_bao_cao", "van_phong", {"noi_nhan": ["ubnd_tinh", "hdnd_xa", "mttq_xa"],
                                           "hinh_thuc_gui": ["van_ban_dien_tu"]})
    page = office.text(f"/cases/{report.id}")
    assert "report-docx" in page and "report-unsent" not in page
    download = office.get(f"/cases/{report.id}/bao-cao.docx")
    assert download.status_code == 200 and "BC-2026-000001.docx" in download.headers["Content-Disposition"]
    assert f"Số: {report.data['so_ky_hieu']}" in "\n".join(
        c.text for c in Document(io.BytesIO(download.data)).tables[0].rows[0].cells)


def test_the_office_sends_the_approved_report_from_its_task_page(api, web):
    """The send step's recipients and channels are checkboxes; the three required recipients and the date,
    posted from the page, end the case."""
    report = open_report(api, "q1", 2026)
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet"})
    task = report.task("gui_bao_cao")
    office = web("van_phong")
    page = office.text(f"/tasks/{task['id']}")
    for label in ("UBND tỉnh (qua Thanh tra tỉnh)", "Thường trực HĐND xã", "Ủy ban MTTQ xã"):
        assert label in page
    assert office.post(f"/tasks/{task['id']}/claim", page=f"/tasks/{task['id']}").status_code == 302
    form = {"action": "complete", "noi_nhan": ["ubnd_tinh", "hdnd_xa"],
            "hinh_thuc_gui": ["van_ban_dien_tu"]}
    refused = office.post(f"/tasks/{task['id']}/submit", form, page=f"/tasks/{task['id']}")
    assert refused.status_code == 422  # the Front is missing
    form["noi_nhan"] = ["ubnd_tinh", "hdnd_xa", "mttq_xa"]
    response = office.post(f"/tasks/{task['id']}/submit", form, page=f"/tasks/{task['id']}")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert report.outcome() == ("completed", "da_phe_duyet")
    assert report.data["noi_nhan"] == ["ubnd_tinh", "hdnd_xa", "mttq_xa"]
