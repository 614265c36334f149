"""The outgoing-document register: a step that issues a document gets the commune's next number of the year
("05/TB-UBND") when it completes, with no gap (a failed step gives its number back) and no duplicate (two
completions at once, two servers on PostgreSQL), per commune; the register is listed and exported."""
from __future__ import annotations

import io
import json
import threading

from tests.conftest import ApiClient
from tests.deploys import deploy, deploy_multipart
from tests.diagrams import diagram
from tests.files.samples import FORM, FORM_NAME, PDF

NUMBERED = '<spiffworkflow:property name="document.symbol" value="TB-UBND"/>'


def open_step(api, user="tiep_cong_dan") -> str:
    started = api.as_(user).post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    assert started.status_code == 201, started.get_json()
    return started.get_json()["tasks"][0]["id"]


def complete(api, task_id, user="tiep_cong_dan"):
    return api.as_(user).post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"ghi_chu": "đã gửi"}})


def test_a_step_issuing_a_document_gets_the_next_number_and_the_register_lists_it(api):
    assert deploy(api, diagram(task_props=NUMBERED)).status_code == 201
    first, second = open_step(api), open_step(api)
    assert complete(api, second).status_code == 200
    assert complete(api, first).status_code == 200
    other_commune = open_step(api, "tiep_cong_dan.b")
    assert complete(api, other_commune, "tiep_cong_dan.b").status_code == 200
    register = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()
    assert [(line["reference"], line["issued_on"]) for line in register["items"]] == [
        ("01/TB-UBND", "2026-03-02"), ("02/TB-UBND", "2026-03-02")]
    assert register["items"][0]["kind"] == "Bước một" and register["items"][0]["business_key"] == "TN-2026-000002"
    history = api.as_("chu_tich").get(f"/api/v1/instances/{register['items'][0]['instance_id']}").get_json()
    assert history["data"]["so_ky_hieu"] == "01/TB-UBND" and history["data"]["ngay_ban_hanh"] == "2026-03-02"
    theirs = api.as_("chu_tich.b").get("/api/v1/register?year=2026").get_json()["items"]
    assert [line["reference"] for line in theirs] == ["01/TB-UBND"]  # each commune numbers its own
    exported = api.as_("chu_tich").get("/api/v1/register/export.csv?year=2026")
    assert exported.headers["Content-Disposition"].startswith("attachment")
    text = exported.get_data(as_text=True)
    assert "Số, ký hiệu" in text and "01/TB-UBND,02/03/2026,Bước một,TN-2026-000002" in text


def test_a_step_that_fails_gives_its_number_back(api):
    assert deploy(api, diagram(task_props=NUMBERED, script="ket_qua = khong_co_bien + 1")).status_code == 201
    assert complete(api, open_step(api)).status_code == 409  # the diagram fails after the step: rolled back
    assert api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"] == []
    assert deploy(api, diagram(task_props=NUMBERED)).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    assert [line["number"] for line in api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"]] == [1]


def test_two_completions_at_once_take_two_consecutive_numbers(api, app, database_url):
    """Two requests started together, each on a connection of its own (on PostgreSQL: two servers)."""
    assert deploy(api, diagram(task_props=NUMBERED)).status_code == 201
    tasks = [open_step(api), open_step(api)]
    api.token("tiep_cong_dan")
    start, answers = threading.Barrier(2), []

    def run(task_id):
        client = ApiClient(app.test_client(), database_url)
        start.wait()
        answers.append(complete(client, task_id).status_code)

    threads = [threading.Thread(target=run, args=(task_id,)) for task_id in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200, 200]
    lines = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"]
    assert sorted(line["reference"] for line in lines) == ["01/TB-UBND", "02/TB-UBND"]


def test_the_case_lists_its_documents_in_and_out(api):
    form = {**FORM, "required": []}
    xml = diagram(form=FORM_NAME, task_props=NUMBERED)
    assert deploy_multipart(api, xml, {FORM_NAME: json.dumps(form)}).status_code == 201
    task_id = open_step(api)
    sent = api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/complete", content_type="multipart/form-data",
                                         data={"data": "{}", "bien_ban": (io.BytesIO(PDF), "bb.pdf")})
    assert sent.status_code == 200, sent.get_json()
    case_id = sent.get_json()["instance_id"]
    items = api.as_("chu_tich").get(f"/api/v1/instances/{case_id}/documents").get_json()["items"]
    assert [(d["direction"], d["reference"] or d["name"]) for d in items] == [("in", "bb.pdf"), ("out", "01/TB-UBND")]


def test_each_issuing_body_numbers_its_own_documents(api):
    """The Front's committee's notice is 01/TB-MTTQ in its own book, not the People's Committee's next number;
    the register is read per body and the export names it."""
    front = '<spiffworkflow:property name="document.symbol" value="TB-MTTQ"/>'
    assert deploy(api, diagram(task_props=NUMBERED)).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    assert complete(api, open_step(api)).status_code == 200
    assert deploy(api, diagram(task_props=front)).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    lines = api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"]
    assert [(line["issuer"], line["reference"]) for line in lines] == [
        ("UBND", "01/TB-UBND"), ("UBND", "02/TB-UBND"), ("MTTQ", "01/TB-MTTQ")]
    only = api.as_("chu_tich").get("/api/v1/register?year=2026&issuer=MTTQ").get_json()["items"]
    assert [line["reference"] for line in only] == ["01/TB-MTTQ"]
    text = api.as_("chu_tich").get("/api/v1/register/export.csv?year=2026").get_data(as_text=True)
    assert "01/TB-MTTQ,02/03/2026,Bước một,TN-2026-000003,Xã Nghĩa Kỳ,Ủy ban Mặt trận Tổ quốc,Trần Thị Tiếp" in text


def test_a_symbol_the_register_cannot_hold_is_refused_at_deploy(api):
    for bad in ("TB UBND", "TB-" + "X" * 40):
        props = f'<spiffworkflow:property name="document.symbol" value="{bad}"/>'
        refused = deploy(api, diagram(task_props=props))
        assert refused.status_code == 422, refused.get_json()
        assert "document.symbol" in json.dumps(refused.get_json(), ensure_ascii=False)

