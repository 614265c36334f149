"""JSON nested too deep, or integers too large, on every route that takes a body (login included) and in the
web forms: refused with 422 naming the field (`body` for the API), never a 500. Python's parser raises
`RecursionError` past ~1,000 levels and `ValueError` past 4,300 digits; below those, values past 64 bits
reach databases that cannot store them, and recursion in later steps."""
import io
import json

from tests.diagrams import diagram
from tests.samples import Complaint

from .helpers import table_fingerprint

DEEP = b"[" * 100_000 + b"]" * 100_000
JUST_TOO_DEEP = json.dumps({"username": "x", "password": "y", "z": json.loads("[" * 65 + "]" * 65)}).encode()
DEEP_OBJECT = b'{"data": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_000 + b"}"
HUGE_INTS = [b"1" * 5_000, b"-" + b"9" * 4_000, b"9223372036854775808", b"-9223372036854775809", b"1" * 30]


def _routes(api, services):
    """(path, headers) of body routes: logins, and the commonest writes of a logged-in officer."""
    case = Complaint(api)
    task = case.open_tasks()[0]["id"]
    bearer = api.as_("tiep_cong_dan").headers
    admin = api.as_("quan_tri").headers
    routes = [("/api/v1/auth/token", {}), ("/api/v1/auth/session", {}), ("/api/v1/instances", bearer),
              (f"/api/v1/instances/{case.id}/cancel", bearer), (f"/api/v1/instances/{case.id}/messages", bearer),
              ("/api/v1/auth/password", bearer), ("/api/v1/users", admin), (f"/api/v1/tasks/{task}/complete", bearer)]
    return routes


def _assert_refused(response, field="body"):
    assert response.status_code == 422, (response.status_code, response.get_data(as_text=True)[:300])
    error = response.get_json()["error"]
    assert error["code"] == "invalid_input" and field in error["details"], error


def test_nesting_past_the_parser_and_past_64_levels_is_refused_on_every_body_route(client, api, services):
    routes = _routes(api, services)
    before = table_fingerprint(services)
    for path, headers in routes:
        for body in (DEEP, JUST_TOO_DEEP, DEEP_OBJECT):
            _assert_refused(client.post(path, data=body, content_type="application/json", headers=headers))
    after = table_fingerprint(services)
    assert {k: v for k, v in after.items() if k != "login_attempts"} == \
           {k: v for k, v in before.items() if k != "login_attempts"}


def test_integers_past_64_bits_are_refused_on_every_body_route(client, api, services):
    for path, headers in _routes(api, services):
        for literal in HUGE_INTS:
            body = b'{"username": "chu_tich", "password": "x", "data": {"so": ' + literal + b"}}"
            _assert_refused(client.post(path, data=body, content_type="application/json", headers=headers))


def test_the_token_route_answers_on_the_finding_as_sent(client):
    """The review's two requests: both had been 500 on the unauthenticated login."""
    _assert_refused(client.post("/api/v1/auth/token", data=b'{"username": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
                                content_type="application/json"))
    response = client.post("/api/v1/auth/token", data=b'{"username": "a", "password": ' + b"7" * 5_000 + b"}",
                           content_type="application/json")
    _assert_refused(response)
    assert "7777" not in response.get_data(as_text=True)  # never echoed


def test_what_is_within_bounds_goes_on_to_the_view(client):
    """64 levels and the largest bigint pass the guard: the view answers about its own fields."""
    nested = json.loads("[" * 63 + "]" * 63)
    for extra in (nested, 9223372036854775807, -9223372036854775808):
        response = client.post("/api/v1/auth/token", json={"username": "chu_tich", "password": "x", "extra": extra})
        assert response.status_code == 422 and "extra" in response.get_json()["error"]["details"]


def test_a_form_file_nested_too_deep_is_a_deploy_problem_not_a_500(api, services):
    xml = diagram(pid="thu_sau", form="sau.schema.json")
    deep = '{"type": "object", "properties": {"a": ' + '{"items": ' * 3_000 + "{}" + "}" * 3_000 + "}}"
    response = api.as_("quan_tri.tinh").post("/api/v1/process-models/thu_sau/versions", data={
        "bpmn": (io.BytesIO(xml.encode()), "thu_sau.bpmn"),
        "files": [(io.BytesIO(deep.encode()), "sau.schema.json")]},
        content_type="multipart/form-data")
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert "sau.schema.json" in json.dumps(response.get_json(), ensure_ascii=False)
