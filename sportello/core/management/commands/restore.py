from django.core.management.base import BaseCommand, CommandError

from sportello.core.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup (from `sportello backup`) into the configured database and "
        "media directory. The archive is decrypted and verified before anything is touched; a "
        "database that already has tables is refused unless --force. Stop the server first. "
        "Needs the data key of the installation that made the backup."
    )
    # The target may be empty or missing: no system check may touch it before the restore.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .sportello-backup file.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only decrypt and verify the archive and show its manifest; change nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already has tables, and the uploaded files.",
        )

    def handle(self, *args, archive, check=False, force=False, **options):
        try:
            result = restore_archive(archive, force=force, check_only=check)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        database = manifest["database"]
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        summary = (
            f"  made {manifest['created_at']} by Sportello {manifest['app_version']}; "
            f"{database['vendor']} {database['version']}, {len(database['tables'])} tables, "
            f"{sum(database['tables'].values()):,} rows, {len(manifest['migrations'])} "
            f"migrations, {media} uploaded file(s); data key id {manifest['key_id']}."
        )
        if check:
            self.stdout.write(
                self.style.SUCCESS("The archive is intact and this data key opens it.")
                + "\n"
                + summary
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"Restored in {result.seconds:.1f} s (rows checked per table).")
            + "\n"
            + summary
        )
        if result.pending_migrations:
            self.stdout.write(
                f"  This version has {len(result.pending_migrations)} migration(s) newer than "
                "the backup: run `sportello setup --no-demo` before serving."
            )
