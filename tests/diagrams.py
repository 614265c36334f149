"""Small BPMN diagrams built in tests, to exercise deploy-time validation one rule at a time."""

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
  id="Definitions_{pid}" targetNamespace="http://bpmn.io/schema/bpmn">"""


def diagram(pid="thu_nghiem", *, lane="tiep_cong_dan", task_name="Bước một", form=None, script=None,
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
