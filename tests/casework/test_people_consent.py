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
