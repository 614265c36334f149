"""The stored state has a format of its own (`engine.workflow.state_format`): a state written in an earlier
format is upgraded when read, one migration function per format change, and written in the current format at
the case's next step; a state of a format this release does not know, or written for another version's
content than the one its case row names, leaves the case unreadable (409), never run on the wrong spec."""
import json

from engine.workflow.spiff_data import FORMAT_KEY
from engine.workflow.state_format import FORMAT, MIGRATIONS, SPEC_REFERENCE
from tests.samples import PROPOSAL, Complaint
from tests.trust.helpers import sql


def stored(services, case_id) -> dict:
    return json.loads(sql(services, "SELECT state FROM instances WHERE id = :id", id=case_id).scalar())


def store(services, case_id, state: dict) -> None:
    sql(services, "UPDATE instances SET state = :state WHERE id = :id", id=case_id, state=json.dumps(state))


def test_each_format_change_has_one_migration_saying_why():
    assert sorted(MIGRATIONS) == list(range(1, FORMAT))
    for version, migration in MIGRATIONS.items():
        assert migration.__name__ == f"from_format_{version}"
        assert migration.__doc__ and f"Format {version} → {version + 1}." in migration.__doc__


def test_a_state_of_format_2_is_upgraded_when_read_and_written_as_format_3_at_the_next_step(api, services):
    case = Complaint(api)
    state = stored(services, case.id)
    assert state[FORMAT_KEY] == FORMAT == 3
    assert state["spec"]["danchu"] == SPEC_REFERENCE and len(state["spec"]["digest"]) == 64
    state[FORMAT_KEY], state["spec"] = 2, SPEC_REFERENCE  # as the release before moving cases wrote it
    store(services, case.id, state)
    read = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}")
    assert read.status_code == 200, read.get_json()
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    after = stored(services, case.id)
    assert after[FORMAT_KEY] == 3 and after["spec"]["digest"] == state_digest(services, case.id)


def state_digest(services, case_id) -> str:
    return sql(services, "SELECT v.sha256 FROM instances i JOIN process_versions v ON v.id = i.version_id "
                         "WHERE i.id = :id", id=case_id).scalar()


def test_a_state_written_for_another_version_is_unreadable_rather_than_run_on_the_wrong_spec(api, services):
    case = Complaint(api)
    state = stored(services, case.id)
    state["spec"]["digest"] = "0" * 64
    store(services, case.id, state)
    response = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "case_unreadable"


def test_a_state_of_a_later_release_is_unreadable(api, services):
    case = Complaint(api)
    state = stored(services, case.id)
    state[FORMAT_KEY] = FORMAT + 1
    store(services, case.id, state)
    response = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "case_unreadable"
