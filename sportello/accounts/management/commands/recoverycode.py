from django.core.management.base import BaseCommand, CommandError

from sportello.accounts import services
from sportello.accounts.models import User


class Command(BaseCommand):
    help = (
        "Print one new single-use recovery code for a user who lost both the phone with the "
        "authenticator app and the recovery codes, and who cannot ask the coordinator (the "
        "coordinator themselves). Give it to them in person. Recovery codes are stored hashed, "
        "so django-otp's own addstatictoken does not make a code that works here."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user is called {username!r}.") from None
        code = services.recovery_code_add(user=user)
        self.stdout.write(code)
