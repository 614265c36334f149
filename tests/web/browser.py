"""Browser tests' plumbing: the bpmn-js bundle, a live server on a free port, Debian's Chromium driven by
Playwright (never `playwright install`), and screenshots for the docs.

Screenshots go to `docs/screenshots/` when `DANCHU_SCREENSHOTS=1` (`make screenshots`), so normal test runs
leave the work tree clean.
"""
from __future__ import annotations

import fcntl
import os
import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from engine.people.users import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "web" / "frontend"
BUNDLE = ROOT / "web" / "static" / "build" / "modeler.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def ensure_bundle() -> None:
    """Build the modeler bundle when missing or older than its sources (what `make` does), once at a time."""
    sources = [FRONTEND / "package-lock.json", FRONTEND / "build.mjs", *sorted((FRONTEND / "src").rglob("*"))]
    with open(FRONTEND / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if BUNDLE.exists() and BUNDLE.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
            return
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True, capture_output=True)
        subprocess.run(["npm", "run", "build"], cwd=FRONTEND, check=True, capture_output=True)
        BUNDLE.touch()


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    ensure_bundle()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def open_page(browser, live_server):
    """`open_page()` gives a page in a fresh browser context (its own cookies), phone-sized if asked."""
    contexts = []

    def make(*, phone: bool = False):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        context = browser.new_context(viewport=viewport, base_url=live_server, locale="vi-VN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/inbox")


def screenshot(page, name: str) -> None:
    if os.environ.get("DANCHU_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def answer(page, question: str, yes: bool) -> None:
    """Answer a yes/no question of a staff form (a Có / Không radio group with neither chosen)."""
    page.get_by_role("radiogroup", name=question).get_by_label("Có" if yes else "Không", exact=True).check()


def answer_the_rest_no(page) -> None:
    """Answer "Không" to every yes/no question still unanswered: the form assumes no answer by itself."""
    unanswered = page.locator('fieldset[role=radiogroup]:has(input[value="false"]):not(:has(input:checked))')
    while unanswered.count():
        unanswered.first.locator('input[value="false"]').check()
