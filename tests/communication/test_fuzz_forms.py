"""Input fuzzing of the communication forms: the public event registration form (anonymous, in
Italian and Arabic), the coordinator's event form, and the news form with its image upload
(garbage, huge, misnamed files). Bad input is refused with the form's errors and writes nothing;
Arabic names and emoji are kept intact."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.communication.events_forms import form_stamp
from sportello.communication.models import Event, NewsItem, Registration
from tests.communication.events_matrix_data import make_event
from tests.communication.test_news import PNG_1PX
from tests.conftest import sign_in
from tests.fuzz import FUZZ, rolled_back, row_counts, spoil, submit, writes

pytestmark = pytest.mark.django_db

ARABIC = "فاطمة الزهراء"
ODD = "Zoë 😀 \u202bمرحبا\u202c e\u0301 O’Neil"


@pytest.fixture(autouse=True)
def _no_minimum_fill_time(settings, tmp_path):
    settings.EVENT_FORM_MIN_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def event() -> Event:
    return make_event()


def registration_data(event: Event) -> dict:
    return {
        "name": "Giulia Rossi",
        "organisation": "Scuola",
        "email": "giulia@example.org",
        "website": "",
        "started": form_stamp(event),
    }


def event_data() -> dict:
    return {
        "kind": "final_seminar",
        "slug": "seminario-di-prova",
        "title_it": "Seminario di prova",
        "title_ar": "ندوة",
        "starts_at": "2031-05-04T10:00",
        "ends_at": "2031-05-04T13:00",
        "place": "",
        "venue": "Sala consiliare",
        "summary_it": "In breve",
        "programme_it": "10:00 Saluti",
        "capacity": "80",
        "published": "on",
        "registration_open": "on",
    }


def news_data() -> dict:
    return {
        "date": "2011-09-01",
        "status": "published",
        "title_it": "Festa",
        "body_it": "Testo.",
        "title_ar": "عيد",
        "image_alt_it": "",
    }


def staff(users, role=Role.COORDINATOR) -> Client:
    client = Client()
    sign_in(client, users[role])
    return client


@pytest.mark.parametrize("language", ["it", "ar"])
@FUZZ
@given(data=st.data())
def test_a_spoilt_registration_is_refused_cleanly(event, language, data):
    good = registration_data(event)
    posted = data.draw(spoil(good, ["name", "organisation", "email", "started"]), label="posted")
    with rolled_back():
        submit(Client(), f"/{language}/events/{event.slug}/", posted)


@FUZZ
@given(data=st.data())
def test_a_spoilt_event_is_refused_cleanly(users, data):
    good = event_data()
    posted = data.draw(spoil(good, list(good)), label="posted")
    with rolled_back():
        submit(staff(users), reverse("events:create"), posted, also=("accounts_auditevent",))


@FUZZ
@given(data=st.data())
def test_a_spoilt_news_item_is_refused_cleanly(users, data):
    good = news_data()
    posted = data.draw(spoil(good, list(good)), label="posted")
    with rolled_back():
        submit(staff(users, Role.OPERATOR), reverse("news:create"), posted)


def test_the_valid_submissions_are_accepted(users, event):
    before = row_counts()
    assert Client().post(f"/it/events/{event.slug}/", registration_data(event)).status_code == 302
    assert staff(users).post(reverse("events:create"), event_data()).status_code == 302
    news = staff(users, Role.OPERATOR).post(reverse("news:create"), news_data())
    assert news.status_code == 302
    assert writes(before)


def test_a_registration_keeps_arabic_and_emoji(event):
    data = {**registration_data(event), "name": ARABIC, "organisation": ODD}
    assert Client().post(f"/ar/events/{event.slug}/", data).status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == (ARABIC, ODD)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "nul\x00byte", "I caratteri null non sono ammessi."),
        ("name", "x" * 5000, "non contenga più di 150 caratteri"),
        ("email", "a" * 64 + "@" + "b" * 250 + ".org", "Questo indirizzo e-mail non è valido"),
        ("started", "forged", "Questo modulo è scaduto"),
        ("name", "", "Questo campo è obbligatorio."),
    ],
)
def test_a_refused_registration_says_why_in_italian(event, field, value, message):
    before = row_counts()
    response = Client().post(
        f"/it/events/{event.slug}/", {**registration_data(event), field: value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not writes(before)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_at", "0001-01-01T00:00"),
        ("starts_at", "9999-12-31T23:59"),
        ("ends_at", "9999-12-31T23:59"),
        ("starts_at", "0000-00-00T00:00"),
        ("capacity", "9" * 30),
        ("capacity", "-1"),
        ("slug", "seminario\u202e"),
    ],
)
def test_extreme_event_dates_and_numbers_are_refused_or_shown(users, field, value):
    with rolled_back():
        response = submit(staff(users), reverse("events:create"), {**event_data(), field: value})
        if field.endswith("_at") and value[:4] in ("0001", "9999"):
            assert "Inserisci una data tra gli anni 2000 e 2100." in response.content.decode()
        if response.status_code == 302:  # accepted: every page showing it still works
            assert Client().get("/it/events/").status_code == 200
            assert Client().get("/it/events/seminario-di-prova/").status_code == 200
            assert staff(users).get(reverse("events:list")).status_code == 200


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.png", b""),
        ("a.png", b"\x89PNG\r\n"),  # truncated signature
        ("a.png", b"RIFF\x00\x00\x00\x00WEBX"),
        ("a.png", PNG_1PX + b"\0" * (3 * 1024 * 1024)),  # over the limit, kept on disk
        ("\x00.png", PNG_1PX),
        ("\u202egnp.exe", PNG_1PX),
        ("x" * 1000 + ".png", PNG_1PX),
        ("../../../etc/passwd", PNG_1PX),
    ],
)
def test_an_uploaded_image_is_checked_by_its_content(users, name, content):
    data = {**news_data(), "image": SimpleUploadedFile(name, content), "image_alt_it": "Foto"}
    with rolled_back():
        response = submit(staff(users, Role.OPERATOR), reverse("news:create"), data)
        if response.status_code == 302:
            item = NewsItem.objects.get()
            assert item.image.name == f"news/{item.code}.png"  # named by its content


def test_news_keeps_arabic_and_emoji(users):
    data = {**news_data(), "title_it": ODD, "body_ar": ARABIC + "\n\n" + ODD}
    assert staff(users, Role.OPERATOR).post(reverse("news:create"), data).status_code == 302
    item = NewsItem.objects.get()
    assert (item.title_it, item.body_ar) == (ODD, ARABIC + "\n\n" + ODD)
    assert ARABIC in Client().get(f"/ar/news/{item.code}/").content.decode()


def test_a_news_item_dated_at_the_end_of_time_does_not_break_the_pages(users):
    data = {**news_data(), "date": "9999-12-31"}
    with rolled_back():
        submit(staff(users, Role.OPERATOR), reverse("news:create"), data)
        for url in ("/it/news/", "/it/news/feed/", "/app/news/"):
            client = staff(users, Role.OPERATOR) if url.startswith("/app/") else Client()
            assert client.get(url).status_code == 200, url


def test_a_registration_sent_too_quickly_is_refused(event, settings):
    settings.EVENT_FORM_MIN_SECONDS = 3
    with rolled_back():
        response = Client().post(f"/it/events/{event.slug}/", registration_data(event))
    assert response.status_code == 400
    assert "Il modulo è stato inviato troppo in fretta." in response.content.decode()
