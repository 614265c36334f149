"""A task page shows what the case's earlier steps recorded, and completing a step leads to the next task."""
from tests.samples import ACCEPT, PROPOSAL, Complaint, as_web_form


def test_the_chairman_deciding_acceptance_reads_the_officers_proposal_by_titles_and_labels(web, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**PROPOSAL, "ghi_chu": "Đủ điều kiện thụ lý"})
    task = case.task("quyet_dinh_thu_ly")
    html = web("chu_tich").text(f"/tasks/{task['id']}")
    steps = html.split('id="earlier-steps"')[1].split("</section>")[0]
    assert steps.index("Giải quyết khiếu nại lần đầu") < steps.index("Kiểm tra điều kiện và đề xuất thụ lý")
    assert "Họ và tên người khiếu nại" in steps and "Nguyễn Văn An" in steps  # the start form, by its titles
    assert "Thụ lý giải quyết" in steps and ">thu_ly<" not in steps  # the option's label, never its code
    assert "Đủ điều kiện thụ lý" in steps
    assert "Số CMND/CCCD" in steps or "051080001234" in steps


def test_confidential_values_of_earlier_steps_follow_the_readers_rights_and_are_logged(web, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    task = case.task("quyet_dinh_thu_ly")
    web("chu_tich").text(f"/tasks/{task['id']}")
    history = api.as_("kiem_tra").get("/api/v1/audit/events", query_string={"action": "confidential_read"})
    reads = [e for e in history.get_json()["items"] if e["instance_id"] == case.id and e["actor"] == "chu_tich"]
    assert reads and reads[-1]["data"]["view"] == "steps"
    steps = api.as_("kiem_tra").get(f"/api/v1/tasks/{task['id']}/earlier-steps").get_json()["items"]
    shown = {f["name"]: f for s in steps for f in s["fields"]}
    assert shown["so_giay_to_tuy_than"]["value"] == "[bảo mật]" and shown["so_giay_to_tuy_than"]["confidential"]
    assert shown["de_xuat"]["label"] == "Thụ lý giải quyết"


def test_after_completing_a_step_the_officer_goes_to_their_next_task_of_the_case(web, api):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    notice = case.task("thong_bao_thu_ly")
    officer = web("tiep_cong_dan")
    other = Complaint(api)
    task = other.task("de_xuat_thu_ly")
    officer.post(f"/tasks/{task['id']}/claim", page=f"/tasks/{task['id']}")
    response = officer.post(f"/tasks/{task['id']}/submit", {"action": "complete", **as_web_form(PROPOSAL)}, page=f"/tasks/{task['id']}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inbox")  # nothing of this case, nothing held: the inbox
    officer.post(f"/tasks/{notice['id']}/claim", page=f"/tasks/{notice['id']}")
    third = Complaint(api)
    task = third.task("de_xuat_thu_ly")
    response = officer.post(f"/tasks/{task['id']}/submit", {"action": "complete", **as_web_form(PROPOSAL)}, page=f"/tasks/{task['id']}")
    assert response.headers["Location"].endswith(f"/tasks/{notice['id']}")  # the task they hold, due first


def test_the_overview_counts_link_to_the_filtered_case_list(web, api, clock):
    from tests.samples import visit

    reception = visit(api, thon="Thôn Kỳ Thọ Bắc")
    Complaint(api)
    clock.advance(days=5)
    chairman = web("chu_tich")
    html = chairman.text("/overview")
    assert 'id="total-overdue">1<' in html and "<svg" in html and "style=" not in html.split("<svg")[1]
    link = "/cases?status=running&amp;due=overdue&amp;process_model=tiep_cong_dan"
    assert link in html
    listed = chairman.text(link.replace("&amp;", "&"))
    assert reception.body["business_key"] in listed and ">KN-2026-000001<" not in listed
    assert "/cases?status=running&amp;hamlet=Th%C3%B4n+Ph%C3%BA+S%C6%A1n" in html
    assert 'href="/overview"' in html and 'href="/overview"' not in web("tiep_cong_dan").text("/inbox")


def test_the_chairman_sends_a_case_back_from_its_page_and_the_timeline_keeps_both_passes(web, api):
    from tests.samples import DECISION

    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    decided = case.do("ra_quyet_dinh", "chu_tich", DECISION)
    chairman = web("chu_tich")
    page = chairman.text(f"/cases/{case.id}")
    assert 'id="send-back-h"' in page and f'value="{decided["id"]}"' in page
    offered = page.split('id="send-back-h"')[1].split("</fieldset>")[0]
    assert "Quyết định thụ lý" in offered and "disabled" not in offered  # the acceptance, in the stage left, too
    assert 'id="send-back-h"' not in web("tiep_cong_dan").text(f"/cases/{case.id}")
    refused = chairman.post(f"/cases/{case.id}/send-back", {"task_id": decided["id"], "reason": " "},
                            page=f"/cases/{case.id}")
    assert refused.status_code == 302 and case.open_task_names() == ["gui_quyet_dinh"]
    response = chairman.post(f"/cases/{case.id}/send-back", {"task_id": decided["id"], "reason": "Sai số liệu"},
                             page=f"/cases/{case.id}")
    assert response.status_code == 302 and case.open_task_names() == ["ra_quyet_dinh"]
    timeline = chairman.text(f"/cases/{case.id}").split('id="timeline-h"')[1].split("</ol>")[0]
    # claimed, completed, its decision issued as a Word document (attached), sent back
    assert timeline.count("Ra quyết định giải quyết khiếu nại") == 4
    assert "Trả về bước trước" in timeline and "Lý do: Sai số liệu" in timeline
    audit = web("kiem_tra").text(f"/cases/{case.id}/audit")
    passed = audit.split('id="path-text">')[1].split("</span>")[0]
    waiting = audit.split('id="current-text">')[1].split("</strong>")[0]
    assert "Ra quyết định giải quyết khiếu nại" in passed  # its first pass stays on the path
    assert "Ra quyết định giải quyết khiếu nại" in waiting  # and it is where the case waits again


def test_a_tracking_code_read_out_on_the_phone_finds_its_case(web, services):
    from engine.portal.public import start_public_case
    from tests.samples import LETTER_INTAKE

    sent = start_public_case(services, "xu_ly_don", "nghia_ky", LETTER_INTAKE)
    code = sent["tracking_code"]
    html = web("tiep_cong_dan").text(f"/cases?business_key={code.lower()}")
    assert f">{sent['business_key']}<" in html and "1 hồ sơ" in html


def test_the_chairman_finds_a_denouncer_by_name_and_the_read_is_recorded_others_do_not(web, api):
    from tests.api.cases import Case as AnyCase
    from tests.samples import DENUNCIATION_INTAKE

    case = AnyCase(api, "to_cao", "tiep_cong_dan", DENUNCIATION_INTAKE)
    chairman = web("chu_tich").text("/cases?citizen=pham+thi+cuc")
    assert f">{case.body['business_key']}<" in chairman and "Phạm Thị Cúc" in chairman
    events = api.as_("kiem_tra").get(f"/api/v1/audit/events?action=confidential_read&instance_id={case.id}")
    reads = [e for e in events.get_json()["items"] if e["data"].get("view") == "search"]
    assert [(e["actor"], e["data"]["fields"]) for e in reads] == [("chu_tich", ["nguoi_to_cao"])]
    for other in ("tiep_cong_dan", "kiem_tra", "chu_tich.b"):
        html = web(other).text("/cases?citizen=pham+thi+cuc")
        assert case.body["business_key"] not in html.split("</form>")[1] and "Phạm Thị Cúc" not in html, other


def test_the_picker_that_assigns_the_next_step_offers_only_holders_of_its_role(web, api):
    from tests.deploys import ASSIGNMENT as PID
    from tests.deploys import deploy_assignment

    deploy_assignment(api)
    case = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": PID, "data": {}}).get_json()
    html = web("chu_tich").text(f"/tasks/{case['tasks'][0]['id']}")
    picker = html.split('id="f-can_bo_xu_ly"')[1].split("</fieldset>")[0]
    assert "can_bo_xac_minh" in picker and "tiep_cong_dan" not in picker and "chu_tich" not in picker
