"""Every place a denunciation can show, tried as the Chairman it denounces (Law on Denunciations 2018 Arts. 9,
13, 47): the case names his account by its id, is passed up to the province and issues its transfer slip; he
finds nothing of it in his notifications, the outgoing-document register and its export, the long-running
review and its exports, the overview, the case's documents, attachments and ZIP case file, while the province
and, where it stays with the commune, the commune's officers keep theirs. The inbox, the case page, the search
and the periodic report are in `tests/api/test_to_cao_conflict.py`; the audit log in
`tests/trust/test_case_exclusions.py` and below; the web pages in `tests/web/test_conflict_pages.py`.
"""
import io
import zipfile
from datetime import datetime, timezone

from openpyxl import load_workbook

from tests.api.test_to_cao_conflict import PASSED_UP, account_id, act, denounce, not_found

JUNE = datetime(2026, 6, 15, 1, 0, tzinfo=timezone.utc)


def passed_up(api):
    case = denounce(api, linh_vuc="dat_dai")
    act(case, "chuyen_len_cap_tinh", "tiep_cong_dan", PASSED_UP)
    return case, case.body["business_key"]


def shows(response, case, key: str) -> bool:
    body = response.get_data()
    return case.id.encode() in body or key.encode() in body


def test_notifications_the_denounced_chairman_is_told_nothing_of_the_case(api):
    case, key = passed_up(api)
    chairman = api.as_("chu_tich").get("/api/v1/notifications", query_string={"limit": 200})
    assert chairman.status_code == 200 and not shows(chairman, case, key)
    assert chairman.get_json()["total"] == chairman.get_json()["unread"] == 0
    # to_cao notifies nobody by role; that a notification by role or by name skips the account is the generic
    # rule's test (tests/trust/test_case_exclusions.py, a diagram that notifies the Chairman both ways)


def test_register_the_transfer_slip_is_no_line_of_the_book_the_denounced_chairman_reads(api):
    case, key = passed_up(api)
    officer = api.as_("tiep_cong_dan").get("/api/v1/register", query_string={"year": 2026}).get_json()
    assert [(line["reference"], line["business_key"]) for line in officer["items"]] == [("01/PC-UBND", key)]
    chairman = api.as_("chu_tich")
    listed = chairman.get("/api/v1/register", query_string={"year": 2026})
    assert listed.status_code == 200 and listed.get_json()["total"] == 0 and not shows(listed, case, key)
    exported = chairman.get("/api/v1/register/export.csv", query_string={"year": 2026})
    assert exported.status_code == 200 and not shows(exported, case, key)
    assert "chuyển đơn lên Chủ tịch UBND tỉnh" not in exported.get_data(as_text=True)


def test_exports_the_long_running_review_and_its_files_leave_the_case_out(api, clock):
    case, key = passed_up(api)
    clock.set(JUNE)
    url = "/api/v1/reviews/long-running-cases"
    assert key in {i["business_key"] for i in api.as_("chu_tich.tinh").get(url).get_json()["items"]}
    chairman = api.as_("chu_tich")
    body = chairman.get(url).get_json()
    assert key not in {i["business_key"] for i in body["items"]} and body["by_sector"] == []
    for suffix in (".csv", ".xlsx"):
        exported = chairman.get(url + suffix)
        assert exported.status_code == 200, suffix
        if suffix == ".csv":
            assert not shows(exported, case, key)
        else:
            cells = [str(c) for sheet in load_workbook(io.BytesIO(exported.data)).worksheets
                     for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
            assert not any(key in c or case.id in c for c in cells)


def test_overview_the_case_is_not_counted_for_the_denounced_chairman(api):
    case, key = passed_up(api)
    assert api.as_("chu_tich.tinh").get("/api/v1/instances/overview").get_json()["by_process"][0]["running"] == 1
    chairman = api.as_("chu_tich").get("/api/v1/instances/overview")
    assert chairman.status_code == 200 and not shows(chairman, case, key)
    body = chairman.get_json()
    assert (body["running"], body["by_process"], body["by_sector"]) == (0, [], [])


def test_case_file_documents_attachments_and_the_zip_are_404_as_for_an_unknown_case(api):
    case, _key = passed_up(api)
    province = api.as_("chu_tich.tinh")
    documents = province.get(f"/api/v1/instances/{case.id}/documents").get_json()["items"]
    slip = next(d for d in documents if d["direction"] == "out")
    assert slip["reference"] == "01/PC-UBND"
    assert province.get(f"/api/v1/instances/{case.id}/attachments/{slip['id']}").status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(province.get(f"/api/v1/instances/{case.id}/case-file").data))
    assert "01/PC-UBND" in archive.read("muc-luc.csv").decode("utf-8-sig")  # the province has the whole file
    chairman = api.as_("chu_tich")
    for path in (f"/api/v1/instances/{case.id}/documents", f"/api/v1/instances/{case.id}/case-file",
                 f"/api/v1/instances/{case.id}/attachments", f"/api/v1/instances/{case.id}/attachments/{slip['id']}",
                 f"/api/v1/instances/{case.id}/attachments/{slip['id']}/pdf"):
        assert not_found(chairman.get(path)), path
    task = province.get(f"/api/v1/instances/{case.id}").get_json()["tasks"]
    open_task = next(t for t in task if t["status"] in ("ready", "claimed"))
    for path in (f"/api/v1/tasks/{open_task['id']}", f"/api/v1/tasks/{open_task['id']}/earlier-steps"):
        assert not_found(chairman.get(path), "task_not_found"), path


def test_audit_log_an_auditor_denounced_finds_no_event_of_the_case(api):
    case = denounce(api, username="kiem_tra", post="can_bo_cong_chuc_xa", nguoi_bi_to_cao="Bà Kiểm Tra",
                    chuc_vu_nguoi_bi_to_cao="Kiểm tra viên")
    key = case.body["business_key"]
    auditor = api.as_("kiem_tra")
    events = auditor.get("/api/v1/audit/events", query_string={"limit": 200})
    assert events.status_code == 200 and not shows(events, case, key)
    for fmt in ("csv", "json"):
        exported = auditor.get("/api/v1/audit/events/export", query_string={"format": fmt})
        assert exported.status_code == 200 and not shows(exported, case, key), fmt
    assert not_found(auditor.get(f"/api/v1/instances/{case.id}/history"))
    other = api.as_("kiem_tra.tinh").get("/api/v1/audit/events", query_string={"instance_id": case.id}).get_json()
    assert "started" in {e["action"] for e in other["items"]}


def test_the_account_is_matched_by_its_id_never_by_a_shared_name(api):
    """Two officials may share a name: naming the Chairman's name without his account excludes nobody by name,
    and naming his account excludes him whatever name the letter spells."""
    by_name = denounce(api, username=None, post="nguoi_khac", nguoi_bi_to_cao="Lê Văn Chủ")
    by_name.reader = "tiep_cong_dan"
    assert api.as_("chu_tich").get(f"/api/v1/instances/{by_name.id}").status_code == 200
    by_id = denounce(api, nguoi_bi_to_cao="Một người khác tên", post="nguoi_khac",
                     tai_khoan_nguoi_bi_to_cao=account_id(api, "chu_tich"))
    assert not_found(api.as_("chu_tich").get(f"/api/v1/instances/{by_id.id}"))
