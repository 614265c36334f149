"""Workload 7: the cost of a file sent with a form, through the engine on SQLite.

A letter (`xu_ly_don`) opened by the reception officer without a file, then with a 200 KB PDF in its
confidential file field (typed from its content, encrypted, written content-addressed to the folder, its
hashes chained), and a citizen's 1600×1200 photo from the portal (decoded and encoded again without its
metadata first). The difference between the first and the others is what a file costs a request.
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path
import time
from dataclasses import replace

from PIL import Image

from engine.cases.lifecycle import start_case
from engine.core import SYSTEM
from engine.definitions import load_package
from engine.files import Upload
from engine.people.users import DEMO_PASSWORD, authenticate
from engine.portal import start_public_case
from engine.processes import deploy_process_version
from engine.services import build_services

from .databases import bench_database, bench_settings
from .report import print_table

LETTER = {"nguoi_gui": "Võ Văn Em", "so_giay_to_tuy_than": "051070005555", "dia_chi": "Thôn Phú Sơn",
          "so_dien_thoai": "0905777888", "thon": "Thôn Phú Sơn", "ngay_nhan_don": "2026-03-02",
          "hinh_thuc_tiep_nhan": "buu_chinh", "co_quan_chuyen_don": "", "noi_dung_don": "Đề nghị sửa đường"}
XU_LY_DON = Path(__file__).resolve().parents[1] / "bpmn" / "xu_ly_don.bpmn"
PORTAL = {k: v for k, v in LETTER.items() if k not in ("ngay_nhan_don", "hinh_thuc_tiep_nhan", "co_quan_chuyen_don")}


def _pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"0" * (size - 15) + b"\n%%EOF"


def _photo() -> bytes:
    image = Image.effect_noise((1600, 1200), 40).convert("RGB")
    exif = image.getexif()
    exif[0x8825] = {1: "N", 2: (15.0, 7.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def per_call_ms(count: int, action) -> float:
    """Milliseconds per call of `action` over `count` calls, after one to warm up."""
    action()  # warm-up
    started = time.perf_counter()
    for _ in range(count):
        action()
    return round((time.perf_counter() - started) / count * 1000, 2)


def run(quick: bool) -> dict:
    count = 5 if quick else 40
    pdf, photo = _pdf(200 * 1024), _photo()
    with bench_database("sqlite", "danchu_bench_uploads") as url, tempfile.TemporaryDirectory() as folder:
        services = build_services(replace(bench_settings(url), files_dir=folder,
                                          portal_submissions_per_address=0))
        try:
            deploy_process_version(services, SYSTEM, load_package(XU_LY_DON))
            officer = authenticate(services, "tiep_cong_dan", DEMO_PASSWORD)
            results = {
                "letter_ms": per_call_ms(count, lambda: start_case(services, officer, "xu_ly_don", LETTER)),
                "letter_with_pdf_ms": per_call_ms(count, lambda: start_case(
                    services, officer, "xu_ly_don", LETTER, uploads=[Upload("tep_dinh_kem", "don.pdf", pdf)])),
                "portal_letter_with_photo_ms": per_call_ms(count, lambda: start_public_case(
                    services, "xu_ly_don", "nghia_ky", PORTAL, "127.0.0.1",
                    uploads=[Upload("tep_dinh_kem", "anh.jpg", photo)])),
                "photo_bytes": len(photo),
            }
        finally:
            services.close()
    results["pdf_upload_ms"] = round(results["letter_with_pdf_ms"] - results["letter_ms"], 2)
    print_table("7. A file sent with a form (engine, SQLite; ms per letter)",
                ["letter", "+ 200 KB PDF (encrypted)", "portal + 1600×1200 photo (metadata stripped)",
                 "cost of the PDF"],
                [[results["letter_ms"], results["letter_with_pdf_ms"], results["portal_letter_with_photo_ms"],
                  results["pdf_upload_ms"]]])
    return results
