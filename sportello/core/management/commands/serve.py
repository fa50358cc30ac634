import os
import shutil
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve the app with the production WSGI server (gunicorn) on 127.0.0.1:$PORT "
        "(default 8000); static files through whitenoise. Run `sportello setup` first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, host, port, **options):
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if not gunicorn:
            raise CommandError("gunicorn is not installed in this environment.")
        if settings.DEBUG:
            self.stderr.write("Warning: DEBUG is on; never expose this server.")
        self.stdout.write(f"Sportello on http://{host}:{port}/  (Ctrl+C to stop)")
        sys.stdout.flush()
        args = [
            gunicorn,
            "sportello.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            os.environ.get("WEB_CONCURRENCY", "2"),
            "--threads",
            os.environ.get("WEB_THREADS", "4"),
            # gunicorn's threaded worker, without dropping a request sent on a kept-alive
            # connection while the worker is busy (see server_worker.py).
            "--worker-class",
            "sportello.core.server_worker.ThreadWorker",
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
            # Secret links (/r/<token>/, /intake/<token>/…) are logged without their secret.
            "--logger-class",
            "sportello.core.gunicorn_logging.Logger",
        ]
        os.execv(gunicorn, args)
