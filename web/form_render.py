"""HTML forms from JSON Schema, rendered on the server: no JavaScript needed to fill in a task.

Each top-level property becomes one labelled field: `title` is the label, `description` the help text,
`oneOf` of `const`/`title` (or `enum`) a choice, `format: date` a date field, `boolean` a Có / Không choice with
neither chosen (a yes/no answer is given, never assumed), a long
string (`maxLength` over 500, or `ui:widget: textarea`) a text area. Submitted values are turned back into
JSON: empty inputs are left out (so "required" is reported by the server's validation), numbers are parsed,
a required yes/no left unanswered is left out (the server says it is required), an optional one reads as
`false`. A field that may also be `null` (`"type": ["integer", "null"]`: an optional
figure, left out when empty) is rendered as its other type. Anything the renderer does not know (nested
objects, lists of objects) is a JSON text area, parsed back as JSON; a list of texts may also be typed one per
line.
A file field (`format: binary` or `contentMediaType`, or an array of them: `engine.files.kinds`) is a file input
(several files for an array), offering the accepted types; the form posts as multipart.
An integer field marked `"x-account": true` (the denounced person's account) is a choice among the accounts
the page passes (`accounts`: the user's commune's, `engine.people.list_accounts`), submitted as the id.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext

from engine.core import InvalidInput, loads_bounded
from engine.files import accept_attribute, is_file_schema

TEXTAREA_FROM = 500
RADIO_UP_TO = 4
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class FormField:
    name: str
    title: str
    description: str
    widget: str  # text | textarea | date | number | checkbox | radio | select | checkboxes | json | file
    required: bool
    value: object = None
    error: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)

    @property
    def input_id(self) -> str:
        return f"f-{self.name}"


def build_fields(schema: dict | None, values: dict | None = None, errors: dict | None = None,
                 ui_schema: dict | None = None, accounts: list[dict] | None = None) -> list[FormField]:
    if not schema:
        return []
    values, errors, ui_schema = values or {}, errors or {}, ui_schema or {}
    properties = schema.get("properties", {})
    order = [n for n in ui_schema.get("ui:order", []) if n in properties]
    names = order + [n for n in properties if n not in order]
    required = set(schema.get("required", []))
    choices = [(str(a["id"]), f"{a['full_name']} ({', '.join(a['roles'])})") for a in accounts or []]
    return [_field(name, properties[name], ui_schema.get(name, {}), name in required, values.get(name),
                   errors.get(name), choices) for name in names if isinstance(properties[name], dict)]


def has_account_field(schema: dict | None) -> bool:
    """Does the form hold an account picker (and the page need the accounts to offer)?"""
    return any(isinstance(p, dict) and _is_account(p) for p in ((schema or {}).get("properties") or {}).values())


def _is_account(prop: dict) -> bool:
    """An integer field (or integer-or-null) marked `x-account`: an account's id."""
    kind = prop.get("type")
    return bool(prop.get("x-account")) and (kind == "integer" or isinstance(kind, list) and "integer" in kind)


def _kind(prop: dict):
    """The field's type, a nullable one (`["integer", "null"]`) read as its other type."""
    kind = prop.get("type")
    if isinstance(kind, list):
        others = [k for k in kind if k != "null"]
        return others[0] if len(others) == 1 else None
    return kind


def _field(name, prop, ui, required, value, error, accounts=()) -> FormField:
    kind = _kind(prop)
    options = _options(prop) or (list(accounts) if _is_account(prop) else [])
    attrs = {}
    several = kind == "array" and is_file_schema(prop.get("items"))
    if is_file_schema(prop) or several:  # the browser sends the files; the value is never shown back
        widget, value = "file", None
        attrs = {"accept": accept_attribute(prop.get("items") if several else prop)}
        if several:
            attrs["multiple"] = "multiple"
    elif options and kind != "array":
        widget = "radio" if len(options) <= RADIO_UP_TO else "select"
    elif kind == "boolean":  # Có / Không with neither chosen: a yes/no answer is given, never assumed
        widget, options = "radio", [("true", gettext("Có")), ("false", gettext("Không"))]
        value = {True: "true", False: "false"}.get(value) if isinstance(value, bool) else value
    elif kind in ("integer", "number"):
        widget = "number"
        attrs = {html: prop[k] for k, html in (("minimum", "min"), ("maximum", "max")) if k in prop}  # HTML's names
        attrs["step"] = "1" if kind == "integer" else "any"
    elif kind == "string" and prop.get("format") == "date":
        # a text field in dd/mm/yyyy, read by the server: a browser's date picker shows the day in the
        # browser's language (mm/dd/yyyy in an English one), never the way people here write it
        widget = "date"
        value = iso_to_day(value) if isinstance(value, str) else value
        attrs = {"inputmode": "numeric", "placeholder": gettext("ngày/tháng/năm"), "autocomplete": "off",
                 "maxlength": 10}
    elif kind == "string":
        long_text = prop.get("maxLength", 0) > TEXTAREA_FROM or ui.get("ui:widget") == "textarea"
        widget = "textarea" if long_text else "text"
        if "maxLength" in prop:
            attrs["maxlength"] = prop["maxLength"]
    elif kind == "array" and _options(prop.get("items", {})):
        widget, options = "checkboxes", _options(prop.get("items", {}))
    else:
        widget = "json"
        value = json.dumps(value, ensure_ascii=False) if value is not None and not isinstance(value, str) else value
    return FormField(name=name, title=prop.get("title") or name,
                     description=ui.get("ui:help") or prop.get("description") or "", widget=widget,
                     required=required, value=value, error=error, options=options, attrs=attrs)


def _options(prop) -> list[tuple[str, str]]:
    if not isinstance(prop, dict):
        return []
    if isinstance(prop.get("oneOf"), list) and all(isinstance(o, dict) and "const" in o for o in prop["oneOf"]):
        return [(str(o["const"]), o.get("title") or str(o["const"])) for o in prop["oneOf"]]
    if isinstance(prop.get("enum"), list):
        return [(str(v), str(v)) for v in prop["enum"]]
    return []


def parse_submission(schema: dict | None, form) -> dict:
    """Form post (a werkzeug MultiDict) → JSON data for the engine, which validates it against the schema."""
    data = {}
    required = set((schema or {}).get("required") or ())
    for name, prop in ((schema or {}).get("properties") or {}).items():
        kind = _kind(prop)
        if is_file_schema(prop) or (kind == "array" and is_file_schema(prop.get("items"))):
            continue  # sent as files (`request.files`), handed to the engine apart
        if kind == "boolean":
            answer = form.get(name)
            if answer in ("on", "true", "1"):
                data[name] = True
            elif answer in ("false", "0") or (name not in required and "default" not in prop):
                data[name] = False  # an optional yes/no left unanswered reads as no, as diagrams expect
            continue  # a required one left unanswered is reported by the server's validation
        if kind == "array" and _options(prop.get("items", {})):
            chosen = form.getlist(name)
            if chosen:
                data[name] = chosen
            continue
        raw = form.get(name, "")
        if raw is None or raw.strip() == "":
            continue
        if _options(prop):
            data[name] = _typed_option(prop, raw)
        elif kind in ("integer", "number"):
            data[name] = _number(raw.strip(), kind)
        elif kind == "string" and prop.get("format") == "date":
            data[name] = day_to_iso(raw.strip())
        elif kind == "string":
            data[name] = raw.replace("\r\n", "\n")
        else:  # JSON when it is JSON within the API's bounds, else the text as typed
            try:
                data[name] = loads_bounded(raw, name)
            except (ValueError, InvalidInput):
                data[name] = _lines(raw) if kind == "array" and _kind(prop.get("items", {})) == "string" else raw
    return data


def _lines(raw: str) -> list[str]:
    """A list of texts typed one per line (names of a committee), when it is not written as JSON."""
    return [line.strip() for line in raw.splitlines() if line.strip()]


DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def day_to_iso(raw: str) -> str:
    """`5/3/2026` (or 05.03.2026) → `2026-03-05`; an ISO day as it is; anything else as typed, for the server
    to refuse with an example."""
    match = DAY.fullmatch(raw)
    if not match:
        return raw
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return raw


def iso_to_day(value: str) -> str:
    """`2026-03-05` → `05/03/2026`, the one way people read a day; anything else unchanged."""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y") if len(value) == 10 else value
    except ValueError:
        return value


def _number(raw: str, kind: str):
    try:
        return int(raw) if kind == "integer" else float(raw) if "." in raw else int(raw)
    except ValueError:
        return raw  # the server's validation names the field


def _typed_option(prop: dict, raw: str):
    for option in prop.get("oneOf") or []:
        if isinstance(option, dict) and str(option.get("const")) == raw:
            return option["const"]
    for option in prop.get("enum") or []:
        if str(option) == raw:
            return option
    return raw


def display_value(prop: dict | None, value) -> str:
    """A stored value as people read it: the option's title, Có/Không, a date as dd/mm/yyyy, the chosen
    options of a list by their titles, or the text."""
    if value is None:
        return ""
    prop = prop or {}
    for const, title in _options(prop):
        if const == str(value):
            return title
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, list) and _options(prop.get("items") or {}):
        return ", ".join(display_value(prop["items"], item) for item in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    # a day (by its schema, or a bare ISO day whose schema the caller does not have: earlier steps' data)
    if (prop.get("format") == "date" or not prop) and isinstance(value, str) and ISO_DATE.fullmatch(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return str(value)
