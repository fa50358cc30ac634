from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from sportello.casework import selectors, services
from sportello.communication import events_selectors, events_services


class Command(BaseCommand):
    help = (
        "Erase what is no longer needed (docs/privacy.md, retention). The identity and free text "
        "of people no longer followed: every path closed more than SPORTELLO_RETENTION_MONTHS "
        "months ago (default 24) and none open — or, for people who never had a path, nothing "
        "recorded for as long; the texts of intakes and anonymous encounters as old that never "
        "became part of a person's record; the names and addresses of event registrants "
        "SPORTELLO_EVENT_RETENTION_MONTHS (default 3) after the event; expired sessions. "
        "Anonymous facts are kept for the counts. Run it daily (cron or a systemd timer): each "
        "run is recorded in the audit log, and the coordinator is warned when none ran for two "
        "days. --dry-run lists what would be erased (and is not recorded)."
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
        today = timezone.localdate()
        due = list(selectors.retention_due(months=months, today=today))
        for person in due:
            if dry_run:
                self.stdout.write(f"would erase {person.code}")
            else:
                services.beneficiary_erase(by=None, beneficiary=person, reason="retention")
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(
            self.style.SUCCESS(f"{len(due)} people {verb} (retention: {months} months).")
        )

        intakes = selectors.unlinked_intakes_due(months=months, today=today)
        encounters = selectors.anonymous_encounters_due(months=months, today=today)
        counts = (intakes.count(), encounters.count())
        if not dry_run:
            services.unlinked_texts_erase(intakes=intakes, encounters=encounters)
        self.stdout.write(
            f"Texts of {counts[0]} intakes and {counts[1]} anonymous encounters not linked to a "
            f"person {verb}."
        )

        event_months = settings.EVENT_RETENTION_MONTHS
        registrations = events_selectors.registrations_due(months=event_months)
        if dry_run:
            erased = registrations.count()
        else:
            erased = events_services.registrations_erase(registrations=registrations)
        self.stdout.write(
            f"{erased} event registrations {verb} (events over more than {event_months} "
            "months ago)."
        )

        if dry_run:
            return
        sessions = Session.objects.filter(expire_date__lt=timezone.now()).count()
        call_command("clearsessions")
        self.stdout.write(f"{sessions} expired sessions deleted.")
        # Last, so that only a run that finished counts (the coordinator's warning reads it).
        services.retention_run_record(
            erased={
                "people": len(due),
                "intakes": counts[0],
                "anonymous encounters": counts[1],
                "event registrations": erased,
                "expired sessions": sessions,
            }
        )
