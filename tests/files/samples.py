"""Files the attachment tests send: real PDFs, pictures with GPS in their EXIF, documents, and impostors."""
from __future__ import annotations

import io
import json

import docx
import pillow_heif
from PIL import Image

from tests.deploys import deploy_multipart
from tests.diagrams import diagram

pillow_heif.register_heif_opener()
GPS_IFD = 0x8825
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/heic": "HEIF"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"}

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64  # a Windows program
SCRIPT = b"<script>alert(document.cookie)</script>"


def picture(media_type: str = "image/jpeg", *, gps: bool = True, size=(32, 24)) -> bytes:
    """A small picture whose EXIF says where it was taken (as a phone's does)."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # Make
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (15.0, 7.0, 30.0), 3: "E", 4: (108.0, 48.0, 12.0)}
    out = io.BytesIO()
    image.save(out, FORMATS[media_type], exif=exif.tobytes())
    return out.getvalue()


def gps_of(content: bytes) -> dict:
    with Image.open(io.BytesIO(content)) as image:
        return dict(image.getexif().get_ifd(GPS_IFD))


def word_document(text: str = "Biên bản xác minh") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FORM_NAME = "thu_nghiem-ho_so.schema.json"
FORM = {
    "type": "object", "title": "Hồ sơ", "properties": {
        "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 200},
        "bien_ban": {"type": "string", "format": "binary", "title": "Biên bản đã ký"},
        "anh": {"type": "array", "title": "Ảnh hiện trường", "maxItems": 3,
                "items": {"type": "string", "contentMediaType": "image/*"}},
        "don_ky_ten": {"type": "string", "format": "binary", "title": "Đơn có chữ ký", "x-confidential": True},
    },
    "required": ["bien_ban"],
}


def deploy_file_diagram(api, form: dict = FORM):
    """The tests' one-step diagram whose task form takes files; a case of it opened by `tiep_cong_dan`."""
    response = deploy_multipart(api, diagram(form=FORM_NAME), {FORM_NAME: json.dumps(form)})
    assert response.status_code == 201, response.get_json()
