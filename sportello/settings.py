"""Sportello settings: one file, read from environment variables with safe development defaults.

Every variable read here is documented in docs/configuration.md (a test checks it).
"""

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    return env(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(env(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Where runtime data lives: SQLite database, generated secret key, data key, collected static files.
VAR_DIR = Path(env("SPORTELLO_VAR_DIR", str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_from_file(path: Path) -> str:
    """Read a secret kept in a file, creating it (readable by the owner only) on first use."""
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


# One switch for a real deployment: it turns on the safe production defaults (HTTPS-only cookies,
# HSTS, two-factor sign-in, no automatic data key, no demo data). Each can still be set on its own.
PRODUCTION = envbool("SPORTELLO_PRODUCTION", "false")
ON_IN_PRODUCTION = "true" if PRODUCTION else "false"

DEBUG = envbool("DEBUG", "false")
SECRET_KEY = env("SECRET_KEY") or _secret_from_file(VAR_DIR / "secret_key")
# A key generated into the var directory is for development: production refuses it (system check
# sportello.E003), since it lives next to the database and its backups.
SECRET_KEY_GENERATED = not env("SECRET_KEY")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_ROOT = env("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")

# The key that encrypts identities and free-text notes; it must live outside the database
# (and outside backups of the database). Created on first use in development.
DATA_KEY_FILE = Path(env("SPORTELLO_DATA_KEY_FILE", str(VAR_DIR / "data.key")))
# Create the data key on first use when missing (development and demo). Set false in production:
# a missing key is then an error instead of a new key that cannot read the existing data.
DATA_KEY_AUTOCREATE = envbool("SPORTELLO_DATA_KEY_AUTOCREATE", "false" if PRODUCTION else "true")

# Password of the demo users created by `sportello demo` (random and printed once when unset).
DEMO_PASSWORD = env("SPORTELLO_DEMO_PASSWORD")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "sportello.core",
    "sportello.accounts",
    "sportello.territory",
    "sportello.directory",
    "sportello.casework",
    "sportello.outreach",
    "sportello.indicators",
    "sportello.learning",
    "sportello.communication",
    "sportello.coordination",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "sportello.core.middleware.StaffLanguageMiddleware",
    "sportello.core.middleware.NoStoreMiddleware",
    "sportello.core.middleware.UnreadableRequestMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sportello.urls"
WSGI_APPLICATION = "sportello.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sportello" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sportello.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file under var/ by default (WAL mode); DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'sportello.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            # Erased identities and notes are overwritten in the file, not just unlinked.
            " PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username + address first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "sportello.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("SPORTELLO_PASSWORD_MIN_LENGTH", "12")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = envint("SPORTELLO_PASSWORD_RESET_HOURS", "24") * 3600

# Two-step sign-in (TOTP app + single-use recovery codes, django-otp): required for the roles that
# see personal data (accounts.models.ROLES_WITH_PERSONAL_DATA) when on; anyone may turn it on.
REQUIRE_2FA = envbool("SPORTELLO_REQUIRE_2FA", ON_IN_PRODUCTION)
OTP_TOTP_ISSUER = "Sportello"

# Sensitive actions (exports of personal or indicator data, erasure, user and role changes) need
# the password (and code) typed within this many minutes, else they ask for it again.
RECENT_AUTH_MINUTES = envint("SPORTELLO_REAUTH_MINUTES", "10")

# Sign-in lockout (django-axes, accounts/throttle.py): after this many wrong passwords or codes for
# one username from one IP address, that pair is locked out for this many minutes.
AXES_FAILURE_LIMIT = envint("SPORTELLO_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("SPORTELLO_LOGIN_LOCKOUT_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "sportello.accounts.throttle.attempt_key"
AXES_LOCKOUT_CALLABLE = "sportello.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = False  # cleared when the whole sign-in finishes (after the code)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time shown to the user holds
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in our audit log
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]

# Sessions are kept in the database under a hash of their key, never the key (core/sessions.py).
SESSION_ENGINE = "sportello.core.sessions"
# Sessions end after this many idle minutes (the expiry is renewed on every request).
SESSION_COOKIE_AGE = envint("SPORTELLO_SESSION_IDLE_MINUTES", "30") * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = envbool("SECURE_COOKIES", ON_IN_PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS: in production every plain-HTTP request is redirected to HTTPS (the health check
# excepted, for probes on the local network) and browsers are told to use HTTPS only (HSTS).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", ON_IN_PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", ON_IN_PRODUCTION)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", ON_IN_PRODUCTION)
# Behind a reverse proxy that terminates TLS: the header it sets on HTTPS requests, e.g.
# X-Forwarded-Proto (its value must then be "https"). Only when the proxy always sets (or strips)
# it: otherwise a client could claim HTTPS by sending the header itself.
_PROXY_SSL_HEADER = env("SECURE_PROXY_SSL_HEADER").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)

# Languages: Italian first. Staff pages speak Italian and English; public pages all six.
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("ro", "Română"),
    ("sq", "Shqip"),
]
PUBLIC_LANGUAGES = envlist("SPORTELLO_PUBLIC_LANGUAGES", "it,en,fr,ar,ro,sq")
STAFF_LANGUAGES = envlist("SPORTELLO_STAFF_LANGUAGES", "it,en")
LOCALE_PATHS = [BASE_DIR / "sportello" / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "it"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("it",)
TIME_ZONE = env("TIME_ZONE", "Europe/Rome")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Directory freshness: a service whose record was last checked longer ago than this (or never)
# is "stale" and listed for the operators to confirm or correct.
STALE_AFTER_DAYS = envint("SPORTELLO_STALE_AFTER_DAYS", "180")
# HSDS import: the largest package the staff page accepts (MB); a ZIP package may unpack to at
# most four times this, on the page and on the command line.
HSDS_IMPORT_MAX_MB = envint("SPORTELLO_HSDS_IMPORT_MAX_MB", "50")

# Casework referrals: the provider's one-time link expires after this many days; a referral sent
# and not answered after this many days is overdue and shows on the operator's "today" page.
REFERRAL_LINK_DAYS = envint("SPORTELLO_REFERRAL_LINK_DAYS", "30")
REFERRAL_OVERDUE_DAYS = envint("SPORTELLO_REFERRAL_OVERDUE_DAYS", "7")
# Intakes sent through a place's link (no account): at most this many per link per day.
INTAKE_LINK_DAILY_LIMIT = envint("SPORTELLO_INTAKE_LINK_DAILY_LIMIT", "20")
# Retention: `sportello retention` erases the identity and free text of people whose paths all
# closed more than this many months ago (or, without paths, with nothing recorded for as long).
RETENTION_MONTHS = envint("SPORTELLO_RETENTION_MONTHS", "24")

# Coordination group: meeting attachments (stored under MEDIA_ROOT, served to staff only) may be
# at most this many megabytes.
COORDINATION_ATTACHMENT_MAX_MB = envint("SPORTELLO_ATTACHMENT_MAX_MB", "10")
# Public event registration: at most this many submissions from one address per window
# (seconds), and the form must have been open at least this many seconds (bots are faster).
EVENT_REGISTRATION_LIMIT = envint("SPORTELLO_EVENT_REGISTRATION_LIMIT", "10")
EVENT_REGISTRATION_WINDOW = envint("SPORTELLO_EVENT_REGISTRATION_WINDOW", "3600")
EVENT_FORM_MIN_SECONDS = envint("SPORTELLO_EVENT_FORM_MIN_SECONDS", "3")
# Registrants' names, organisations and e-mails are erased by `sportello retention` this many
# months after the event (attendance stays, for the counts).
EVENT_RETENTION_MONTHS = envint("SPORTELLO_EVENT_RETENTION_MONTHS", "3")
# Courses: a person completes a course (and gets a certificate) after attending at least this
# share of its planned hours.
COURSE_COMPLETION_PERCENT = envint("SPORTELLO_COURSE_COMPLETION_PERCENT", "70")

# Public directory maps: the tile server (Leaflet URL template) and its attribution. The pages stay
# usable without tiles: addresses are always listed as text.
MAP_TILES_URL = env("SPORTELLO_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env(
    "SPORTELLO_MAP_TILES_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def tiles_origin(url_template: str) -> str | None:
    """The origin of a Leaflet tile URL template, as a CSP source (None for our own origin).
    A placeholder in the host ({s}.tile.example.org) becomes a wildcard (*.tile.example.org)."""
    parts = urlsplit(url_template)
    if not parts.scheme or not parts.netloc:
        return None
    host = re.sub(r"^\{[^}]*\}", "*", parts.netloc)
    if "{" in host:  # a placeholder elsewhere in the host: any host of that scheme
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


# Content-Security-Policy (django-csp) on every response: only our own scripts, styles and
# fonts (no inline script or style anywhere), images from us, data: URLs and the map tile server,
# no plugins, no <base>, forms posting only to us, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [tiles_origin(MAP_TILES_URL)])],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# E-mail: printed on the console unless an SMTP host is configured.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = envint("EMAIL_PORT", "587")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "sportello@localhost")

# Logging: to the console, without request bodies or personal data.
# Secret links (/r/<token>/, /intake/<token>/, /ical/<token>.ics, password resets) are redacted.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "sportello.core.logredact.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # one line per failure and lockout (username, IP masked)
    },
}
