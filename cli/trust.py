"""`danchu users ...`, `danchu units ...`, `danchu audit verify`, `danchu files sweep`, `danchu keys ...`: accounts,
the audit chain, the file store and the keys, from the server's shell (acting as an unrestricted administrator, `cli`)."""
from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

import click

from engine.core import ADMINISTRATOR, DanchuError, Principal
from engine.files import rotate_sealed_files, sweep_unclaimed, verify_audit_and_files
from engine.people import add_unit, list_units, list_users, set_password, update_user
from engine.services import build_services
from engine.trust import generate_key, rotate_case_states, rotate_task_drafts

from .settings import load_settings

CLI_ADMIN = Principal("cli", frozenset({ADMINISTRATOR}))


def _services():
    return build_services(load_settings())


def _run(action):
    try:
        return action()
    except DanchuError as exc:
        raise click.ClickException(f"{exc.message} {exc.details or ''}".strip()) from None


def register(main: click.Group, users: click.Group) -> None:
    @users.command("list")
    @click.option("--unit", default=None)
    @click.option("--role", default=None)
    def users_list(unit, role):
        """List users (username, roles, unit, active)."""
        items, _ = _run(lambda: list_users(_services(), CLI_ADMIN, unit=unit, role=role, limit=10_000))
        for u in items:
            state = "active" if u["active"] else "disabled"
            click.echo(f"{u['username']}\t{','.join(u['roles'])}\t{u['unit'] or '-'}\t{state}")

    @users.command("disable")
    @click.argument("username")
    def users_disable(username):
        """Disable an account; its tokens and sessions stop working at once."""
        _run(lambda: update_user(_services(), CLI_ADMIN, username, active=False))
        click.echo(f"disabled {username}")

    @users.command("enable")
    @click.argument("username")
    def users_enable(username):
        """Enable a disabled account again."""
        _run(lambda: update_user(_services(), CLI_ADMIN, username, active=True))
        click.echo(f"enabled {username}")

    @users.command("set-roles")
    @click.argument("username")
    @click.option("--role", "roles", multiple=True, required=True, help="Role code; repeat for several")
    def users_set_roles(username, roles):
        """Replace a user's roles."""
        view = _run(lambda: update_user(_services(), CLI_ADMIN, username, roles=list(roles)))
        click.echo(f"{username}: {','.join(view['roles'])}")

    @users.command("set-password")
    @click.argument("username")
    @click.password_option()
    def users_set_password(username, password):
        """Set a user's password; their tokens and sessions are revoked."""
        _run(lambda: set_password(_services(), CLI_ADMIN, username, password))
        click.echo(f"password set for {username}")

    @main.group()
    def units():
        """Organisation units: province → commune → hamlet."""
    @units.command("list")
    def units_list():
        for u in _run(lambda: list_units(_services(), CLI_ADMIN)):
            click.echo(f"{u['code']}\t{u['kind']}\t{u['parent'] or '-'}\t{u['name']}")

    @units.command("create")
    @click.option("--code", required=True)
    @click.option("--name", required=True)
    @click.option("--kind", required=True, type=click.Choice(["province", "commune", "hamlet"]))
    @click.option("--parent", default=None, help="Code of the parent unit (a province for a commune, ...)")
    def units_create(code, name, kind, parent):
        """Create an organisation unit."""
        _run(lambda: add_unit(_services(), CLI_ADMIN, code=code, name=name, kind=kind, parent=parent))
        click.echo(f"created {kind} {code}")

    @main.group()
    def audit():
        """The tamper-evident audit log."""
    @audit.command("verify")
    def audit_verify():
        """Recompute the hash chain and check every stored attachment against it; exit 1 and name the first
        broken link or altered file if it does not hold."""
        result = _run(lambda: verify_audit_and_files(_services(), CLI_ADMIN))
        if result["ok"]:
            click.echo(f"audit chain intact: {result['checked']} events, {result.get('files_checked', 0)} files, "
                       f"head {result['head_hash']}")
            return
        broken = result["first_broken"]
        click.echo(f"audit chain BROKEN at event #{broken['seq']} (row id {broken['event_id']}): "
                   f"{broken['problem']}", err=True)
        sys.exit(1)

    @main.group()
    def files():
        """The store of attached files (DANCHU_FILES_DIR or DANCHU_FILE_STORE)."""
    @files.command("sweep")
    @click.option("--older-than-hours", type=click.IntRange(min=1), default=24, show_default=True)
    def files_sweep(older_than_hours):
        """Delete stored files no attachment names, written before the given age (a crash between a file's
        write and its commit leaves one); a file a command is storing now is never touched."""
        cutoff = datetime.now(timezone.utc) - timedelta(hours=older_than_hours)
        removed = _run(lambda: sweep_unclaimed(_services(), cutoff))
        click.echo(f"{removed} unclaimed files removed")

    @main.group()
    def keys():
        """Field-encryption keys (DANCHU_FIELD_KEYS)."""
    @keys.command("generate")
    def keys_generate():
        """Print a new field-encryption key (put it first in DANCHU_FIELD_KEYS)."""
        click.echo(generate_key())

    @keys.command("rotate")
    def keys_rotate():
        """Re-seal every stored case, task draft and confidential file under the first key of DANCHU_FIELD_KEYS
        (and seal values stored before sealing existed)."""

        count = _run(lambda: rotate_case_states(_services()))
        click.echo(f"re-encrypted {count} cases under the first key")
        drafts = _run(lambda: rotate_task_drafts(_services()))
        click.echo(f"re-encrypted {drafts} task drafts under the first key")
        files = _run(lambda: rotate_sealed_files(_services()))
        click.echo(f"re-encrypted {files} confidential files under the first key")
