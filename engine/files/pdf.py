"""A Word document as PDF, where LibreOffice is installed (optional).

The `.docx` is the document of record (its hash in the audit chain, its number in the register); a PDF is a
rendering of it for whoever cannot open Word, made on request by `soffice --headless --convert-to pdf` in a
temporary folder of its own (with its own LibreOffice profile, so two conversions never share one), cut after
`Settings.pdf_timeout_seconds`. It is not stored: the download's audit event records the PDF's SHA-256 beside
the `.docx`'s. Without `soffice` (`Settings.soffice`, found on the PATH; empty turns it off) no PDF is offered
and asking for one is `PdfUnavailable`. A server converts at most `MAX_CONVERSIONS` documents at once, since
each conversion starts a LibreOffice of a few hundred MB.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from ..core.errors import PdfConversionFailed, PdfUnavailable
from .storage import content_key

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_CONVERSIONS = 2
_CONVERSIONS = threading.BoundedSemaphore(MAX_CONVERSIONS)
UNAVAILABLE = "Máy chủ không cài LibreOffice nên không chuyển được văn bản sang PDF; hãy tải bản Word."
NOT_WORD = "Chỉ văn bản Word (.docx) mới tải được dưới dạng PDF."
FAILED = "Không chuyển được văn bản sang PDF lúc này; hãy tải bản Word hoặc thử lại sau."


def pdf_converter(settings) -> str | None:
    """The path of `soffice` if PDF downloads are offered on this server, else None."""
    name = (getattr(settings, "soffice", "") or "").strip()
    return shutil.which(name) if name else None


def offers_pdf(settings, media_type: str | None) -> bool:
    """Whether a file of this type may be downloaded as PDF here."""
    return media_type == DOCX and pdf_converter(settings) is not None


def to_pdf(settings, content: bytes, media_type: str) -> bytes:
    """The PDF rendering of a Word document."""
    soffice = pdf_converter(settings)
    if soffice is None:
        raise PdfUnavailable(UNAVAILABLE)
    if media_type != DOCX:
        raise PdfUnavailable(NOT_WORD)
    timeout = settings.pdf_timeout_seconds
    if not _CONVERSIONS.acquire(timeout=timeout):
        raise PdfConversionFailed(FAILED)
    try:
        with tempfile.TemporaryDirectory(prefix="danchu-pdf-") as folder:
            source = Path(folder) / "van-ban.docx"
            source.write_bytes(content)
            _convert(soffice, folder, source, timeout)
            result = Path(folder) / "van-ban.pdf"
            pdf = result.read_bytes() if result.is_file() else b""
    finally:
        _CONVERSIONS.release()
    if not pdf.startswith(b"%PDF-"):
        raise PdfConversionFailed(FAILED)
    return pdf


def _convert(soffice: str, folder: str, source: Path, timeout: float) -> None:
    """Run LibreOffice in a session of its own, so that past the timeout the whole group (the `soffice`
    script and the `soffice.bin` it starts) is killed, not only the script."""
    try:
        process = subprocess.Popen(
            [soffice, "--headless", "--norestore", "--nolockcheck",
             f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", folder, str(source)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        raise PdfConversionFailed(FAILED) from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        raise PdfConversionFailed(FAILED) from None


def pdf_name(name: str) -> str:
    """`01-TB-UBND.docx` → `01-TB-UBND.pdf`."""
    stem = name[:-5] if name.lower().endswith(".docx") else name
    return f"{stem}.pdf"


def pdf_download(settings, name: str, content: bytes, media_type: str) -> tuple[str, bytes, str]:
    """(name, content, SHA-256) of a Word file downloaded as PDF: the hash goes into the download's audit
    event beside the Word file's, since the PDF itself is not stored."""
    pdf = to_pdf(settings, content, media_type)
    return pdf_name(name), pdf, content_key(pdf)
