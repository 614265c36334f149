"""Small BPMN diagrams built in tests, to exercise deploy-time validation one rule at a time."""

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
  id="Definitions_{pid}" targetNamespace="http://bpmn.io/schema/bpmn">"""


CONFIRM_FORM_NAME = "thu_nghiem-xac_nhan.schema.json"
CONFIRM_FORM = """{"type": "object", "title": "Xác nhận", "properties": {
  "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200}}}"""
FORMS = {CONFIRM_FORM_NAME: CONFIRM_FORM}  # what `tests.deploys.deploy` sends with a diagram naming them
CONFIRM = ('<spiffworkflow:property name="formJsonSchemaFilename" value="%s"/>' % CONFIRM_FORM_NAME)
CONFIRM_EXTENSION = f"<bpmn:extensionElements><spiffworkflow:properties>{CONFIRM}</spiffworkflow:properties></bpmn:extensionElements>"


def confirm_task(task_id: str, name: str) -> str:
    """A user task with the tests' confirmation form (a user task needs a form: the `user-task-form` rule)."""
    return f'<bpmn:userTask id="{task_id}" name="{name}">{CONFIRM_EXTENSION}</bpmn:userTask>'


def named_forms(xml: str) -> dict[str, str]:
    """The tests' shared forms a diagram names, to deploy with it."""
    return {name: content for name, content in FORMS.items() if f'value="{name}"' in xml}


def diagram(pid="thu_nghiem", *, lane="tiep_cong_dan", task_name="Bước một", form=CONFIRM_FORM_NAME, script=None,
            condition=None, timer=None, process_props="", task_props="", extra_lane_refs="") -> str:
    """Start → user task (in a lane) → [script] → [gateway with condition] → end, with optional timer."""
    form_prop = f'<spiffworkflow:property name="formJsonSchemaFilename" value="{form}"/>' if form else ""
    task_ext = ""
    if form_prop or task_props:
        task_ext = (f"<bpmn:extensionElements><spiffworkflow:properties>{form_prop}{task_props}"
                    "</spiffworkflow:properties></bpmn:extensionElements>")
    proc_ext = ""
    if process_props:
        proc_ext = (f"<bpmn:extensionElements><spiffworkflow:properties>{process_props}"
                    "</spiffworkflow:properties></bpmn:extensionElements>")
    nodes, flows = [], []
    previous = "buoc_mot"
    if script is not None:
        nodes.append(f'<bpmn:scriptTask id="kich_ban" name="Tính"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>')
        flows.append(f'<bpmn:sequenceFlow id="f_script" sourceRef="{previous}" targetRef="kich_ban"/>')
        previous = "kich_ban"
    if condition is not None:
        nodes.append('<bpmn:exclusiveGateway id="cong" default="f_default"/>')
        flows.append(f'<bpmn:sequenceFlow id="f_gw" sourceRef="{previous}" targetRef="cong"/>')
        flows.append('<bpmn:sequenceFlow id="f_cond" sourceRef="cong" targetRef="ket_thuc">'
                     f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}'
                     '</bpmn:conditionExpression></bpmn:sequenceFlow>')
        flows.append('<bpmn:sequenceFlow id="f_default" sourceRef="cong" targetRef="ket_thuc"/>')
    else:
        flows.append(f'<bpmn:sequenceFlow id="f_end" sourceRef="{previous}" targetRef="ket_thuc"/>')
    if timer is not None:
        nodes.append('<bpmn:boundaryEvent id="hen_gio" attachedToRef="buoc_mot" cancelActivity="false">'
                     '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">'
                     f'{timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>')
        nodes.append('<bpmn:endEvent id="ket_thuc_hen_gio"/>')
        flows.append('<bpmn:sequenceFlow id="f_timer" sourceRef="hen_gio" targetRef="ket_thuc_hen_gio"/>')
    lane_xml = ""
    if lane is not None:
        lane_xml = (f'<bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="{lane}">'
                    f'<bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>buoc_mot</bpmn:flowNodeRef>'
                    f'{extra_lane_refs}</bpmn:lane></bpmn:laneSet>')
    return (HEADER.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="Quy trình thử nghiệm" isExecutable="true">{proc_ext}{lane_xml}'
            '<bpmn:startEvent id="bat_dau"/>'
            f'<bpmn:userTask id="buoc_mot" name="{task_name}">{task_ext}</bpmn:userTask>'
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f_start" sourceRef="bat_dau" targetRef="buoc_mot"/>'
            + "".join(nodes) + "".join(flows) +
            "</bpmn:process></bpmn:definitions>")


FORM = """{"type": "object", "title": "Biểu mẫu", "properties": {
  "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200},
  "dong_y": {"type": "boolean", "title": "Đồng ý"}}, "required": ["dong_y"]}"""


def decision_diagram(pid="thu_nghiem_dmn") -> str:
    """Start → business rule task (DMN `muc_do`) → user task in lane chu_tich → end."""
    return (HEADER.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="Thử nghiệm bảng quyết định" isExecutable="true">'
            '<bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="chu_tich">'
            '<bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>phan_loai</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>xem</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>'
            '<bpmn:businessRuleTask id="phan_loai" name="Phân loại"><bpmn:extensionElements>'
            '<spiffworkflow:calledDecisionId>muc_do</spiffworkflow:calledDecisionId>'
            '</bpmn:extensionElements></bpmn:businessRuleTask>'
            + confirm_task("xem", "Xem kết quả") +
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="phan_loai"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="phan_loai" targetRef="xem"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="xem" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")


def decision_table(cell: str = "&gt;= 10", output: str = "'cao'") -> str:
    """A DMN 1.3 table `muc_do`: so_ho (input) → muc (output), one rule with the given cell, one fallback."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="dmn_muc_do" name="Mức độ"
  namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="muc_do" name="Mức độ">
    <decisionTable id="bang_muc_do">
      <input id="input_1" label="Số hộ"><inputExpression id="ie_1" typeRef="integer"><text>so_ho</text></inputExpression></input>
      <output id="output_1" label="Mức" name="muc" typeRef="string"/>
      <rule id="rule_1"><inputEntry id="in_1"><text>{cell}</text></inputEntry><outputEntry id="out_1"><text>{output}</text></outputEntry></rule>
      <rule id="rule_2"><inputEntry id="in_2"><text>-</text></inputEntry><outputEntry id="out_2"><text>'thap'</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>"""


def service_diagram(pid="thu_nghiem_cha", target="'thu_nghiem'", operator="danchu.start_case") -> str:
    """Start → service task opening a linked case of `target` → user task (tiep_cong_dan) → end."""
    return (HEADER.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="Thử nghiệm mở hồ sơ liên kết" isExecutable="true">'
            '<bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="tiep_cong_dan">'
            '<bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>mo_ho_so</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>xem</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>'
            '<bpmn:serviceTask id="mo_ho_so" name="Mở hồ sơ"><bpmn:extensionElements>'
            f'<spiffworkflow:serviceTaskOperator id="{operator}" resultVariable="ho_so_moi">'
            '<spiffworkflow:parameters>'
            f'<spiffworkflow:parameter id="process_model" type="str" value="{target}"/>'
            '<spiffworkflow:parameter id="data" type="any" value="{}"/>'
            '<spiffworkflow:parameter id="relation" type="str" value="\'thu_tu_don\'"/>'
            '</spiffworkflow:parameters></spiffworkflow:serviceTaskOperator>'
            '</bpmn:extensionElements></bpmn:serviceTask>'
            + confirm_task("xem", "Xem hồ sơ mới") +
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="mo_ho_so"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="mo_ho_so" targetRef="xem"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="xem" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")


EXTENSION_FORM = {"type": "object", "title": "Quyết định gia hạn", "properties": {
    "so_ngay_gia_han": {"type": "integer", "title": "Số ngày gia hạn", "minimum": 0, "maximum": 30},
    "ly_do_gia_han": {"type": "string", "title": "Lý do gia hạn", "maxLength": 500}}}


def extension_diagram(case_props=None, extension_props=None, follow_props=None) -> str:
    case_props = case_props if case_props is not None else (
        '<spiffworkflow:property name="param.ngay_thu_ly" value="2026-03-02"/>'
        '<spiffworkflow:property name="caseDeadlineDays" value="30"/>'
        '<spiffworkflow:property name="caseDeadlineFrom" value="ngay_thu_ly"/>'
        '<spiffworkflow:property name="caseDeadlineName" value="Hạn giải quyết"/>')
    extension_props = extension_props if extension_props is not None else (
        '<spiffworkflow:property name="extendsCaseDeadline" value="so_ngay_gia_han"/>'
        '<spiffworkflow:property name="extensionReason" value="ly_do_gia_han"/>')
    follow_props = follow_props if follow_props is not None else \
        '<spiffworkflow:property name="deadlineCase" value="true"/>'
    return (HEADER.format(pid="gia_han") +
            '<bpmn:process id="gia_han" name="Thử nghiệm gia hạn" isExecutable="true">'
            f'<bpmn:extensionElements><spiffworkflow:properties>{case_props}</spiffworkflow:properties>'
            '</bpmn:extensionElements>'
            '<bpmn:laneSet id="ls"><bpmn:lane id="l" name="chu_tich"><bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>gia_han_giai_quyet</bpmn:flowNodeRef><bpmn:flowNodeRef>ket_luan</bpmn:flowNodeRef>'
            '</bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>'
            '<bpmn:userTask id="gia_han_giai_quyet" name="Quyết định gia hạn"><bpmn:extensionElements>'
            '<spiffworkflow:properties>'
            '<spiffworkflow:property name="formJsonSchemaFilename" value="gia_han-gia_han.schema.json"/>'
            f'{extension_props}</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:userTask id="ket_luan" name="Kết luận"><bpmn:extensionElements><spiffworkflow:properties>'
            f'{CONFIRM}{follow_props}</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="gia_han_giai_quyet"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="gia_han_giai_quyet" targetRef="ket_luan"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="ket_luan" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")


EXCLUSION_START = {"type": "object", "title": "Mở hồ sơ", "required": ["noi_dung"], "properties": {
    "noi_dung": {"type": "string", "title": "Nội dung", "maxLength": 500},
    "tai_khoan_bi_to_cao": {"type": ["integer", "null"], "title": "Tài khoản người bị tố cáo", "minimum": 1,
                            "x-account": True, "default": None}}}
EXCLUSION_STEP = {"type": "object", "title": "Bước một", "properties": {
    "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200},
    "tai_khoan_bi_to_cao": {"type": ["integer", "null"], "title": "Tài khoản người bị tố cáo", "minimum": 1,
                            "x-account": True}}}


def exclusion_diagram(pid="loai_tru") -> str:
    """A case about an account (`exclusion.fields` = `tai_khoan_bi_to_cao`, on the start form and on step one):
    start → notify the Chairman, the auditor and `chu_tich` by name → parallel: `buoc_mot` (tiep_cong_dan) and
    `buoc_chu_tich` (chu_tich) → join → notify again → end."""
    notify = ('<bpmn:serviceTask id="{id}" name="Báo tin"><bpmn:extensionElements>'
              '<spiffworkflow:serviceTaskOperator id="danchu.notify" resultVariable="{id}_kq">'
              '<spiffworkflow:parameters>'
              '<spiffworkflow:parameter id="title" type="str" value="\'Có hồ sơ mới\'"/>'
              '<spiffworkflow:parameter id="roles" type="any" value="[\'chu_tich\', \'kiem_tra\']"/>'
              '<spiffworkflow:parameter id="users" type="any" value="[\'chu_tich\']"/>'
              '</spiffworkflow:parameters></spiffworkflow:serviceTaskOperator>'
              '</bpmn:extensionElements></bpmn:serviceTask>')
    return (HEADER.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="Thử nghiệm loại trừ" isExecutable="true">'
            '<bpmn:extensionElements><spiffworkflow:properties>'
            f'<spiffworkflow:property name="startForm" value="{pid}-mo.schema.json"/>'
            '<spiffworkflow:property name="exclusion.fields" value="tai_khoan_bi_to_cao"/>'
            '</spiffworkflow:properties></bpmn:extensionElements>'
            '<bpmn:laneSet id="ls"><bpmn:lane id="lane_1" name="tiep_cong_dan">'
            '<bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef><bpmn:flowNodeRef>bao_tin</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>tach</bpmn:flowNodeRef><bpmn:flowNodeRef>buoc_mot</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>gop</bpmn:flowNodeRef><bpmn:flowNodeRef>bao_tin_lai</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>ket_thuc</bpmn:flowNodeRef></bpmn:lane>'
            '<bpmn:lane id="lane_2" name="chu_tich"><bpmn:flowNodeRef>buoc_chu_tich</bpmn:flowNodeRef></bpmn:lane>'
            '</bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau"/>' + notify.format(id="bao_tin") +
            '<bpmn:parallelGateway id="tach"/>'
            '<bpmn:userTask id="buoc_mot" name="Bước một"><bpmn:extensionElements><spiffworkflow:properties>'
            f'<spiffworkflow:property name="formJsonSchemaFilename" value="{pid}-buoc.schema.json"/>'
            '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:userTask id="buoc_chu_tich" name="Ý kiến Chủ tịch"><bpmn:extensionElements>'
            '<spiffworkflow:properties>'
            f'<spiffworkflow:property name="formJsonSchemaFilename" value="{pid}-buoc.schema.json"/>'
            '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:parallelGateway id="gop"/>' + notify.format(id="bao_tin_lai") +
            '<bpmn:endEvent id="ket_thuc"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="bao_tin"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="bao_tin" targetRef="tach"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="tach" targetRef="buoc_mot"/>'
            '<bpmn:sequenceFlow id="f4" sourceRef="tach" targetRef="buoc_chu_tich"/>'
            '<bpmn:sequenceFlow id="f5" sourceRef="buoc_mot" targetRef="gop"/>'
            '<bpmn:sequenceFlow id="f6" sourceRef="buoc_chu_tich" targetRef="gop"/>'
            '<bpmn:sequenceFlow id="f7" sourceRef="gop" targetRef="bao_tin_lai"/>'
            '<bpmn:sequenceFlow id="f8" sourceRef="bao_tin_lai" targetRef="ket_thuc"/>'
            "</bpmn:process></bpmn:definitions>")
def moving_diagram(version: int = 1, *, timer: str = '"P3D"', case_days: str = "30") -> str:
    """A process `chuyen` whose later versions change under running cases (`tests/api/test_case_moves.py`).

    1: start → tiep_nhan (tiep_cong_dan) → xu_ly (chu_tich, with a non-interrupting reminder) → end;
    2: a new step `tham_dinh` (can_bo_xac_minh, due in 5 working days) between the two, the case deadline
       `case_days` (a law that changed it);
    3: as 2, `xu_ly` renamed `giai_quyet` (the same step under a new id)."""
    xu_ly = "giai_quyet" if version >= 3 else "xu_ly"
    added = version >= 2
    deadline = ('<spiffworkflow:property name="deadlineDays" value="5"/>'
                '<spiffworkflow:property name="deadlineKind" value="working"/>')
    nodes = [
        '<bpmn:startEvent id="bat_dau"/>',
        f'<bpmn:userTask id="tiep_nhan" name="Tiếp nhận">{CONFIRM_EXTENSION}</bpmn:userTask>',
        f'<bpmn:userTask id="{xu_ly}" name="Xử lý">{CONFIRM_EXTENSION}</bpmn:userTask>',
        f'<bpmn:boundaryEvent id="nhac" attachedToRef="{xu_ly}" cancelActivity="false"><bpmn:timerEventDefinition>'
        f'<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{timer}</bpmn:timeDuration>'
        '</bpmn:timerEventDefinition></bpmn:boundaryEvent>',
        '<bpmn:endEvent id="het_nhac"/>', '<bpmn:endEvent id="ket_thuc"/>',
        '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="tiep_nhan"/>',
        f'<bpmn:sequenceFlow id="f3" sourceRef="{xu_ly}" targetRef="ket_thuc"/>',
        '<bpmn:sequenceFlow id="f_nhac" sourceRef="nhac" targetRef="het_nhac"/>',
    ]
    if added:
        nodes += [f'<bpmn:userTask id="tham_dinh" name="Thẩm định"><bpmn:extensionElements><spiffworkflow:properties>'
                  f'{CONFIRM}{deadline}</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>',
                  '<bpmn:sequenceFlow id="f2" sourceRef="tiep_nhan" targetRef="tham_dinh"/>',
                  f'<bpmn:sequenceFlow id="f2b" sourceRef="tham_dinh" targetRef="{xu_ly}"/>']
    else:
        nodes.append(f'<bpmn:sequenceFlow id="f2" sourceRef="tiep_nhan" targetRef="{xu_ly}"/>')
    days = case_days if added else "30"
    return (HEADER.format(pid="chuyen") +
            '<bpmn:process id="chuyen" name="Thử nghiệm chuyển phiên bản" isExecutable="true">'
            '<bpmn:extensionElements><spiffworkflow:properties>'
            f'<spiffworkflow:property name="caseDeadlineDays" value="{days}"/>'
            '<spiffworkflow:property name="caseDeadlineName" value="Hạn giải quyết"/>'
            '</spiffworkflow:properties></bpmn:extensionElements>'
            '<bpmn:laneSet id="ls">'
            '<bpmn:lane id="l1" name="tiep_cong_dan"><bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef>'
            '<bpmn:flowNodeRef>tiep_nhan</bpmn:flowNodeRef></bpmn:lane>'
            f'<bpmn:lane id="l2" name="chu_tich"><bpmn:flowNodeRef>{xu_ly}</bpmn:flowNodeRef></bpmn:lane>'
            + ('<bpmn:lane id="l3" name="can_bo_xac_minh"><bpmn:flowNodeRef>tham_dinh</bpmn:flowNodeRef></bpmn:lane>'
               if added else "") +
            '</bpmn:laneSet>' + "".join(nodes) + "</bpmn:process></bpmn:definitions>")
