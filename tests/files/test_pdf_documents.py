"""A generated document downloads as PDF where LibreOffice is installed (`engine.files.pdf`): converted on
request, its SHA-256 in the download's audit event. Without LibreOffice the listing offers no PDF and the API
answers 404 `pdf_unavailable`; a conversion that hangs is cut and answered 409, never a 5xx. The conversion
itself runs where `soffice` is installed (`apt-get install libreoffice-writer-nogui`) and is skipped elsewhere."""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace

import pytest

from tests.deploys import post_package
from tests.diagrams import diagram
from tests.files.samples import PDF, deploy_file_diagram
from tests.files.test_attachments_api import attachments, complete as complete_with_files
from tests.files.test_issued_documents import ISSUING, TEMPLATE_NAME, template
from tests.files.test_outgoing_register import complete, open_step

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                       "apt-get install libreoffice-writer-nogui to run the PDF conversion")


def issued_notice(api) -> tuple[str, dict]:
    """A case whose step issued its notice: (the case's id, the notice's line of /documents)."""
    assert post_package(api, diagram(task_props=ISSUING).encode(), {TEMPLATE_NAME: template()}).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    instance_id = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"][0]["instance_id"]
    items = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/documents").get_json()["items"]
    return instance_id, next(d for d in items if d["direction"] == "out")


def without_libreoffice(services, monkeypatch, soffice: str = "") -> None:
    monkeypatch.setattr(services, "settings", replace(services.settings, soffice=soffice))


def test_without_libreoffice_no_pdf_is_offered_and_the_api_says_so(api, services, monkeypatch):
    without_libreoffice(services, monkeypatch, soffice="danchu-no-such-soffice")
    instance_id, notice = issued_notice(api)
    assert notice["pdf"] is False
    response = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/attachments/{notice['id']}/pdf")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "pdf_unavailable"
    assert "LibreOffice" in response.get_json()["error"]["message"]
    history = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/history").get_json()["items"]
    assert not [e for e in history if e["action"] == "attachment_downloaded"]


def test_a_conversion_that_hangs_is_cut_and_answered_409(api, services, monkeypatch, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 600\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(services, "settings", replace(services.settings, soffice=str(hanging),
                                                      pdf_timeout_seconds=0.5))
    instance_id, notice = issued_notice(api)
    assert notice["pdf"] is True  # offered: the command is there
    response = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/attachments/{notice['id']}/pdf")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "pdf_conversion_failed"


@needs_libreoffice
def test_a_generated_notice_downloads_as_pdf_with_its_hash_recorded(api, services, monkeypatch):
    monkeypatch.setattr(services, "settings", replace(services.settings, soffice=SOFFICE))
    instance_id, notice = issued_notice(api)
    assert notice["pdf"] is True
    response = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/attachments/{notice['id']}/pdf")
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == "attachment; filename=01-TB-UBND.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    history = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/history").get_json()["items"]
    [event] = [e for e in history if e["action"] == "attachment_downloaded"]
    assert event["data"]["pdf_sha256"] == hashlib.sha256(response.data).hexdigest()
    assert event["data"]["sha256"] == notice["sha256"]  # the .docx it was made from


@needs_libreoffice
def test_a_file_that_is_not_a_word_document_has_no_pdf(api, services, monkeypatch):
    monkeypatch.setattr(services, "settings", replace(services.settings, soffice=SOFFICE))
    deploy_file_diagram(api)
    started = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    opened = {"id": started["tasks"][0]["id"], "instance_id": started["id"]}
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{opened['id']}/claim").status_code == 200
    assert complete_with_files(api, opened, [("bien_ban", "bien-ban.pdf", PDF)]).status_code == 200
    [item] = attachments(api, opened["instance_id"])
    assert item["pdf"] is False
    response = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{opened['instance_id']}/attachments/{item['id']}/pdf")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "pdf_unavailable"
