"""Web hardening: the Content-Security-Policy, production refusing to start unsafely, HTTPS,
no browser cache for personal data, and no personal data in addresses."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sportello.accounts.models import Role
from sportello.core.checks import production_is_safe
from sportello.core.models import DemoData
from sportello.settings import tiles_origin
from tests.casework.people_helpers import NAME, english, person

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "sportello").glob("**/templates/**/*.html"))


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


# --- Content-Security-Policy -----------------------------------------------------------------


def test_every_kind_of_response_carries_the_strict_policy(client, client_for, settings):
    operator = client_for(Role.OPERATOR)
    for response in (
        client.get("/it/"),
        client.get("/ar/directory/"),
        client.get("/api/hsds/services"),
        client.get("/api/hsds/openapi.json"),
        client.get("/it/no-such-page/"),
        operator.get("/app/"),
    ):
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png", "https://*.tiles.example.org:8443"),
        ("/tiles/{z}/{x}/{y}.png", None),  # our own origin: 'self' already allows it
    ],
)
def test_map_tiles_are_allowed_from_the_configured_tile_server_only(template, origin):
    assert tiles_origin(template) == origin


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_have_no_inline_script_or_style(template):
    # The policy refuses them: they would silently not run (or not apply) in the browser.
    text = template.read_text()
    assert not re.search(r"\sstyle=", text), "style attribute: use a class in a stylesheet"
    assert not re.search(r"<style", text), "<style> block: move it to a stylesheet"
    assert not re.search(r"\son[a-z]+=", text), "event handler attribute: use a script file"
    assert "javascript:" not in text
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag, tag


def test_the_error_page_uses_the_stylesheet_not_an_inline_style(client):
    from django.test import RequestFactory

    from sportello.core.views import server_error

    page = server_error(RequestFactory().get("/")).content.decode()
    assert "<style" not in page
    assert 'rel="stylesheet"' in page


# --- production settings -----------------------------------------------------------------------


def production_env(tmp_path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith(("SECURE_", "SPORTELLO_"))
    }
    return {
        **env,
        "SPORTELLO_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sportello.example.org",
        "SPORTELLO_VAR_DIR": str(tmp_path / "var"),
        "SPORTELLO_DATA_KEY_FILE": str(tmp_path / "data.key"),
        **extra,
    }


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_production_configuration_passes_djangos_deployment_checks(tmp_path):
    done = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_with_debug_on(tmp_path):
    env = production_env(tmp_path, DEBUG="true")
    deploy = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert deploy.returncode != 0
    assert "sportello.E002" in deploy.stderr
    # Not only the deployment checklist: every command that starts the app (serve, migrate) stops.
    plain = manage(env, "check")
    assert plain.returncode != 0
    assert "sportello.E002" in plain.stderr


def test_production_refuses_a_generated_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    done = manage(env, "check")
    assert done.returncode != 0
    assert "sportello.E003" in done.stderr


HTTPS_PROBE = """
from django.test import Client
client = Client(HTTP_HOST="sportello.example.org")
plain = client.get("/app/")
print("plain", plain.status_code, plain.get("Location"))
health = client.get("/healthz")
print("health", health.status_code, "Strict-Transport-Security" in health)
proxied = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
print("proxied", proxied.status_code, proxied.get("Strict-Transport-Security"))
"""


def test_production_sends_plain_http_to_https_and_asks_for_https_only(tmp_path):
    env = production_env(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    done = manage(env, "shell", "-c", HTTPS_PROBE)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "plain 301 https://sportello.example.org/app/" in lines
    assert "health 200 False" in lines  # a local probe of the health check is not redirected
    assert "proxied 200 max-age=31536000; includeSubDomains; preload" in lines


def test_production_refuses_the_demo_data(db, settings):
    settings.PRODUCTION = True
    settings.SECRET_KEY_GENERATED = False
    assert production_is_safe() == []
    DemoData.objects.create()
    assert [error.id for error in production_is_safe()] == ["sportello.E004"]
    settings.PRODUCTION = False
    assert production_is_safe() == []


def test_the_demo_command_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never goes into production"):
        call_command("demo")
    assert not DemoData.objects.exists()


# --- no browser cache for personal data ---------------------------------------------------------


def test_personal_data_downloads_are_never_kept_in_the_browser_cache(client_for, users, client):
    operator = english(client_for(Role.OPERATOR))
    someone = person(users[Role.OPERATOR], identity=True)
    base = f"/app/people/{someone.code}"
    responses = {
        "record": operator.get(f"{base}/"),
        "export page": operator.get(f"{base}/export/"),
        "JSON export": operator.get(f"{base}/export.json"),
        "PDF export": operator.get(f"{base}/export.pdf"),
        "people list": operator.get("/app/people/"),
        "search results": operator.post("/app/people/", {"q": " ".join(NAME)}),
        "iCal feed": client.get("/ical/not-a-token.ics"),
        "intake link": client.get("/intake/not-a-token/"),
    }
    assert responses["JSON export"].status_code == 200
    assert responses["PDF export"]["Content-Type"] == "application/pdf"
    for what, response in responses.items():
        assert response["Cache-Control"] == "no-store", what


def test_the_answer_to_a_public_form_is_not_cached_either(client, db):
    # A form sent again with errors shows back what was typed (a name, an e-mail address).
    response = client.post("/it/no-such-form/", {"name": "Zenobia"})
    assert response["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/it/").get("Cache-Control", "")


# --- no personal data in addresses --------------------------------------------------------------
# The people search itself: tests/casework/test_people_register.py and, in the browser,
# tests/browser/test_security.py (no request address carries what was typed).


# Every GET form in a template was reviewed: none of its fields can carry a name, a phone number,
# an e-mail address or a document. A new one must be reviewed too — a search of people goes by POST.
REVIEWED_GET_FORMS = {
    "accounts/audit_log.html": "user (staff), action, object type, object code, dates",
    "casework/referral_detail.html": "the language of the slip",
    "directory/datapackage/import.html": "export filters on public services",
    "directory/public/_search_form.html": "public directory search (services, not people)",
    "directory/service_list.html": "service name, category, municipality",
    "indicators/dashboard.html": "period and municipality",
    "indicators/public.html": "period and municipality",
    "outreach/rota_list.html": "municipality, inactive slots",
    "territory/place_list.html": "municipality, kind of place",
}


def test_every_get_form_was_reviewed_for_personal_data():
    found = set()
    for template in TEMPLATES:
        for form in re.findall(r"<form\b[^>]*>", template.read_text(), re.IGNORECASE):
            if 'method="post"' not in form.lower():  # no method is a GET form too
                found.add(str(template).split("/templates/", 1)[1])
    assert found == set(REVIEWED_GET_FORMS)
