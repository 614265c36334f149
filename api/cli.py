"""The `danchu` command: serve, migrate, deploy diagrams, manage users, load demo data."""
from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import click

from engine.errors import DanchuError, InvalidProcessModel
from engine.migrate import upgrade
from engine.principal import SYSTEM
from engine.services import build_services
from engine.settings import Settings

VAR = Path(os.environ.get("DANCHU_VAR", "var"))


def load_settings() -> Settings:
    """Settings from the environment; in demo mode a secret is generated once under var/ and reused."""
    settings = Settings.from_env()
    if settings.database_url.startswith("sqlite:///") and not settings.database_url.startswith("sqlite:////"):
        Path(settings.database_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    if settings.secret_key and (settings.field_keys or not settings.demo_mode):
        return settings
    if not settings.demo_mode:
        raise click.ClickException("DANCHU_SECRET_KEY must be set (or DANCHU_DEMO=1 for the demo).")
    overrides = {"secret_key": settings.secret_key or _demo_key("secret.key", lambda: secrets.token_urlsafe(48))}
    if not settings.field_keys:
        from engine.field_crypto import generate_key
        overrides["field_keys"] = (_demo_key("field.key", generate_key),)
    return Settings.from_env(**overrides)


def _demo_key(name: str, make) -> str:
    """A key generated once under var/ for the demo, and reused."""
    VAR.mkdir(parents=True, exist_ok=True)
    key_file = VAR / name
    if not key_file.exists():
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


@click.group()
def main():
    """danchu: grassroots-democracy processes of a commune, on BPMN."""


@main.group()
def db():
    """Database schema."""


@db.command("upgrade")
def db_upgrade():
    """Create or migrate the schema to the latest revision."""
    settings = load_settings()
    upgrade(settings.database_url)
    click.echo("database at the latest revision")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def deploy(paths):
    """Validate and deploy BPMN diagrams (files, or folders of .bpmn files)."""
    from engine.demo import deploy_directory
    from engine.process_models import deploy_process_version
    from engine.process_package import load_package

    services = build_services(load_settings())
    failed = False
    for path in paths:
        try:
            if path.is_dir():
                for model, version, created in deploy_directory(services, path):
                    click.echo(f"{model} v{version} {'deployed' if created else 'unchanged'}")
            else:
                deployment = deploy_process_version(services, SYSTEM, load_package(path))
                v = deployment.version
                click.echo(f"{v.process_model_id} v{v.version} {'deployed' if deployment.created else 'unchanged'}")
        except InvalidProcessModel as exc:
            failed = True
            click.echo(f"{path}: {exc.message}", err=True)
            for problem in exc.problems:
                click.echo(f"  - {problem['element']}: {problem['message']}", err=True)
        except DanchuError as exc:
            failed = True
            click.echo(f"{path}: {exc.message}", err=True)
    if failed:
        sys.exit(1)


@main.group()
def users():
    """User accounts."""


@users.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", "roles", multiple=True, required=True, help="Role code; repeat for several")
@click.option("--unit", default=None, help="Organisation unit code (commune or hamlet)")
@click.password_option()
def users_create(username, full_name, roles, unit, password):
    """Create a user with one or more roles."""
    from engine.users import create_user

    services = build_services(load_settings())
    try:
        create_user(services, username=username, password=password, full_name=full_name, roles=list(roles),
                    unit_code=unit)
    except DanchuError as exc:
        raise click.ClickException(f"{exc.message} {exc.details}") from None
    click.echo(f"created {username}")


@main.command()
@click.option("--bpmn-dir", default="bpmn", type=click.Path(path_type=Path))
def demo(bpmn_dir):
    """Create the demo commune and users, and deploy every diagram of the library."""
    from engine.demo import create_demo_data, deploy_directory

    services = build_services(load_settings())
    created = create_demo_data(services)
    for model, version, was_created in deploy_directory(services, bpmn_dir):
        click.echo(f"{model} v{version} {'deployed' if was_created else 'unchanged'}")
    click.echo(f"demo users created: {', '.join(created) or 'none (already there)'}")


@main.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--workers", default=2, type=int)
def serve(host, port, workers):
    """Serve the API and web UI with gunicorn."""
    from gunicorn.app.base import BaseApplication

    from api.app import create_app

    settings = load_settings()
    if not settings.field_keys and not settings.demo_mode:
        raise click.ClickException("DANCHU_FIELD_KEYS must be set (`danchu keys generate`) outside the demo.")

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", 4)
            self.cfg.set("accesslog", "-")

        def load(self):
            return create_app(settings)

    Server().run()


from .cli_trust import register as _register_trust_commands  # noqa: E402 - adds to the groups above

_register_trust_commands(main, users)
