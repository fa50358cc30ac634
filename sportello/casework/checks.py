"""The app refuses to start without the data key once encrypted identities exist; the deployment
checklist (`check --deploy`) warns when `sportello retention` is not running."""

from django.core.checks import Error, Warning, register
from django.db import DatabaseError
from django.utils import timezone

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


@register(deploy=True)
def retention_runs(app_configs=None, **kwargs):
    from sportello.casework.selectors import retention_late

    try:
        late = retention_late()
    except DatabaseError:  # tables not created yet (before the first migrate)
        return []
    if late is None:
        return []
    if late.last_run:
        since = f"last ran at {timezone.localtime(late.last_run):%Y-%m-%d %H:%M}"
    else:
        since = (
            "never ran, and the installation has been in use since "
            f"{timezone.localtime(late.in_use_since):%Y-%m-%d}"
        )
    return [
        Warning(
            f"`sportello retention` {since}: personal data is kept past its retention period.",
            hint="Run `sportello retention` every day with cron or a systemd timer "
            "(docs/operations.md, Retention).",
            id="sportello.W001",
        )
    ]
