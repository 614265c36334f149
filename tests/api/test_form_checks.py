"""Cross-field checks of forms (`x-checks`, engine.definitions.form_checks), through the HTTP API: checked at
deploy, evaluated over the case data overlaid with the submission, every problem named at once, warnings
refused until confirmed (`confirm_warnings`)."""
import json
from pathlib import Path

from engine.definitions import load_package
from tests.deploys import deploy_multipart, post_package, problems
from tests.diagrams import diagram
from tests.samples import Complaint

BPMN = Path(__file__).resolve().parents[2] / "bpmn"

START_FORM = "thu_nghiem-mo.schema.json"
COUNT_FORM = "thu_nghiem-dem.schema.json"
START = {
    "type": "object", "title": "Mở", "required": ["tong_so"],
    "properties": {"tong_so": {"type": "integer", "title": "Tổng số", "minimum": 0},
                   "ghi_chu_mo": {"type": "string", "title": "Ghi chú", "maxLength": 50}},
    "x-checks": [
        {"assert": "tong_so <= gioi_han", "field": "tong_so", "message": "Tổng số không được quá {gioi_han}."},
        {"assert": "tong_so >= 10", "field": "tong_so", "message": "Dưới 10 ({tong_so}): có đúng không?",
         "severity": "warning"}],
}
COUNT = {
    "type": "object", "title": "Đếm", "required": ["co_mat"],
    "properties": {"co_mat": {"type": "integer", "title": "Có mặt", "minimum": 0},
                   "phieu_thu_ve": {"type": "integer", "title": "Phiếu thu về", "minimum": 0},
                   "phieu_hop_le": {"type": "integer", "title": "Phiếu hợp lệ", "minimum": 0},
                   "ngay": {"type": "string", "title": "Ngày", "format": "date"}},
    "x-checks": [
        {"assert": "co_mat <= tong_so", "field": "co_mat",
         "message": "Số có mặt không được lớn hơn tổng số ({tong_so}).", "severity": "error"},
        {"assert": "phieu_hop_le is None or phieu_hop_le <= phieu_thu_ve", "field": "phieu_hop_le",
         "message": "Số phiếu hợp lệ không được lớn hơn số phiếu thu về ({phieu_thu_ve})."},
        {"assert": "co_mat * 2 > tong_so", "field": "co_mat", "severity": "warning",
         "message": "Chưa quá nửa tổng số ({tong_so}) có mặt: xác nhận?"}],
}
PROPS = (f'<spiffworkflow:property name="startForm" value="{START_FORM}"/>'
         '<spiffworkflow:property name="param.gioi_han" value="1000"/>')


def deploy_counting(api, start=START, count=COUNT):
    return deploy_multipart(api, diagram(process_props=PROPS, form=COUNT_FORM),
                            {START_FORM: json.dumps(start), COUNT_FORM: json.dumps(count)})


def start(api, data, **body):
    return api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem", "data": data,
                                                                    **body})


def opened_task(api, tong_so=101):
    response = start(api, {"tong_so": tong_so})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["tasks"][0]["id"], response.get_json()["id"]


def complete(api, task_id, data, **body):
    return api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task_id}/complete", json={"data": data, **body})


def refusal(response, code="invalid_input") -> dict:
    body = response.get_json()
    assert response.status_code == 422, body
    assert body["error"]["code"] == code, body
    return body["error"]["details"]


def test_checks_are_refused_at_deploy_when_the_sandbox_refuses_them_or_they_name_no_field(api):
    count = {**COUNT, "properties": {**COUNT["properties"],
                                     "ho_ten": {"type": "string", "title": "Họ tên", "x-confidential": True}},
             "x-checks": [
                 {"assert": "open('/etc/passwd')", "field": "co_mat", "message": "x"},
                 {"assert": "co_mat > 0", "field": "khong_co", "message": "x"},
                 {"assert": "co_mat > 0", "field": "co_mat", "message": "Của {ho_ten}"},
                 {"assert": "co_mat > 0", "field": "co_mat", "message": "x", "severity": "nhac"},
                 {"assert": "co_mat > 0", "field": "co_mat", "message": "x", "other": 1}]}
    found = " ".join(p["message"] for p in problems(deploy_counting(api, count=count)))
    for number in range(1, 6):
        assert f"x-checks[{number}]" in found, found
    assert "ho_ten" in found


def test_a_start_form_check_reads_the_process_parameters_and_refuses_with_the_field(api):
    assert deploy_counting(api).status_code == 201
    details = refusal(start(api, {"tong_so": 1001}))
    assert details == {"tong_so": "Tổng số không được quá 1000."}


def test_every_problem_of_the_form_is_named_at_once(api):
    assert deploy_counting(api).status_code == 201
    details = refusal(start(api, {"tong_so": 1001, "ghi_chu_mo": "x" * 51}))
    assert details == {"tong_so": "Tổng số không được quá 1000.", "ghi_chu_mo": "Dài quá: tối đa 50 ký tự."}
    task_id, _ = opened_task(api, 101)
    details = refusal(complete(api, task_id, {"co_mat": 102, "phieu_thu_ve": 90, "phieu_hop_le": 91,
                                              "ngay": "không phải ngày"}))
    assert details == {"co_mat": "Số có mặt không được lớn hơn tổng số (101).",
                       "phieu_hop_le": "Số phiếu hợp lệ không được lớn hơn số phiếu thu về (90).",
                       "ngay": "Ngày không hợp lệ; ghi theo ngày/tháng/năm, ví dụ 25/12/2026."}


def test_a_task_form_check_reads_the_case_data_and_a_refusal_changes_nothing(api):
    assert deploy_counting(api).status_code == 201
    task_id, case_id = opened_task(api, 101)
    details = refusal(complete(api, task_id, {"co_mat": 102}))
    assert details == {"co_mat": "Số có mặt không được lớn hơn tổng số (101)."}
    task = api.as_("tiep_cong_dan").get(f"/api/v1/tasks/{task_id}").get_json()
    assert task["status"] in ("ready", "claimed")
    assert "co_mat" not in api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case_id}").get_json()["data"]
    assert complete(api, task_id, {"co_mat": 101, "phieu_thu_ve": 90, "phieu_hop_le": 90}).status_code == 200


def test_a_declared_field_left_out_reads_as_none(api):
    assert deploy_counting(api).status_code == 201
    task_id, _ = opened_task(api, 101)
    # `phieu_thu_ve` is left out: it reads as None, and `91 <= None` cannot be evaluated: refused, never a 500
    details = refusal(complete(api, task_id, {"co_mat": 60, "phieu_hop_le": 91}))
    assert list(details) == ["phieu_hop_le"]
    # `phieu_hop_le` left out: its check holds (`phieu_hop_le is None`)
    assert complete(api, task_id, {"co_mat": 60}).status_code == 200


def test_a_check_over_a_field_refused_for_its_own_reason_names_only_that_reason(api):
    assert deploy_counting(api).status_code == 201
    task_id, _ = opened_task(api, 101)
    details = refusal(complete(api, task_id, {"co_mat": "nhiều"}))
    assert details == {"co_mat": "Phải là số nguyên, ví dụ 12."}


def test_warnings_refuse_until_confirmed_and_errors_whatever_is_confirmed(api):
    assert deploy_counting(api).status_code == 201
    details = refusal(start(api, {"tong_so": 5}), code="warnings_unconfirmed")
    assert details == {"tong_so": "Dưới 10 (5): có đúng không?"}
    assert start(api, {"tong_so": 5}, confirm_warnings=True).status_code == 201
    assert refusal(start(api, {"tong_so": 1001}, confirm_warnings=True)) == {"tong_so": "Tổng số không được quá 1000."}
    task_id, _ = opened_task(api, 101)
    assert refusal(complete(api, task_id, {"co_mat": 50}), code="warnings_unconfirmed") == {
        "co_mat": "Chưa quá nửa tổng số (101) có mặt: xác nhận?"}
    # a warning shown beside an error is named too, and the code says an error stands
    assert refusal(complete(api, task_id, {"co_mat": 50, "phieu_thu_ve": 1, "phieu_hop_le": 2})) == {
        "co_mat": "Chưa quá nửa tổng số (101) có mặt: xác nhận?",
        "phieu_hop_le": "Số phiếu hợp lệ không được lớn hơn số phiếu thu về (1)."}
    assert complete(api, task_id, {"co_mat": 50}, confirm_warnings=True).status_code == 200


def test_confirmed_warnings_are_in_the_cases_history_with_who_and_which_step(api):
    assert deploy_counting(api).status_code == 201
    response = start(api, {"tong_so": 5}, confirm_warnings=True)
    case_id = response.get_json()["id"]
    task_id = response.get_json()["tasks"][0]["id"]
    assert complete(api, task_id, {"co_mat": 2}, confirm_warnings=True).status_code == 200
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{case_id}/history").get_json()["items"]
    confirmed = [(e["actor"], e["task_id"], e["data"]) for e in history if e["action"] == "warnings_confirmed"]
    assert confirmed == [
        ("tiep_cong_dan", None, {"canh_bao": {"tong_so": "Dưới 10 (5): có đúng không?"}}),
        ("tiep_cong_dan", task_id, {"canh_bao": {"co_mat": "Chưa quá nửa tổng số (5) có mặt: xác nhận?"}})]


def test_a_confirmation_when_no_warning_stands_records_nothing(api):
    assert deploy_counting(api).status_code == 201
    response = start(api, {"tong_so": 50}, confirm_warnings=True)
    history = api.as_("tiep_cong_dan").get(f"/api/v1/instances/{response.get_json()['id']}/history").get_json()
    assert "warnings_confirmed" not in [e["action"] for e in history["items"]]


def test_confirm_warnings_must_be_a_boolean(api):
    assert deploy_counting(api).status_code == 201
    details = refusal(start(api, {"tong_so": 5}, confirm_warnings="có"))
    assert "confirm_warnings" in json.dumps(details)


def test_a_message_form_check_reads_the_case_data_and_its_warning_is_confirmed(api):
    """The complaint's withdrawal form, deployed again with checks: the message is refused like a task's form."""
    package = load_package(BPMN / "khieu_nai.bpmn")
    name = "khieu_nai-rut_khieu_nai.schema.json"
    form = json.loads(package.files[name])
    form["x-checks"] = [
        {"assert": "ngay_rut >= ngay_nhan_don", "field": "ngay_rut",
         "message": "Ngày rút không được trước ngày nhận đơn ({ngay_nhan_don})."},
        {"assert": "ly_do_rut is not None", "field": "ly_do_rut", "severity": "warning",
         "message": "Không ghi lý do rút: xác nhận?"}]
    files = {**package.files, name: json.dumps(form, ensure_ascii=False).encode()}
    assert post_package(api, package.bpmn, files, pid="khieu_nai").status_code == 201
    case = Complaint(api)
    client = api.as_("tiep_cong_dan")

    def withdraw(data, **body):
        return client.post(f"/api/v1/instances/{case.id}/messages",
                           json={"name": "rut_khieu_nai", "data": data, **body})

    assert refusal(withdraw({"ngay_rut": "2026-03-01"})) == {
        "ngay_rut": "Ngày rút không được trước ngày nhận đơn (02/03/2026).", "ly_do_rut": "Không ghi lý do rút: xác nhận?"}
    assert refusal(withdraw({"ngay_rut": "2026-03-10"}), code="warnings_unconfirmed") == {
        "ly_do_rut": "Không ghi lý do rút: xác nhận?"}
    assert withdraw({"ngay_rut": "2026-03-10"}, confirm_warnings=True).status_code == 200
    assert case.open_task_names() == ["quyet_dinh_dinh_chi"]
    history = client.get(f"/api/v1/instances/{case.id}/history").get_json()["items"]
    assert {"canh_bao": {"ly_do_rut": "Không ghi lý do rút: xác nhận?"}} in [
        e["data"] for e in history if e["action"] == "warnings_confirmed"]
