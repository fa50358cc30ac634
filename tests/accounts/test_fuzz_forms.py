"""Input fuzzing of the coordinator's user form (creation with an e-mailed invitation, and
editing): bad input is refused with the form's errors and writes nothing (no user, no e-mail);
names in Arabic or with emoji are kept."""

import html

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role, User
from tests.conftest import sign_in
from tests.fuzz import FUZZ, LONG_EMAIL, rolled_back, row_counts, spoil, submit, writes

pytestmark = pytest.mark.django_db

ARABIC = "فاطمة"
ODD = "Zoë 😀 O’Neil e\u0301"


def user_data(ottiglio) -> dict:
    return {
        "username": "nuova.operatrice",
        "first_name": "Nuova",
        "last_name": "Operatrice",
        "email": "nuova@example.org",
        "role": Role.MUNICIPAL_OFFICER,
        "municipalities": [str(ottiglio.pk)],
        "language": "it",
        "is_active": "on",
    }


@pytest.fixture
def client(users) -> Client:
    client = Client()
    sign_in(client, users[Role.COORDINATOR])
    return client


@FUZZ
@given(data=st.data())
def test_a_spoilt_new_user_is_refused_cleanly(client, ottiglio, data):
    good = user_data(ottiglio)
    posted = data.draw(spoil(good, list(good)), label="posted")
    mail.outbox.clear()
    with rolled_back():
        response = submit(client, reverse("accounts:user_create"), posted)
        if response.status_code != 302:
            assert not mail.outbox  # no invitation for a refused user


@FUZZ
@given(data=st.data())
def test_a_spoilt_user_edit_is_refused_cleanly(client, users, ottiglio, data):
    good = user_data(ottiglio)
    posted = data.draw(spoil(good, list(good)), label="posted")
    edited = users[Role.OPERATOR]
    with rolled_back():
        submit(client, reverse("accounts:user_edit", args=[edited.code]), posted)


def test_the_valid_submissions_are_accepted(client, users, ottiglio):
    before = row_counts()
    created = client.post(reverse("accounts:user_create"), user_data(ottiglio))
    assert created.status_code == 302
    edit = {**user_data(ottiglio), "username": "ignored"}
    edited = client.post(reverse("accounts:user_edit", args=[users[Role.OPERATOR].code]), edit)
    assert edited.status_code == 302
    assert writes(before)


@pytest.mark.parametrize("url", ["create", "edit"])
def test_an_address_too_long_to_store_is_refused_in_italian(client, users, ottiglio, url):
    """320 characters pass Django's e-mail check, but the column holds 254."""
    data = {**user_data(ottiglio), "email": LONG_EMAIL}
    path = (
        reverse("accounts:user_create")
        if url == "create"
        else reverse("accounts:user_edit", args=[users[Role.OPERATOR].code])
    )
    before = row_counts()
    response = client.post(path, data)
    assert response.status_code == 200
    assert "non contenga più di 254 caratteri" in response.content.decode()
    assert not writes(before)


def test_names_in_any_script_are_kept(client, ottiglio):
    data = {**user_data(ottiglio), "username": "فاطمة.z", "first_name": ARABIC, "last_name": ODD}
    assert client.post(reverse("accounts:user_create"), data).status_code == 302
    user = User.objects.get(username="فاطمة.z")
    assert (user.first_name, user.last_name) == (ARABIC, ODD)
    assert ODD in client.get(reverse("accounts:user_list")).content.decode()


@pytest.mark.parametrize("key", ["9223372036854775808", "-9223372036854775809", "9" * 40])
def test_a_municipality_number_too_large_for_the_database_is_refused(client, ottiglio, key):
    data = {**user_data(ottiglio), "municipalities": [str(ottiglio.pk), key]}
    before = row_counts()
    response = client.post(reverse("accounts:user_create"), data)
    assert response.status_code == 200
    assert "non è un valore valido" in html.unescape(response.content.decode())
    assert not writes(before)
