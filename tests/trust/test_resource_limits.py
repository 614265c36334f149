"""One request must not stall the server: forms, patterns and timers bounded at deploy, every evaluation
of a request bounded in time while it runs (security review, issue 21, finding 7).

Refused at deploy, each naming its element: a form whose `$ref`s expand past the size or depth limit, a
pattern RE2 cannot run or that nests quantifiers, a timer cycle without end or pause. At run time: patterns
run by RE2 (a backtracking one answers at once), a computed timer cycle is checked when reached, a loop in
the diagram and a slow validation are cut by the evaluation budget, and the slow validation happens before
the case is locked: a write on another case finishes meanwhile (SQLite has one write lock for everything).
"""
from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.deploys import deploy, deploy_multipart, problems
from tests.diagrams import HEADER, confirm_task, diagram
from tests.trust.helpers import BUDGET

FORM_NAME = "thu_nghiem-buoc_mot.schema.json"
START_FORM = "thu_nghiem-bat_dau.schema.json"


def form(properties: dict, **extra) -> str:
    return json.dumps({"type": "object", "properties": properties, **extra})


def quadtree_by_refs(levels: int, fanout: int) -> str:
    """`levels` definitions, each an allOf of `fanout` refs to the one before: fanout^levels when expanded."""
    definitions = {"n0": {"type": "string"}}
    for level in range(1, levels + 1):
        definitions[f"n{level}"] = {"allOf": [{"$ref": f"#/$defs/n{level - 1}"}] * fanout}
    return form({"x": {"$ref": f"#/$defs/n{levels}"}}, **{"$defs": definitions})


@pytest.mark.parametrize("schema, words", [
    (quadtree_by_refs(14, 4), "lồng quá"),  # the review's 4^14 tree: too deep before it is too large
    (quadtree_by_refs(6, 10), "quá lớn"),  # 10^6 nodes within the depth limit
    (form({"x": {"$ref": "#/$defs/khong_co"}}), "không tìm thấy"),  # engine.definitions.form_schemas says it first
    (form({"x": {"$ref": "#"}}), "vòng"),
    (form({"x": {"type": "object", "unevaluatedProperties": False}}), "unevaluatedProperties"),
])
def test_a_form_too_large_when_its_refs_are_expanded_is_refused_naming_the_task(api, schema, words):
    found = problems(deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: schema}))
    assert [p["element"] for p in found] == ["buoc_mot"], found
    assert FORM_NAME in found[0]["message"] and words in found[0]["message"], found


@pytest.mark.parametrize("schema, where", [
    (form({"ho_ten": {"type": "string", "pattern": "^(a+)+$"}}), "properties.ho_ten"),
    (form({"ho_ten": {"type": "string", "pattern": "^(\\w+\\s?)*$"}}), "properties.ho_ten"),
    (form({"ho_ten": {"type": "string", "pattern": "(a)\\1"}}), "properties.ho_ten"),  # RE2 has no \1
    (form({"ds": {"type": "object", "patternProperties": {"^(a|b+)*$": {"type": "string"}}}}),
     "properties.ds.patternProperties"),
])
def test_a_pattern_that_would_backtrack_is_refused_naming_the_task_and_the_field(api, schema, where):
    found = problems(deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: schema}))
    assert [p["element"] for p in found] == ["buoc_mot"], found
    assert where in found[0]["message"], found


def test_a_property_named_pattern_is_a_field_not_a_keyword(api):
    schema = form({"pattern": {"type": "string", "enum": ["^(a+)+$"]}})
    response = deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: schema})
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("cycle, words", [
    ('"R2000/PT0S"', "quá 1000 lần"), ('"R/PT0S"', "không giới hạn"), ('"R/P1D"', "không giới hạn"),
    ('"R5/PT30S"', "1 phút"),
])
def test_a_timer_cycle_without_end_or_pause_is_refused_naming_the_timer(api, cycle, words):
    xml = diagram(timer=cycle).replace("timeDuration", "timeCycle")
    found = problems(deploy(api, xml))
    assert {p["element"] for p in found} == {"hen_gio"}, found
    assert any(words in p["message"] for p in found), found


def start_with_form(api, schema: str):
    """Deploy the test diagram with `schema` as its task's form and open a case."""
    assert deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: schema}).status_code == 201
    return api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})


def test_a_pattern_deploy_lets_through_still_runs_in_linear_time(api):
    """`(x+x+)+y` is not of the shape deploy refuses; Python's `re` takes seconds on 27 x's (doubling with
    each one more), RE2 answers at once."""
    started = start_with_form(api, form({"ma": {"type": "string", "pattern": "^(x+x+)+y$"}}))
    task = started.get_json()["tasks"][0]["id"]
    began = time.monotonic()
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": {"ma": "x" * 27}})
    assert response.status_code == 422 and response.get_json()["error"]["details"] == {"ma": "Có ký tự không được phép ở trường này."}
    assert time.monotonic() - began < 1.0
    done = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": {"ma": "xxy"}})
    assert done.status_code == 200, done.get_json()


def test_a_regex_field_accepts_only_what_re2_runs(api):
    """A value of a `format: regex` field is compiled by RE2, never by Python's `re`."""
    started = start_with_form(api, form({"mau": {"type": "string", "format": "regex"}}))
    task = started.get_json()["tasks"][0]["id"]
    complete = api.as_("tiep_cong_dan").post
    refused = complete(f"/api/v1/tasks/{task}/complete", json={"data": {"mau": "(a)\\1"}})
    assert refused.status_code == 422 and refused.get_json()["error"]["details"] == {"mau": "Sai định dạng (regex)."}
    assert complete(f"/api/v1/tasks/{task}/complete", json={"data": {"mau": "^[0-9]{9,12}$"}}).status_code == 200


def test_a_timer_cycle_computed_at_run_time_is_checked_when_the_timer_is_reached(api):
    start_form = form({"chu_ky": {"type": "string"}})
    xml = diagram(form=FORM_NAME, timer="chu_ky",
                  process_props=f'<spiffworkflow:property name="startForm" value="{START_FORM}"/>')
    files = {FORM_NAME: form({}), START_FORM: start_form}
    assert deploy_multipart(api, xml.replace("timeDuration", "timeCycle"), files).status_code == 201
    start = api.as_("tiep_cong_dan").post
    refused = start("/api/v1/instances", json={"process_model": "thu_nghiem", "data": {"chu_ky": "R/PT0S"}})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "process_fault"
    accepted = start("/api/v1/instances", json={"process_model": "thu_nghiem", "data": {"chu_ky": "R3/PT1H"}})
    assert accepted.status_code == 201, accepted.get_json()


LOOP = HEADER.format(pid="thu_nghiem") + """
<bpmn:process id="thu_nghiem" name="Vòng lặp" isExecutable="true">
  <bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="tiep_cong_dan">
    <bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>buoc_mot</bpmn:flowNodeRef>
  </bpmn:lane></bpmn:laneSet>
  <bpmn:startEvent id="bat_dau"/>
  """ + confirm_task("buoc_mot", "Bước một") + """
  <bpmn:scriptTask id="dem" name="Đếm"><bpmn:script>n = 0
for i in range(20000):
    n += 1
so_lan = 1</bpmn:script></bpmn:scriptTask>
  <bpmn:exclusiveGateway id="cong" default="f_het"/>
  <bpmn:endEvent id="ket_thuc"/>
  <bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="buoc_mot"/>
  <bpmn:sequenceFlow id="f2" sourceRef="buoc_mot" targetRef="dem"/>
  <bpmn:sequenceFlow id="f3" sourceRef="dem" targetRef="cong"/>
  <bpmn:sequenceFlow id="f_lai" sourceRef="cong" targetRef="dem">
    <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">so_lan == 1</bpmn:conditionExpression>
  </bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f_het" sourceRef="cong" targetRef="ket_thuc"/>
</bpmn:process></bpmn:definitions>"""


def test_a_diagram_that_loops_is_cut_by_the_budget_and_the_case_marked_in_error(api, tight):
    """Each pass of the script is well within its own time limit; the loop is not (unbounded, it ran until
    SpiffWorkflow's task tree reached 1,000 levels, which it no longer walks: half a minute here, half an
    hour with a script near its limit)."""
    assert deploy(api, LOOP).status_code == 201
    case = tight.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"}).get_json()
    began = time.monotonic()
    response = tight.as_("tiep_cong_dan").post(f"/api/v1/tasks/{case['tasks'][0]['id']}/complete",
                                               json={"data": {}})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "process_fault"
    assert time.monotonic() - began < BUDGET + 3.0  # scheduling noise on a loaded machine
    assert api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case['id']}").get_json()["status"] == "error"


ITEM = {"type": "object", "properties": {f"o{i}": {"type": "string", "maxLength": 50, "pattern": "^[a-z]*$"}
                                         for i in range(40)}}
SLOW_FORM = form({"ds": {"type": "array", "maxItems": 1000, "items": {"allOf": [ITEM] * 10}}})  # 1,700 nodes
SLOW_DATA = {"ds": [{f"o{i}": "abc" for i in range(40)} for _ in range(1000)]}  # seconds to validate unbounded


def test_a_slow_validation_is_cut_by_the_budget_while_a_write_on_another_case_finishes(api, tight):
    slow_case = start_with_form(api, SLOW_FORM).get_json()["tasks"][0]["id"]
    other_case = api.as_("tiep_cong_dan").post("/api/v1/instances",
                                               json={"process_model": "thu_nghiem"}).get_json()["tasks"][0]["id"]
    finished = {}

    def submit_slow():
        response = tight.as_("tiep_cong_dan").post(f"/api/v1/tasks/{slow_case}/complete", json={"data": SLOW_DATA})
        finished["slow"] = (time.monotonic(), response.status_code, response.get_json())

    committed = []

    def note_commit(conn):  # the other case's write is done when it commits (its answer then reads the inbox)
        if threading.current_thread() is threading.main_thread():
            committed.append(time.monotonic())

    thread = threading.Thread(target=submit_slow)
    began = time.monotonic()
    event.listen(Engine, "commit", note_commit)
    try:
        thread.start()
        time.sleep(0.1)  # the slow request is parsed and validating
        other = tight.as_("tiep_cong_dan").post(f"/api/v1/tasks/{other_case}/complete", json={"data": {"ds": []}})
    finally:
        event.remove(Engine, "commit", note_commit)
    other_done = committed[0]
    thread.join(timeout=30)
    assert other.status_code == 200, other.get_json()
    slow_done, status, body = finished["slow"]
    assert status == 422 and body["error"]["code"] == "budget_exceeded", body
    assert body["error"]["details"] == {"data": "Dữ liệu quá lớn hoặc quá phức tạp để kiểm tra."}
    assert other_done < slow_done, "the other case's write waited for the slow validation"
    assert slow_done - began < BUDGET + 3.0
    task = api.as_("tiep_cong_dan").get(f"/api/v1/tasks/{slow_case}").get_json()
    assert task["status"] == "ready"  # refused: nothing changed
