"""The `sportello` console script: Django's manage.py with our settings.

sportello setup   # migrate, compile translations, collect static files, demo data if empty
sportello serve   # production server (gunicorn) on 127.0.0.1:$PORT
sportello demo    # (re)load the synthetic demo data, idempotent
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)
    return 0
