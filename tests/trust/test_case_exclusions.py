"""The accounts a case excludes (`exclusion.fields`, `engine/trust/exclusions.py`), on a small diagram that
notifies the Chairman, the auditor and `chu_tich` by name, and runs a Chairman's step beside the reception
officer's: the account named, at the opening or by a later step, has no notification, no task, no claim, no
draft, no audit event and no confidential read of the case; everyone else keeps theirs. The exclusion follows
the case's links up and down (the cases that opened it, those it opened, those opened from it later), never
sideways.
"""
import json
from datetime import datetime, timezone

import pytest

from sqlalchemy import select

from engine.cases import save_task_draft
from engine.cases.lifecycle import open_case
from engine.processes.catalogue import latest_version
from engine.core.principal import Principal
from engine.store.tables import Case as CaseRow
from engine.store.tables import CaseLink, TaskDraft
from engine.trust.confidential import may_read
from tests.api.cases import Case
from tests.deploys import deploy_multipart
from tests.diagrams import EXCLUSION_START, EXCLUSION_STEP, exclusion_diagram

PID = "loai_tru"


@pytest.fixture
def deployed(api):
    response = deploy_multipart(api, exclusion_diagram(PID), {f"{PID}-mo.schema.json": json.dumps(EXCLUSION_START),
                                                              f"{PID}-buoc.schema.json": json.dumps(EXCLUSION_STEP)},
                                pid=PID)
    assert response.status_code == 201, response.get_json()


def account(api, username: str) -> int:
    items = api.as_("tiep_cong_dan").get("/api/v1/accounts").get_json()["items"]
    return next(a["id"] for a in items if a["username"] == username)


def notified(api, user: str, case_id: str) -> list[str]:
    items = api.as_(user).get("/api/v1/notifications", query_string={"limit": 200}).get_json()["items"]
    return [n["title"] for n in items if n["instance_id"] == case_id]


def test_notifications_never_reach_the_account_the_case_excludes(api, deployed):
    case = Case(api, PID, "tiep_cong_dan", {"noi_dung": "Tố cáo", "tai_khoan_bi_to_cao": account(api, "chu_tich")},
                reader="tiep_cong_dan")
    assert notified(api, "chu_tich", case.id) == []  # named by role and by username: told neither way
    assert notified(api, "kiem_tra", case.id) == ["Có hồ sơ mới"]
    assert api.as_("chu_tich").get("/api/v1/notifications").get_json()["total"] == 0


def test_an_account_named_by_a_later_step_loses_its_claim_draft_and_notifications(api, deployed, services):
    case = Case(api, PID, "tiep_cong_dan", {"noi_dung": "Tố cáo"}, reader="tiep_cong_dan")
    assert notified(api, "chu_tich", case.id) == ["Có hồ sơ mới"]
    chairman = api.as_("chu_tich")
    own = case.task("buoc_chu_tich")
    assert chairman.post(f"/api/v1/tasks/{own['id']}/claim").status_code == 200
    with services.uow(write=False) as uow:
        commune = uow.session.get(CaseRow, case.id).commune_id
    save_task_draft(services, Principal("chu_tich", frozenset({"chu_tich"}), commune_id=commune), own["id"],
                    {"ghi_chu": "đang viết"})
    case.do("buoc_mot", "tiep_cong_dan", {"tai_khoan_bi_to_cao": account(api, "chu_tich")})
    assert (case.task("buoc_chu_tich")["status"], case.task("buoc_chu_tich")["assignee"]) == ("ready", None)
    assert notified(api, "chu_tich", case.id) == []
    assert chairman.get(f"/api/v1/tasks/{own['id']}").status_code == 404
    with services.uow(write=False) as uow:
        assert uow.session.scalars(select(TaskDraft).where(TaskDraft.task_id == own["id"])).all() == []
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    excluded = [e for e in history if e["action"] == "excluded"]
    assert [e["data"]["field"] for e in excluded] == ["tai_khoan_bi_to_cao"]


def test_the_audit_log_and_its_exports_leave_out_the_case_for_the_auditor_it_names(api, deployed):
    case = Case(api, PID, "tiep_cong_dan", {"noi_dung": "Tố cáo", "tai_khoan_bi_to_cao": account(api, "kiem_tra")},
                reader="tiep_cong_dan")
    auditor = api.as_("kiem_tra")
    events = auditor.get("/api/v1/audit/events", query_string={"limit": 200}).get_json()["items"]
    assert case.id not in {e["instance_id"] for e in events}
    assert auditor.get("/api/v1/audit/events", query_string={"instance_id": case.id}).get_json()["total"] == 0
    for fmt in ("csv", "json"):
        exported = auditor.get("/api/v1/audit/events/export", query_string={"format": fmt})
        assert exported.status_code == 200 and case.id not in exported.get_data(as_text=True)
        assert case.body["business_key"] not in exported.get_data(as_text=True)
    other = api.as_("kiem_tra.tinh").get("/api/v1/audit/events", query_string={"instance_id": case.id}).get_json()
    assert {"started", "excluded"} <= {e["action"] for e in other["items"]}


def test_the_excluded_chairman_never_reads_the_cases_secrets_whatever_the_role(api, deployed, services):
    case = Case(api, PID, "tiep_cong_dan", {"noi_dung": "Tố cáo", "tai_khoan_bi_to_cao": account(api, "chu_tich")},
                reader="tiep_cong_dan")
    with services.uow(write=False) as uow:
        row = uow.session.get(CaseRow, case.id)
        chairman = Principal("chu_tich", frozenset({"chu_tich"}), commune_id=row.commune_id)
        colleague = Principal("chu_tich.b", frozenset({"chu_tich"}), commune_id=row.commune_id)
        assert may_read(uow.session, chairman, row) is False
        assert may_read(uow.session, colleague, row) is True  # the rule is the account's, not the role's


def linked_cases(api, services, names: list[str], links: list[tuple[str, str]]) -> dict[str, Case]:
    """Cases of the diagram naming nobody, linked as a diagram opening one from another would link them."""
    cases = {name: Case(api, PID, "tiep_cong_dan", {"noi_dung": name}, reader="tiep_cong_dan") for name in names}
    with services.uow() as uow:
        for parent, child in links:
            uow.session.add(CaseLink(from_instance_id=cases[parent].id, to_instance_id=cases[child].id,
                                     relation="mo_ho_so", created_at=datetime.now(timezone.utc)))
        uow.commit()
    return cases


def test_an_exclusion_spreads_to_the_cases_up_and_down_its_lineage_not_sideways(api, deployed, services):
    """visit -> letter -> denunciation, and the visit's other letter: the letter naming the Chairman hides the
    visit above it and the denunciation below it; the visit's other letter stays his, without naming the visit
    to him, and the other staff see every case and every link."""
    cases = linked_cases(api, services, ["visit", "letter", "denunciation", "other"],
                         [("visit", "letter"), ("letter", "denunciation"), ("visit", "other")])
    chairman = api.as_("chu_tich")
    own = cases["visit"].task("buoc_chu_tich")
    assert chairman.post(f"/api/v1/tasks/{own['id']}/claim").status_code == 200
    assert notified(api, "chu_tich", cases["visit"].id) == ["Có hồ sơ mới"]
    cases["letter"].do("buoc_mot", "tiep_cong_dan", {"tai_khoan_bi_to_cao": account(api, "chu_tich")})
    for name in ("visit", "letter", "denunciation"):
        assert chairman.get(f"/api/v1/instances/{cases[name].id}").status_code == 404, name
        assert notified(api, "chu_tich", cases[name].id) == [], name
    assert chairman.get(f"/api/v1/tasks/{own['id']}").status_code == 404
    released = cases["visit"].task("buoc_chu_tich")
    assert (released["status"], released["assignee"]) == ("ready", None)
    other = chairman.get(f"/api/v1/instances/{cases['other'].id}")
    assert other.status_code == 200 and other.get_json()["links"] == []  # the visit is not named to him
    staff = api.as_("tiep_cong_dan")
    assert [link["instance_id"] for link in staff.get(f"/api/v1/instances/{cases['other'].id}").get_json()[
        "links"]] == [cases["visit"].id]
    for name in ("visit", "letter", "denunciation", "other"):
        assert staff.get(f"/api/v1/instances/{cases[name].id}").status_code == 200, name
    events = api.as_("kiem_tra").get("/api/v1/audit/events", query_string={"limit": 200}).get_json()["items"]
    linked_to = {e["instance_id"]: e["data"].get("linked_to") for e in events if e["action"] == "excluded"}
    key = cases["letter"].body["business_key"]
    assert linked_to == {cases["letter"].id: None, cases["visit"].id: key, cases["denunciation"].id: key}


def test_a_case_opened_from_an_excluding_case_inherits_its_exclusions(api, deployed, services):
    parent = Case(api, PID, "tiep_cong_dan", {"noi_dung": "Tố cáo", "tai_khoan_bi_to_cao": account(api, "chu_tich")},
                  reader="tiep_cong_dan")
    with services.uow() as uow:
        row = uow.session.get(CaseRow, parent.id)
        child = open_case(services, uow, Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}),
                                                   commune_id=row.commune_id),
                          latest_version(uow.session, PID), {"noi_dung": "Mở từ hồ sơ trước"},
                          commune_id=row.commune_id, parent=row, typed=False).id
        uow.commit()
    assert api.as_("chu_tich").get(f"/api/v1/instances/{child}").status_code == 404
    assert notified(api, "chu_tich", child) == []  # the child notifies the Chairman by role and by name
    assert notified(api, "kiem_tra", child) == ["Có hồ sơ mới"]
    assert api.as_("tiep_cong_dan").get(f"/api/v1/instances/{child}").status_code == 200
