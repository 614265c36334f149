"""Workload 9: the cost of a document out, and of a file sent through the API.

A document: one user task completing, through the engine on SQLite, in three versions of a one-step diagram
built here: a plain step; the same step numbering a document from the commune's register
(`document.symbol`: the counter's `UPDATE … RETURNING`, the register's line); and the same step filling its
Word template too (`document.template`: the shipped acceptance notice of `khieu_nai`, Decree 30's layout,
filled by docxtpl in a Jinja sandbox, stored content-addressed, its hash chained). Only the completion is
timed (each case is started and its task claimed first), so the differences are what numbering and
generating cost a step.

An upload through the API: `POST /api/v1/instances` of a letter (`xu_ly_don`) by the reception officer, in
the Flask app (test client: the whole request path, without a socket), as JSON without a file, then as
multipart with a 200 KB PDF in its confidential file field (parsed, typed from its content, encrypted,
written to the folder, hashes chained). The difference is what a file costs an API request.
"""
from __future__ import annotations

import io
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from engine.cases.lifecycle import start_case
from engine.cases.tasks import claim_task, complete_task
from engine.core import SYSTEM
from engine.definitions import load_package
from engine.definitions.package import ProcessPackage, binary_file
from engine.people.users import DEMO_PASSWORD, authenticate
from engine.processes import deploy_process_version
from engine.services import build_services

from .databases import bench_database, bench_settings
from .report import print_table
from .uploads import LETTER, XU_LY_DON, _pdf, per_call_ms

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "khieu_nai-thong_bao_thu_ly.docx"
FORM_NAME = "van_ban-ghi_chu.schema.json"
FORM = {"type": "object", "title": "Ghi chú", "properties": {
    "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200}}}
NUMBERED = '<spiffworkflow:property name="document.symbol" value="TB-UBND"/>'
GENERATED = NUMBERED + f'<spiffworkflow:property name="document.template" value="{TEMPLATE}"/>'
HEADER = ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions '
          'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
          'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d_{pid}" '
          'targetNamespace="http://bpmn.io/schema/bpmn">')


def one_step(pid: str, properties: str) -> str:
    """Start → one user task of the reception officer (with `properties`) → end."""
    return (HEADER.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="Văn bản {pid}" isExecutable="true">'
            '<bpmn:laneSet id="ls"><bpmn:lane id="l1" name="tiep_cong_dan"><bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>buoc</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>'
            '<bpmn:userTask id="buoc" name="Gửi thông báo"><bpmn:extensionElements><spiffworkflow:properties>'
            f'<spiffworkflow:property name="formJsonSchemaFilename" value="{FORM_NAME}"/>{properties}'
            '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="buoc"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="buoc" targetRef="ket_thuc"/>'
            '</bpmn:process></bpmn:definitions>')


def _completion_ms(services, officer, pid: str, count: int) -> float:
    """Milliseconds per completion of the step, over `count` cases (after one untimed warm-up case)."""
    spent = 0.0
    for n in range(count + 1):
        case = start_case(services, officer, pid, {})
        task = next(t for t in case["tasks"] if t["status"] == "ready")
        claim_task(services, officer, task["id"])
        began = time.perf_counter()
        complete_task(services, officer, task["id"], {"ghi_chu": "Nguyễn Văn An, thôn Phú Sơn"})
        if n:
            spent += time.perf_counter() - began
    return round(spent / count * 1000, 2)


def _documents(services, officer, count: int) -> dict:
    template = binary_file(load_package(ROOT / "bpmn" / "khieu_nai.bpmn").files[TEMPLATE])
    files = {FORM_NAME: json.dumps(FORM).encode(), TEMPLATE: template}
    for pid, properties in (("van_ban_thuong", ""), ("van_ban_so", NUMBERED), ("van_ban_mau", GENERATED)):
        deploy_process_version(services, SYSTEM, ProcessPackage(f"{pid}.bpmn", one_step(pid, properties).encode(),
                                                                files))
    plain, numbered, generated = (_completion_ms(services, officer, pid, count)
                                  for pid in ("van_ban_thuong", "van_ban_so", "van_ban_mau"))
    return {"step_ms": plain, "numbered_step_ms": numbered, "generated_step_ms": generated,
            "numbering_ms": round(numbered - plain, 2), "generation_ms": round(generated - numbered, 2),
            "template_bytes": len(template)}


def _api_upload(services, count: int) -> dict:
    from server import create_app

    client = create_app(services=services).test_client()
    token = client.post("/api/v1/auth/token", json={"username": "tiep_cong_dan", "password": DEMO_PASSWORD}
                        ).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    pdf = _pdf(200 * 1024)

    def without_file():
        response = client.post("/api/v1/instances", json={"process_model": "xu_ly_don", "data": LETTER},
                               headers=headers)
        assert response.status_code == 201, response.get_json()

    def with_file(n=[0]):  # noqa: B006 - a counter: each file differs, so none is stored once for several
        n[0] += 1
        body = {"process_model": "xu_ly_don", "data": json.dumps(LETTER, ensure_ascii=False),
                "tep_dinh_kem": (io.BytesIO(pdf[:-6] + str(n[0]).encode().rjust(6, b"0")), "don.pdf")}
        response = client.post("/api/v1/instances", data=body, headers=headers, content_type="multipart/form-data")
        assert response.status_code == 201, response.get_json()

    plain, uploaded = (per_call_ms(count, action) for action in (without_file, with_file))
    return {"api_letter_ms": plain, "api_letter_with_pdf_ms": uploaded,
            "api_upload_ms": round(uploaded - plain, 2), "api_upload_bytes": len(pdf)}


def run(quick: bool) -> dict:
    count = 5 if quick else 40
    with bench_database("sqlite", "danchu_bench_documents") as url, tempfile.TemporaryDirectory() as folder:
        services = build_services(replace(bench_settings(url), files_dir=folder))
        try:
            deploy_process_version(services, SYSTEM, load_package(XU_LY_DON))
            officer = authenticate(services, "tiep_cong_dan", DEMO_PASSWORD)
            results = {**_documents(services, officer, count), **_api_upload(services, count)}
        finally:
            services.close()
    print_table("9a. A step issuing a document (engine, SQLite; ms per completion)",
                ["plain step", "+ number from the register", "+ Word document from its template",
                 "cost of the number", "cost of the document"],
                [[results["step_ms"], results["numbered_step_ms"], results["generated_step_ms"],
                  results["numbering_ms"], results["generation_ms"]]])
    print_table("9b. A file sent through the API (POST /api/v1/instances, Flask test client, SQLite; ms per request)",
                ["letter (JSON)", "+ 200 KB PDF (multipart, encrypted)", "cost of the file"],
                [[results["api_letter_ms"], results["api_letter_with_pdf_ms"], results["api_upload_ms"]]])
    return results
