"""The modeler's bpmnlint and the deploy-time validation judge diagrams alike: for every diagram of the corpus
(`corpus/`, one or more rules broken on purpose, `expected.json` says which on which element) and for every
diagram of the library (none broken), the server's lint (`engine.definitions.lint`) and the bpmnlint plugin
the modeler bundles (`web/frontend/src/lint/rules.js`, run here with node) report the same (rule, element)
pairs. The sandbox's verdicts reach bpmnlint as they reach it in the browser: asked of the server."""
from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from engine.core.roles import ROLES
from engine.definitions.lint import RULES, lint_problems
from engine.definitions.package import process_properties
from engine.definitions.verdicts import verdict
from engine.workflow.diagram_xml import NS, parse_xml
from tests.web.browser import FRONTEND, ensure_bundle

HERE = Path(__file__).resolve().parent
CORPUS = {p.name: p.read_text(encoding="utf-8") for p in sorted((HERE / "corpus").glob("*.bpmn"))}
LIBRARY = {p.name: p.read_text(encoding="utf-8") for p in sorted((HERE.parents[1] / "bpmn").glob("*.bpmn"))}
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


def server_problems(xml: str) -> list[dict]:
    root = parse_xml(xml.encode("utf-8"), "corpus.bpmn")
    process = root.find("bpmn:process[@isExecutable='true']", NS)
    return lint_problems(root, process, process_properties(process))


def server_judgement(xml: str) -> set[tuple[str, str]]:
    return {(p["rule"], p["element"]) for p in server_problems(xml)}


def bpmnlint_judgement(files: dict[str, str], *, words: bool = False) -> dict[str, set[tuple[str, ...]]]:
    """bpmnlint's verdict, twice as the modeler does: a first pass names the texts it needs the sandbox's
    verdict on, the server gives them, a second pass reports."""
    ensure_bundle()  # node_modules, as `make frontend` installs them

    def run(verdicts):
        request = {"roles": list(ROLES), "verdicts": verdicts, "files": files}
        done = subprocess.run(["node", "lint-cli.mjs"], cwd=FRONTEND, input=json.dumps(request), text=True,
                              capture_output=True, check=True, timeout=120)
        return json.loads(done.stdout)

    first = run([])
    asked = {(item["kind"], item["text"]) for result in first.values() for item in result["pending"]}
    second = run([{"kind": kind, "text": text, "problems": verdict(kind, text)} for kind, text in sorted(asked)])
    assert all(not result["pending"] for result in second.values())
    return {name: {(rule, element, message) if words else (rule, element) for rule, element, message in result["problems"]}
            for name, result in second.items()}


def test_both_judges_find_the_same_problems_in_the_corpus():
    judged = bpmnlint_judgement(CORPUS)
    for name, xml in CORPUS.items():
        expected = {tuple(pair) for pair in EXPECTED[name]}
        assert server_judgement(xml) == expected, name
        assert judged[name] == expected, name


def test_both_judges_say_the_same_words_and_what_to_do_for_each_structural_problem():
    """The message an administrator reads in the modeler as they draw is the one deploy refuses with."""
    structural = {"danchu/start-event-required", "danchu/end-event-required", "danchu/no-disconnected",
                  "danchu/unreachable", "danchu/superfluous-gateway", "danchu/conditional-flows",
                  "danchu/user-task-form", "danchu/lane-role"}
    judged = bpmnlint_judgement(CORPUS, words=True)
    for name, xml in CORPUS.items():
        server = {(p["rule"], p["element"], p["message"]) for p in server_problems(xml) if p["rule"] in structural}
        assert {p for p in judged[name] if p[0] in structural} == server, name
        assert all(": " in message for _, _, message in server), name  # the problem, then what to do


def test_both_judges_pass_every_diagram_of_the_library():
    judged = bpmnlint_judgement(LIBRARY)
    for name, xml in LIBRARY.items():
        assert server_judgement(xml) == set(), name
        assert judged[name] == set(), name


def test_the_corpus_breaks_every_rule_and_names_no_other():
    broken = {rule for pairs in EXPECTED.values() for rule, _ in pairs}
    assert broken == set(RULES)
    assert set(EXPECTED) == set(CORPUS)
    assert EXPECTED["clean.bpmn"] == []


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_deploy_refuses_each_broken_corpus_diagram_naming_the_rule_and_the_element(api, name):
    """What the lint refuses, the deploy endpoint refuses, with element-level details."""
    files = {"f.schema.json": json.dumps({"type": "object", "title": "Biểu mẫu", "properties": {}})}
    response = api.as_("quan_tri.tinh").post("/api/v1/process-models/p/versions", data={
        "bpmn": (io.BytesIO(CORPUS[name].encode()), "p.bpmn"),
        "files": [(io.BytesIO(c.encode()), n) for n, c in files.items()]},
        content_type="multipart/form-data")
    if name == "clean.bpmn":
        assert response.status_code == 201, response.get_json()
        return
    assert response.status_code == 422, response.get_json()
    found = {(p.get("rule"), p["element"]) for p in response.get_json()["error"]["details"]["problems"]}
    assert {tuple(pair) for pair in EXPECTED[name]} <= found
