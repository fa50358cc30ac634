import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sportello.accounts.models import User
from sportello.directory.datapackage import ImportReport, import_package


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS 3.0 package into the resource directory: a directory with "
        "datapackage.json and CSV files, a .zip of one, or a .json list of services. All or "
        "nothing: one bad row and nothing is written. With --dry-run nothing is written either; "
        "the report says what would be created or updated (by HSDS id), the errors with file and "
        "line, and the data we do not keep. Exit status 1 when there are errors."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="a directory, a .zip file or a .json file")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--by", help="username recorded in the services' history")

    def handle(self, *args, source: str, dry_run: bool, by: str | None, **options) -> None:
        path = Path(source)
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        user = None
        if by:
            user = User.objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"no user named {by}.")
        report = import_package(path, dry_run=dry_run, by=user, progress=self.progress_line())
        self.print_report(report, verbose=options["verbosity"] >= 2)
        if report.errors:
            sys.exit(1)

    def progress_line(self):
        shown = {"at": 0.0, "stage": ""}
        stream = self.stderr

        def progress(done: int, total: int, stage: str) -> None:
            now = time.monotonic()
            if done < total and stage == shown["stage"] and now - shown["at"] < 0.2:
                return
            shown.update(at=now, stage=stage)
            width = 30
            filled = int(width * done / max(total, 1))
            bar = "#" * filled + "-" * (width - filled)
            stream.write(f"\r{stage:<9} [{bar}] {done}/{total}", ending="")
            stream.flush()

        return progress

    def print_report(self, report: ImportReport, *, verbose: bool) -> None:
        out = self.stdout
        self.stderr.write("")
        for table, (created, updated, unchanged) in report.counts().items():
            out.write(f"{table}: {created} new, {updated} updated, {unchanged} unchanged")
            if verbose:
                for pk in report.created.get(table, []):
                    out.write(f"  + {pk}")
                for pk in report.updated.get(table, []):
                    out.write(f"  ~ {pk}")
        for message in report.ignored:
            out.write(f"not imported: {message}")
        for issue in report.warnings:
            out.write(self.style.WARNING(f"warning: {issue}"))
        for issue in report.errors:
            out.write(self.style.ERROR(f"error: {issue}"))
        if report.errors:
            out.write(self.style.ERROR(f"{len(report.errors)} error(s): nothing was imported."))
        elif report.dry_run:
            out.write(self.style.SUCCESS("Dry run: the package is valid; nothing was written."))
        else:
            out.write(self.style.SUCCESS(f"Imported: {report.summary()}."))
