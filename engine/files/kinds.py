"""Which files a form takes: the fields marked as files, the types danchu accepts, names made safe.

A form field is a file when its JSON Schema is a string with `"format": "binary"` or a `contentMediaType`
(OpenAPI's and JSON Schema's ways of saying so), or an array of such strings (several files). Its value in
the case data is the attachment's id (a list of ids), which the form validates as the string it is.

The type comes from the content (`filetype` reads the magic numbers, and the parts of a DOCX, XLSX or ODT
archive), never from the name or the browser's word: a program renamed `anh.jpg` is refused. Only the types
a commune's paperwork needs are accepted (`ACCEPTED`); a field may narrow them with `contentMediaType`
(`application/pdf`, or a family such as `image/*`).
"""
from __future__ import annotations

import unicodedata

import filetype
from pathvalidate import sanitize_filename

ACCEPTED = {  # media type -> the extension a download is named with
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}
IMAGES = frozenset({"image/jpeg", "image/png", "image/webp", "image/heic"})
ACCEPT_ATTRIBUTE = ",".join([*ACCEPTED, *(f".{ext}" for ext in ACCEPTED.values()), ".jpeg", ".heif"])
MAX_NAME = 120


def is_file_schema(prop) -> bool:
    return (isinstance(prop, dict) and prop.get("type") == "string"
            and (prop.get("format") == "binary" or "contentMediaType" in prop))


def file_fields(schema: dict | None) -> dict[str, tuple[dict, bool]]:
    """Field -> (its file schema, whether it takes several files), for the top-level fields of a form."""
    found = {}
    for name, prop in ((schema or {}).get("properties") or {}).items():
        if is_file_schema(prop):
            found[name] = (prop, False)
        elif isinstance(prop, dict) and prop.get("type") == "array" and is_file_schema(prop.get("items")):
            found[name] = (prop["items"], True)
    return found


def detect(content: bytes) -> str | None:
    """The accepted media type the content is, or None (unknown, or a type danchu does not take)."""
    kind = filetype.guess(content)
    mime = kind.mime if kind is not None else None
    return mime if mime in ACCEPTED else None


def allowed_by(prop: dict, media_type: str) -> bool:
    wanted = prop.get("contentMediaType")
    if not isinstance(wanted, str) or not wanted:
        return True
    options = [w.strip() for w in wanted.split(",") if w.strip()]
    return any(media_type == w or (w.endswith("/*") and media_type.startswith(w[:-1])) for w in options)


def accept_attribute(prop: dict) -> str:
    """The `accept` of an HTML file input for this field: what the browser's picker offers first."""
    wanted = prop.get("contentMediaType")
    return wanted if isinstance(wanted, str) and wanted else ACCEPT_ATTRIBUTE


def safe_name(name: str | None, media_type: str) -> str:
    """The submitted name made safe to store and to offer as a download: Unicode composed (Vietnamese kept),
    no folder, no character a file system refuses, at most `MAX_NAME` characters, and the extension of
    the type the content is (a PDF sent as `anh.jpg` is kept as `anh.pdf`)."""
    text = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = sanitize_filename(text, replacement_text="_").strip(" .")
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    extension = ACCEPTED[media_type]
    stem = stem[:MAX_NAME - len(extension) - 1].strip(" .") or "tep"
    return f"{stem}.{extension}"
