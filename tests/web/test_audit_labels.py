"""What auditors and staff read about a case is in words, never in the engine's codes: outcomes, how cases
are linked, who acted when no person did, the log's own data keys and values; the CSV exports give local
time with its offset, as a spreadsheet reader expects."""
import csv
import io
import re
from pathlib import Path

from engine.core.outcomes import OUTCOMES
from tests.api.test_xu_ly_don import COMPLAINT, classified
from tests.samples import PROPOSAL, Complaint

from .test_public_library import LETTER

BPMN = Path(__file__).resolve().parents[2] / "bpmn"
LOCAL_START = "2026-03-02T08:00:00+07:00"  # the tests' clock, 01:00 UTC, in the commune's time


def without_scripts(html: str) -> str:
    """What the page shows (the diagram's configuration names elements by their ids, for the viewer)."""
    return re.sub(r"<script.*?</script>", "", html, flags=re.S)


def test_every_outcome_a_library_diagram_sets_has_words():
    for diagram in BPMN.glob("*.bpmn"):
        xml = diagram.read_text(encoding="utf-8")
        for code in set(re.findall(r"ket_qua_vu_viec\s*=\s*['\"]([a-z_]+)['\"]", xml)):
            assert code in OUTCOMES or f'name="outcome.{code}"' in xml, (diagram.name, code)


def test_a_letter_that_opened_a_complaint_reads_in_words(api, web):
    letter = classified(api, COMPLAINT)
    child = letter.detail()["data"]["ho_so_khieu_nai"]
    staff = web("tiep_cong_dan")
    page = staff.text(f"/cases/{letter.id}")
    assert "Đã mở hồ sơ giải quyết" in page and "da_mo_ho_so" not in page and "da mo ho so" not in page
    assert "Hồ sơ mở từ đơn này" in page and "Giải quyết khiếu nại lần đầu" in page and "don_thu" not in page
    assert "Mở từ đơn" in staff.text(f"/cases/{child['id']}")

    auditor = web("kiem_tra")
    audit = without_scripts(auditor.text(f"/cases/{letter.id}/audit"))
    outcome = re.search(r'id="case-outcome">([^<]+)<', audit).group(1)
    assert outcome == "Đã mở hồ sơ giải quyết"
    assert "<dt>Kết quả</dt><dd>Đã mở hồ sơ giải quyết</dd>" in audit  # the end's event
    log = auditor.text(f"/audit?business_key={letter.body['business_key']}")
    assert "<dt>Xem tại</dt><dd>trang hồ sơ</dd>" in log  # a confidential read
    assert "<dt>Kết quả</dt><dd>Đã mở hồ sơ giải quyết</dd>" in log
    for code in ("da_mo_ho_so", ">outcome<", ">view<", ">instance<"):
        assert code not in audit and code not in log, code


def test_a_letter_from_the_portal_names_the_portal_not_its_account(api, web):
    portal = web()
    page = "/cong-dan/gui/xu_ly_don"
    assert portal.post(page, {**LETTER, "commune": "nghia_ky"}, page=page).status_code == 302
    case_id = api.as_("tiep_cong_dan").get("/api/v1/instances?process_model=xu_ly_don").get_json()["items"][0]["id"]
    audit = web("kiem_tra").text(f"/cases/{case_id}/audit")
    assert "Cổng thông tin (công dân gửi)" in audit and "cong_thong_tin" not in audit


def test_the_csv_exports_give_the_communes_local_time_with_its_offset(api, web):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    client = web("kiem_tra")
    for path in (f"/cases/{case.id}/history.csv", f"/audit/events.csv?business_key={case.body['business_key']}"):
        response = client.get(path)
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        assert rows and {row["occurred_at"] for row in rows} == {LOCAL_START}, path
    log = client.text("/audit?action=audit_exported")
    assert "<dt>Định dạng</dt><dd>csv</dd>" in log and "<dt>Số sự kiện</dt>" in log and ">format<" not in log


def test_the_apis_csv_export_gives_local_time_and_its_json_keeps_utc(api):
    case = Complaint(api)
    auditor = api.as_("kiem_tra")
    query = f"/api/v1/audit/events/export?business_key={case.body['business_key']}"
    response = auditor.get(query + "&format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows and {row["occurred_at"] for row in rows} == {LOCAL_START}
    items = auditor.get(query + "&format=json").get_json()["items"]
    assert {item["occurred_at"] for item in items} == {"2026-03-02T01:00:00+00:00"}
