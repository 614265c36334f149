"""Files through the web pages: a citizen's letter with photos and a PDF from the portal (their GPS removed, for
every accepted picture type), a refused file named on the form, a task form's file input, the case page's list
and its downloads."""
from __future__ import annotations

import io
import json
import re

import pytest
from sqlalchemy import func, select

from engine.files.storage import LocalBlobStore
from engine.store.tables import Attachment, Case
from tests.deploys import deploy_multipart
from tests.diagrams import diagram
from tests.files.samples import EXECUTABLE, EXTENSIONS, FORM, FORM_NAME, PDF, gps_of, picture

LETTER = {"nguoi_gui": "Trần Thị Mai", "so_giay_to_tuy_than": "051080001111", "dia_chi": "Thôn Phú Sơn",
          "so_dien_thoai": "0905111222", "thon": "Thôn Phú Sơn", "noi_dung_don": "Đường thôn bị sạt lở"}
PAGE = "/cong-dan/gui/xu_ly_don"


@pytest.fixture(autouse=True)
def fresh_store(services, monkeypatch, tmp_path):
    monkeypatch.setattr(services, "files", LocalBlobStore(tmp_path / "files"))


def send_letter(portal, files):
    data = {**LETTER, "commune": "nghia_ky",
            "tep_dinh_kem": [(io.BytesIO(content), name) for name, content in files]}
    return portal.post(PAGE, data, page=PAGE, content_type="multipart/form-data")


def letter_case(services) -> Case:
    with services.uow(write=False) as uow:
        return uow.session.scalars(select(Case).where(Case.process_model_id == "xu_ly_don")).one()


def test_the_portal_form_offers_a_file_input_for_photos_and_pdf(web):
    html = web().text(PAGE)
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'<input id="f-tep_dinh_kem" name="tep_dinh_kem" type="file"[^>]*accept="[^"]*image/jpeg', html)
    assert 'multiple="multiple"' in html


@pytest.mark.parametrize("media_type", list(EXTENSIONS))
def test_a_portal_photo_loses_its_gps_before_it_is_stored(web, services, media_type):
    original = picture(media_type, gps=True)
    assert gps_of(original)  # the phone's picture says where it was taken
    response = send_letter(web(), [(f"anh.{EXTENSIONS[media_type]}", original), ("don.pdf", PDF)])
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    case = letter_case(services)
    chairman = web("chu_tich")
    page = chairman.text(f"/cases/{case.id}")
    links = dict((name, link) for link, name in re.findall(rf'href="(/cases/{case.id}/files/[^"]+)" download>([^<]+)<',
                                                           page))
    assert sorted(links) == sorted([f"anh.{EXTENSIONS[media_type]}", "don.pdf"])
    photo = chairman.get(links[f"anh.{EXTENSIONS[media_type]}"])
    assert photo.status_code == 200 and photo.headers["Content-Type"] == media_type
    assert photo.headers["Content-Disposition"].startswith("attachment")
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    assert gps_of(photo.data) == {} and photo.data != original
    assert chairman.get(links["don.pdf"]).data == PDF  # a PDF is kept as sent


def test_a_portal_letter_with_a_disguised_program_is_refused_on_the_form_and_nothing_is_stored(web, services):
    response = send_letter(web(), [("anh.jpg", EXECUTABLE)])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Loại tệp không được nhận" in html and 'href="#f-tep_dinh_kem"' in html
    with services.uow(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Case)) == 0
        assert uow.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert list(services.files.keys()) == []


def test_the_letter_s_files_are_confidential_to_who_may_not_read_the_sender(web, services):
    assert send_letter(web(), [("don.pdf", PDF)]).status_code == 302
    case = letter_case(services)
    auditor = web("kiem_tra").text(f"/cases/{case.id}")
    assert "[bảo mật]" in auditor and f"/cases/{case.id}/files/" not in auditor


def test_a_task_form_takes_a_file_and_the_case_page_lists_it(web, api, services):
    assert deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: json.dumps(FORM)}).status_code == 201
    officer = web("tiep_cong_dan")
    started = officer.post("/cases/new/thu_nghiem", {}, page="/cases/new/thu_nghiem")
    assert started.status_code == 302
    case_id = started.headers["Location"].rsplit("/", 1)[-1]
    task_id = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case_id}").get_json()["tasks"][0]["id"]
    form = officer.text(f"/tasks/{task_id}")
    assert 'type="file"' in form and 'accept="image/*"' in form
    done = officer.post(f"/tasks/{task_id}/submit", {"ghi_chu": "xong", "bien_ban": (io.BytesIO(PDF), "bb.pdf"),
                                                     "anh": [(io.BytesIO(picture()), "a.jpg")]},
                        page=f"/tasks/{task_id}", content_type="multipart/form-data")
    assert done.status_code == 302, done.get_data(as_text=True)[-1500:]
    page = officer.text(f"/cases/{case_id}")
    assert "bb.pdf" in page and "a.jpg" in page and "Tài liệu đính kèm" in page
