from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sportello.accounts.models import User


class Command(BaseCommand):
    help = (
        "Prepare the installation: apply migrations, compile translations, collect static files, "
        "and load the demo data when the database has no users yet (never in production). "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load demo data, even if empty."
        )

    def handle(self, *args, no_demo=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("compiletranslations", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Static files collected.")
        if not no_demo and not settings.PRODUCTION and not User.objects.exists():
            call_command("demo", stdout=self.stdout)
