"""Sign-in lockout (django-axes): too many wrong passwords or codes for one username from one
address lock that pair out for a while, with a clear message saying until when."""

import datetime as dt
import html
import re

from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sportello.accounts.models import AuditEvent, Role
from tests.accounts.two_factor_helpers import device_code, with_app
from tests.conftest import PASSWORD

LOCKED = "L'account è temporaneamente bloccato"


def text(response) -> str:
    return html.unescape(response.content.decode())


def wrong_password(client, username="operator", **extra):
    return client.post(
        "/app/login/",
        {"username": username, "password": "not the password"},
        HTTP_ACCEPT_LANGUAGE="it",
        **extra,
    )


def right_password(client, username="operator", **extra):
    return client.post(
        "/app/login/",
        {"username": username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="it",
        **extra,
    )


def cool_off_passes():
    """Sixteen minutes later (for the lockout and for the devices' own back-off)."""
    earlier = timezone.now() - dt.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=earlier)
    for model in (TOTPDevice, StaticDevice):
        model.objects.exclude(throttling_failure_timestamp=None).update(
            throttling_failure_timestamp=earlier
        )


def test_the_fifth_wrong_password_locks_the_account_and_says_until_when(client, users, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    for _ in range(4):
        assert LOCKED not in text(wrong_password(client))
    response = wrong_password(client)
    page = text(response)
    assert response.status_code == 429
    until = timezone.localtime() + dt.timedelta(minutes=15)
    assert f"{LOCKED} dopo troppi tentativi non riusciti. Riprova dopo le " in page
    shown = re.search(r"Riprova dopo le (\d\d:\d\d)", page)[1]
    assert abs(int(shown[:2]) * 60 + int(shown[3:]) - (until.hour * 60 + until.minute)) <= 1
    # The right password does not help while locked.
    response = right_password(client)
    assert response.status_code == 429 and LOCKED in text(response)
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(action="login_failed")
    assert failed.count() == 6
    assert failed.filter(detail="locked out").count() == 2
    # Neither the audit log nor the attempts table holds the username typed.
    assert not AccessAttempt.objects.filter(username__icontains="operator").exists()
    assert not AuditEvent.objects.filter(detail__icontains="operator").exists()


def test_the_lock_lifts_after_the_cool_off(client, users, settings):
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=1)
    for _ in range(5):
        wrong_password(client)
    assert right_password(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=2))
    assert right_password(client)["Location"] == "/app/today/"


def test_the_lock_holds_one_username_from_one_address(client, users):
    for _ in range(5):
        wrong_password(client)
    assert right_password(client).status_code == 429
    # The same person from another address, and another user from the same one, sign in.
    assert right_password(client, REMOTE_ADDR="192.0.2.7").status_code == 302
    client.post("/app/logout/")
    assert right_password(client, username="trainer").status_code == 302


def test_an_unknown_username_is_locked_just_the_same(client, users):
    for _ in range(5):
        response = wrong_password(client, username="nobody")
    assert response.status_code == 429 and LOCKED in text(response)


def test_a_finished_sign_in_starts_the_count_again(client, users):
    for _ in range(4):
        wrong_password(client)
    assert right_password(client).status_code == 302
    client.post("/app/logout/")
    for _ in range(4):
        assert wrong_password(client).status_code == 200
    assert right_password(client).status_code == 302


def test_wrong_codes_count_too_and_the_password_alone_does_not_clear_them(client, users):
    device, _codes = with_app(users[Role.OPERATOR])
    right_password(client)
    for _ in range(4):
        response = client.post("/app/login/code/", {"code": "abcd-efgh"}, HTTP_ACCEPT_LANGUAGE="it")
        assert response.status_code == 200
    client.post("/app/logout/")
    # Knowing the password buys no fresh guesses at the code.
    assert right_password(client)["Location"].startswith("/app/login/code/")
    response = client.post("/app/login/code/", {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 429
    assert LOCKED in text(response)
    assert "_auth_user_id" not in client.session  # the half-finished session is over
    assert right_password(client).status_code == 429
    locked = AuditEvent.objects.filter(
        action="login_failed", user=users[Role.OPERATOR], detail="locked out"
    )
    assert locked.count() == 1
    # After the cool-off, password and the right code sign in.
    cool_off_passes()
    right_password(client)
    response = client.post("/app/login/code/", {"code": device_code(device)})
    assert response["Location"] == "/app/today/"


def test_a_password_reset_neither_lifts_the_lock_nor_skips_the_code(client, users):
    with_app(users[Role.TRAINER])
    for _ in range(5):
        wrong_password(client, username="trainer")
    client.post("/app/password/reset/", {"email": "trainer@example.org"})
    link = re.search(r"http://testserver(/app/password/reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    new = "a brand new long password 31"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert "_auth_user_id" not in client.session  # the reset signs nobody in
    locked = client.post("/app/login/", {"username": "trainer", "password": new})
    assert locked.status_code == 429
    cool_off_passes()
    response = client.post("/app/login/", {"username": "trainer", "password": new})
    assert response["Location"].startswith("/app/login/code/")
    assert client.get("/app/").status_code == 302
