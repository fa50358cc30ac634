"""Sign-in throttling with django-axes: wrong passwords and wrong codes (at sign-in and when
confirming one's identity again) count together, per username and IP address. At
`SPORTELLO_LOGIN_FAILURE_LIMIT` failures that pair is locked out for
`SPORTELLO_LOGIN_LOCKOUT_MINUTES` (counted from the last failure; attempts during the lockout do
not extend it). A finished sign-in
clears the count; the password step alone does not when a code is still due, so a known password
cannot buy fresh code guesses.

Axes stores the failures in its table; the username typed is kept there only as a keyed hash
(`attempt_key`), so a mistyped username, which can be someone's name, is never stored.
"""

import hashlib
import hmac
from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest


def attempt_key(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username as axes stores and compares it (a keyed hash)."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    if not username:
        return None
    typed = str(username).strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), typed, hashlib.sha256).hexdigest()[:40]


def _credentials(username: str) -> dict:
    return {"username": username}


def is_locked(request: HttpRequest, username: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(username))


def record_failure(request: HttpRequest, username: str) -> bool:
    """Count a wrong code for this user from this address; True when that locks them out."""
    AxesProxyHandler.user_login_failed(
        sender=record_failure, credentials=_credentials(username), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def clear(request: HttpRequest, username: str) -> None:
    """A finished sign-in: forget this user's failures from this address."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, _credentials(username))


def locked_until(request: HttpRequest, credentials: dict | None) -> datetime | None:
    """When the lockout of these credentials from this address ends (None: not known)."""
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    last = None
    for attempts in handler.get_user_attempts(request, credentials):
        latest = attempts.aggregate(latest=Max("attempt_time"))["latest"]
        if latest and (last is None or latest > last):
            last = latest
    cool_off = get_cool_off(request)
    return last + cool_off if last and cool_off else None
