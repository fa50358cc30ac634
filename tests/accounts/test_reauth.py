"""Sensitive actions (exports of personal or indicator data, erasure, user and role changes) ask
for the password again — and the code, with an authenticator app — when it was last typed more
than SPORTELLO_REAUTH_MINUTES ago; then the user is back where they were."""

import html
import time

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from sportello.accounts import signin
from sportello.accounts.models import AuditEvent, Role
from tests.accounts.two_factor_helpers import device_code, with_app
from tests.conftest import PASSWORD


def confirmed_minutes_ago(client, minutes: float) -> None:
    session = client.session
    session[signin.CONFIRMED_AT] = time.time() - minutes * 60
    session.save()


@pytest.fixture
def coordinator(client_for):
    client = client_for(Role.COORDINATOR)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"
    confirmed_minutes_ago(client, 60)
    return client


def test_an_export_asks_for_the_password_then_downloads(coordinator, users, settings):
    assert settings.RECENT_AUTH_MINUTES == 10
    response = coordinator.get("/app/indicators/extract.csv")
    assert response["Location"] == "/app/account/confirm/?next=%2Fapp%2Findicators%2Fextract.csv"
    assert not AuditEvent.objects.filter(action="export").exists()
    page = coordinator.get(response["Location"]).content.decode()
    assert "Conferma la tua identità" in page
    assert "resta confermata per 10 minuti" in page
    wrong = coordinator.post(
        "/app/account/confirm/", {"password": "nope", "next": "/app/indicators/extract.csv"}
    )
    assert "Questa password non è corretta" in html.unescape(wrong.content.decode())
    assert AuditEvent.objects.filter(
        action="login_failed", detail="confirmation: wrong password"
    ).exists()
    response = coordinator.post(
        "/app/account/confirm/", {"password": PASSWORD, "next": "/app/indicators/extract.csv"}
    )
    assert response["Location"] == "/app/indicators/extract.csv"
    download = coordinator.get("/app/indicators/extract.csv")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert AuditEvent.objects.filter(
        user=users[Role.COORDINATOR], action="login", detail="identity confirmed again"
    ).exists()
    assert AuditEvent.objects.filter(action="export", object_code="extract").exists()


def test_the_confirmation_lasts_the_set_number_of_minutes(coordinator, settings):
    confirmed_minutes_ago(coordinator, 9)
    assert coordinator.get("/app/indicators/extract.csv").status_code == 200
    settings.RECENT_AUTH_MINUTES = 5
    assert coordinator.get("/app/indicators/extract.csv").status_code == 302


def test_with_an_app_the_code_is_asked_too(client_for, users):
    device, _codes = with_app(users[Role.OPERATOR])
    client = client_for(Role.OPERATOR)
    confirmed_minutes_ago(client, 60)
    page = client.get("/app/account/confirm/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert 'name="code"' in page
    response = client.post("/app/account/confirm/", {"password": PASSWORD, "code": "nope"})
    assert response.status_code == 200
    assert time.time() - client.session[signin.CONFIRMED_AT] > 3000  # still not confirmed
    response = client.post(
        "/app/account/confirm/",
        {"password": PASSWORD, "code": device_code(device), "next": "/app/people/"},
    )
    assert response["Location"] == "/app/people/"
    assert AuditEvent.objects.filter(detail="identity confirmed again (app)").exists()


def test_a_role_change_is_not_replayed_after_confirming(coordinator, users):
    operator = users[Role.OPERATOR]
    form_url = f"/app/users/{operator.code}/"
    change = {
        "username": "operator",
        "email": "operator@example.org",
        "role": Role.TRAINER,
        "language": "it",
        "is_active": "on",
    }
    response = coordinator.post(form_url, change, HTTP_REFERER=f"http://testserver{form_url}")
    assert response["Location"] == f"/app/account/confirm/?next={form_url.replace('/', '%2F')}"
    operator.refresh_from_db()
    assert operator.role == Role.OPERATOR  # nothing happened yet
    response = coordinator.post(
        "/app/account/confirm/", {"password": PASSWORD, "next": form_url}, follow=True
    )
    assert response.redirect_chain == [(form_url, 302)]  # back to the form, as a GET
    operator.refresh_from_db()
    assert operator.role == Role.OPERATOR
    coordinator.post(form_url, change)
    operator.refresh_from_db()
    assert operator.role == Role.TRAINER
    assert AuditEvent.objects.filter(
        action="update", object_code=str(operator.code), detail="role operator->trainer"
    ).exists()


def test_a_post_only_action_comes_back_to_its_page(coordinator, users):
    trainer = users[Role.TRAINER]
    with_app(trainer)
    response = coordinator.post(f"/app/users/{trainer.code}/two-step/reset/")  # no Referer
    assert response["Location"].endswith(
        "?next=" + f"/app/users/{trainer.code}/".replace("/", "%2F")
    )


def test_the_confirmation_never_sends_you_off_the_site(coordinator):
    for unsafe in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = coordinator.post("/app/account/confirm/", {"password": PASSWORD, "next": unsafe})
        assert response["Location"] == "/app/"


def test_wrong_passwords_when_confirming_lock_out_and_end_the_session(coordinator):
    for _ in range(4):
        assert coordinator.post("/app/account/confirm/", {"password": "x"}).status_code == 200
    response = coordinator.post("/app/account/confirm/", {"password": "x"})
    assert response.status_code == 429
    assert "L'account è temporaneamente bloccato" in html.unescape(response.content.decode())
    assert coordinator.get("/app/").status_code == 302  # signed out


def test_the_erasure_and_the_access_export_ask_first(client_for, users):
    from tests.casework.people_helpers import person

    someone = person(users[Role.OPERATOR])
    client = client_for(Role.OPERATOR)
    confirmed_minutes_ago(client, 60)
    for url in [
        f"/app/people/{someone.code}/export.json",
        f"/app/people/{someone.code}/export.pdf",
    ]:
        assert client.get(url)["Location"].startswith("/app/account/confirm/"), url
    coordinator = client_for(Role.COORDINATOR)
    confirmed_minutes_ago(coordinator, 60)
    response = coordinator.post(f"/app/people/{someone.code}/erase/", {"code": someone.code})
    assert response["Location"].startswith("/app/account/confirm/")
    someone.refresh_from_db()
    assert someone.erased_at is None


def test_a_session_ends_after_thirty_idle_minutes(client, users):
    client.post("/app/login/", {"username": "trainer", "password": PASSWORD})
    session = Session.objects.get()
    # Every request pushes the end thirty minutes further.
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=1))
    assert client.get("/app/").status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date - timezone.now()
    assert timezone.timedelta(minutes=29) < renewed <= timezone.timedelta(minutes=30)
    # Thirty minutes without one and it is over.
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/app/")
    assert response.status_code == 302 and response["Location"].startswith("/app/login/")


def test_a_slow_enrolment_asks_for_the_password_again_without_going_round_in_circles(
    client, users, settings
):
    settings.REQUIRE_2FA = True
    client.post("/app/login/", {"username": "trainer", "password": PASSWORD})
    confirmed_minutes_ago(client, 60)
    response = client.get("/app/account/two-step/", follow=True)
    assert response.redirect_chain == [
        ("/app/account/confirm/?next=%2Fapp%2Faccount%2Ftwo-step%2F", 302)
    ]
    response = client.post(
        "/app/account/confirm/", {"password": PASSWORD, "next": "/app/account/two-step/"}
    )
    assert response["Location"] == "/app/account/two-step/"
    assert client.get("/app/account/two-step/").status_code == 200
    assert client.get("/app/").status_code == 302  # still owes the enrolment
