"""The OpenAPI document is a contract with every client: it must not change unless the API changes on purpose.

`tests/snapshots/openapi.json` holds the document as it was served before the engine moved into packages
(commit 04cdc1a, the one before "Architecture: the engine's import cycle is broken"); this test builds the
current app's document the same way, through the Flask test client of `create_app` with the test settings,
and compares the two.

When the API changes on purpose, refresh the snapshot deliberately and review its diff in the commit:

    .venv/bin/python -m tests.api.test_openapi_snapshot            # writes tests/snapshots/openapi.json

The snapshot is pretty-printed with sorted keys, so that diff shows only what changed.
"""
from __future__ import annotations

import difflib
import json
import sys
import tempfile
from pathlib import Path

from tests import conftest

SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "openapi.json"


def openapi_document(database_url: str) -> dict:
    """The document served at /api/v1/openapi.json by an app built like the tests' (the names used here
    exist in tests/conftest.py before and after the restructuring, so the same code wrote the snapshot)."""
    services = conftest.build_services(conftest.test_settings(database_url), clock=conftest.FrozenClock(conftest.START))
    try:
        response = conftest.create_app(services=services).test_client().get("/api/v1/openapi.json")
        assert response.status_code == 200, response.status_code
        return response.get_json()
    finally:
        services.close()


def canonical(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_openapi_document_is_the_one_served_before_the_restructuring(database_url):
    current = canonical(openapi_document(database_url))
    saved = SNAPSHOT.read_text(encoding="utf-8")
    if current != saved:
        diff = "".join(difflib.unified_diff(saved.splitlines(keepends=True), current.splitlines(keepends=True),
                                            "tests/snapshots/openapi.json", "served now", n=3))
        raise AssertionError("the OpenAPI document changed; if on purpose, refresh the snapshot "
                             "(python -m tests.api.test_openapi_snapshot) and review its diff:\n" + diff)


def write_snapshot(target: Path = SNAPSHOT) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/danchu.db"
        conftest.upgrade(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(canonical(openapi_document(url)), encoding="utf-8")


if __name__ == "__main__":
    write_snapshot(Path(sys.argv[1]) if len(sys.argv) > 1 else SNAPSHOT)
