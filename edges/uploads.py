"""Files of a multipart request handed to the engine as `engine.files.Upload`s, for both edges.

Each part is read up to the per-file limit plus one byte: the engine then knows the file is too large and
names its field, without this process holding more of it (the request as a whole is capped by Flask's
`MAX_CONTENT_LENGTH`, `server/app.py`). A file input left empty sends a part with no name and no bytes,
which is no file.
"""
from __future__ import annotations

from engine.files import Upload


def uploads_from(files, settings) -> list[Upload]:
    """`files`: werkzeug's `request.files` (a MultiDict of FileStorage)."""
    uploads = []
    for name, storage in files.items(multi=True):
        content = storage.stream.read(settings.attachment_max_bytes + 1)
        if not storage.filename and not content:
            continue
        uploads.append(Upload(field=name, filename=storage.filename, content=content))
    return uploads
