"""Why a case cannot move, in the words an administrator reads, and what a move does to the case's dates.

The texts are templates (`N_`), filled with the element's id and title: the API answers them in Vietnamese,
the web page translates the template by its code (`REASONS`) and fills it the same way.
"""
from __future__ import annotations

from ..core.messages import N_

REASONS = {
    "no_counterpart": N_("Bước đang mở “{title}” ({element}) không có ở phiên bản mới: hãy chỉ ra bước tương ứng "
                         "trong bảng đối chiếu (mã cũ = mã mới)."),
    "done_removed": N_("Bước đã làm “{title}” ({element}) không còn ở phiên bản mới: hồ sơ tiếp tục theo phiên "
                       "bản cũ; nếu bước ấy chỉ đổi mã, hãy ghi vào bảng đối chiếu."),
    "done_changed": N_("Bước đã làm “{title}” ({element}) đổi chỗ trong luồng ở phiên bản mới ({detail}): "
                       "hồ sơ đã đi qua con đường không còn nữa, nên tiếp tục theo phiên bản cũ."),
    "kind_changed": N_("Bước đang mở “{title}” ({element}) ứng với một loại phần tử khác ở phiên bản mới: "
                        "hãy chỉ ra bước tương ứng cùng loại trong bảng đối chiếu."),
    "mapped_twice": N_("Hai bước của hồ sơ ({detail}) cùng ứng với bước “{element}” ở phiên bản mới: "
                       "hãy sửa bảng đối chiếu để mỗi bước ứng với một bước riêng."),
    "not_running": N_("Hồ sơ không còn đang xử lý."),
    "not_found": N_("Không tìm thấy hồ sơ: kiểm tra mã số hoặc số hồ sơ (chỉ hồ sơ của các xã bạn quản lý, "
                    "thuộc quy trình này)."),
    "same_version": N_("Hồ sơ đã ở phiên bản này."),
    "unreadable": N_("Không đọc được dữ liệu đã lưu của hồ sơ: báo cho người vận hành máy chủ; hồ sơ không bị "
                     "thay đổi."),
    "fault": N_("Phiên bản mới gặp lỗi khi chạy tiếp hồ sơ ({element}): không chuyển; hãy sửa phiên bản mới rồi "
                "chạy thử lại."),
    "stale": N_("Hồ sơ vừa được người khác cập nhật: hãy chạy lại."),
}
CHANGES = {
    "typename": N_("loại phần tử"), "inputs": N_("bước trước"), "outputs": N_("bước sau"),
    "cond_task_specs": N_("điều kiện rẽ nhánh"), "default_task_spec": N_("nhánh mặc định"),
    "event_definition": N_("sự kiện"), "condition": N_("điều kiện"), "cancel_activity": N_("kiểu sự kiện biên"),
    "bpmn_name": N_("tên"), "lane": N_("vai trò"), "extensions": N_("biểu mẫu, hạn hoặc thuộc tính"),
    "documentation": N_("mô tả"), "prescript": N_("kịch bản trước"), "postscript": N_("kịch bản sau"),
    "script": N_("kịch bản"), "io_specification": N_("dữ liệu vào/ra"),
}
DEADLINE_ACTIONS = {
    "unchanged": N_("Cách tính hạn không đổi."),
    "kept": N_("Giữ hạn cũ: hồ sơ tiếp tục tính hạn theo phiên bản cũ."),
    "kept_would_shorten": N_("Giữ hạn cũ: cách tính mới sẽ rút ngắn hạn, điều không được phép."),
    "kept_no_date": N_("Giữ hạn cũ: cách tính mới chưa cho ra ngày."),
    "recomputed": N_("Tính lại theo phiên bản mới."),
}


def change_words(detail: str, translate=lambda text: text) -> str:
    """The comma-separated names of what changed (SpiffWorkflow's attribute names: `outputs`, `typename`) in
    an administrator's words; a name without words stays as it is."""
    names = [name.strip() for name in detail.split(",") if name.strip()]
    return ", ".join(translate(CHANGES[name]) if name in CHANGES else name for name in names)


def reason(code: str, element: str = "", title: str = "", detail: str = "") -> dict:
    """A reason as the report carries it: its code, the element it concerns, what changed (`detail`, as
    SpiffWorkflow names it), and the text, which says it in words."""
    words = detail if code == "mapped_twice" else change_words(detail)
    return {"code": code, "element": element, "title": title, "detail": detail,
            "message": REASONS[code].format(element=element, title=title or element, detail=words)}
