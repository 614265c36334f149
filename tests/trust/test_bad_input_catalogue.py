"""Every kind of bad input, each refused with a clear 4xx in the documented error body, and the database
left exactly as it was (row counts and content of every table compared before and after).

Diagram-level refusals (every validation rule) are specified in tests/api/test_process_models.py; this
catalogue adds the "database unchanged" proof and the inputs that file does not cover.
"""
import io
import uuid

import jwt
import pytest

from tests.conftest import SECRET
from tests.diagrams import FORM, decision_diagram, decision_table, diagram
from tests.samples import INTAKE, PROPOSAL, Complaint
from tests.trust.helpers import new_user, table_fingerprint

ERROR_KEYS = {"code", "message", "details"}
SQL = ["' OR 1=1 --", "x'; DROP TABLE instances; --", "\" OR \"\"=\"", "1; DELETE FROM audit_events",
       "%' UNION SELECT password_hash FROM users --"]


@pytest.fixture
def unchanged(services):
    """Call `unchanged(response_fn, status)`: the request is refused as documented and changes nothing."""
    def check(send, status: int, code: str | None = None):
        before = table_fingerprint(services)
        response = send()
        body = response.get_json()
        assert response.status_code == status, body
        assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
        if code:
            assert body["error"]["code"] == code, body
        assert table_fingerprint(services) == before
        return body["error"]
    return check


def deploy_raw(api, content: bytes, user="quan_tri.tinh", pid="thu_nghiem", content_type="application/xml"):
    return lambda: api.as_(user).post(f"/api/v1/process-models/{pid}/versions", data=content,
                                      headers={"Content-Type": content_type})


def deploy_files(api, xml: str, files: dict, pid="thu_nghiem"):
    data = {"bpmn": (io.BytesIO(xml.encode()), f"{pid}.bpmn"),
            "files": [(io.BytesIO(c.encode()), n) for n, c in files.items()]}
    return lambda: api.as_("quan_tri.tinh").post(f"/api/v1/process-models/{pid}/versions", data=data,
                                                 content_type="multipart/form-data")


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                            for i in range(1, 10))
                  + ']><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol9;'
                  '</bpmn:definitions>')
EXTERNAL_ENTITY = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                   '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;'
                   '</bpmn:definitions>')
DOCTYPE_ONLY = diagram().replace('<?xml version="1.0" encoding="UTF-8"?>',
                                 '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE bpmn:definitions>')


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, DOCTYPE_ONLY], ids=["billion_laughs",
                                                                                   "external_entity", "doctype"])
def test_hostile_xml_is_refused_and_changes_nothing(api, unchanged, xml):
    error = unchanged(deploy_raw(api, xml.encode()), 422, "invalid_process_model")
    assert "passwd" not in str(error) and "root:" not in str(error)


def test_oversized_upload_is_413_and_changes_nothing(api, unchanged):
    xml = diagram().replace("</bpmn:definitions>", "<!--" + "x" * (3 * 1024 * 1024) + "--></bpmn:definitions>")
    unchanged(deploy_raw(api, xml.encode()), 413, "payload_too_large")


@pytest.mark.parametrize("xml", [
    diagram(script="__import__('os').system('touch /tmp/danchu-pwned')"),
    diagram(script="open('/etc/passwd').read()"),
    diagram(script="x = ().__class__.__base__.__subclasses__()"),
    diagram(script="import subprocess"),
    diagram(condition="__import__('os').getcwd() == ''"),
    diagram(condition="(lambda: 1)()"),
    diagram(timer="__import__('os').system('id')"),
    diagram(timer="P30D"),
], ids=["script_import", "script_open", "script_subclasses", "script_import_stmt", "condition_import",
        "condition_lambda", "timer_import", "timer_unquoted"])
def test_diagrams_that_try_to_escape_the_evaluator_are_refused(api, unchanged, xml):
    unchanged(deploy_raw(api, xml.encode()), 422, "invalid_process_model")


@pytest.mark.parametrize("cell, output", [("__import__('os').system('id')", "'cao'"),
                                          ("&gt;= 10", "().__class__.__mro__[1].__subclasses__()"),
                                          ("? &gt; open('/etc/passwd').read()", "'cao'")])
def test_decision_cells_that_try_to_escape_are_refused(api, unchanged, cell, output):
    unchanged(deploy_files(api, decision_diagram(), {"thu_nghiem_dmn.dmn": decision_table(cell, output)},
                           pid="thu_nghiem_dmn"), 422, "invalid_process_model")


def test_path_traversal_in_form_file_names_is_refused(api, unchanged):
    unchanged(deploy_files(api, diagram(form="../../etc/passwd"), {"../../etc/passwd": FORM}), 422)
    unchanged(deploy_files(api, diagram(form="a/b.json"), {"/etc/shadow": FORM}), 422)
    unchanged(lambda: api.as_("chu_tich").get("/api/v1/process-models/khieu_nai/versions/1/files/..%2F..%2Fetc%2Fpasswd"),
              404)


@pytest.mark.parametrize("path, params", [
    ("/api/v1/instances", ("process_model", "business_key", "status")),
    ("/api/v1/tasks", ("process_model", "instance_id", "status", "scope")),
    ("/api/v1/audit/events", ("actor", "action", "instance_id", "business_key")),
    ("/api/v1/users", ("unit", "role")),
])
def test_sql_fragments_in_every_filter_match_nothing_or_are_refused(api, services, path, params):
    Complaint(api)
    before = table_fingerprint(services)
    for param in params:
        for fragment in SQL:
            response = api.as_("quan_tri").get(path, query_string={param: fragment})
            if response.status_code == 200:
                assert response.get_json()["total"] == 0, (param, fragment)
            else:
                assert response.status_code == 422, (param, fragment)
                assert set(response.get_json()["error"]) == ERROR_KEYS
    after = table_fingerprint(services)
    assert after == before
    assert after["instances"][0] == 1


@pytest.mark.parametrize("body, headers, status", [
    (b"{not json", {"Content-Type": "application/json"}, 400),
    (b'{"process_model": "khieu_nai", "data": {"so_ho": NaN}}', {"Content-Type": "application/json"}, 422),
    (b'{"process_model": "khieu_nai", "data": {"so_ho": 1e999}}', {"Content-Type": "application/json"}, 422),
    (b'{"process_model": "khieu_nai", "data": {"dia_chi": "a\\u0000b"}}', {"Content-Type": "application/json"}, 422),
    (b'{"process_model": "khieu_nai", "data": {"dia_chi": "a\\ud800b"}}', {"Content-Type": "application/json"}, 422),
    (b'{"process_model": "\\udc80", "data": {}}', {"Content-Type": "application/json"}, 422),
    (b"process_model=khieu_nai", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
    (b'{"process_model": "khieu_nai"}', {"Content-Type": "text/plain"}, 415),
], ids=["invalid_json", "nan", "infinity", "nul_char", "lone_surrogate", "lone_surrogate_process_model",
     "form_encoded", "text_plain"])
def test_malformed_bodies_are_refused(api, unchanged, body, headers, status):
    unchanged(lambda: api.as_("tiep_cong_dan").post("/api/v1/instances", data=body, headers=headers), status)


def test_a_lone_surrogate_is_refused_wherever_json_carries_it(api, unchanged):
    """`"\\ud800"` is valid JSON but no UTF-8 text: a move's case ids or mapping, a multipart form's data part
    had been 500s (encoding it for the database), now 422 naming the body, and nothing is moved or opened."""
    moves = "/api/v1/process-models/khieu_nai/migrations"
    for body in (b'{"instance_ids": ["\\ud800"]}', b'{"mapping": {"\\ud800": "b"}}'):
        error = unchanged(lambda: api.as_("quan_tri").post(moves, data=body, content_type="application/json"), 422,
                          "invalid_input")
        assert set(error["details"]) == {"body"}
    unchanged(lambda: api.as_("tiep_cong_dan").post("/api/v1/instances", data={
        "process_model": "khieu_nai", "data": '{"dia_chi": "\\udc80"}'}, content_type="multipart/form-data"), 422)


def test_nul_characters_in_query_strings_are_refused(api, unchanged):
    unchanged(lambda: api.as_("chu_tich").get("/api/v1/instances?process_model=a%00b"), 422)
    unchanged(lambda: api._client.post("/api/v1/auth/token", json={"username": "chu\x00tich", "password": "x"}), 422)


@pytest.mark.parametrize("make_token, message", [
    (lambda: jwt.encode({"sub": "quan_tri", "gen": 0, "exp": 4102444800}, "khong-phai-bi-mat-" * 3,
                        algorithm="HS256"), "Mã truy cập không hợp lệ."),
    (lambda: jwt.encode({"sub": "quan_tri", "gen": 0, "exp": 1}, SECRET, algorithm="HS256"),
     "Mã truy cập đã hết hạn."),
    (lambda: jwt.encode({"sub": "quan_tri", "gen": 999, "exp": 4102444800}, SECRET, algorithm="HS256"),
     "Mã truy cập đã bị thu hồi."),
    (lambda: jwt.encode({"sub": "quan_tri", "gen": 0, "exp": 4102444800}, None, algorithm="none"),
     "Mã truy cập không hợp lệ."),
    (lambda: "not.a.token", "Mã truy cập không hợp lệ."),
], ids=["forged", "expired", "revoked", "alg_none", "garbage"])
def test_forged_expired_and_revoked_tokens_are_refused(api, unchanged, make_token, message):
    Complaint(api)
    headers = {"Authorization": f"Bearer {make_token()}"}
    error = unchanged(lambda: api._client.post("/api/v1/instances", json={"process_model": "khieu_nai",
                                                                         "data": INTAKE}, headers=headers),
                      401, "authentication_failed")
    assert error["message"] == message


def test_a_token_revoked_by_logout_changes_nothing(api, client, services, unchanged):
    _, headers = new_user(services, client)
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    unchanged(lambda: client.post("/api/v1/instances", json={"process_model": "khieu_nai", "data": INTAKE},
                                  headers=headers), 401)


def test_a_role_acting_outside_its_lane_changes_nothing(api, unchanged):
    case = Complaint(api)
    task = case.open_tasks()[0]["id"]
    unchanged(lambda: api.as_("chu_tich").post(f"/api/v1/tasks/{task}/complete", json={"data": PROPOSAL}),
              403, "not_your_task")
    unchanged(lambda: api.as_("dia_chinh").post(f"/api/v1/tasks/{task}/claim"), 403)
    unchanged(lambda: api.as_("can_bo_xac_minh").post("/api/v1/instances", json={"process_model": "khieu_nai",
                                                                                 "data": INTAKE}), 403)
    unchanged(lambda: api.as_("tiep_cong_dan").post(f"/api/v1/instances/{case.id}/cancel", json={}), 403)
    unchanged(lambda: api.as_("kiem_tra").post(f"/api/v1/instances/{case.id}/cancel", json={}), 403, "forbidden")


def test_a_user_of_another_commune_guessing_ids_changes_nothing(api, unchanged):
    case = Complaint(api)
    task = case.open_tasks()[0]["id"]
    unchanged(lambda: api.as_("tiep_cong_dan.b").post(f"/api/v1/tasks/{task}/complete", json={"data": PROPOSAL}),
              404, "task_not_found")
    unchanged(lambda: api.as_("tiep_cong_dan.b").post(f"/api/v1/tasks/{task}/claim"), 404, "task_not_found")
    unchanged(lambda: api.as_("chu_tich.b").post(f"/api/v1/instances/{case.id}/cancel", json={}), 404,
              "instance_not_found")
    unchanged(lambda: api.as_("chu_tich.b").get(f"/api/v1/instances/{case.id}/history"), 404)
    unchanged(lambda: api.as_("tiep_cong_dan.b").post(f"/api/v1/instances/{case.id}/messages", json={
        "name": "rut_khieu_nai", "data": {"ngay_rut": "2026-03-10"}}), 404)


def test_completing_a_task_twice_changes_nothing_the_second_time(api, unchanged):
    case = Complaint(api)
    task = case.open_tasks()[0]["id"]
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": PROPOSAL}).status_code == 200
    unchanged(lambda: api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": PROPOSAL}),
              409, "task_not_open")


def test_unknown_fields_in_form_data_are_named_and_change_nothing(api, unchanged):
    case = Complaint(api)
    task = case.open_tasks()[0]["id"]
    error = unchanged(lambda: api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={
        "data": {**PROPOSAL, "ket_qua_vu_viec": "da_giai_quyet", "thoi_han_giai_quyet": 1}}), 422, "invalid_input")
    assert set(error["details"]) == {"ket_qua_vu_viec", "thoi_han_giai_quyet"}
    unchanged(lambda: api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={
        "data": PROPOSAL, "extra": 1}), 422)


def _deep(levels: int):
    value = 1
    for _ in range(levels):
        value = {"a": value}
    return value


@pytest.mark.parametrize("value", ["x" * 20_001, ["a"] * 1001, _deep(12)],
                         ids=["long_text", "long_list", "deep_object"])
def test_oversized_form_values_are_refused(api, unchanged, value):
    error = unchanged(lambda: api.as_("tiep_cong_dan").post("/api/v1/instances", json={
        "process_model": "khieu_nai", "data": {**INTAKE, "noi_dung_khieu_nai": value}}), 422, "invalid_input")
    assert "noi_dung_khieu_nai" in error["details"]


def test_a_body_over_the_request_limit_is_413(api, unchanged):
    huge = b'{"process_model": "khieu_nai", "data": {"x": "' + b"a" * (3 * 1024 * 1024) + b'"}}'
    unchanged(lambda: api.as_("tiep_cong_dan").post("/api/v1/instances", data=huge,
                                                    headers={"Content-Type": "application/json"}), 413)


def test_an_unknown_id_of_any_shape_is_404(api, unchanged):
    for bad in ("x" * 500, "../../etc/passwd", "' OR 1=1 --", str(uuid.uuid4())):
        unchanged(lambda: api.as_("chu_tich").get(f"/api/v1/instances/{bad}"), 404)
        unchanged(lambda: api.as_("chu_tich").post(f"/api/v1/tasks/{bad}/claim"), 404)


def test_wrong_content_type_on_deploy_is_415(api, unchanged):
    unchanged(deploy_raw(api, b'{"x": 1}', content_type="application/json"), 415, "unsupported_media_type")
    unchanged(deploy_raw(api, diagram().encode(), content_type="text/plain"), 415)
