"""Public events: multilingual pages, the registration form (duplicates, invalid addresses,
honeypot, minimum fill time, rate limit) and the coordinator's registrations and attendance."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.communication.events_forms import form_stamp
from sportello.communication.models import Registration
from tests.communication.events_matrix_data import make_event

URL = "/it/events/seminario-finale/"


@pytest.fixture(autouse=True)
def _fresh(settings):
    cache.clear()
    settings.EVENT_FORM_MIN_SECONDS = 0
    yield
    cache.clear()


@pytest.fixture
def event(db):
    return make_event()


def post(client, event, **fields):
    data = {
        "name": "Giulia Rossi",
        "organisation": "Scuola",
        "email": "giulia@example.org",
        "started": form_stamp(event),
        "website": "",
        **fields,
    }
    return client.post(URL, data)


def test_the_event_page_is_in_the_visitors_language(event):
    italian = Client().get(URL).content.decode()
    arabic = Client().get("/ar/events/seminario-finale/").content.decode()
    assert "Seminario finale" in italian and "<li>10:00 Saluti</li>" in italian
    assert 'dir="rtl"' in arabic and "الندوة الختامية" in arabic
    # The public is invited to sign up, not told to "register" someone as the staff pages do.
    assert "Iscriviti</button>" in italian and "Registra<" not in italian
    # No English text written: the Italian one is shown.
    assert "Seminario finale" in Client().get("/en/events/seminario-finale/").content.decode()


def test_unpublished_events_are_not_found(event):
    event.published = False
    event.save(update_fields=["published"])
    assert Client().get(URL).status_code == 404
    assert "Seminario finale" not in Client().get("/it/events/").content.decode()


def test_a_good_registration_is_saved_once(event):
    client = Client()
    response = post(client, event, email="Giulia@Example.org")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.email == "giulia@example.org" and registration.language == "it"
    page = client.get(URL).content.decode()
    assert 'class="message success"' in page
    assert 'name="email"' in page  # the form is there again, empty, for someone else


def test_a_duplicate_email_is_refused_with_a_clear_message(event):
    client = Client()
    post(client, event)
    response = post(client, event, email=" GIULIA@example.org ")
    assert response.status_code == 400
    assert Registration.objects.count() == 1
    html = response.content.decode()
    assert 'id="id_email_error"' in html
    assert "già iscritto" in html or "already registered" in html


def test_an_invalid_email_is_refused_with_a_clear_message(event):
    response = post(Client(), event, email="giulia@example")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'id="id_email_error"' in html
    assert not Registration.objects.exists()
    # What was typed is kept, so it can be corrected.
    assert 'value="Giulia Rossi"' in html


def test_the_honeypot_pretends_success_and_saves_nothing(event):
    response = post(Client(), event, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(event, settings):
    settings.EVENT_FORM_MIN_SECONDS = 60
    response = post(Client(), event)
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert 'value="giulia@example.org"' in response.content.decode()


def test_a_forged_or_foreign_stamp_is_refused(event):
    other = make_event(slug="altro-evento")
    assert post(Client(), event, started="forged").status_code == 400
    assert post(Client(), event, started=form_stamp(other)).status_code == 400
    assert not Registration.objects.exists()


def test_registrations_are_rate_limited_per_address(event, settings):
    settings.EVENT_REGISTRATION_LIMIT = 2
    client = Client()
    assert post(client, event, email="a@example.org").status_code == 302
    assert post(client, event, email="b@example.org").status_code == 302
    refused = post(client, event, email="c@example.org")
    assert refused.status_code == 429
    assert Registration.objects.count() == 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other, event, email="d@example.org").status_code == 302


def test_registration_closes_when_the_event_starts_or_is_full(event):
    event.capacity = 1
    event.save(update_fields=["capacity"])
    assert post(Client(), event, email="a@example.org").status_code == 302
    full = post(Client(REMOTE_ADDR="10.0.0.2"), event, email="b@example.org")
    assert full.status_code == 400 and Registration.objects.count() == 1
    event.capacity = None
    event.starts_at = timezone.now() - dt.timedelta(hours=1)
    event.save(update_fields=["capacity", "starts_at"])
    page = Client().get(URL).content.decode()
    assert 'name="email"' not in page


def test_the_page_links_the_evaluation_figures_when_asked(event):
    assert "/it/indicators/" not in Client().get(URL).content.decode()
    event.link_report = True
    event.save(update_fields=["link_report"])
    assert 'href="/it/indicators/"' in Client().get(URL).content.decode()


def test_only_the_coordinator_sees_registrants_and_marks_attendance(event, client_for, users):
    post(Client(), event)
    registration = Registration.objects.get()
    url = f"/app/events/{event.code}/registrations/"
    assert client_for(Role.MUNICIPAL_OFFICER).get(url).status_code == 403
    coordinator = client_for(Role.COORDINATOR)
    page = coordinator.get(url).content.decode()
    assert "Giulia Rossi" in page and "giulia@example.org" in page
    audit = AuditEvent.objects.get(action="read", object_code=str(event.code))
    assert "giulia" not in audit.detail.lower()
    response = coordinator.post(url, {"attended": [str(registration.code)]})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended
    coordinator.post(url, {})
    registration.refresh_from_db()
    assert not registration.attended


def test_the_coordinator_creates_an_event_in_six_languages(coordinator_client):
    response = coordinator_client.post(
        "/app/events/new/",
        {
            "kind": "final_seminar",
            "slug": "seminario",
            "title_it": "Seminario",
            "title_ar": "ندوة",
            "starts_at": "2030-04-20T09:30",
            "venue": "Sala consiliare",
            "published": "on",
            "registration_open": "on",
        },
    )
    assert response.status_code == 302
    assert "ندوة" in Client().get("/ar/events/seminario/").content.decode()
