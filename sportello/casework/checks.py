"""The app refuses to start without the data key once encrypted identities exist."""

from django.core.checks import Error, register
from django.db import DatabaseError

from sportello.core import crypto


@register()
def data_key_present(app_configs=None, **kwargs):
    from sportello.casework.models import Identity

    if crypto.key_path().exists():
        return []
    try:
        identities = Identity.objects.exists()
    except DatabaseError:  # tables not created yet (before the first migrate)
        return []
    if not identities:
        return []
    return [
        Error(
            f"The data key file {crypto.key_path()} is missing, but the database holds "
            "encrypted identities that cannot be read without it.",
            hint="Restore the key file from its backup (SPORTELLO_DATA_KEY_FILE), never create "
            "a new one: a new key cannot read the existing data.",
            id="sportello.E001",
        )
    ]
