"""Web forms refuse what the API's body guard refuses (tests/trust/test_json_bounds.py): integers past 64 bits,
non-finite numbers and JSON nested too deep, typed into a form's fields, are the field's error (422), never a
500 (a value of a field without a type is read as JSON, and Python's parser raised `RecursionError`)."""
import pytest

from engine.core.principal import SYSTEM
from engine.definitions.package import ProcessPackage
from engine.processes.catalogue import deploy_process_version
from tests.diagrams import diagram

NUMBER_FORM = """{"type": "object", "title": "Số liệu", "properties": {
  "so_nguyen": {"type": "integer", "title": "Số nguyên"},
  "so_thuc": {"type": "number", "title": "Số thực"},
  "tuy_y": {"title": "Giá trị tùy ý"}}}"""


def _deploy_number_form(services):
    xml = diagram(pid="thu_so", form="so.schema.json", process_props=(
        '<spiffworkflow:property name="startForm" value="so.schema.json"/>'
        '<spiffworkflow:property name="startRoles" value="tiep_cong_dan"/>'))
    deploy_process_version(services, SYSTEM, ProcessPackage("thu_so.bpmn", xml.encode(),
                                                            {"so.schema.json": NUMBER_FORM.encode()}))


@pytest.mark.parametrize("field,value", [
    ("so_nguyen", "1" * 5_000), ("so_nguyen", "9" * 4_000), ("so_nguyen", "9223372036854775808"),
    ("so_nguyen", "-9223372036854775809"), ("so_thuc", "9" * 400 + ".0"), ("so_thuc", "-" + "9" * 400 + ".0"),
    ("so_thuc", "1" * 5_000), ("tuy_y", "[" * 100_000 + "]" * 100_000), ("tuy_y", "[[1e999]]"),
])
def test_web_forms_refuse_out_of_bound_values_with_the_field_named(web, services, field, value):
    _deploy_number_form(services)
    client = web("tiep_cong_dan")
    response = client.post("/cases/new/thu_so", {field: value}, page="/cases/new/thu_so")
    assert response.status_code == 422, (response.status_code, response.get_data(as_text=True)[:300])
    assert f'id="f-{field}-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["[" * 65 + "]" * 65, "9" * 5_000, "9" * 30])
def test_a_field_without_a_type_keeps_what_is_not_json_within_bounds_as_text(web, api, services, value):
    """A field the renderer does not know is a JSON text area: JSON when it parses within the API's bounds,
    else the text as typed (as malformed JSON always was)."""
    _deploy_number_form(services)
    response = web("tiep_cong_dan").post("/cases/new/thu_so", {"tuy_y": value}, page="/cases/new/thu_so")
    assert response.status_code == 302, (response.status_code, response.get_data(as_text=True)[:300])
    case_id = response.headers["Location"].rsplit("/", 1)[1]
    assert api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case_id}").get_json()["data"]["tuy_y"] == value


def test_numbers_within_bounds_are_kept(web, api, services):
    _deploy_number_form(services)
    response = web("tiep_cong_dan").post("/cases/new/thu_so", {
        "so_nguyen": "-9223372036854775808", "so_thuc": "1.5e300", "tuy_y": '{"a": [9223372036854775807]}'},
        page="/cases/new/thu_so")
    assert response.status_code == 302, (response.status_code, response.get_data(as_text=True)[:300])
    case_id = response.headers["Location"].rsplit("/", 1)[1]
    data = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case_id}").get_json()["data"]
    assert data["so_nguyen"] == -2**63 and data["so_thuc"] == 1.5e300 and data["tuy_y"] == {"a": [2**63 - 1]}
