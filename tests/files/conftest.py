"""Each attachment test stores its files in a folder of its own, so what it finds there is what it stored."""
import pytest

from engine.files.storage import LocalBlobStore


@pytest.fixture(autouse=True)
def fresh_store(services, monkeypatch, tmp_path):
    store = LocalBlobStore(tmp_path / "files")
    monkeypatch.setattr(services, "files", store)
    return store
