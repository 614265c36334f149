"""Deploying diagrams and packages through the HTTP route as the province's administrator, reading the problems
of a refusal, and proving that a refusal stored nothing."""
from __future__ import annotations

import io
import json

from tests.diagrams import EXTENSION_FORM, HEADER, named_forms
from tests.trust.helpers import table_fingerprint

ROUTE = "/api/v1/process-models/{pid}/versions"
DEPLOYER = "quan_tri.tinh"  # deploying is the province's power


def deploy(api, xml: str, user: str = DEPLOYER, pid: str = "thu_nghiem"):
    """The diagram's text as the raw request body, deployed as `user`; with the tests' shared forms it names
    (`tests.diagrams.FORMS`, a user task needs a form), as a multipart upload."""
    named = named_forms(xml)
    if named:
        data = {"bpmn": (io.BytesIO(xml.encode()), f"{pid}.bpmn"),
                "files": [(io.BytesIO(content.encode()), name) for name, content in named.items()]}
        return api.as_(user).post(ROUTE.format(pid=pid), data=data, content_type="multipart/form-data")
    return api.as_(user).post(ROUTE.format(pid=pid), data=xml.encode(), headers={"Content-Type": "application/xml"})


def deploy_multipart(api, xml: str, files: dict[str, str], pid="thu_nghiem"):
    files = {**named_forms(xml), **files}
    data = {"bpmn": (io.BytesIO(xml.encode()), f"{pid}.bpmn"),
            "files": [(io.BytesIO(content.encode()), name) for name, content in files.items()]}
    return api.as_("quan_tri.tinh").post(f"/api/v1/process-models/{pid}/versions", data=data,
                                         content_type="multipart/form-data")


def deploy_extension(api, xml: str):
    """The case-deadline diagram (`tests.diagrams.extension_diagram`) with its extension form."""
    files = {"gia_han-gia_han.schema.json": json.dumps(EXTENSION_FORM).encode(),
             **{name: content.encode() for name, content in named_forms(xml).items()}}
    return post_package(api, xml.encode(), files, pid="gia_han")


def problems(response) -> list[dict]:
    """The problems of a refused deployment."""
    body = response.get_json()
    assert response.status_code == 422, body
    assert body["error"]["code"] == "invalid_process_model"
    return body["error"]["details"]["problems"]


def post_xml(api, content: bytes, pid: str = "thu_nghiem"):
    """The diagram alone, as the raw request body."""
    return api.as_(DEPLOYER).post(ROUTE.format(pid=pid), data=content, headers={"Content-Type": "application/xml"})


def post_package(api, bpmn: bytes, files: dict[str, bytes], pid: str = "thu_nghiem"):
    """The diagram and its files (and the tests' shared forms it names), as a multipart upload."""
    files = {**{n: c.encode() for n, c in named_forms(bpmn.decode("utf-8", "replace")).items()}, **files}
    data = {"bpmn": (io.BytesIO(bpmn), f"{pid}.bpmn"),
            "files": [(io.BytesIO(content), name) for name, content in files.items()]}
    return api.as_(DEPLOYER).post(ROUTE.format(pid=pid), data=data, content_type="multipart/form-data")


def refused(services, send) -> list[dict]:
    """`send()` is answered 422 `invalid_process_model` and changes no table; the problems listed."""
    before = table_fingerprint(services)
    response = send()
    body = response.get_json()
    assert response.status_code == 422, (response.status_code, body)
    assert body["error"]["code"] == "invalid_process_model", body
    assert table_fingerprint(services) == before
    return body["error"]["details"]["problems"]


ASSIGNMENT = PID = "giao_viec"  # a step naming who does the next one (`x-assigns`)
ASSIGN_FORM = {"type": "object", "title": "Phân công", "required": ["can_bo_xu_ly"], "properties": {
    "can_bo_xu_ly": {"type": "integer", "title": "Cán bộ xác minh được giao", "minimum": 1, "x-account": True,
                     "x-assigns": "xac_minh"}}}
REPORT_FORM = {"type": "object", "title": "Báo cáo", "properties": {
    "ket_qua": {"type": "string", "title": "Kết quả", "maxLength": 200}}}


def assignment_diagram() -> str:
    def task(task_id, name, form):
        return (f'<bpmn:userTask id="{task_id}" name="{name}"><bpmn:extensionElements><spiffworkflow:properties>'
                f'<spiffworkflow:property name="formJsonSchemaFilename" value="{PID}-{form}.schema.json"/>'
                '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>')
    return (HEADER.format(pid=PID) +
            f'<bpmn:process id="{PID}" name="Thử nghiệm giao việc" isExecutable="true">'
            '<bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="chu_tich"><bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>phan_cong</bpmn:flowNodeRef></bpmn:lane>'
            '<bpmn:lane id="lane_2" name="can_bo_xac_minh"><bpmn:flowNodeRef>xac_minh</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>ket_thuc</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>' + task("phan_cong", "Phân công xác minh", "phan_cong") +
            task("xac_minh", "Xác minh", "xac_minh") + '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="phan_cong"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="phan_cong" targetRef="xac_minh"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="xac_minh" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")


def deploy_assignment(api):
    """Two steps: the Chairman names the verifier (`can_bo_xu_ly`, `x-assigns: xac_minh`), who verifies."""
    response = deploy_multipart(api, assignment_diagram(), {f"{PID}-phan_cong.schema.json": json.dumps(ASSIGN_FORM),
                                                  f"{PID}-xac_minh.schema.json": json.dumps(REPORT_FORM)}, pid=PID)
    assert response.status_code in (200, 201), response.get_json()
