from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sportello.core.demo import DEMO_USERS, load_demo


class Command(BaseCommand):
    help = (
        "Load the synthetic demo data (places, one user per role, and what each app adds). "
        "Idempotent: existing data is kept. Never run it on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the demo users' password again (SPORTELLO_DEMO_PASSWORD or a random one).",
        )

    def handle(self, *args, reset_passwords=False, **options):
        if settings.PRODUCTION:
            raise CommandError("SPORTELLO_PRODUCTION is on: demo data never goes into production.")
        passwords = load_demo(reset_passwords=reset_passwords)
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded (synthetic, for demonstration only).")
        )
        if passwords:
            self.stdout.write("Demo logins (shown once, not stored anywhere in clear):")
            for username, role, *_ in DEMO_USERS:
                if username in passwords:
                    self.stdout.write(f"  {username:<13} {passwords[username]}   ({role.label})")
        else:
            self.stdout.write(
                "Demo users already exist; their passwords are unchanged "
                "(use --reset-passwords to set them again)."
            )
