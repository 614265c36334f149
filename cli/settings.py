"""The command line's settings: the environment's (`engine.core.Settings`), with the demo's keys generated once
under `Settings.var_dir` and reused, so `make run` needs no configuration."""
from __future__ import annotations

import secrets
from pathlib import Path

import click

from engine.core import Settings
from engine.trust import generate_key


def load_settings() -> Settings:
    """Settings from the environment; in demo mode a secret is generated once under var/ and reused."""
    settings = Settings.from_env()
    if settings.database_url.startswith("sqlite:///") and not settings.database_url.startswith("sqlite:////"):
        Path(settings.database_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    if settings.secret_key and (settings.field_keys or not settings.demo_mode):
        return settings
    if not settings.demo_mode:
        raise click.ClickException("DANCHU_SECRET_KEY must be set (or DANCHU_DEMO=1 for the demo).")
    var = Path(settings.var_dir)
    overrides = {"secret_key": settings.secret_key or _demo_key(var, "secret.key", lambda: secrets.token_urlsafe(48))}
    if not settings.field_keys:
        overrides["field_keys"] = (_demo_key(var, "field.key", generate_key),)
    return Settings.from_env(**overrides)


def _demo_key(var: Path, name: str, make) -> str:
    """A key generated once under var/ for the demo, and reused."""
    var.mkdir(parents=True, exist_ok=True)
    key_file = var / name
    if not key_file.exists():
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()
