"""Where a session stands in the sign-in: password → second step (code, or enrolment when it is
required and the user has no authenticator yet) → signed in. Kept in the (server-side) session.

`access.roles()` sends every staff page of a session that has not finished to the step it is
missing, so no page needs its own check.
"""

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from sportello.accounts import selectors
from sportello.accounts.models import ROLES_WITH_PERSONAL_DATA, Role, User

SIGNED_IN = "sportello.signed_in"  # the session finished every step
CONFIRMED_AT = "sportello.confirmed_at"  # when the password (and code) were last typed
NEW_RECOVERY_CODES = "sportello.new_recovery_codes"  # shown once, then dropped

CODE, ENROL = "code", "enrol"
STEP_URLS = {CODE: "accounts:login_code", ENROL: "accounts:two_factor_enrol"}


def two_factor_required(user: User) -> bool:
    return settings.REQUIRE_2FA and user.role in ROLES_WITH_PERSONAL_DATA


def pending_step(request: HttpRequest) -> str | None:
    """The step this session still has to take (CODE, ENROL), or None when it is signed in."""
    if request.session.get(SIGNED_IN):
        return None
    user = request.user
    if selectors.has_two_factor(user):
        return CODE
    if two_factor_required(user):
        return ENROL
    finish(request)  # nothing more to ask of this user
    return None


def finish(request: HttpRequest) -> None:
    request.session[SIGNED_IN] = True


def confirmed(request: HttpRequest) -> None:
    """The user just proved who they are: password, and the code when they have an app."""
    request.session[CONFIRMED_AT] = time.time()


def recently_confirmed(request: HttpRequest) -> bool:
    at = request.session.get(CONFIRMED_AT)
    return at is not None and time.time() - at <= settings.RECENT_AUTH_MINUTES * 60


def confirm_url(request: HttpRequest, back: str = "") -> str:
    """The confirmation page, with the page to come back to: the page itself for a GET; for a
    POST, never the POST (it is not replayed) but the page whose form sent it (the Referer, when
    it is on this site), else `back`, else the same address."""
    if request.method == "GET":
        next_url = request.get_full_path()
    else:
        referer = urlsplit(request.headers.get("Referer", ""))
        same_site = referer.netloc == request.get_host() and referer.path.startswith("/")
        if same_site:
            next_url = referer.path + (f"?{referer.query}" if referer.query else "")
        else:
            next_url = back or request.path
    return f"{reverse('accounts:reauth')}?{urlencode({'next': next_url})}"


def step_url(step: str, next_url: str = "") -> str:
    url = reverse(STEP_URLS[step])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def landing(user: User) -> str:
    """Operators land on their day (what they open on the phone between two places); everyone
    else on the staff home."""
    if user.role == Role.OPERATOR:
        return reverse("tutoring:today")
    return reverse(settings.LOGIN_REDIRECT_URL)


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` of the query or form when it points inside this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
