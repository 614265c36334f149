"""The generic case-deadline notation on a small diagram: a base period from process properties, an
extension decided by a task (days and reason, with who), tasks that follow the case deadline, and the
deploy-time checks of the notation. This is what a denunciation (tố cáo: 30 days, extended once or twice
by up to 30) uses."""
import pytest

from tests.deploys import deploy_extension
from tests.diagrams import extension_diagram
from tests.samples import complete_as_chairman


@pytest.fixture
def case(api):
    response = deploy_extension(api, extension_diagram())
    assert response.status_code == 201, response.get_json()
    started = api.as_("chu_tich").post("/api/v1/instances", json={"process_model": "gia_han", "data": {}})
    assert started.status_code == 201, started.get_json()
    return started.get_json()


def test_the_case_deadline_is_set_when_the_case_opens(case):
    # 2/3/2026 + 30 calendar days = Wed 1/4, ends 24:00 (UTC+7)
    assert case["due_at"] == "2026-04-01T17:00:00+00:00"
    assert case["deadline_name"] == "Hạn giải quyết"
    assert [(h["kind"], h["actor"]) for h in case["deadline_history"]] == [("computed", "chu_tich")]


def test_an_extension_decision_moves_the_deadline_and_records_who_and_why(api, case):
    # last day Wed 1/4 + 30 = Fri 1/5 (holiday) -> Sat, Sun -> Mon 4/5
    detail = complete_as_chairman(api, case, "gia_han_giai_quyet",
                                  {"so_ngay_gia_han": 30, "ly_do_gia_han": "Vụ việc phức tạp"})
    assert detail["due_at"] == "2026-05-04T17:00:00+00:00"
    extension = detail["deadline_history"][-1]
    assert (extension["kind"], extension["actor"], extension["days"], extension["reason"]) == (
        "extension", "chu_tich", 30, "Vụ việc phức tạp")
    assert extension["previous_due_at"] == "2026-04-01T17:00:00+00:00"
    follower = next(t for t in detail["tasks"] if t["name"] == "ket_luan")
    assert follower["due_at"] == detail["due_at"]


def test_no_extension_when_the_decision_grants_no_days(api, case):
    detail = complete_as_chairman(api, case, "gia_han_giai_quyet", {"so_ngay_gia_han": 0})
    assert detail["due_at"] == "2026-04-01T17:00:00+00:00"
    assert [h["kind"] for h in detail["deadline_history"]] == ["computed"]
    assert next(t for t in detail["tasks"] if t["name"] == "ket_luan")["due_at"] == detail["due_at"]


@pytest.mark.parametrize("case_props, extension_props, follow_props, fragment", [
    ('<spiffworkflow:property name="caseDeadlineDays" value="30"/>'
     '<spiffworkflow:property name="caseDeadlineKind" value="lunar"/>', None, None, "caseDeadlineKind"),
    ('<spiffworkflow:property name="caseDeadlineDays" value="__import__(\'os\')"/>', None, None, "caseDeadlineDays"),
    ("", None, None, "caseDeadlineDays"),
    (None, '<spiffworkflow:property name="extendsCaseDeadline" value="open(1)"/>', None, "extendsCaseDeadline"),
    (None, None, '<spiffworkflow:property name="deadlineCase" value="yes"/>', "deadlineCase"),
])
def test_a_broken_deadline_notation_is_refused_at_deploy(api, case_props, extension_props, follow_props, fragment):
    response = deploy_extension(api, extension_diagram(case_props, extension_props, follow_props))
    assert response.status_code == 422
    messages = " ".join(p["message"] for p in response.get_json()["error"]["details"]["problems"])
    assert fragment in messages


def test_a_calendar_function_with_an_unknown_kind_of_days_is_refused_at_deploy(api):
    from tests.diagrams import diagram
    xml = diagram(pid="gia_han", timer="han_cuoi('2026-03-02', 5, 'am_lich')").replace("timeDuration", "timeDate")
    response = api.as_("quan_tri.tinh").post("/api/v1/process-models/gia_han/versions", data=xml.encode(),
                                        content_type="application/xml")
    assert response.status_code == 422
    assert any("han_cuoi" in p["message"] for p in response.get_json()["error"]["details"]["problems"])
