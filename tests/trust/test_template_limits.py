"""Task instructions and scripts cannot take the server's time or memory (security review, issue 21,
finding 11): a page whose instructions loop, repeat or grow answers at once with a short notice (or the
instructions cut at 50,000 characters), memory stays small, and what the template's text alone shows is
refused at deploy. A script building a gigabyte string is refused as it runs, the case marked in error.
"""
from __future__ import annotations

import json
import resource
import time
from xml.sax.saxutils import escape

import pytest

from engine.workflow.instructions import CUT, MAX_LENGTH, UNAVAILABLE
from tests.deploys import deploy, deploy_multipart, problems
from tests.diagrams import diagram
from tests.trust.helpers import BUDGET

START_FORM = "thu_nghiem-bat_dau.schema.json"
START_SCHEMA = json.dumps({"type": "object", "properties": {
    "n": {"type": "integer"}, "s": {"type": "string", "maxLength": 20000}}})
MB = 1024  # ru_maxrss counts KiB


def with_instructions(template: str, **kwargs) -> str:
    """The test diagram, its user task carrying `template` as instructions."""
    xml = diagram(task_props='<spiffworkflow:property name="x" value="y"/>', **kwargs)
    return xml.replace("</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>",
                       "</spiffworkflow:properties><spiffworkflow:instructionsForEndUser>"
                       f"{escape(template)}</spiffworkflow:instructionsForEndUser>"
                       "</bpmn:extensionElements></bpmn:userTask>")


@pytest.mark.parametrize("template", [
    "{{ 'x' * 10**9 }}", "{{ [1] * 10**8 }}", "{% for i in range(10**9) %}x{% endfor %}",
    "{% for i in range(1000) %}{% for j in range(1000) %}x{% endfor %}{% endfor %}",
    "{{ ten|center(1000) }}", "{{ ten|format(1) }}", "{{ ten",
])
def test_instructions_recognisably_too_costly_or_broken_are_refused_at_deploy(api, template):
    found = problems(deploy(api, with_instructions(template)))
    assert [p["element"] for p in found] == ["buoc_mot"], found
    assert found[0]["message"].startswith("Hướng dẫn:"), found


def open_task(api, template: str, data: dict) -> str:
    """Deploy the diagram with these instructions (and a start form), open a case: its task id."""
    props = f'<spiffworkflow:property name="startForm" value="{START_FORM}"/>'
    response = deploy_multipart(api, with_instructions(template, process_props=props), {START_FORM: START_SCHEMA})
    assert response.status_code == 201, response.get_json()
    started = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem", "data": data})
    assert started.status_code == 201, started.get_json()
    return started.get_json()["tasks"][0]["id"]


def page(client, task_id: str):
    """The task page through the API: (instructions, seconds taken, growth of the process's peak memory)."""
    peak, began = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    response = client.as_("tiep_cong_dan").get(f"/api/v1/tasks/{task_id}")
    assert response.status_code == 200, response.get_json()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
    return response.get_json()["instructions"], time.monotonic() - began, grown


@pytest.mark.parametrize("template, data", [
    ("{{ 'x' * n }}", {"n": 10**9}),
    ("{{ [1] * n }}", {"n": 10**8}),
    ("{% for i in range(n) %}{% for j in range(n) %}{% endfor %}{% endfor %}", {"n": 10000}),
    ("{% set a = s ~ s %}{% set b = a ~ a %}{% set c = b ~ b %}{% set d = c ~ c %}{{ d }}", {"s": "x" * 20000}),
    ("{{ s.ljust(n) }}", {"s": "x", "n": 10**9}),
    ("{{ s.replace('', s) }}", {"s": "x" * 20000}),
    ("{{ range(n)|list }}", {"n": 10**9}),
])
def test_instructions_that_cannot_be_shown_are_replaced_by_a_notice_at_once(api, tight, template, data):
    instructions, seconds, grown = page(tight, open_task(api, template, data))
    assert instructions == UNAVAILABLE
    assert seconds < BUDGET + 3.0  # scheduling noise on a loaded machine
    assert grown < 200 * MB, f"{grown // MB} MB"


def test_long_instructions_are_cut_with_a_note(api):
    """Under the usual budget: the cut, not the budget, is what this tests (a loaded machine can take longer
    than the tight budget to build a megabyte)."""
    instructions, _, grown = page(api, open_task(api, "{% for i in range(n) %}{{ s }}{% endfor %}",
                                                 {"n": 1000, "s": "x" * 1000}))
    assert instructions == "x" * MAX_LENGTH + CUT
    assert grown < 200 * MB


def test_instructions_within_the_limits_render_as_before(api, tight):
    template = "Ông/bà {{ s }}: {% for i in range(n) %}{{ i }}{% if not loop.last %}, {% endif %}{% endfor %}"
    instructions, _, _ = page(tight, open_task(api, template, {"n": 3, "s": "Lê Văn A"}))
    assert instructions == "Ông/bà Lê Văn A: 0, 1, 2"


def test_a_script_building_a_gigabyte_string_is_refused_at_once(api):
    props = f'<spiffworkflow:property name="startForm" value="{START_FORM}"/>'
    xml = diagram(script="x = 'x' * n", process_props=props)
    assert deploy_multipart(api, xml, {START_FORM: START_SCHEMA}).status_code == 201
    case = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem",
                                                                     "data": {"n": 10**9}}).get_json()
    peak, began = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    response = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{case['tasks'][0]['id']}/complete", json={"data": {}})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "process_fault"
    assert time.monotonic() - began < 3.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200 * MB
