"""A step's documents may depend on its outcome (`document.when`, an expression over the step's data with the
submitted form, in the diagrams' restricted evaluator): a step choosing between signing and sending back
issues its decision only when signed. A step may issue several documents (`document.<n>.*`: a decision and
a notice), each numbered in its body's book, each its own file, all lines of the step's task."""
from __future__ import annotations

from tests.deploys import post_package, problems
from tests.diagrams import diagram
from tests.files.test_issued_documents import template, text_of
from tests.files.test_outgoing_register import open_step

DECISION, NOTICE = "thu_nghiem-quyet_dinh.docx", "thu_nghiem-thong_bao.docx"
TWO_DOCUMENTS = (
    '<spiffworkflow:property name="document.symbol" value="QĐ-UBND"/>'
    f'<spiffworkflow:property name="document.template" value="{DECISION}"/>'
    '<spiffworkflow:property name="document.when" value="ghi_chu == \'ky\'"/>'
    '<spiffworkflow:property name="document.2.symbol" value="TB-UBND"/>'
    f'<spiffworkflow:property name="document.2.template" value="{NOTICE}"/>'
    '<spiffworkflow:property name="document.2.numberField" value="so_thong_bao"/>'
    '<spiffworkflow:property name="document.2.when" value="ghi_chu == \'ky\'"/>')


def deploy_two(api, props=TWO_DOCUMENTS):
    return post_package(api, diagram(task_props=props).encode(), {DECISION: template(), NOTICE: template()})


def complete(api, task_id, outcome):
    return api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"ghi_chu": outcome}})


def register(api):
    return api.as_("chu_tich").get("/api/v1/register?year=2026").get_json()["items"]


def test_a_step_sent_back_issues_no_document_and_takes_no_number(api):
    assert deploy_two(api).status_code == 201
    assert complete(api, open_step(api), "sua").status_code == 200
    assert register(api) == []
    signed = open_step(api)
    assert complete(api, signed, "ky").status_code == 200
    assert [line["reference"] for line in register(api)] == ["01/QĐ-UBND", "02/TB-UBND"]


def test_a_step_issues_each_of_its_documents_with_its_own_number_and_file(api):
    assert deploy_two(api).status_code == 201
    assert complete(api, open_step(api), "ky").status_code == 200
    lines = register(api)
    assert {line["task_id"] for line in lines} == {lines[0]["task_id"]}  # both lines are the step's
    instance_id = lines[0]["instance_id"]
    case = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}").get_json()
    assert case["data"]["so_ky_hieu"] == "01/QĐ-UBND" and case["data"]["so_thong_bao"] == "02/TB-UBND"
    assert case["data"]["ngay_ban_hanh"] == case["data"]["ngay_ban_hanh_2"] == "2026-03-02"
    issued = [d for d in api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/documents").get_json()["items"]
              if d["direction"] == "out"]
    assert [d["reference"] for d in issued] == ["01/QĐ-UBND", "02/TB-UBND"]
    for document in issued:
        content = api.as_("chu_tich").get(f"/api/v1/instances/{instance_id}/attachments/{document['id']}").data
        assert f"Số: {document['reference']}" in text_of(content)


def test_a_document_whose_condition_fails_faults_the_case_and_takes_no_number(api):
    props = ('<spiffworkflow:property name="document.symbol" value="QĐ-UBND"/>'
             '<spiffworkflow:property name="document.when" value="khong_co_bien == 1"/>')
    assert post_package(api, diagram(task_props=props).encode(), {}).status_code == 201
    assert complete(api, open_step(api), "ky").status_code == 409
    assert register(api) == []


def test_a_condition_the_evaluator_refuses_is_refused_at_deploy_on_its_step(api):
    for name in ("document.when", "document.2.when"):
        props = TWO_DOCUMENTS.replace(f'name="{name}" value="ghi_chu == \'ky\'"', f'name="{name}" value="__import__(\'os\')"')
        found = problems(deploy_two(api, props))
        assert any(p["element"] == "buoc_mot" and p["message"].startswith(f"{name}:") for p in found), found
    found = problems(deploy_two(api, TWO_DOCUMENTS.replace('value="ghi_chu == \'ky\'"/>', 'value="ghi_chu ==="/>', 1)))
    assert any(p["element"] == "buoc_mot" and "document.when" in p["message"] for p in found), found


def test_a_condition_without_a_symbol_or_two_documents_in_one_field_are_refused(api):
    bare = '<spiffworkflow:property name="document.when" value="ghi_chu == \'ky\'"/>'
    found = problems(post_package(api, diagram(task_props=bare).encode(), {}))
    assert any(p["element"] == "buoc_mot" and "document.symbol" in p["message"] for p in found), found
    same_field = TWO_DOCUMENTS.replace('value="so_thong_bao"', 'value="so_ky_hieu"')
    found = problems(deploy_two(api, same_field))
    assert any(p["element"] == "buoc_mot" and "'so_ky_hieu'" in p["message"] for p in found), found
