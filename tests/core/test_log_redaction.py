"""Secret links (the service's one-time link, intake links, calendar feeds, password resets) never
reach the logs: whoever reads a log line must not be able to open them."""

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from sportello.core.gunicorn_logging import Logger
from sportello.core.logredact import RedactSecrets, redact

TOKEN = "Zk3p9Q-secret_Token-42abcdefghijklmnop"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/r/{TOKEN}/", "/r/[redacted]/"),
        (f"/intake/{TOKEN}/", "/intake/[redacted]/"),
        (f"/ical/{TOKEN}.ics", "/ical/[redacted].ics"),
        (f"/app/password/reset/MQ/{TOKEN}/", "/app/password/reset/[redacted]/"),
        ("/app/password/reset/MQ/set-password/", "/app/password/reset/[redacted]/"),
        ("/app/password/reset/sent/", "/app/password/reset/sent/"),
        ("/app/people/SM-7K2-M9Q/", "/app/people/SM-7K2-M9Q/"),
        ("/it/directory/", "/it/directory/"),
    ],
)
def test_secret_parts_of_paths_are_redacted(path, logged):
    assert redact(path) == logged


def _console_handler() -> logging.Handler:
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactSecrets) for f in h.filters)
    ]
    assert handlers, "settings.LOGGING: the console handler must redact secret links"
    return handlers[0]


def test_djangos_request_log_line_for_a_dead_link_has_no_token(client, db):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    keep = Keep(level=logging.WARNING)
    logging.getLogger("django.request").addHandler(keep)
    try:
        assert client.get(f"/intake/{TOKEN}/").status_code == 404
    finally:
        logging.getLogger("django.request").removeHandler(keep)
    assert records, "Django logs a 404"
    console = _console_handler()
    for record in records:
        assert console.filter(record)
        line = console.format(record)
        assert TOKEN not in line
        assert "/intake/[redacted]/" in line


def test_gunicorns_access_log_has_no_token():
    logger = Logger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/r/{TOKEN}/",
        "PATH_INFO": f"/r/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[])
    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=5))
    assert atoms["U"] == "/r/[redacted]/"
    assert TOKEN not in atoms["r"]
    assert TOKEN not in str(atoms)
