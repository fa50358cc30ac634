"""Secret links never reach the logs.

Some addresses carry a bearer secret in their path: the receiving service's one-time link
(/r/<token>/), a place's intake link (/intake/<token>/), an operator's calendar feed
(/ical/<token>.ics) and the password-reset link (/app/password/reset/<uid>/<token>/). Whoever reads
a log line with one of them could open it. `redact()` replaces the secret with "[redacted]"; it is
applied to Django's request log (`RedactSecrets`, in settings.LOGGING) and to gunicorn's access
log (`sportello.core.gunicorn_logging`, used by `sportello serve`).
"""

import logging
import re

REDACTED = "[redacted]"

_SECRET_PATHS = re.compile(
    r"(?P<prefix>/(?:r|intake)/)[^/?#\s\"]+"
    r"|(?P<ical>/ical/)[^/?#\s\"]+?(?P<ext>\.ics)"
    r"|(?P<reset>/password/reset/)(?!sent/|done/)[^/?#\s\"]+/[^/?#\s\"]+"
)


def _replace(match: re.Match) -> str:
    if match.group("prefix"):
        return match.group("prefix") + REDACTED
    if match.group("ical"):
        return match.group("ical") + REDACTED + match.group("ext")
    return match.group("reset") + REDACTED


def redact(text: str) -> str:
    """`text` with the secret part of every secret-link path replaced."""
    return _SECRET_PATHS.sub(_replace, text)


class RedactSecrets(logging.Filter):
    """A logging filter: redacts secret links in the message and in its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True
