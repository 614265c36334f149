"""Confidential fields (`"x-confidential": true`): sealed at rest, readable only by the Chairman and the
officer handling the case, `[bảo mật]` for every other lane, the auditors and the exports; every read audited.
"""
from engine.core.principal import Principal
from engine.core.settings import Settings
from engine.services import build_services
from engine.store.tables import Case
from engine.trust.confidential import may_read
from engine.trust.field_crypto import generate_key
from tests.conftest import SECRET
from tests.samples import ACCEPT, INTAKE, LETTER, PROPOSAL, Complaint
from tests.trust.helpers import new_user, sql

SECRETS = {"so_giay_to_tuy_than": INTAKE["so_giay_to_tuy_than"], "dia_chi": INTAKE["dia_chi"],
           "so_dien_thoai": INTAKE["so_dien_thoai"]}
REDACTED = "[bảo mật]"


def reads(api, case_id):
    events = api.as_("kiem_tra").get(f"/api/v1/audit/events?action=confidential_read&instance_id={case_id}")
    return events.get_json()["items"]


def test_confidential_values_are_encrypted_in_the_stored_case_and_in_the_audit_log(api, services):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    state = sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).scalar()
    audit = " ".join(str(d) for d in sql(services, "SELECT data FROM audit_events").scalars())
    for value in SECRETS.values():
        assert value not in state and value not in audit
    assert INTAKE["nguoi_khieu_nai"] in state  # a field not marked confidential stays plain
    assert "danchu-enc:v1:" in state and "danchu-enc:v1:" in audit


def test_the_chairman_reads_the_values_and_the_read_is_audited(api):
    case = Complaint(api)
    before = len(reads(api, case.id))
    data = api.as_("chu_tich").get(f"/api/v1/instances/{case.id}").get_json()["data"]
    assert {k: data[k] for k in SECRETS} == SECRETS
    events = reads(api, case.id)
    assert len(events) == before + 1
    assert events[-1]["actor"] == "chu_tich"
    assert events[-1]["data"] == {"fields": sorted(SECRETS), "view": "instance"}


def test_the_officer_who_received_the_complaint_reads_it(api):
    case = Complaint(api)
    assert case.body["data"]["dia_chi"] == INTAKE["dia_chi"]  # the creator sees what they typed
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert history[0]["data"]["so_giay_to_tuy_than"] == INTAKE["so_giay_to_tuy_than"]
    assert any(e["data"]["view"] == "history" for e in reads(api, case.id))


def test_the_verifying_officer_works_on_the_redacted_copy(api):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    task = next(t for t in case.open_tasks() if t["name"] == "xac_minh")
    verifier = api.as_("can_bo_xac_minh")
    assert verifier.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    data = verifier.get(f"/api/v1/instances/{case.id}").get_json()["data"]
    assert all(data[k] == REDACTED for k in SECRETS)
    assert data["nguoi_khieu_nai"] == INTAKE["nguoi_khieu_nai"]
    history = verifier.get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert history[0]["data"]["dia_chi"] == REDACTED
    detail = verifier.get(f"/api/v1/tasks/{task['id']}")
    for value in SECRETS.values():
        assert value not in detail.get_data(as_text=True)
    assert not any(e["actor"] == "can_bo_xac_minh" for e in reads(api, case.id))


def test_other_lanes_auditors_and_administrators_see_redacted_values(api):
    case = Complaint(api)
    for user in ("van_phong", "kiem_tra", "quan_tri", "kiem_tra.tinh"):
        response = api.as_(user).get(f"/api/v1/instances/{case.id}")
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert all(v not in body for v in SECRETS.values()), user
        assert response.get_json()["data"]["dia_chi"] == REDACTED
        history = api.as_(user).get(f"/api/v1/instances/{case.id}/history").get_data(as_text=True)
        assert all(v not in history for v in SECRETS.values()), user
    assert [e["actor"] for e in reads(api, case.id)] == ["tiep_cong_dan"]  # only the creator's own view


def test_an_officer_becomes_a_reader_by_handling_a_task_of_the_case(api, services, client):
    case = Complaint(api)
    case.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
    case.do("quyet_dinh_thu_ly", "chu_tich", ACCEPT)
    username, headers = new_user(services, client, roles=("tiep_cong_dan",))
    redacted = client.get(f"/api/v1/instances/{case.id}", headers=headers).get_json()["data"]
    assert redacted["dia_chi"] == REDACTED
    task = next(t for t in case.open_tasks() if t["name"] == "thong_bao_thu_ly")
    assert client.post(f"/api/v1/tasks/{task['id']}/claim", headers=headers).status_code == 200
    data = client.get(f"/api/v1/instances/{case.id}", headers=headers).get_json()["data"]
    assert data["dia_chi"] == INTAKE["dia_chi"]
    assert client.post(f"/api/v1/tasks/{task['id']}/complete", headers=headers,
                       json={"data": LETTER}).status_code == 200


def test_audit_search_and_exports_never_show_the_values(api):
    case = Complaint(api)
    for path in ("/api/v1/audit/events", "/api/v1/audit/events/export?format=json",
                 "/api/v1/audit/events/export?format=csv"):
        for user in ("kiem_tra", "quan_tri"):
            body = api.as_(user).get(path).get_data(as_text=True)
            assert all(v not in body for v in SECRETS.values())
            assert REDACTED in body and case.id in body


def test_error_messages_never_echo_confidential_values(api):
    response = api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "khieu_nai", "data": {**INTAKE, "so_giay_to_tuy_than": "0510-ABC!", "la": 1}})
    assert response.status_code == 422
    assert "0510-ABC!" not in response.get_data(as_text=True)
    assert INTAKE["dia_chi"] not in response.get_data(as_text=True)


def test_keys_rotate_without_losing_a_case(api, services, database_url, clock):
    case = Complaint(api)
    new_key = generate_key()
    from engine.trust.field_crypto import key_from_secret
    rotated = build_services(Settings(database_url=database_url, secret_key=SECRET, demo_mode=True,
                                      field_keys=(new_key, key_from_secret(SECRET))), clock=clock)
    from engine.trust.key_rotation import rotate_case_states
    assert rotate_case_states(rotated) >= 1
    new_only = build_services(Settings(database_url=database_url, secret_key=SECRET, demo_mode=True,
                                       field_keys=(new_key,)), clock=clock)
    from engine.cases.lifecycle import get_case
    from engine.core.principal import Principal
    commune = sql(services, "SELECT commune_id FROM instances WHERE id = :id", id=case.id).scalar()
    chairman = Principal("chu_tich", frozenset({"chu_tich"}), commune_id=commune)
    assert get_case(new_only, chairman, case.id)["data"]["dia_chi"] == INTAKE["dia_chi"]
    old_only = build_services(Settings(database_url=database_url, secret_key=SECRET, demo_mode=True), clock=clock)
    import pytest

    from engine.core.errors import CaseUnreadable
    with pytest.raises(CaseUnreadable):  # the state is no longer under the old key: 409, not a 500
        get_case(old_only, chairman, case.id)
    old_only.close()
    rotated.close()
    new_only.close()


def test_rotation_seals_values_stored_before_sealing_existed(api, services):
    from engine.trust.confidential import open_state
    from engine.trust.key_rotation import rotate_case_states
    case = Complaint(api)
    state = sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).scalar()
    sql(services, "UPDATE instances SET state = :s WHERE id = :id", s=open_state(services.cipher, state), id=case.id)
    assert INTAKE["dia_chi"] in sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).scalar()
    rotate_case_states(services)
    assert INTAKE["dia_chi"] not in sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).scalar()
    assert api.as_("chu_tich").get(f"/api/v1/instances/{case.id}").get_json()["data"]["dia_chi"] == INTAKE["dia_chi"]


def test_sealing_and_opening_a_state_round_trips_nested_and_repeated_values():
    """A confidential object holding another confidential field, the same value in many task copies, and a
    sealed-looking key: the state opens to exactly what was sealed, and an unchanged value keeps its
    ciphertext when the command that opened it seals it again (the memo), never under key rotation."""
    import json

    from engine.trust.confidential import open_state, seal_state
    from engine.trust.field_crypto import FieldCipher

    cipher = FieldCipher([generate_key()])
    fields = frozenset({"dia_chi", "nguoi", "so_dien_thoai"})
    data = {"nguoi": {"ten": "A", "so_dien_thoai": "0900"}, "dia_chi": "Thôn 1", "khac": None}
    state = json.dumps({"tasks": [{"data": data}, {"data": dict(data)}], "danchu-enc:v1:abc": 1,
                        "so_dien_thoai": None}, ensure_ascii=False)
    sealed = seal_state(cipher, fields, state)
    assert "Thôn 1" not in sealed and "0900" not in sealed
    assert json.loads(open_state(cipher, sealed)) == json.loads(state)
    memo: dict = {}
    reopened = open_state(cipher, sealed, memo)
    assert seal_state(cipher, fields, reopened, memo) == sealed  # nothing changed: same ciphertexts
    changed = reopened.replace("Thôn 1", "Thôn 2")
    resealed = seal_state(cipher, fields, changed, memo)
    assert resealed != sealed and json.loads(open_state(cipher, resealed))["tasks"][0]["data"]["dia_chi"] == "Thôn 2"
    assert seal_state(cipher, fields, open_state(cipher, sealed)) != sealed  # no memo: sealed afresh


def test_a_province_chairman_sees_a_communes_case_but_never_reads_its_secrets(api, services, client):
    username, headers = new_user(services, client, roles=("chu_tich",), unit="quang_ngai", prefix="chu_tich_tinh")
    case = Complaint(api)
    response = client.get(f"/api/v1/instances/{case.id}", headers=headers)
    assert response.status_code == 200
    assert all(response.get_json()["data"][k] == REDACTED for k in SECRETS)
    history = client.get(f"/api/v1/instances/{case.id}/history", headers=headers).get_data(as_text=True)
    assert all(v not in history for v in SECRETS.values())
    assert not any(e["actor"] == username for e in reads(api, case.id))


def test_another_communes_chairman_never_reads_them_even_when_the_case_is_in_scope(api, services):
    case = Complaint(api)
    other = sql(services, "SELECT id FROM org_units WHERE code = 'tinh_phong'").scalar()
    everywhere = Principal("chu_tich.b", frozenset({"chu_tich"}), commune_id=other, communes=None)
    with services.uow(write=False) as uow:
        assert may_read(uow.session, everywhere, uow.session.get(Case, case.id)) is False
