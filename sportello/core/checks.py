"""Production refuses to start unsafely (system checks run by `serve`, `migrate`, `check`).

With SPORTELLO_PRODUCTION on, an error stops the command: DEBUG on (tracebacks with settings and
personal data in error pages), a SECRET_KEY generated into the var directory instead of given by
the environment, or the synthetic demo data in the database.
"""

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError


@register()
def production_is_safe(app_configs=None, **kwargs):
    if not settings.PRODUCTION:
        return []
    errors = []
    if settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on in production: error pages would show settings, code and data.",
                hint="Unset DEBUG (or set DEBUG=false).",
                id="sportello.E002",
            )
        )
    if settings.SECRET_KEY_GENERATED:
        errors.append(
            Error(
                "SECRET_KEY is not set: production does not use the key generated into the var "
                "directory.",
                hint="Set SECRET_KEY in the environment to a long random value (at least 50 "
                "characters) kept apart from the database and its backups.",
                id="sportello.E003",
            )
        )
    if demo_data_loaded():
        errors.append(
            Error(
                "The database holds the synthetic demo data: it never goes into production.",
                hint="Start from an empty database with `sportello setup --no-demo`.",
                id="sportello.E004",
            )
        )
    return errors


def demo_data_loaded() -> bool:
    from sportello.core.models import DemoData

    try:
        return DemoData.objects.exists()
    except DatabaseError:  # tables not created yet (before the first migrate)
        return False
