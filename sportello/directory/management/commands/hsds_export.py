from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sportello.accounts.models import AuditEvent
from sportello.accounts.services import audit
from sportello.directory.datapackage import export_json, export_package


class Command(BaseCommand):
    help = (
        "Export the whole resource directory as Open Referral HSDS 3.0. TARGET ending in .zip: a "
        "zipped tabular data package; ending in .json: the nested JSON (a list of full services, "
        "in --lang); anything else: a directory with datapackage.json and the CSV files. "
        "Italian is the canonical text; the other languages go to translations/<code>/ "
        "(docs/hsds.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("target", help="a directory, a .zip file or a .json file")
        parser.add_argument(
            "--lang",
            default="it",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the texts of a .json export (default: it)",
        )

    def handle(self, *args, target: str, lang: str, **options) -> None:
        path = Path(target)
        if path.suffix.lower() == ".json":
            with path.open("w", encoding="utf-8") as stream:
                count = export_json(stream, language=lang)
            summary = f"{count} services"
        else:
            if path.suffix.lower() != ".zip" and path.exists() and any(path.iterdir()):
                raise CommandError(f"{path} is not empty: choose a new directory.")
            counts = export_package(path)
            summary = ", ".join(f"{table} {n}" for table, n in counts.items())
        audit(
            user=None,
            action=AuditEvent.Action.EXPORT,
            object_type="directory.hsds_package",
            detail=f"command line: {summary}"[:200],
        )
        self.stdout.write(self.style.SUCCESS(f"Exported to {path}: {summary}."))
