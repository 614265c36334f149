"""The citizen downloads, with the tracking code, the documents the commune sent them: a complaint's acceptance
notice generated from its template, under the letter that became the complaint. Never an internal document,
never another case's, never with a wrong code; every download recorded, served as an attachment."""
from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from engine.core.principal import SYSTEM
from engine.definitions import load_package
from engine.definitions.package import ProcessPackage
from engine.processes import deploy_process_version
from tests.api.cases import Case
from tests.samples import Complaint
from tests.web.test_public_library import portal_letter_opening_a_complaint

KHIEU_NAI = Path(__file__).resolve().parents[2] / "bpmn" / "khieu_nai.bpmn"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def accepted_complaint(api, web):
    """A letter sent on the portal, become a complaint whose acceptance notice was issued: (portal client, code,
    the complaint, the tracking page's part about the complaint)."""
    portal, code, _, complaint_id = portal_letter_opening_a_complaint(api, web)
    complaint = Complaint.existing(api, complaint_id)
    complaint.accept()
    became = portal.text(f"/cong-dan/tra-cuu?ma={code}").split('class="result track-case"')[1]
    return portal, code, complaint, became


def download_links(html: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in re.findall(r'class="document-download" href="([^"]+)"', html)]


def test_the_citizen_downloads_the_acceptance_notice_with_the_tracking_code(api, web):
    portal, code, complaint, became = accepted_complaint(api, web)
    assert "Gửi thông báo thụ lý" in became and "01/TB-UBND" in became  # the register's number, as printed
    [link] = download_links(became)
    response = portal.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == DOCX
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join([p.text for p in document.paragraphs] + [cell.text for table in document.tables
                                                              for row in table.rows for cell in row.cells])
    assert "01/TB-UBND" in text and "Lê Thị Cúc" in text  # the notice addressed to the citizen
    history = api.as_("chu_tich").get(f"/api/v1/instances/{complaint.id}/history").get_json()["items"]
    downloads = [e for e in history if e["action"] == "attachment_downloaded"]
    assert [e["actor"] for e in downloads] == ["cong_thong_tin"]


def test_a_wrong_code_or_another_cases_document_is_not_found(api, web):
    portal, code, _, became = accepted_complaint(api, web)
    [link] = download_links(became)
    wrong = link.replace(code, code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert portal.get(wrong).status_code == 404
    assert portal.get(link.split("?")[0]).status_code == 404  # no code at all
    other = Complaint(api)  # a complaint received at the office: its notice is not this citizen's
    other.accept()
    documents = api.as_("chu_tich").get(f"/api/v1/instances/{other.id}/documents").get_json()["items"]
    [notice] = [d for d in documents if d["direction"] == "out"]
    assert portal.get(link.replace(link.split("/")[-1].split("?")[0], notice["id"])).status_code == 404
    history = api.as_("chu_tich").get(f"/api/v1/instances/{other.id}/history").get_json()["items"]
    assert not [e for e in history if e["action"] == "attachment_downloaded"]


def test_an_internal_document_is_neither_listed_nor_downloadable(api, web, services):
    """The same notice, in a version whose `citizenDocumentFields` does not name it, is internal: the tracking
    page does not list it and its id with the right code is not found."""
    package = load_package(KHIEU_NAI)
    xml = package.bpmn.decode("utf-8").replace(
        'name="citizenDocumentFields" value="so_van_ban,so_quyet_dinh,so_quyet_dinh_dinh_chi"',
        'name="citizenDocumentFields" value="so_quyet_dinh"')
    assert xml != package.bpmn.decode("utf-8")
    deploy_process_version(services, SYSTEM, ProcessPackage(package.bpmn_filename, xml.encode("utf-8"),
                                                             dict(package.files)))
    portal, code, complaint, became = accepted_complaint(api, web)
    assert "Gửi thông báo thụ lý" not in became and download_links(became) == []
    documents = api.as_("chu_tich").get(f"/api/v1/instances/{complaint.id}/documents").get_json()["items"]
    [notice] = [d for d in documents if d["direction"] == "out"]
    assert portal.get(f"/cong-dan/tra-cuu/van-ban/{notice['id']}?ma={code}").status_code == 404


def test_a_file_the_citizen_sent_is_no_document_of_the_commune(api, web):
    """The tracking code opens the documents sent to the citizen only, not the other files of the cases."""
    portal, code, complaint, _ = accepted_complaint(api, web)
    letter_id = Case.existing(api, complaint.id).detail()["links"][0]["instance_id"]
    files = api.as_("chu_tich").get(f"/api/v1/instances/{letter_id}/documents").get_json()["items"]
    for item in files:
        assert portal.get(f"/cong-dan/tra-cuu/van-ban/{item['id']}?ma={code}").status_code == 404


def test_without_libreoffice_neither_the_citizen_nor_the_staff_are_offered_a_pdf(api, web, services, monkeypatch):
    monkeypatch.setattr(services, "settings", replace(services.settings, soffice=""))
    portal, code, complaint, became = accepted_complaint(api, web)
    assert 'class="document-pdf"' not in became
    [link] = download_links(became)
    assert portal.get(link.replace("?", "/pdf?")).status_code == 404
    assert 'class="file-pdf"' not in web("chu_tich").text(f"/cases/{complaint.id}")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install libreoffice-writer-nogui to run the PDF conversion")
def test_the_citizen_and_the_staff_download_the_notice_as_pdf(api, web, services, monkeypatch):
    monkeypatch.setattr(services, "settings", replace(services.settings, soffice=shutil.which("soffice")))
    portal, code, complaint, became = accepted_complaint(api, web)
    link = re.search(r'class="document-pdf" href="([^"]+)"', became).group(1).replace("&amp;", "&")
    response = portal.get(link)
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == "attachment; filename=01-TB-UBND.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    staff = web("chu_tich")
    page = staff.text(f"/cases/{complaint.id}")
    staff_link = re.search(r'class="file-pdf" href="([^"]+)"', page).group(1)
    assert staff.get(staff_link).data.startswith(b"%PDF-")
    history = api.as_("chu_tich").get(f"/api/v1/instances/{complaint.id}/history").get_json()["items"]
    downloads = [e for e in history if e["action"] == "attachment_downloaded"]
    assert [e["actor"] for e in downloads] == ["cong_thong_tin", "chu_tich"]
    assert all(len(e["data"]["pdf_sha256"]) == 64 for e in downloads)
