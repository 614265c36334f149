"""`danchu backup` and `danchu restore` (engine.backups), for operators and their restore drills."""
from __future__ import annotations

from pathlib import Path

import click

from engine.backups import BackupFailed, create_backup, restore_backup

from .settings import load_settings


def _folders(files_dir: Path | None) -> dict[str, Path]:
    return {"attachments": files_dir} if files_dir else {}


def register(main: click.Group) -> None:
    @main.command()
    @click.option("--to", "archive", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The archive to write (a .tar file)")
    @click.option("--files-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="The folder of stored files (attachments) to include")
    def backup(archive, files_dir):
        """Write a consistent copy of the database (and stored files) while danchu keeps running."""
        settings = load_settings()
        try:
            manifest = create_backup(settings.database_url, archive, _folders(files_dir))
        except BackupFailed as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"backup written: {archive} ({manifest['database']}, schema {manifest['revision']}, "
                   f"{len(manifest['members'])} member(s))")

    @main.command()
    @click.option("--from", "archive", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--files-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Where the archive's stored files (attachments) go")
    def restore(archive, files_dir):
        """Load an archive into the empty database of DANCHU_DATABASE_URL, then check its audit chain."""
        settings = load_settings()
        try:
            report = restore_backup(settings.database_url, archive, _folders(files_dir))
        except BackupFailed as exc:
            raise click.ClickException(str(exc)) from None
        audit = report.audit
        click.echo(f"restored {report.database} copy (schema {report.revision}), {report.files} stored file(s)")
        if not audit["ok"]:
            raise click.ClickException(f"audit chain BROKEN at event #{audit['first_broken']['seq']}: "
                                       f"{audit['first_broken']['problem']}")
        click.echo(f"audit chain intact: {audit['checked']} events")
