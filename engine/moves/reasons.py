"""Why a case cannot move, in the words an administrator reads, and what a move does to the case's dates.

The texts are templates (`N_`), filled with the element's id and title: the API answers them in Vietnamese,
the web page translates the template by its code (`REASONS`) and fills it the same way.
"""
from __future__ import annotations

from ..core.messages import N_

REASONS = {
    "no_counterpart": N_("Bước đang mở “{title}” ({element}) không có ở phiên bản mới: hãy chỉ ra bước tương ứng."),
    "done_removed": N_("Bước đã làm “{title}” ({element}) không còn ở phiên bản mới."),
    "done_changed": N_("Bước đã làm “{title}” ({element}) đổi chỗ trong luồng ở phiên bản mới ({detail}): "
                       "hồ sơ đã đi qua con đường không còn nữa."),
    "not_running": N_("Hồ sơ không còn đang xử lý."),
    "not_found": N_("Không tìm thấy hồ sơ."),
    "same_version": N_("Hồ sơ đã ở phiên bản này."),
    "unreadable": N_("Không đọc được dữ liệu đã lưu của hồ sơ."),
    "fault": N_("Phiên bản mới gặp lỗi khi chạy tiếp hồ sơ ({element}): không chuyển."),
    "stale": N_("Hồ sơ vừa được người khác cập nhật: hãy chạy lại."),
}
DEADLINE_ACTIONS = {
    "unchanged": N_("Cách tính hạn không đổi."),
    "kept": N_("Giữ hạn cũ: hồ sơ tiếp tục tính hạn theo phiên bản cũ."),
    "kept_would_shorten": N_("Giữ hạn cũ: cách tính mới sẽ rút ngắn hạn, điều không được phép."),
    "kept_no_date": N_("Giữ hạn cũ: cách tính mới chưa cho ra ngày."),
    "recomputed": N_("Tính lại theo phiên bản mới."),
}


def reason(code: str, element: str = "", title: str = "", detail: str = "") -> dict:
    """A reason as the report carries it: its code, the element it concerns, and the text."""
    return {"code": code, "element": element, "title": title, "detail": detail,
            "message": REASONS[code].format(element=element, title=title or element, detail=detail)}
