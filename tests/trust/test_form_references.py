"""A form's `$ref` resolves inside its process package only: never over the network, never on the disk.

jsonschema's default retrieval had followed `http://` and `file://` references whenever a form was used.
Now every validator holds a registry of the package's own files, whose retrieval refuses anything else, and
deploy refuses a reference that is neither `#...` nor a file of the package (422, nothing stored).
"""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from engine.definitions.package import load_package
from engine.store.tables import ProcessVersion
from tests.deploys import post_package, refused
from tests.diagrams import diagram

FORM_NAME = "thu_nghiem-buoc_mot.schema.json"
SHARED_NAME = "thu_nghiem-chung.schema.json"
SHARED = {"$defs": {"so_duong": {"type": "integer", "minimum": 1, "title": "Số dương"}}}


def form(**properties) -> dict:
    return {"type": "object", "title": "Biểu mẫu", "required": ["dong_y"],
            "properties": {"dong_y": {"type": "boolean", "title": "Đồng ý"}, **properties},
            "$defs": {"van_ban": {"type": "string", "maxLength": 20}}}


def package(schema: dict, shared: dict | None = SHARED) -> tuple[bytes, dict[str, bytes]]:
    files = {FORM_NAME: json.dumps(schema, ensure_ascii=False).encode()}
    if shared is not None:
        files[SHARED_NAME] = json.dumps(shared).encode()
    return diagram(form=FORM_NAME).encode(), files


@pytest.fixture
def listener():
    """A local HTTP server that answers any GET with a schema and records the paths asked for."""
    received: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            received.append(self.path)
            body = b'{"type": "string"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/schema+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


def test_a_form_referencing_the_network_is_refused_at_deploy_and_nothing_is_fetched(api, services, listener):
    url, received = listener
    bpmn, files = package(form(ghi_chu={"$ref": f"{url}/x.json"}))
    found = refused(services, lambda: post_package(api, bpmn, files))
    assert any(p["element"] == "buoc_mot" and "$ref" in p["message"] for p in found), found
    assert received == []


@pytest.mark.parametrize("schema", [
    form(ghi_chu={"$ref": "file:///etc/passwd"}),
    form(ghi_chu={"$ref": "/etc/passwd"}),
    form(ghi_chu={"$ref": f"./{SHARED_NAME}"}),
    form(ghi_chu={"$ref": "thu_nghiem-khong_co.schema.json"}),
    form(ghi_chu={"$ref": f"{SHARED_NAME}#/$defs/khong_co"}),
    form(ghi_chu={"$ref": "#/$defs/khong_co"}),
    {**form(ghi_chu={"$ref": "#/$defs/ds/²"}), "$defs": {"ds": [{"type": "string"}, {"type": "string"}, {"type": "string"}]}},
    {**form(ghi_chu={"$ref": "#/allOf/²"}), "allOf": [{"type": "object"}, {"type": "object"}, {"type": "object"}]},
    form(ghi_chu={"$ref": 12}),
    form(ghi_chu={"$dynamicRef": "http://127.0.0.1:9/x.json"}),
    {**form(ghi_chu={"$ref": SHARED_NAME}), "$id": "http://127.0.0.1:9/forms/"},
    {**form(), "$schema": "http://json-schema.org/draft-04/schema#", "id": "http://127.0.0.1:9/"},
], ids=["file_url", "absolute_path", "relative_path", "missing_file", "missing_pointer", "missing_local_pointer",
        "index_in_other_digits", "list_index_in_other_digits",
        "not_a_string", "dynamic_ref", "id_moves_the_base", "draft_04"])
def test_a_reference_outside_the_package_is_refused_at_deploy(api, services, schema):
    bpmn, files = package(schema)
    found = refused(services, lambda: post_package(api, bpmn, files))
    assert any(p["element"] == "buoc_mot" for p in found), found
    assert "root:" not in str(found)


def test_a_referenced_file_is_checked_like_the_form(api, services, listener):
    url, received = listener
    bpmn, files = package(form(so_ho={"$ref": f"{SHARED_NAME}#/$defs/so_duong"}),
                          {"$defs": {"so_duong": {"$ref": f"{url}/x.json"}}})
    found = refused(services, lambda: post_package(api, bpmn, files))
    assert any(SHARED_NAME in p["message"] for p in found), found
    assert received == []


def test_a_confidential_marker_inside_a_reference_is_refused_as_it_would_not_be_seen(api, services):
    bpmn, files = package(form(cccd={"$ref": f"{SHARED_NAME}#/$defs/cccd"}),
                          {"$defs": {"cccd": {"type": "string", "x-confidential": True}}})
    found = refused(services, lambda: post_package(api, bpmn, files))
    assert any("x-confidential" in p["message"] for p in found), found


@pytest.mark.parametrize("depth", [40, 600])
def test_a_deeply_nested_form_is_refused(api, services, depth):
    """Past ~500 levels the JSON decoder itself recursed out: a 500 before this check."""
    nested = '{"type": "object"' + ', "properties": {"a": {"type": "object"' * depth + "}}" * depth + "}"
    content = ('{"type": "object", "properties": {"x": ' + nested + "}}").encode()
    found = refused(services, lambda: post_package(api, diagram(form=FORM_NAME).encode(), {FORM_NAME: content}))
    assert any("sâu" in p["message"] for p in found), found


def complete(api, data: dict):
    case = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    assert case.status_code == 201, case.get_json()
    task = case.get_json()["tasks"][0]["id"]
    return api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task}/complete", json={"data": data})


def test_a_form_may_reference_another_file_of_its_package(api):
    bpmn, files = package(form(so_ho={"$ref": f"{SHARED_NAME}#/$defs/so_duong"}, ghi_chu={"$ref": "#/$defs/van_ban"}))
    deployed = post_package(api, bpmn, files)
    assert deployed.status_code == 201, deployed.get_json()
    refused_data = complete(api, {"dong_y": True, "so_ho": 0, "ghi_chu": "x" * 21})
    assert refused_data.status_code == 422, refused_data.get_json()
    assert set(refused_data.get_json()["error"]["details"]) == {"so_ho", "ghi_chu"}
    accepted = complete(api, {"dong_y": True, "so_ho": 3, "ghi_chu": "đủ"})
    assert accepted.status_code == 200, accepted.get_json()


def test_a_form_whose_reference_loops_is_refused_at_deploy_and_answers_422_not_500_if_stored(api, services):
    """Deploy refuses the loop (`engine.definitions.form_limits`: a form is finite); one an earlier release stored is a 422."""
    looping = package(form(ghi_chu={"$ref": "#/properties/ghi_chu"}))
    found = refused(services, lambda: post_package(api, *looping))
    assert any("vòng" in p["message"] for p in found), found
    bpmn, files = package(form(ghi_chu={"$ref": "#/$defs/van_ban"}))
    assert post_package(api, bpmn, files).status_code == 201
    with services.uow() as uow:
        version = uow.session.query(ProcessVersion).filter_by(process_model_id="thu_nghiem").one()
        version.files = {**version.files, FORM_NAME: version.files[FORM_NAME].replace("#/$defs/van_ban",
                                                                                      "#/properties/ghi_chu")}
        uow.commit()
    response = complete(api, {"dong_y": True, "ghi_chu": "x"})
    assert response.status_code == 422, response.get_json()


def test_a_version_stored_before_the_check_still_fetches_nothing(api, services, listener):
    """A form deployed by an earlier release may name a URL: its validator refuses to fetch it (422)."""
    url, received = listener
    bpmn, files = package(form(ghi_chu={"$ref": "#/$defs/van_ban"}))
    deployed = post_package(api, bpmn, files)
    assert deployed.status_code == 201, deployed.get_json()
    with services.uow() as uow:
        version = uow.session.query(ProcessVersion).filter_by(process_model_id="thu_nghiem").one()
        version.files = {**version.files, FORM_NAME: version.files[FORM_NAME].replace("#/$defs/van_ban",
                                                                                      f"{url}/x.json")}
        uow.commit()
    response = complete(api, {"dong_y": True, "ghi_chu": "x"})
    assert response.status_code == 422, response.get_json()
    assert received == []


def test_a_package_read_from_disk_takes_the_files_its_forms_reference(tmp_path):
    bpmn, files = package(form(so_ho={"$ref": f"{SHARED_NAME}#/$defs/so_duong"}))
    (tmp_path / "thu_nghiem.bpmn").write_bytes(bpmn)
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "thu_nghiem-khac.schema.json").write_text("{}")
    assert sorted(load_package(tmp_path / "thu_nghiem.bpmn").files) == [FORM_NAME, SHARED_NAME]
