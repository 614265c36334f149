"""The words bpmn-js and its properties panel show (their English, as their `translate` service is asked for
them), in danchu's language: the panel's own groups (General, Documentation, Timer, Message…), the palette's
and the context pad's tooltips, and the names of the kinds of element the modeler lists. An administrator of
a commune reads Vietnamese; the English catalogue gives the English back."""
from __future__ import annotations

import re

from flask_babel import gettext

from engine.core import N_

BPMN_JS = {
    "General": N_("Chung"), "Name": N_("Tên"), "ID": N_("Mã (id)"), "Version tag": N_("Nhãn phiên bản"),
    "Executable": N_("Chạy được"), "Process name": N_("Tên quy trình"), "Process ID": N_("Mã quy trình"),
    "Documentation": N_("Mô tả"), "Element documentation": N_("Mô tả phần tử"),
    "Process documentation": N_("Mô tả quy trình"), "Timer": N_("Hẹn giờ"), "Type": N_("Loại"),
    "Value": N_("Giá trị"), "Date": N_("Ngày giờ"), "Duration": N_("Khoảng thời gian"), "Cycle": N_("Lặp lại"),
    "<none>": N_("<không>"), "Message": N_("Thông điệp"), "Global message reference": N_("Thông điệp dùng chung"),
    "Create new ...": N_("Tạo mới…"), "Signal": N_("Tín hiệu"), "Error": N_("Lỗi"), "Escalation": N_("Chuyển cấp"),
    "Link": N_("Liên kết"), "Condition": N_("Điều kiện"), "Multi-instance": N_("Nhiều lượt"),
    "Compensation": N_("Bù trừ"),
    "Activate hand tool": N_("Kéo sơ đồ"), "Activate lasso tool": N_("Chọn nhiều phần tử"),
    "Activate create/remove space tool": N_("Thêm/bớt khoảng trống"),
    "Activate global connect tool": N_("Nối hai phần tử"),
    "Create start event": N_("Thêm sự kiện bắt đầu"), "Create intermediate/boundary event": N_("Thêm sự kiện chờ/biên"),
    "Create end event": N_("Thêm sự kiện kết thúc"), "Create gateway": N_("Thêm cổng rẽ nhánh"),
    "Create task": N_("Thêm công việc"), "Create data object reference": N_("Thêm đối tượng dữ liệu"),
    "Create data store reference": N_("Thêm kho dữ liệu"), "Create expanded sub-process": N_("Thêm quy trình con"),
    "Create pool/participant": N_("Thêm bể (quy trình)"), "Create group": N_("Thêm nhóm"),
    "Add lane above": N_("Thêm làn phía trên"), "Add lane below": N_("Thêm làn phía dưới"),
    "Divide into two lanes": N_("Chia thành hai làn"), "Divide into three lanes": N_("Chia thành ba làn"),
    "Add text annotation": N_("Thêm ghi chú"), "Append end event": N_("Nối sự kiện kết thúc"),
    "Append gateway": N_("Nối cổng rẽ nhánh"), "Append task": N_("Nối công việc"),
    "Append intermediate/boundary event": N_("Nối sự kiện chờ/biên"),
    "Append timer intermediate catch event": N_("Nối sự kiện hẹn giờ"),
    "Append message intermediate catch event": N_("Nối sự kiện chờ thông điệp"),
    "Append receive task": N_("Nối công việc nhận"), "Change element": N_("Đổi sang loại phần tử khác"),
    "Connect to other element": N_("Nối tới phần tử khác"), "Delete": N_("Xóa"),
}
ELEMENT_KINDS = {
    "UserTask": N_("Công việc của người dùng"), "ScriptTask": N_("Kịch bản"), "ServiceTask": N_("Công việc tự động"),
    "ManualTask": N_("Công việc thủ công"), "Task": N_("Công việc"), "BusinessRuleTask": N_("Bảng quyết định"),
    "SendTask": N_("Công việc gửi"), "ReceiveTask": N_("Công việc nhận"), "CallActivity": N_("Gọi quy trình khác"),
    "SubProcess": N_("Quy trình con"), "StartEvent": N_("Sự kiện bắt đầu"), "EndEvent": N_("Sự kiện kết thúc"),
    "IntermediateCatchEvent": N_("Sự kiện chờ"), "IntermediateThrowEvent": N_("Sự kiện phát"),
    "BoundaryEvent": N_("Sự kiện biên"), "ExclusiveGateway": N_("Cổng rẽ một nhánh"),
    "InclusiveGateway": N_("Cổng rẽ nhiều nhánh"), "ParallelGateway": N_("Cổng song song"),
    "EventBasedGateway": N_("Cổng chờ sự kiện"), "SequenceFlow": N_("Luồng"), "Lane": N_("Làn (vai trò)"),
    "Participant": N_("Bể (quy trình)"),
}


PROPERTIES = {  # a property's name (docs/bpmn-conventions.md) -> the panel's label for it
    "formJsonSchemaFilename": N_("Biểu mẫu"), "deadlineDays": N_("Thời hạn (số ngày)"), "deadlineKind": N_("Loại ngày"),
    "deadlineFrom": N_("Tính từ ngày (biểu thức)"), "deadlineCase": N_("Hạn theo hạn của hồ sơ"),
    "extendsCaseDeadline": N_("Gia hạn hồ sơ thêm (số ngày, biểu thức)"),
    "extensionReason": N_("Lý do gia hạn (biểu thức)"),
    "startForm": N_("Biểu mẫu mở hồ sơ"), "startRoles": N_("Vai trò được mở hồ sơ"),
    "cancelRoles": N_("Vai trò được hủy hồ sơ"), "businessKeyPrefix": N_("Tiền tố số hồ sơ"),
    "legalBasis": N_("Căn cứ pháp lý"), "caseDeadlineName": N_("Tên hạn của hồ sơ"),
    "caseDeadlineDays": N_("Hạn của hồ sơ (số ngày, biểu thức)"),
    "caseDeadlineFrom": N_("Hạn hồ sơ tính từ (biểu thức)"),
    "caseDeadlineKind": N_("Loại ngày của hạn hồ sơ"), "document.symbol": N_("Ký hiệu văn bản"),
    "document.template": N_("Mẫu văn bản Word"), "document.signerRole": N_("Vai trò người ký"),
}


def property_label(name: str) -> str:
    """The panel's label of a property, a parameter's name after "Tham số quy trình"; "" when it has none."""
    if name.startswith("param."):
        return f"{gettext('Tham số quy trình')}: {name[len('param.'):]}"
    return gettext(PROPERTIES[name]) if name in PROPERTIES else ""


def element_kind(kind: str) -> str:
    """A BPMN element's kind in words: `userTask` (the XML's name) or `UserTask` (bpmn-js's)."""
    key = kind[:1].upper() + kind[1:]
    return gettext(ELEMENT_KINDS[key]) if key in ELEMENT_KINDS else kind


EVENT_KINDS = {  # the panel's header names an event by its definition too ("Timer Boundary Event")
    "Timer Boundary Event": N_("Sự kiện biên hẹn giờ"), "Message Boundary Event": N_("Sự kiện biên thông điệp"),
    "Timer Intermediate Catch Event": N_("Sự kiện chờ hẹn giờ"),
    "Message Intermediate Catch Event": N_("Sự kiện chờ thông điệp"),
    "Message Start Event": N_("Sự kiện bắt đầu bằng thông điệp"),
    "Timer Start Event": N_("Sự kiện bắt đầu hẹn giờ"),
}


def bpmn_js_texts() -> dict:
    """bpmn-js's English word -> the reader's language; the panel's header asks for a kind of element spaced
    ("User Task")."""
    texts = {english: gettext(text) for english, text in {**BPMN_JS, **EVENT_KINDS}.items()}
    texts.update({re.sub(r"(\B[A-Z])", r" \1", kind): gettext(text) for kind, text in ELEMENT_KINDS.items()})
    return texts


def element_kinds() -> dict:
    return {kind: gettext(text) for kind, text in ELEMENT_KINDS.items()}
