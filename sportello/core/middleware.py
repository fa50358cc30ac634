from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils import translation
from django.utils.translation import get_language_from_path

STAFF_PREFIX = "/app/"


class StaffLanguageMiddleware:
    """Public pages carry their language in the URL (/ar/…) and speak all public languages.
    Staff pages (/app/…) speak a staff language: the language cookie (set at
    login from the user's preference, and by the switcher) or the browser's preference when it is
    a staff language, else Italian."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(STAFF_PREFIX) and not get_language_from_path(
            request.path_info
        ):
            language = staff_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def staff_language(request) -> str:
    staff = settings.STAFF_LANGUAGES
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in staff:
        return cookie
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in staff:
            return code
    return settings.LANGUAGE_CODE


# Pages that may show personal data: staff pages, the provider's one-time links, intake links,
# the iCal feed. A shared computer at a town hall must not keep them in its browser cache.
PRIVATE_PREFIXES = ("/app/", "/r/", "/intake/", "/ical/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response of a private page (downloads and exports
    included), and on the answer to any form sent by POST anywhere, since it may show back what
    was typed (a public event registration with a name and an e-mail address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PREFIXES) or request.method not in SAFE_METHODS:
            response["Cache-Control"] = "no-store"
        return response


class UnreadableRequestMiddleware:
    """400 for what no browser sends: a NUL character in the address, or an address or form that
    is not UTF-8 (invalid bytes, lone surrogates). Django would read the bytes as U+FFFD and
    store them, and PostgreSQL refuses NUL in text (a 500). Form fields keep their own, kinder
    check for NUL characters typed into them ("Null characters are not allowed")."""

    FORM = "application/x-www-form-urlencoded"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or not _readable(request.META.get("QUERY_STRING", "")):
            raise BadRequest("NUL character or invalid UTF-8 in the address")
        if request.content_type == self.FORM and not _readable(request.body, allow_nul=True):
            raise BadRequest("form body is not UTF-8")
        return self.get_response(request)


def _readable(encoded: str | bytes, *, allow_nul: bool = False) -> bool:
    """Whether a percent-encoded query (or form body) is UTF-8 once decoded."""
    raw = encoded.encode("latin-1", "replace") if isinstance(encoded, str) else encoded
    decoded = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return allow_nul or b"\x00" not in decoded
