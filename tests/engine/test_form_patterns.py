"""The regular expressions and the validators of forms (`engine.definitions.form_patterns`): what deploy refuses, and
the keywords the validators run differently from jsonschema (RE2, linear-time `uniqueItems`)."""
import pytest

from engine.core.errors import BudgetExceeded, InvalidInput
from engine.definitions.form_patterns import pattern_problem
from engine.definitions.forms import compiled_validator, validate_form_data


@pytest.mark.parametrize("pattern", [
    r"^[0-9+() .-]*$", r"^[A-Za-z0-9]*$", r"^https?://", r"^0\d{9}$", r"^(\d+\.)*\d+$",
    r"^[a-z]+( [a-z]+)*$", r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"^\p{L}+$", r"(\s*,\s*)*",
])
def test_patterns_forms_use_are_accepted(pattern):
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize("pattern", [
    r"^(a+)+$", r"([a-z]+ ?)+", r"(?:\w+\s*)+$", r"^(a|b+)*$", r"^((ab)*)+$",  # nested quantifiers
    r"(a)\1", r"(?=a)b", r"(?<!a)b", r"a{1001}",  # what RE2 cannot run
])
def test_patterns_that_backtrack_or_that_re2_cannot_run_are_refused(pattern):
    assert pattern_problem(pattern) is not None


def check(schema: dict, data: dict) -> dict:
    return validate_form_data(schema, data, compiled_validator(schema))


UNIQUE = {"type": "object", "properties": {"ds": {"type": "array", "uniqueItems": True}}}


@pytest.mark.parametrize("items, unique", [
    ([1, 1.0], False), ([True, 1], True), ([False, 0, None], True), ([{"a": 1, "b": [2]}, {"b": [2], "a": 1}], False),
    ([[1, 2], [2, 1]], True), (["1", 1], True), (list(range(1000)), True),
])
def test_unique_items_follows_json_equality(items, unique):
    if unique:
        assert check(UNIQUE, {"ds": items}) == {"ds": items}
    else:
        with pytest.raises(InvalidInput):
            check(UNIQUE, {"ds": items})


def test_pattern_properties_and_additional_properties_use_re2():
    schema = {"type": "object", "properties": {"bang": {
        "type": "object", "patternProperties": {"^thon_[a-z]+$": {"type": "integer"}}, "additionalProperties": False}}}
    assert check(schema, {"bang": {"thon_a": 1}}) == {"bang": {"thon_a": 1}}
    with pytest.raises(InvalidInput):
        check(schema, {"bang": {"thon_a": "x"}})
    with pytest.raises(InvalidInput):
        check(schema, {"bang": {"khac": 1}})


def test_a_validation_past_its_budget_is_refused_as_such():
    item = {"type": "object", "properties": {f"o{i}": {"type": "string"} for i in range(40)}}
    schema = {"type": "object", "properties": {"ds": {"type": "array", "items": {"allOf": [item] * 10}}}}
    data = {"ds": [{f"o{i}": "x" for i in range(40)} for _ in range(1000)]}
    with pytest.raises(BudgetExceeded):
        validate_form_data(schema, data, compiled_validator(schema), budget_seconds=0.05)
