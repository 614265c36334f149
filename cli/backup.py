"""`danchu backup` and `danchu restore` (engine.backups), for operators and their restore drills."""
from __future__ import annotations

from pathlib import Path

import click

from engine.backups import BackupFailed, create_backup, restore_backup

from .settings import load_settings
from .trust import CLI_ADMIN


def register(main: click.Group) -> None:
    @main.command()
    @click.option("--to", "archive", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The archive to write (a .tar file)")
    def backup(archive):
        """Write a consistent copy of the database and the attachments folder while danchu keeps running."""
        try:
            manifest = create_backup(load_settings(), archive)
        except BackupFailed as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"backup written: {archive} ({manifest['database']}, schema {manifest['revision']}, "
                   f"{len(manifest['members'])} member(s))")

    @main.command()
    @click.option("--from", "archive", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def restore(archive):
        """Load an archive into the empty database of DANCHU_DATABASE_URL and the attachments folder
        (DANCHU_FILES_DIR), then verify the audit chain and every attachment against it."""
        try:
            report = restore_backup(load_settings(), archive, CLI_ADMIN)
        except BackupFailed as exc:
            raise click.ClickException(str(exc)) from None
        audit = report.audit
        click.echo(f"restored {report.database} copy (schema {report.revision}), {report.files} stored file(s)")
        if not audit["ok"]:
            raise click.ClickException(f"audit chain BROKEN at event #{audit['first_broken']['seq']}: "
                                       f"{audit['first_broken']['problem']}")
        click.echo(f"audit chain intact: {audit['checked']} events, {audit.get('files_checked', 0)} attachments")
