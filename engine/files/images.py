"""Photos from the public portal lose their metadata: a phone's picture says where it was taken (GPS), when,
and with which device, about a citizen who only meant to show a broken road.

The picture is decoded and encoded again from its pixels alone, turned upright first as its orientation tag
said (the tag goes with the rest), so nothing of the original's EXIF, XMP or text chunks survives. HEIC is
read and written through pillow-heif. A picture Pillow cannot decode, or one larger than `MAX_PIXELS` (a
decompression bomb), is refused rather than stored unstripped.
"""
from __future__ import annotations

import io

import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 60_000_000  # a 60-megapixel photo; phones take 12 to 50
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/heic": "HEIF"}

pillow_heif.register_heif_opener()


class UnreadableImage(Exception):
    """The content claims to be a picture but cannot be decoded within the limits."""


def without_metadata(content: bytes, media_type: str) -> bytes:
    fmt = FORMATS[media_type]
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableImage("too large")
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA" if fmt != "JPEG" and "A" in upright.getbands() else "RGB")
            if fmt == "JPEG" and upright.mode != "RGB" and upright.mode != "L":
                upright = upright.convert("RGB")
            clean = Image.new(upright.mode, upright.size)  # pixels only: no info, no EXIF, no text chunks
            clean.paste(upright)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError) as exc:
        raise UnreadableImage(str(exc)) from None
    out = io.BytesIO()
    options = {"quality": 92} if fmt in ("JPEG", "WEBP", "HEIF") else {}
    clean.save(out, fmt, **options)
    return out.getvalue()
