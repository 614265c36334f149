"""What a person reads when a form's data breaks its JSON Schema: one sentence per field, saying what to do,
with the limit or an example ("Dài quá: tối đa 200 ký tự.", "Ngày không hợp lệ; ví dụ 25/12/2026."), never
the submitted value (it may be personal data).

A property may carry `"x-error-message"`: the sentence shown when its value breaks its `pattern` or `format`
("Số điện thoại chỉ gồm chữ số, ví dụ 0905 123 456."), since only the form's author knows what the rule means
to the person filling it in.

The sentences with a limit are templates (`TEMPLATES`, `%(limit)s`…): the engine fills them in Vietnamese; the
web translates a filled one by matching it against its template (`translate_filled`), so an English reader
reads the limit too.
"""
from __future__ import annotations

import re

from ..core.messages import N_

FIELD_MESSAGE = "x-error-message"

REQUIRED_TEXT = N_("Bắt buộc: hãy điền thông tin này.")
REQUIRED_CHOICE = N_("Bắt buộc: hãy chọn một câu trả lời.")
CHOOSE_FROM_LIST = N_("Hãy chọn một mục trong danh sách.")
NOT_IN_FORM = N_("Trường không có trong biểu mẫu.")
NOT_EMPTY = N_("Không được để trống.")
BAD_CHARACTERS = N_("Có ký tự không được phép ở trường này.")
TYPES = {
    "integer": N_("Phải là số nguyên, ví dụ 12."),
    "number": N_("Phải là một số, ví dụ 12 hoặc 12.5."),
    "boolean": N_("Hãy chọn Có hoặc Không."),
    "string": N_("Phải là văn bản."),
    "array": N_("Phải là một danh sách."),
    "object": N_("Phải là một đối tượng JSON."),
}
FORMATS = {
    "date": N_("Ngày không hợp lệ; ghi theo ngày/tháng/năm, ví dụ 25/12/2026."),
    "date-time": N_("Ngày giờ không hợp lệ; ví dụ 25/12/2026 08:30."),
    "email": N_("Thư điện tử không hợp lệ; ví dụ ten@vidu.vn."),
    "time": N_("Giờ không hợp lệ; ví dụ 08:30."),
}
TEMPLATES = {
    "maxLength": N_("Dài quá: tối đa %(limit)s ký tự."),
    "minLength": N_("Ngắn quá: ít nhất %(limit)s ký tự."),
    "minimum": N_("Không được nhỏ hơn %(limit)s."),
    "maximum": N_("Không được lớn hơn %(limit)s."),
    "exclusiveMinimum": N_("Phải lớn hơn %(limit)s."),
    "exclusiveMaximum": N_("Phải nhỏ hơn %(limit)s."),
    "minItems": N_("Hãy chọn ít nhất %(limit)s mục."),
    "maxItems": N_("Chọn nhiều nhất %(limit)s mục."),
    "format": N_("Sai định dạng (%(limit)s)."),
    "other": N_("Không hợp lệ (quy tắc %(limit)s)."),
}
FIXED = {
    "enum": CHOOSE_FROM_LIST,
    "const": CHOOSE_FROM_LIST,
    "oneOf": CHOOSE_FROM_LIST,
    "anyOf": CHOOSE_FROM_LIST,
    "uniqueItems": N_("Có mục bị lặp lại."),
    "additionalProperties": NOT_IN_FORM,
    "pattern": BAD_CHARACTERS,
}


def required_message(parent_schema: dict | None, name: str) -> str:
    """A missing field: something to type, or a choice to make."""
    prop = ((parent_schema or {}).get("properties") or {}).get(name)
    if isinstance(prop, dict) and (prop.get("type") == "boolean" or "oneOf" in prop or "enum" in prop):
        return REQUIRED_CHOICE
    return REQUIRED_TEXT


def problem_message(error) -> str:
    """The sentence for one jsonschema error (not `required`, which names fields of its own)."""
    rule, limit = error.validator, error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if rule in ("pattern", "format") and isinstance(schema.get(FIELD_MESSAGE), str):
        return schema[FIELD_MESSAGE]
    if rule == "type":
        kinds = [limit] if isinstance(limit, str) else [k for k in limit or () if k != "null"]
        return TYPES.get(kinds[0] if kinds else "", TYPES["object"])
    if rule == "format":
        return FORMATS.get(limit) or TEMPLATES["format"] % {"limit": limit}
    if rule == "minLength" and limit == 1:
        return NOT_EMPTY
    if rule in FIXED:
        return FIXED[rule]
    template = TEMPLATES.get(rule)
    return template % {"limit": _number(limit)} if template else TEMPLATES["other"] % {"limit": rule}


def _number(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


_PATTERNS = [(template, re.compile("^" + re.escape(template).replace(re.escape("%(limit)s"), "(?P<limit>.+?)") + "$"))
             for template in TEMPLATES.values()]


def translate_filled(text: str, gettext) -> str | None:
    """A filled template in the reader's language (`gettext` translates the template), or None when `text`
    was filled from none of them."""
    for template, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return gettext(template) % {"limit": match.group("limit")}
    return None
