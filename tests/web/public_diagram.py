"""A small diagram using the portal's process properties, deployed by the web tests (independent of the
library's real diagrams): citizens start it, it is posted on the board, and until its comment period ends
(a 30-day timer) citizens may comment any number of times: an event-based gateway waits for either the
message `gop_y` or the timer, and loops back after each comment. (A non-interrupting boundary message event
catches only once in SpiffWorkflow 3.2.0.)"""
from engine.core.principal import SYSTEM
from engine.definitions.package import ProcessPackage
from engine.processes.catalogue import deploy_process_version

from ..diagrams import HEADER

PROCESS_ID = "thu_nghiem_cong_dan"
START_FORM = """{"type": "object", "title": "Đơn kiến nghị", "description": "Gửi kiến nghị đến UBND xã.",
 "properties": {
  "nguoi_gui": {"type": "string", "title": "Họ và tên người gửi", "minLength": 1, "maxLength": 200, "x-confidential": true},
  "so_dien_thoai": {"type": "string", "title": "Số điện thoại", "maxLength": 20, "x-confidential": true},
  "thon": {"type": "string", "title": "Thôn", "maxLength": 200},
  "tieu_de": {"type": "string", "title": "Tiêu đề", "minLength": 1, "maxLength": 200},
  "noi_dung": {"type": "string", "title": "Nội dung", "description": "Trình bày ngắn gọn.", "minLength": 1, "maxLength": 4000},
  "linh_vuc": {"type": "string", "title": "Lĩnh vực", "oneOf": [{"const": "dat_dai", "title": "Đất đai"}, {"const": "khac", "title": "Khác"}]}
 }, "required": ["nguoi_gui", "tieu_de", "noi_dung"], "additionalProperties": false}"""
COMMENT_FORM = """{"type": "object", "title": "Góp ý", "properties": {
  "y_kien": {"type": "string", "title": "Ý kiến của bạn", "minLength": 1, "maxLength": 2000}},
 "required": ["y_kien"], "additionalProperties": false}"""
REVIEW_FORM = """{"type": "object", "title": "Xem xét", "properties": {
  "ket_luan": {"type": "string", "title": "Kết luận", "minLength": 1, "maxLength": 500}},
 "required": ["ket_luan"], "additionalProperties": false}"""


def public_diagram() -> str:
    props = "".join(f'<spiffworkflow:property name="{k}" value="{v}"/>' for k, v in [
        ("businessKeyPrefix", "TCD"), ("startForm", "tcd-gui_don.schema.json"), ("startRoles", "van_phong"),
        ("publicStart", "true"), ("publicBoard", "true"), ("publicFields", "tieu_de,noi_dung,nguoi_gui"),
        ("publicComments", "gop_y"), ("message.gop_y.form", "tcd-gop_y.schema.json"),
        ("outcome.da_xem_xet", "Đã xem xét, trả lời"), ("param.so_y_kien", "0"),
        ("caseDeadlineDays", "60"), ("caseDeadlineName", "Hạn trả lời kiến nghị")])
    return (HEADER.format(pid=PROCESS_ID) +
            '<bpmn:message id="msg_gop_y" name="gop_y"/>'
            f'<bpmn:process id="{PROCESS_ID}" name="Thử nghiệm cổng công dân" isExecutable="true">'
            f'<bpmn:extensionElements><spiffworkflow:properties>{props}</spiffworkflow:properties></bpmn:extensionElements>'
            '<bpmn:laneSet id="ls"><bpmn:lane id="lane_vp" name="van_phong">'
            + "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in (
                "bat_dau", "cho_y_kien", "nhan_y_kien", "dem_y_kien", "het_thoi_gian", "xem_xet", "ghi_ket_qua",
                "ket_thuc")) +
            '</bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="bat_dau" name="Nhận đơn"/>'
            '<bpmn:eventBasedGateway id="cho_y_kien" name="Chờ góp ý"/>'
            '<bpmn:intermediateCatchEvent id="nhan_y_kien" name="Nhận góp ý">'
            '<bpmn:messageEventDefinition id="med_gop_y" messageRef="msg_gop_y">'
            '<bpmn:extensionElements><spiffworkflow:messageVariable>gop_y</spiffworkflow:messageVariable>'
            '</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:intermediateCatchEvent>'
            '<bpmn:scriptTask id="dem_y_kien" name="Đếm góp ý"><bpmn:script>so_y_kien = so_y_kien + 1</bpmn:script></bpmn:scriptTask>'
            '<bpmn:intermediateCatchEvent id="het_thoi_gian" name="Hết thời gian góp ý"><bpmn:timerEventDefinition>'
            '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P30D"</bpmn:timeDuration>'
            '</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'
            '<bpmn:userTask id="xem_xet" name="Xem xét kiến nghị"><bpmn:extensionElements><spiffworkflow:properties>'
            '<spiffworkflow:property name="formJsonSchemaFilename" value="tcd-xem_xet.schema.json"/>'
            '<spiffworkflow:property name="deadlineDays" value="10"/>'
            '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            '<bpmn:scriptTask id="ghi_ket_qua" name="Ghi kết quả"><bpmn:script>ket_qua_vu_viec = "da_xem_xet"</bpmn:script></bpmn:scriptTask>'
            '<bpmn:endEvent id="ket_thuc" name="Đã trả lời"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="cho_y_kien"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="cho_y_kien" targetRef="nhan_y_kien"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="nhan_y_kien" targetRef="dem_y_kien"/>'
            '<bpmn:sequenceFlow id="f4" sourceRef="dem_y_kien" targetRef="cho_y_kien"/>'
            '<bpmn:sequenceFlow id="f5" sourceRef="cho_y_kien" targetRef="het_thoi_gian"/>'
            '<bpmn:sequenceFlow id="f6" sourceRef="het_thoi_gian" targetRef="xem_xet"/>'
            '<bpmn:sequenceFlow id="f7" sourceRef="xem_xet" targetRef="ghi_ket_qua"/>'
            '<bpmn:sequenceFlow id="f8" sourceRef="ghi_ket_qua" targetRef="ket_thuc"/>'
            "</bpmn:process>" + _di() + "</bpmn:definitions>")


def _di() -> str:
    """Shapes and edges, so the modeler and the auditor's viewer can draw the diagram."""
    shapes = {"lane_vp": (100, 40, 900, 280), "bat_dau": (160, 122, 36, 36), "cho_y_kien": (240, 115, 50, 50),
              "nhan_y_kien": (330, 222, 36, 36), "dem_y_kien": (410, 200, 110, 80),
              "het_thoi_gian": (330, 122, 36, 36), "xem_xet": (420, 100, 120, 80),
              "ghi_ket_qua": (590, 100, 110, 80), "ket_thuc": (760, 122, 36, 36)}
    edges = {"f1": [(196, 140), (240, 140)], "f2": [(265, 165), (265, 240), (330, 240)],
             "f3": [(366, 240), (410, 240)], "f4": [(465, 280), (465, 300), (265, 300), (265, 165)],
             "f5": [(290, 140), (330, 140)], "f6": [(366, 140), (420, 140)], "f7": [(540, 140), (590, 140)],
             "f8": [(700, 140), (760, 140)]}
    xml = ['<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="thu_nghiem_cong_dan">']
    for element, (x, y, w, h) in shapes.items():
        extra = ' isHorizontal="true"' if element.startswith("lane") else ""
        xml.append(f'<bpmndi:BPMNShape id="{element}_di" bpmnElement="{element}"{extra}>'
                   f'<dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/></bpmndi:BPMNShape>')
    for element, points in edges.items():
        waypoints = "".join(f'<di:waypoint x="{x}" y="{y}"/>' for x, y in points)
        xml.append(f'<bpmndi:BPMNEdge id="{element}_di" bpmnElement="{element}">{waypoints}</bpmndi:BPMNEdge>')
    xml.append("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>")
    return "".join(xml)


def deploy_public_diagram(services) -> None:
    deploy_process_version(services, SYSTEM, ProcessPackage(f"{PROCESS_ID}.bpmn", public_diagram().encode("utf-8"), {
        "tcd-gui_don.schema.json": START_FORM.encode("utf-8"),
        "tcd-gop_y.schema.json": COMMENT_FORM.encode("utf-8"),
        "tcd-xem_xet.schema.json": REVIEW_FORM.encode("utf-8"),
    }))
