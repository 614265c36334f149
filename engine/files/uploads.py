"""Files submitted with a form, checked before the command locks anything.

The edges hand the engine `Upload`s (field, submitted name, bytes). `prepare_uploads` checks each against
the form and the settings, outside any transaction: the field takes files, the content is an accepted type
(and the one the field asks for), within the size per file; a photo from the public portal is stripped of
its metadata. Every problem of every file is reported at once, with the form's own problems, as one
`InvalidInput` naming the fields: nothing is stored unless everything is accepted.

Each accepted file gets the id of its attachment now, and the form's data holds that id as the field's
value, so the form is validated with it (a required file missing is the form's "required" problem). A
value the client typed for a file field is refused: the only way to name an attachment is to send it.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field

from ..core.errors import InvalidInput
from ..core.messages import N_
from ..definitions.forms import Prevalidated, prevalidate
from .images import UnreadableImage, without_metadata
from .kinds import IMAGES, allowed_by, detect, file_fields, safe_name

NOT_A_FILE_FIELD = N_("Trường này không nhận tệp.")
SEND_AS_FILE = N_("Trường tệp chỉ nhận tệp gửi kèm (multipart/form-data), không nhận giá trị.")
ONE_FILE = N_("Trường này chỉ nhận một tệp.")
TOO_MANY = N_("Quá nhiều tệp cho trường này.")
EMPTY = N_("Tệp rỗng.")
TOO_LARGE = N_("Tệp vượt quá dung lượng cho phép của mỗi tệp.")
WRONG_TYPE = N_("Loại tệp không được nhận (chỉ PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, ODT), xét theo nội dung tệp.")
NOT_WANTED_TYPE = N_("Loại tệp không đúng loại trường này yêu cầu.")
BAD_IMAGE = N_("Ảnh không đọc được.")
REFUSED = "Tệp gửi kèm không hợp lệ."


@dataclass(frozen=True)
class Upload:
    """One file as an edge received it; `content` at most the per-file limit plus one byte (the edge stops
    reading there, so an oversized file is known as such without being read whole)."""
    field: str
    filename: str | None
    content: bytes


@dataclass
class PreparedFile:
    id: str
    field: str
    name: str
    media_type: str
    content: bytes
    sha256: str
    stored_key: str | None = None  # set once its bytes are in the store (by this command)


@dataclass
class Uploads:
    """The accepted files of one command, in the order they were sent."""
    files: list[PreparedFile] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(f.content) for f in self.files)

    def __bool__(self) -> bool:
        return bool(self.files)


def prepare_uploads(schema: dict | None, data: dict, uploads, settings, *, portal: bool = False):
    """(data with the attachments' ids in their fields, the accepted `Uploads`, problems by field)."""
    fields = file_fields(schema)
    data = dict(data) if isinstance(data, dict) else data
    problems: dict[str, str] = {}
    if isinstance(data, dict):
        for name in fields:
            if name in data:
                problems[name] = SEND_AS_FILE
    by_field: dict[str, list[Upload]] = {}
    for upload in uploads or ():
        by_field.setdefault(upload.field, []).append(upload)
    accepted = Uploads()
    for name, sent in by_field.items():
        if name not in fields:
            problems[name] = NOT_A_FILE_FIELD
            continue
        prop, several = fields[name]
        limit = (schema["properties"][name].get("maxItems") if several else 1) or len(sent)
        if len(sent) > limit:
            problems[name] = TOO_MANY if several else ONE_FILE
            continue
        ids = []
        for upload in sent:
            prepared, problem = _prepare(upload, prop, settings, portal)
            if problem:
                problems[name] = problem
                break
            accepted.files.append(prepared)
            ids.append(prepared.id)
        if isinstance(data, dict) and name not in problems:
            data[name] = ids if several else ids[0]
    return data, accepted, problems


def _prepare(upload: Upload, prop: dict, settings, portal: bool):
    content = upload.content
    if not content:
        return None, EMPTY
    if len(content) > settings.attachment_max_bytes:
        return None, TOO_LARGE
    media_type = detect(content)
    if media_type is None:
        return None, WRONG_TYPE
    if not allowed_by(prop, media_type):
        return None, NOT_WANTED_TYPE
    if portal and media_type in IMAGES:
        try:
            content = without_metadata(content, media_type)
        except UnreadableImage:
            return None, BAD_IMAGE
    return PreparedFile(id=str(uuid.uuid4()), field=upload.field, name=safe_name(upload.filename, media_type),
                        media_type=media_type, content=content,
                        sha256=hashlib.sha256(content).hexdigest()), None


def refuse(problems: dict[str, str], form_error: InvalidInput | None = None) -> None:
    """Raise the form's refusal with the files' problems added, or the files' alone: every problem at once."""
    if form_error is not None:
        form_error.details.update(problems)
        raise form_error
    if problems:
        raise InvalidInput(REFUSED, problems)


def prevalidate_with_files(version, form: str | None, data, uploads, settings, context=None, *,
                           portal: bool = False) -> Prevalidated:
    """`prevalidate` for a submission that may carry files: the files checked and their ids put in the data,
    every problem of both reported together; the accepted files ride on the result (`.files`). `context`: the
    form's checks (`x-checks`, `engine.definitions.form_checks`)."""
    schema = version.form(form) if form else None
    if not uploads and not file_fields(schema):
        return prevalidate(version, form, data, settings.eval_budget_seconds, context)
    data, accepted, problems = prepare_uploads(schema, data, uploads, settings, portal=portal)
    try:
        checked = prevalidate(version, form, data, settings.eval_budget_seconds, context)
    except InvalidInput as exc:
        refuse(problems, exc)
        raise
    refuse(problems)
    checked.files = accepted
    return checked


def uploads_of(data) -> Uploads | None:
    """The accepted files riding on prevalidated data, if any."""
    return getattr(data, "files", None)
