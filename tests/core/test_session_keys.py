"""Session keys are never stored in clear: the database holds a one-way hash of each key
(core/sessions.py), the cookie holds the key. A copy of the database opens no session."""

import io

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from sportello.core.sessions import SessionStore, stored_key
from tests.accounts.two_factor_helpers import device_code, password_step, with_app


def cookie(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def table() -> list[tuple]:
    """Every row of django_session as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM django_session")
        return cursor.fetchall()


def signed_in(client: Client) -> bool:
    return client.get("/app/").status_code == 200


def test_the_database_never_holds_the_session_cookie_yet_the_cookie_signs_in(client, users):
    password_step(client, "operator")
    key = cookie(client)
    rows = table()
    assert len(rows) == 1
    assert not Session.objects.filter(session_key=key).exists()
    assert not [value for row in rows for value in row if key in str(value)]
    assert signed_in(client)
    assert Session.objects.filter(session_key=stored_key(key)).exists()


def test_a_session_key_copied_from_the_database_into_a_cookie_signs_nobody_in(client, users):
    password_step(client, "coordinator")
    assert signed_in(client)
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = Session.objects.get().session_key
    response = thief.get("/app/")
    assert response.status_code == 302 and response["Location"].startswith("/app/login/")


def test_signing_out_deletes_the_session_from_the_database(client, users):
    password_step(client, "operator")
    assert Session.objects.count() == 1
    client.post("/app/logout/")
    assert Session.objects.count() == 0


def test_a_session_from_before_the_sign_in_is_dropped_by_it(client, users):
    planted = client.session  # e.g. a key an attacker got into the victim's browser
    planted["planted"] = True
    planted.save()
    old = cookie(client)
    password_step(client, "operator")
    assert cookie(client) != old
    assert not Session.objects.filter(session_key=stored_key(old)).exists()
    assert Session.objects.count() == 1
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = old
    assert not signed_in(attacker)


def test_the_code_step_renews_the_key_and_leaves_nothing_of_the_old_one(client, users):
    device, _codes = with_app(users["trainer"])
    password_step(client, "trainer")
    half_way = cookie(client)
    assert Session.objects.filter(session_key=stored_key(half_way)).exists()
    client.post("/app/login/code/", {"code": device_code(device)})
    assert cookie(client) != half_way
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        stored_key(cookie(client))
    ]
    assert signed_in(client)


def test_the_retention_run_deletes_expired_sessions_and_keeps_live_ones(users):
    idle, busy = Client(), Client()
    password_step(idle, "operator")
    password_step(busy, "trainer")
    Session.objects.filter(session_key=stored_key(cookie(idle))).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    call_command("retention", stdout=io.StringIO())  # it runs clearsessions
    assert list(Session.objects.values_list("session_key", flat=True)) == [stored_key(cookie(busy))]
    assert signed_in(busy)
    assert not signed_in(idle)


@pytest.mark.django_db
def test_async_code_stores_and_finds_sessions_by_the_hash_too():
    async def round_trip() -> str:
        store = SessionStore()
        await store.aset("seen", True)
        await store.asave()
        old = store.session_key
        await store.acycle_key()
        key = store.session_key
        assert not await store.aexists(old)
        assert await store.aexists(key)
        assert await SessionStore(key).aget("seen") is True
        assert not await SessionStore(stored_key(key)).aget("seen")
        await SessionStore(key).adelete()
        return key

    key = async_to_sync(round_trip)()
    assert not Session.objects.exists()
    assert len(stored_key(key)) == Session._meta.get_field("session_key").max_length
