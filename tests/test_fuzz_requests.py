"""Requests no browser sends: NUL characters and invalid UTF-8 in the address or the form body
(lone surrogates, Latin-1, UTF-16), bodies too large or with too many fields, broken multipart
bodies, and garbage in the parameters some views read directly. The answer is a 400 page in the
reader's language (or the form's errors), never a 500, and nothing is written."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.casework.models import Beneficiary, Identity
from tests.casework.test_fuzz_forms import World, register_data
from tests.conftest import sign_in
from tests.fuzz import (
    BAD_BYTES,
    FUZZ,
    FUZZ_SLOW,
    nasty_text,
    raw_post,
    rolled_back,
    row_counts,
    writes,
)

pytestmark = pytest.mark.django_db

ITALIAN_400 = "Impossibile leggere la richiesta"


@pytest.fixture
def world(users) -> World:
    return World(users)


def unreadable(response) -> bool:
    if response.status_code != 400:
        return False
    if response["Content-Type"] == "application/json":  # the API answers as its schema says
        return response.json() == {"detail": "Bad request."}
    return ITALIAN_400 in response.content.decode()


# Every URL with a free-text (<str:>) part, as the role that may open it.
STR_URLS = [
    ("operator", "/app/people/{}/"),
    ("operator", "/app/people/{}/edit/"),
    ("operator", "/app/people/{}/paths/"),
    ("operator", "/app/people/{}/export.json"),
    ("coordinator", "/app/flyers/text/{}/"),
    (None, "/r/{}/"),
    (None, "/intake/{}/"),
    (None, "/ical/{}.ics"),
    (None, "/it/flyer/{}.pdf"),
    (None, "/it/flyer/all-{}.pdf"),
]


@pytest.mark.parametrize(("role", "url"), STR_URLS)
def test_a_nul_character_in_the_address_is_a_400(client_for, role, url):
    response = client_for(role).get(url.format("SM%00-7K2"))
    assert unreadable(response)
    if url.startswith(("/app/", "/r/", "/intake/", "/ical/")):
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("role", "url"), STR_URLS)
@FUZZ_SLOW
@given(part=nasty_text.filter(lambda s: "/" not in s and s.strip() and "\x00" not in s))
def test_any_other_text_in_the_address_is_not_found(client_for, role, url, part):
    from urllib.parse import quote

    response = client_for(role).get(url.format(quote(part, safe="")))
    assert response.status_code in (200, 302, 404, 410), response.status_code


QUERIES = [
    ("operator", "/app/people/"),
    ("coordinator", "/app/directory/"),
    ("coordinator", "/app/audit/"),
    (None, "/it/directory/"),
    (None, "/api/hsds/services"),
]


@pytest.mark.parametrize(("role", "url"), QUERIES)
@pytest.mark.parametrize(
    "query", ["q=%00", "q=a%00b&page=%00", "q=%ff%fe", "q=%ED%A0%80", "%C0%80"]
)
def test_an_unreadable_query_string_is_a_400(client_for, role, url, query):
    assert unreadable(client_for(role).get(f"{url}?{query}"))


def test_the_400_page_speaks_the_readers_language(client):
    arabic = client.get("/ar/directory/?q=%00")
    assert arabic.status_code == 400
    assert 'dir="rtl"' in arabic.content.decode() and "تعذّرت قراءة الطلب" in arabic.content.decode()


@pytest.mark.parametrize(
    "query", ["q=citt%C3%A0", "q=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7", "q=%F0%9F%98%80", "q=a+b%2Bc"]
)
def test_a_readable_query_string_is_served(client, query):
    assert client.get(f"/it/directory/?{query}").status_code == 200


@pytest.mark.parametrize("bad", BAD_BYTES)
def test_a_form_body_that_is_not_utf8_is_a_400_and_writes_nothing(world, bad):
    client = world.client(world.operator)
    body = b"gender=female&generation=first&year_of_birth=1990&first_name=" + b"".join(
        b"%%%02X" % byte for byte in bad
    )
    before = row_counts()
    response = raw_post(
        client, reverse("casework:person_create"), body, "application/x-www-form-urlencoded"
    )
    assert unreadable(response)
    assert not writes(before)
    # The same bytes not percent-encoded, as a broken client might send them.
    raw = raw_post(
        client,
        reverse("casework:person_create"),
        b"gender=female&generation=first&first_name=" + bad,
        "application/x-www-form-urlencoded",
    )
    assert unreadable(raw)
    assert not writes(before)


def test_a_utf8_form_body_is_read_exactly(world):
    name = "فاطمة 😀 Zoë"
    body = (
        "gender=female&generation=first&confirm_duplicates=on&first_name="
        + "".join(f"%{b:02X}" for b in name.encode())
    ).encode()
    response = raw_post(
        world.client(world.operator),
        reverse("casework:person_create"),
        body,
        "application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code == 302
    created = Beneficiary.objects.exclude(pk=world.person.pk).get()
    assert Identity.objects.get(beneficiary=created).first_name == name


@FUZZ
@given(body=st.binary(max_size=400))
def test_any_bytes_as_a_form_body_never_break_the_server(world, body):
    client = world.client(world.operator)
    with rolled_back():
        before = row_counts()
        response = raw_post(
            client, reverse("casework:person_create"), body, "application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 302, 400)
        if response.status_code != 302:
            assert not writes(before)


def test_a_multipart_body_with_invalid_utf8_does_not_break_the_server(world):
    """Multipart text is read with U+FFFD for the bytes that are not UTF-8 (as Django does):
    what is stored is valid text, never a 500."""
    boundary = "XyZ"
    parts = [("gender", b"female"), ("generation", b"first"), ("confirm_duplicates", b"on")]
    parts += [("first_name", b"\xed\xa0\x80 \xff")]
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in parts
    )
    body += f"--{boundary}--\r\n".encode()
    response = raw_post(
        world.client(world.operator),
        reverse("casework:person_create"),
        body,
        f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code in (200, 302, 400)
    for identity in Identity.objects.all():
        identity.first_name.encode("utf-8")  # no lone surrogate made it in


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data; boundary=XyZ", b"--XyZ\r\nContent-Disposition: form-data; name"),
        ("multipart/form-data", b"--XyZ\r\n\r\n"),  # no boundary
        ("multipart/form-data; boundary=" + "x" * 100, b"garbage"),
        ("multipart/form-data; boundary=XyZ", b"\x00" * 1000),
        ("application/x-www-form-urlencoded; charset=bogus-8", b"gender=female"),
        ("application/x-www-form-urlencoded; charset=utf-16", "gender=female".encode("utf-16")),
        ("application/json", b'{"gender": "female"}'),
        ("text/plain", b"\xff\xfe\x00"),
    ],
)
def test_a_broken_body_is_refused_cleanly(world, content_type, body):
    before = row_counts()
    response = raw_post(
        world.client(world.operator), reverse("casework:person_create"), body, content_type
    )
    assert response.status_code in (200, 400)
    assert not writes(before)


def test_a_body_too_large_or_with_too_many_fields_is_a_400(world, settings):
    client = world.client(world.operator)
    url = reverse("casework:person_create")
    before = row_counts()
    huge = {**register_data(world), "first_name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    assert unreadable(client.post(url, huge))
    many = {**register_data(world), **{f"f{i}": "1" for i in range(1001)}}
    assert unreadable(client.post(url, many))
    assert not writes(before)


@pytest.mark.parametrize("goal", ["abc", "", "9" * 40, "-1", "1.5", "\x00", "١"])
def test_garbage_as_the_goal_to_mark_achieved_is_refused_with_a_message(world, goal):
    url = reverse("tutoring:goal_achieved", kwargs={"code": world.path.code})
    before = row_counts()
    response = world.client(world.operator).post(url, {"goal": goal})
    assert response.status_code == 302
    assert not writes(before)


@pytest.mark.parametrize("value", ["abc", "9" * 40, "\x00", "-1", ""])
def test_garbage_as_the_consent_to_withdraw_is_refused(world, value):
    url = reverse("casework:consent_withdraw", kwargs={"code": world.person.code})
    before = row_counts()
    response = world.client(world.operator).post(url, {"consent": value})
    assert response.status_code == 404
    assert not writes(before)


@pytest.mark.parametrize("text", ["\x00", "x" * 5001, "", "   "])
def test_a_note_that_cannot_be_kept_is_refused_with_a_message(world, text):
    url = reverse("casework:note_add", kwargs={"code": world.person.code})
    client = world.client(world.operator)
    before = row_counts()
    response = client.post(url, {"text": text})
    assert response.status_code == 302
    assert not writes(before)
    assert "Scrivi la nota prima di salvarla." in client.get(response.url).content.decode()


def test_the_users_of_every_role_get_the_400_page(users):
    for role in Role:
        client = Client()
        sign_in(client, users[role])
        assert unreadable(client.get("/app/?q=%00"))
