"""Two-step sign-in: password, then a code from the authenticator app or a recovery code."""

import datetime as dt
import io
import os
import re
import subprocess
import sys

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import recovery_code_digest
from tests.accounts.two_factor_helpers import (
    app_code,
    device_code,
    key_on_page,
    password_step,
    with_app,
)


def codes_on_page(html: str) -> list[str]:
    """The recovery codes a page shows ("abcd-efgh"), as typed."""
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", html)


@pytest.fixture
def italian(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"
    return client


def test_signing_in_with_the_password_and_the_apps_code(italian, users):
    device, _codes = with_app(users[Role.TRAINER])
    response = password_step(italian, "trainer", next_url="/app/project/")
    assert response["Location"] == "/app/login/code/?next=%2Fapp%2Fproject%2F"
    page = italian.get(response["Location"]).content.decode()
    assert "Apri l'app di autenticazione" in page
    response = italian.post(
        "/app/login/code/", {"code": device_code(device), "next": "/app/project/"}
    )
    assert response["Location"] == "/app/project/"
    assert italian.get("/app/project/").status_code == 200
    details = list(
        AuditEvent.objects.filter(user=users[Role.TRAINER], action="login").values_list(
            "detail", flat=True
        )
    )
    assert details == ["authenticator app", "password; code next"]


def test_the_password_alone_opens_no_staff_page_while_the_code_is_due(italian, users):
    with_app(users[Role.COORDINATOR])
    password_step(italian, "coordinator")
    for url in ["/app/", "/app/users/", "/app/people/", "/app/account/", "/app/password/"]:
        response = italian.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/app/login/code/?next="), url
    # Nor can someone who knows only the password set up a phone of their own.
    assert italian.get("/app/account/two-step/")["Location"].startswith("/app/login/code/")
    assert TOTPDevice.objects.filter(user=users[Role.COORDINATOR]).count() == 1


def test_a_wrong_code_is_refused_and_the_app_then_makes_you_wait(italian, users):
    device, _codes = with_app(users[Role.OPERATOR])
    password_step(italian, "operator")
    wrong = "000000" if device_code(device) != "000000" else "111111"
    response = italian.post("/app/login/code/", {"code": wrong})
    assert response.status_code == 200
    assert "Questo codice non è corretto" in response.content.decode()
    assert italian.get("/app/today/").status_code == 302
    # Straight after a wrong code even the right one is not looked at (exponential back-off).
    response = italian.post("/app/login/code/", {"code": device_code(device)})
    assert "Troppi codici errati" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed", detail="wrong code").count() == 1
    # A moment later it is.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(minutes=1)
    )
    response = italian.post("/app/login/code/", {"code": device_code(device)})
    assert response["Location"] == "/app/today/"


def test_a_code_is_accepted_once(client, users):
    device, _codes = with_app(users[Role.OPERATOR])
    code = device_code(device)
    password_step(client, "operator")
    assert client.post("/app/login/code/", {"code": code}).status_code == 302
    client.post("/app/logout/")
    password_step(client, "operator")
    response = client.post("/app/login/code/", {"code": code})
    assert response.status_code == 200  # someone who saw it over the shoulder cannot reuse it


def test_a_recovery_code_signs_in_once(italian, users):
    _device, codes = with_app(users[Role.OPERATOR])
    password_step(italian, "operator")
    typed = f"{codes[0][:4]}-{codes[0][4:]}".upper()  # as printed, in capitals
    response = italian.post("/app/login/code/", {"code": typed}, follow=True)
    assert response.redirect_chain[-1][0] == "/app/today/"
    assert "Hai usato un codice di recupero: ne restano 9" in response.content.decode()
    italian.post("/app/logout/")
    password_step(italian, "operator")
    response = italian.post("/app/login/code/", {"code": codes[0]})
    assert response.status_code == 200
    assert "non è corretto" in response.content.decode()
    assert StaticToken.objects.filter(token=codes[0]).count() == 0
    assert AuditEvent.objects.filter(action="login", detail="recovery code (9 left)").exists()


def test_the_recovery_codes_are_not_in_the_database_and_a_stored_value_is_no_code(italian, users):
    _device, codes = with_app(users[Role.OPERATOR])
    stored = list(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    assert not set(stored) & {code.lower() for code in codes}
    assert not any(
        code.lower() in value or code.upper() in value for code in codes for value in stored
    )
    # Someone who copied the database types a stored value: refused, and nothing is used up.
    password_step(italian, "operator")
    response = italian.post("/app/login/code/", {"code": stored[0]})
    assert response.status_code == 200
    assert "non è corretto" in response.content.decode()
    assert StaticToken.objects.count() == 10


def test_the_server_administrator_gives_a_working_code_to_a_coordinator_locked_out(italian, users):
    from django.core.management import call_command

    with_app(users[Role.COORDINATOR])
    out = io.StringIO()
    call_command("recoverycode", "coordinator", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 8 and not StaticToken.objects.filter(token=code).exists()
    password_step(italian, "coordinator")
    response = italian.post("/app/login/code/", {"code": code})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        detail="one recovery code added by the server administrator"
    ).exists()


def test_when_required_a_user_without_an_app_must_set_one_up_before_anything_else(
    italian, users, settings
):
    settings.REQUIRE_2FA = True
    response = password_step(italian, "operator", next_url="/app/people/")
    assert response["Location"] == "/app/account/two-step/?next=%2Fapp%2Fpeople%2F"
    assert italian.get("/app/people/")["Location"].startswith("/app/account/two-step/")
    page = italian.get(response["Location"]).content.decode()
    assert "<svg" in page and "<script" not in page  # the QR code is drawn in the page
    assert "il tuo ruolo può vedere i dati personali" in page.lower()
    key = key_on_page(page)
    response = italian.post(
        "/app/account/two-step/", {"code": app_code(key), "next": "/app/people/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/app/account/recovery-codes/?next=%2Fapp%2Fpeople%2F"
    page = response.content.decode()
    shown = codes_on_page(page)
    stored = StaticToken.objects.filter(device__user=users[Role.OPERATOR])
    assert len(shown) == 10
    assert {recovery_code_digest(code) for code in shown} == {t.token for t in stored}
    assert "Sono mostrati solo ora" in page
    printable = italian.get("/app/account/recovery-codes/print/").content.decode()
    assert codes_on_page(printable) == shown
    response = italian.post("/app/account/recovery-codes/", {"next": "/app/people/"})
    assert response["Location"] == "/app/people/"
    assert italian.get("/app/people/").status_code == 200
    # Shown once: not again.
    again = italian.get("/app/account/recovery-codes/").content.decode()
    assert not codes_on_page(again) and shown[0] not in again
    assert italian.get("/app/account/recovery-codes/print/").status_code == 302
    # The audit log says what happened, and holds neither the key nor a code.
    enrolled = AuditEvent.objects.get(object_type="two_factor")
    assert enrolled.action == "create"
    assert enrolled.object_code == str(users[Role.OPERATOR].code)
    every_detail = " ".join(AuditEvent.objects.values_list("detail", flat=True))
    assert key.hex() not in every_detail
    assert not any(code.replace("-", "") in every_detail for code in shown)
    assert not any(token.token in every_detail for token in stored)


def test_a_wrong_code_at_enrolment_turns_nothing_on(italian, users, settings):
    settings.REQUIRE_2FA = True
    password_step(italian, "trainer")
    response = italian.post("/app/account/two-step/", {"code": "12345"})
    assert "Scrivi le sei cifre" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=users[Role.TRAINER], confirmed=True).exists()
    assert italian.get("/app/")["Location"].startswith("/app/account/two-step/")


def test_roles_without_personal_data_are_not_made_to_set_it_up(client, users, settings):
    settings.REQUIRE_2FA = True
    for username in ("municipal_officer", "partner_staff"):
        response = password_step(client, username)
        assert response["Location"] == "/app/"
        assert client.get("/app/").status_code == 200
        client.post("/app/logout/")


def test_without_the_requirement_the_password_is_enough(client, users, settings):
    settings.REQUIRE_2FA = False
    assert password_step(client, "coordinator")["Location"] == "/app/"
    assert client.get("/app/users/").status_code == 200


def test_anyone_may_turn_it_on_make_new_codes_and_turn_it_off(client_for, users):
    client = client_for(Role.PARTNER_STAFF)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"
    page = client.get("/app/account/").content.decode()
    assert "Verifica in due passaggi" in page and "disattivata" in page
    key = key_on_page(client.get("/app/account/two-step/").content.decode())
    client.post("/app/account/two-step/", {"code": app_code(key)})
    old = set(
        StaticToken.objects.filter(device__user=users[Role.PARTNER_STAFF]).values_list(
            "token", flat=True
        )
    )
    client.post("/app/account/recovery-codes/")  # kept
    assert "10 codici di recupero rimasti" in client.get("/app/account/").content.decode()
    response = client.post("/app/account/recovery-codes/new/", follow=True)
    new = set(
        StaticToken.objects.filter(device__user=users[Role.PARTNER_STAFF]).values_list(
            "token", flat=True
        )
    )
    assert len(new) == 10 and not old & new
    shown = codes_on_page(response.content.decode())
    assert {recovery_code_digest(code) for code in shown} == new
    client.post("/app/account/two-step/off/")
    assert not TOTPDevice.objects.filter(user=users[Role.PARTNER_STAFF]).exists()
    assert not StaticToken.objects.filter(device__user=users[Role.PARTNER_STAFF]).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="two_factor")
        .order_by("id")
        .values_list("action", "detail")
    )
    assert actions == [
        ("create", "authenticator app added; 10 recovery codes"),
        ("update", "recovery codes replaced (10 new)"),
        ("delete", "turned off by the user"),
    ]


def test_it_cannot_be_turned_off_by_a_role_that_requires_it(client_for, users, settings):
    settings.REQUIRE_2FA = True
    with_app(users[Role.OPERATOR])
    client = client_for(Role.OPERATOR)
    assert "Disattiva la verifica" not in client.get("/app/account/").content.decode()
    client.post("/app/account/two-step/off/")
    assert TOTPDevice.objects.filter(user=users[Role.OPERATOR]).exists()


def test_the_coordinator_resets_it_for_someone_who_lost_the_phone(
    coordinator_client, client, users, settings
):
    settings.REQUIRE_2FA = True
    with_app(users[Role.TRAINER])
    operator_code = users[Role.TRAINER].code
    coordinator_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"
    users_page = coordinator_client.get("/app/users/").content.decode()
    assert "Verifica in due passaggi" in users_page
    page = coordinator_client.get(f"/app/users/{operator_code}/").content.decode()
    assert "Azzera la verifica in due passaggi" in page
    response = coordinator_client.post(f"/app/users/{operator_code}/two-step/reset/")
    assert response["Location"] == f"/app/users/{operator_code}/"
    assert not TOTPDevice.objects.filter(user=users[Role.TRAINER]).exists()
    reset = AuditEvent.objects.get(object_type="two_factor", action="delete")
    assert reset.user == users[Role.COORDINATOR]
    assert reset.object_code == str(operator_code)
    assert reset.detail == "reset by the coordinator"
    # At the next sign-in the trainer sets up a new app.
    assert password_step(client, "trainer")["Location"].startswith("/app/account/two-step/")


def test_only_the_coordinator_resets_it(client_for, users):
    device, _codes = with_app(users[Role.TRAINER])
    for role in (Role.OPERATOR, Role.TRAINER, Role.MUNICIPAL_OFFICER):
        response = client_for(role).post(f"/app/users/{users[Role.TRAINER].code}/two-step/reset/")
        assert response.status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def _setting(name: str, tmp_path, **env) -> object:
    """A setting as a fresh process reads it from these environment variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SPORTELLO_")}
    done = subprocess.run(
        [sys.executable, "-c", f"from sportello import settings; print(settings.{name})"],
        env={**clean, "SPORTELLO_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_it_is_required_in_production_and_not_in_the_demo(tmp_path):
    assert _setting("REQUIRE_2FA", tmp_path) == "False"
    assert _setting("REQUIRE_2FA", tmp_path, SPORTELLO_PRODUCTION="true") == "True"
    assert (
        _setting(
            "REQUIRE_2FA", tmp_path, SPORTELLO_PRODUCTION="true", SPORTELLO_REQUIRE_2FA="false"
        )
        == "False"
    )


def test_recovery_codes_kept_in_clear_by_an_earlier_version_still_work_once_hashed(italian, users):
    import importlib

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice

    user = users[Role.OPERATOR]
    with_app(user)
    device = StaticDevice.objects.get(user=user)
    StaticToken.objects.create(device=device, token="abcd2345")  # as django-otp stored it
    upgrade = importlib.import_module("sportello.accounts.migrations.0002_recovery_codes_hashed")
    upgrade.hash_clear_codes(apps, None)
    assert not StaticToken.objects.filter(token="abcd2345").exists()
    assert StaticToken.objects.filter(device=device).count() == 11
    password_step(italian, "operator")
    assert italian.post("/app/login/code/", {"code": "ABCD-2345"}).status_code == 302
