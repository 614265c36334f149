"""A small process drawn for the modeler's browser tests (`thay_doi`): two lanes, a user task with a form, a
gateway with a condition, a script, a reminder and a withdrawal message, with its diagram interchange."""
from __future__ import annotations

from engine.core import SYSTEM
from engine.definitions import ProcessPackage
from engine.processes import deploy_process_version

PROCESS_ID = "thay_doi"
FORM_NAME = "thay_doi-tiep_nhan.schema.json"
FORM = """{"type": "object", "title": "Tiếp nhận", "properties": {
  "dong_y": {"type": "boolean", "title": "Đủ điều kiện"},
  "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200}}}"""
START_FORM_NAME = "thay_doi-mo_ho_so.schema.json"
START_FORM = """{"type": "object", "title": "Mở hồ sơ", "properties": {
  "nguoi_de_nghi": {"type": "string", "title": "Người đề nghị", "maxLength": 200}}, "required": ["nguoi_de_nghi"]}"""

XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
  id="Definitions_thay_doi" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="hop_tac"><bpmn:participant id="ubnd" name="UBND xã" processRef="{PROCESS_ID}"/></bpmn:collaboration>
  <bpmn:message id="msg_rut" name="rut_de_nghi"/>
  <bpmn:process id="{PROCESS_ID}" name="Thử nghiệm thay đổi quy trình" isExecutable="true">
    <bpmn:extensionElements><spiffworkflow:properties>
      <spiffworkflow:property name="startForm" value="{START_FORM_NAME}"/>
      <spiffworkflow:property name="businessKeyPrefix" value="TD"/>
    </spiffworkflow:properties></bpmn:extensionElements>
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="lan_tiep_nhan" name="tiep_cong_dan"><bpmn:flowNodeRef>bat_dau</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>tiep_nhan</bpmn:flowNodeRef><bpmn:flowNodeRef>cong</bpmn:flowNodeRef><bpmn:flowNodeRef>ghi_nhan</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>ket_thuc</bpmn:flowNodeRef><bpmn:flowNodeRef>ket_thuc_khac</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>nhac</bpmn:flowNodeRef><bpmn:flowNodeRef>het_nhac</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>rut</bpmn:flowNodeRef><bpmn:flowNodeRef>da_rut</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="lan_xu_ly" name="chu_tich"/>
    </bpmn:laneSet>
    <bpmn:startEvent id="bat_dau" name="Nhận đề nghị"/>
    <bpmn:userTask id="tiep_nhan" name="Tiếp nhận đề nghị"><bpmn:extensionElements><spiffworkflow:properties>
      <spiffworkflow:property name="formJsonSchemaFilename" value="{FORM_NAME}"/></spiffworkflow:properties>
    </bpmn:extensionElements></bpmn:userTask>
    <bpmn:exclusiveGateway id="cong" name="Đủ điều kiện?" default="f_khac"/>
    <bpmn:scriptTask id="ghi_nhan" name="Ghi nhận"><bpmn:script>ket_qua_vu_viec = 'da_ghi_nhan'</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="ket_thuc" name="Xong"/>
    <bpmn:endEvent id="ket_thuc_khac" name="Không đủ điều kiện"/>
    <bpmn:boundaryEvent id="nhac" name="Nhắc" attachedToRef="tiep_nhan" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P3D"</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="het_nhac"/>
    <bpmn:boundaryEvent id="rut" name="Rút đề nghị" attachedToRef="tiep_nhan">
      <bpmn:messageEventDefinition messageRef="msg_rut"/>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="da_rut" name="Đã rút"/>
    <bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="tiep_nhan"/>
    <bpmn:sequenceFlow id="f2" sourceRef="tiep_nhan" targetRef="cong"/>
    <bpmn:sequenceFlow id="f_du" name="Đủ" sourceRef="cong" targetRef="ghi_nhan">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">dong_y == True</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_khac" sourceRef="cong" targetRef="ket_thuc_khac"/>
    <bpmn:sequenceFlow id="f3" sourceRef="ghi_nhan" targetRef="ket_thuc"/>
    <bpmn:sequenceFlow id="f_nhac" sourceRef="nhac" targetRef="het_nhac"/>
    <bpmn:sequenceFlow id="f_rut" sourceRef="rut" targetRef="da_rut"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="so_do"><bpmndi:BPMNPlane id="mat_phang" bpmnElement="hop_tac">
    <bpmndi:BPMNShape id="ubnd_di" bpmnElement="ubnd" isHorizontal="true"><dc:Bounds x="100" y="60" width="960" height="420"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="lan_tiep_nhan_di" bpmnElement="lan_tiep_nhan" isHorizontal="true"><dc:Bounds x="130" y="60" width="930" height="250"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="lan_xu_ly_di" bpmnElement="lan_xu_ly" isHorizontal="true"><dc:Bounds x="130" y="310" width="930" height="170"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="bat_dau_di" bpmnElement="bat_dau"><dc:Bounds x="172" y="162" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="tiep_nhan_di" bpmnElement="tiep_nhan"><dc:Bounds x="250" y="140" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="cong_di" bpmnElement="cong" isMarkerVisible="true"><dc:Bounds x="705" y="155" width="50" height="50"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="ghi_nhan_di" bpmnElement="ghi_nhan"><dc:Bounds x="800" y="140" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="ket_thuc_di" bpmnElement="ket_thuc"><dc:Bounds x="962" y="162" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="ket_thuc_khac_di" bpmnElement="ket_thuc_khac"><dc:Bounds x="962" y="242" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="nhac_di" bpmnElement="nhac"><dc:Bounds x="262" y="122" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="het_nhac_di" bpmnElement="het_nhac"><dc:Bounds x="342" y="82" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="rut_di" bpmnElement="rut"><dc:Bounds x="312" y="202" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="da_rut_di" bpmnElement="da_rut"><dc:Bounds x="392" y="252" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="208" y="180"/><di:waypoint x="250" y="180"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="350" y="180"/><di:waypoint x="705" y="180"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f_du_di" bpmnElement="f_du"><di:waypoint x="755" y="180"/><di:waypoint x="800" y="180"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f_khac_di" bpmnElement="f_khac"><di:waypoint x="730" y="205"/><di:waypoint x="730" y="260"/><di:waypoint x="962" y="260"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="900" y="180"/><di:waypoint x="962" y="180"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f_nhac_di" bpmnElement="f_nhac"><di:waypoint x="280" y="122"/><di:waypoint x="280" y="100"/><di:waypoint x="342" y="100"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f_rut_di" bpmnElement="f_rut"><di:waypoint x="330" y="238"/><di:waypoint x="330" y="270"/><di:waypoint x="392" y="270"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


def deploy_change_diagram(services) -> None:
    package = ProcessPackage(f"{PROCESS_ID}.bpmn", XML.encode("utf-8"),
                             {FORM_NAME: FORM.encode("utf-8"), START_FORM_NAME: START_FORM.encode("utf-8")})
    deploy_process_version(services, SYSTEM, package)
