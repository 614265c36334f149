"""An auditor changes nothing, through any edge: the rule lives in the engine verbs, so the API, the web pages
and the command line all meet it (the web pages had gone around the API's check, issue 21 finding 3)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine.cases.lifecycle import start_case
from engine.core.errors import Forbidden
from engine.core.principal import Principal

ENGINE = Path(__file__).resolve().parents[2] / "engine"
MARKS = {"changes_data", "own_action"}


def _writes(function: ast.FunctionDef) -> bool:
    """Whether the function opens a writing unit of work (`services.uow()` without `write=False`)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "uow":
            if not node.args and not any(k.arg == "write" for k in node.keywords):
                return True
    return False


def test_every_engine_verb_that_writes_for_a_person_says_whether_auditors_may_call_it():
    unmarked = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef) or not _writes(node):
                continue
            params = [a.arg for a in node.args.args + node.args.kwonlyargs]
            decorators = {getattr(d, "id", getattr(d, "attr", None)) for d in node.decorator_list}
            if "principal" in params and not decorators & MARKS:
                unmarked.append(f"{path.relative_to(ENGINE.parent)}:{node.name}")
    assert unmarked == [], "engine verbs writing for a principal need @changes_data or @own_action"


def test_the_engine_refuses_an_auditor_whatever_edge_calls_it(services):
    auditor = Principal("kiem_tra", frozenset({"kiem_tra", "tiep_cong_dan"}), commune_id=None)
    with pytest.raises(Forbidden):
        start_case(services, auditor, "khieu_nai", {})
