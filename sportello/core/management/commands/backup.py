from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sportello.core import crypto
from sportello.core.backup import BackupError, create_backup, default_backup_path


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the database and the uploaded files (docs/operations.md). "
        "Safe while the server runs. The archive is encrypted with a key derived from the data "
        "key (SPORTELLO_DATA_KEY_FILE), which is never inside it: keep the key apart."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--output", help="The archive to write (it must not exist yet).")
        where.add_argument(
            "--dir",
            help="Write sportello-<UTC time>.sportello-backup in this directory "
            "(default: <var>/backups).",
        )

    def handle(self, *args, output=None, dir=None, **options):
        path = Path(output) if output else default_backup_path(Path(dir) if dir else None)
        try:
            result = create_backup(path)
        except (BackupError, crypto.DataKeyMissing) as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        database = manifest["database"]
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {result.path}")
            + f"\n  {result.size / 1e6:.1f} MB in {result.seconds:.1f} s; "
            f"{database['vendor']} {database['version']}, {len(database['tables'])} tables, "
            f"{sum(database['tables'].values()):,} rows, {media} uploaded file(s); "
            f"data key id {manifest['key_id']}."
            "\n  Copy it off this machine; keep the data key somewhere else."
        )
