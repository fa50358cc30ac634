from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sportello.casework import selectors, services


class Command(BaseCommand):
    help = (
        "Erase the identity and free text of people no longer followed: every path closed more "
        "than SPORTELLO_RETENTION_MONTHS months ago (default 24) and none open — or, for people "
        "who never had a path, nothing recorded for as long. Anonymous facts are kept for the "
        "counts. Run it daily (cron or a systemd timer); --dry-run lists who would be erased."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the codes; change nothing."
        )
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Override SPORTELLO_RETENTION_MONTHS for this run.",
        )

    def handle(self, *args, dry_run=False, months=None, **options):
        months = settings.RETENTION_MONTHS if months is None else months
        if months < 1:
            self.stderr.write("The retention period must be at least one month.")
            return
        due = list(selectors.retention_due(months=months, today=timezone.localdate()))
        for person in due:
            if dry_run:
                self.stdout.write(f"would erase {person.code}")
            else:
                services.beneficiary_erase(by=None, beneficiary=person, reason="retention")
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(
            self.style.SUCCESS(f"{len(due)} people {verb} (retention: {months} months).")
        )
