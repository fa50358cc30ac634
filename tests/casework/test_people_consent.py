"""Consent per purpose, with the text version, who recorded it and when; withdrawal."""

import pytest

from sportello.accounts.models import Role
from sportello.casework.models import Consent
from sportello.casework.selectors import has_consent
from tests.casework.people_helpers import english, person, service


@pytest.fixture
def someone(users):
    return person(users[Role.OPERATOR])


@pytest.fixture
def client(client_for):
    return english(client_for(Role.OPERATOR))


def test_the_consent_page_shows_the_texts_with_their_version(client, someone):
    page = client.get(f"/app/people/{someone.code}/consents/new/").content.decode()
    assert "2026-01" in page
    assert "Accetto che l" in page  # Italian text
    assert "I agree that the social operator" in page  # English text


def test_the_person_reads_the_texts_in_their_own_language_arabic_right_to_left(client, users):
    someone = person(users[Role.OPERATOR], languages=["ar", "fr"])
    page = client.get(f"/app/people/{someone.code}/consents/new/").content.decode()
    at_once, _sep, behind = page.partition("Read it in another language")
    # The staff's language and the person's are shown at once, Arabic right to left.
    assert "I agree that the social operator" in at_once
    assert '<div class="consent-text" lang="ar" dir="rtl">' in at_once
    assert "أوافق على أن يسجّل الأخصائي الاجتماعي" in at_once
    assert "accepte que l&#x27;opérateur social" in at_once
    # The other languages are a tap away, each in its own name.
    assert "Accetto che l" in behind and "Italiano" in behind
    assert "Sunt de acord" in behind and "Română" in behind
    assert "Pranoj që operatori social" in behind and "Shqip" in behind


def test_the_sharing_text_names_the_service_in_every_language(client, someone):
    school = service("Scuola serale", "italian-l2")
    page = client.get(
        f"/app/people/{someone.code}/consents/new/?service={school.pk}"
    ).content.decode()
    for agreed in ("«Scuola serale»", "“Scuola serale”", "„Scuola serale”", "« Scuola serale »"):
        assert agreed in page
    assert "{service}" not in page


def test_registration_offers_the_consent_texts_in_the_languages_ticked(client):
    page = client.get("/app/people/new/").content.decode()
    for text in ("I agree to be contacted", "Accetto di essere contattato", "أوافق على أن يتصل"):
        assert text in page
    # Sent back with an error, the form shows the texts in the languages ticked at once.
    response = client.post(
        "/app/people/new/", {"gender": "female", "languages": ["ro"], "year_of_birth": "x"}
    )
    at_once = response.content.decode().partition("Read it in another language")[0]
    assert "Sunt de acord ca operatorul social al ghișeului" in at_once


def test_every_consent_text_exists_in_the_six_public_languages():
    from django.conf import settings

    from sportello.casework.consent_texts import CURRENT_VERSION, TEXTS

    for purpose in Consent.Purpose.values:
        assert set(TEXTS[CURRENT_VERSION][purpose]) == {code for code, _ in settings.LANGUAGES}


def test_sharing_with_a_service_is_recorded_for_that_service_only(client, someone, users):
    school = service("Scuola serale", "italian-l2")
    clinic = service("Ambulatorio STP", "health")
    response = client.post(
        f"/app/people/{someone.code}/consents/new/",
        {"purpose": "share_with_service", "service": school.pk, "agreed": "on"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.text_version, consent.recorded_by) == ("2026-01", users[Role.OPERATOR])
    assert has_consent(someone, Consent.Purpose.SHARE_WITH_SERVICE, school)
    assert not has_consent(someone, Consent.Purpose.SHARE_WITH_SERVICE, clinic)
    assert not has_consent(someone, Consent.Purpose.SHARE_WITH_SERVICE)
    assert not has_consent(someone, Consent.Purpose.FOLLOW_UP)


def test_sharing_without_a_service_or_without_agreement_records_nothing(client, someone):
    url = f"/app/people/{someone.code}/consents/new/"
    no_service = client.post(url, {"purpose": "share_with_service", "agreed": "on"})
    assert "Choose the service the person agrees to share with." in no_service.content.decode()
    not_agreed = client.post(url, {"purpose": "follow_up"})
    assert not_agreed.status_code == 200
    assert "agreed" in not_agreed.context["form"].errors
    assert not Consent.objects.exists()


def test_withdrawal_is_recorded_with_who_and_when_and_ends_the_consent(client, someone, users):
    client.post(
        f"/app/people/{someone.code}/consents/new/", {"purpose": "follow_up", "agreed": "on"}
    )
    consent = Consent.objects.get()
    assert has_consent(someone, Consent.Purpose.FOLLOW_UP)
    response = client.post(
        f"/app/people/{someone.code}/consents/withdraw/", {"consent": consent.pk}, follow=True
    )
    assert "Consent withdrawn." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == users[Role.OPERATOR]
    assert not has_consent(someone, Consent.Purpose.FOLLOW_UP)
    # The page keeps the history: the consent is still listed, as withdrawn.
    page = client.get(f"/app/people/{someone.code}/").content.decode()
    assert "Withdrawn on" in page
    again = client.post(
        f"/app/people/{someone.code}/consents/withdraw/", {"consent": consent.pk}, follow=True
    )
    assert "already withdrawn" in again.content.decode()


def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_page(client, someone, users):
    other = person(users[Role.OPERATOR])
    other.consents.create(purpose="follow_up", text_version="2026-01", given_at="2026-01-05T10:00Z")
    response = client.post(
        f"/app/people/{someone.code}/consents/withdraw/",
        {"consent": other.consents.get().pk},
    )
    assert response.status_code == 404
    assert other.consents.get().withdrawn_at is None
