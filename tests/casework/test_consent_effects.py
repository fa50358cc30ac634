"""Withdrawing a consent (or never giving it) changes what the app does, where the operator would
act: no number to call without the consent to be called, no follow-up on the agenda after the
person said "stop following me", nothing more shared with a service, and the reason said on the
page each time. (The teacher's side of the course consent: tests/learning/test_courses.py.)"""

import datetime as dt
import html

import pytest
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.casework import services
from sportello.casework.models import Beneficiary, Consent, FollowUp, Identity
from tests.casework.people_helpers import NAME, PHONE, english, person
from tests.casework.tutoring_helpers import a_service, open_path, share_consent

PHONE_DIGITS = "0000004321"


@pytest.fixture
def operator(users):
    return users[Role.OPERATOR]


@pytest.fixture
def client(client_for):
    return english(client_for(Role.OPERATOR))


def withdraw(client, someone: Beneficiary, purpose: str, **lookup):
    consent = someone.consents.get(purpose=purpose, withdrawn_at__isnull=True, **lookup)
    return client.post(
        f"/app/people/{someone.code}/consents/withdraw/", {"consent": consent.pk}, follow=True
    )


def consent(someone: Beneficiary, purpose: str, by) -> Consent:
    return services.consent_record(by=by, beneficiary=someone, purpose=purpose)


# --- contact by phone ---------------------------------------------------------------------------


def test_with_the_consent_to_be_called_the_identity_page_offers_to_call(client, operator):
    someone = person(operator, identity=True)
    page = client.get(f"/app/people/{someone.code}/identity/").content.decode()
    assert f'href="tel:{PHONE}"' in page
    assert "Do not call" not in page


def test_a_number_stored_without_the_consent_is_shown_as_not_to_be_called(client, operator):
    """A record from before the rule: the number is there, but no tap-to-call link."""
    someone = person(operator)
    Identity.objects.create(
        beneficiary=someone,
        first_name=NAME[0],
        phone=PHONE,
        phone_index=services.phone_index(PHONE),
    )
    page = client.get(f"/app/people/{someone.code}/identity/").content.decode()
    assert "tel:" not in page
    assert "Do not call: the person has not agreed to be contacted by phone." in page


def test_the_person_page_says_the_number_will_be_erased_before_the_withdrawal(client, operator):
    someone = person(operator, identity=True)
    page = client.get(f"/app/people/{someone.code}/").content.decode()
    assert "The phone number stored for this person is erased now, for good." in page
    assert "Withdraw and erase the phone number" in page


def test_withdrawing_the_consent_to_be_called_erases_the_number(client, operator):
    someone = person(operator, identity=True)
    response = withdraw(client, someone, Consent.Purpose.CONTACT_BY_PHONE)
    assert "No phone number is kept for this person any more" in response.content.decode()
    identity = Identity.objects.get(beneficiary=someone)
    assert (identity.phone, identity.phone_index) == ("", "")
    assert (identity.first_name, identity.family_name) == NAME  # the rest of the identity stays
    page = client.get(f"/app/people/{someone.code}/identity/").content.decode()
    assert "tel:" not in page and "4321" not in page
    # Nobody finds the person by that number any more.
    found = client.post("/app/people/", {"q": PHONE}).content.decode()
    assert someone.code not in found
    # Audited, without the number.
    rows = AuditEvent.objects.filter(object_code=someone.code).values_list("detail", flat=True)
    assert "consent contact_by_phone withdrawn" in rows
    assert "identity: phone erased (consent)" in rows
    assert not any(PHONE_DIGITS in detail or "4321" in detail for detail in rows)


def test_an_identity_that_was_only_a_phone_number_goes_with_it(client, operator):
    someone = services.beneficiary_create(
        by=operator,
        gender="male",
        identity=services.IdentityData(phone=PHONE),
        consents=[Consent.Purpose.CONTACT_BY_PHONE],
    )
    withdraw(client, someone, Consent.Purpose.CONTACT_BY_PHONE)
    assert not Identity.objects.filter(beneficiary=someone).exists()
    page = client.get(f"/app/people/{someone.code}/").content.decode()
    assert "Add identity" in page


def test_registering_a_phone_without_the_consent_to_be_called_is_refused(client):
    response = client.post(
        "/app/people/new/",
        {"gender": "female", "generation": "unknown", "phone": PHONE, "consent_follow_up": "on"},
    )
    assert response.status_code == 200
    assert "A phone number is kept only to call the person" in str(
        response.context["form"].errors["phone"]
    )
    assert not Beneficiary.objects.exists()
    # With the consent ticked, the number is kept, with the consent.
    response = client.post(
        "/app/people/new/",
        {"gender": "female", "generation": "unknown", "phone": PHONE, "consent_phone": "on"},
    )
    assert response.status_code == 302
    created = Beneficiary.objects.get()
    assert Identity.objects.get(beneficiary=created).phone == PHONE
    assert created.consents.get().purpose == Consent.Purpose.CONTACT_BY_PHONE


def test_a_phone_added_on_the_identity_page_needs_the_consent(client, operator):
    someone = person(operator)
    url = f"/app/people/{someone.code}/identity/"
    assert "only with the person's consent" in html.unescape(client.get(url).content.decode())
    response = client.post(url, {"first_name": NAME[0], "phone": PHONE})
    assert response.status_code == 200
    assert "has not agreed to be contacted by phone" in str(
        response.context["form"].errors["phone"]
    )
    assert not Identity.objects.filter(beneficiary=someone).exists()
    consent(someone, Consent.Purpose.CONTACT_BY_PHONE, operator)
    assert client.post(url, {"first_name": NAME[0], "phone": PHONE}).status_code == 302
    assert Identity.objects.get(beneficiary=someone).phone == PHONE


def test_with_two_consents_to_be_called_withdrawing_one_keeps_the_number(client, operator):
    someone = person(operator, identity=True)
    services.consent_record(
        by=operator,
        beneficiary=someone,
        purpose=Consent.Purpose.CONTACT_BY_PHONE,
        text_version="2027-01",
    )
    first = someone.consents.filter(purpose=Consent.Purpose.CONTACT_BY_PHONE).order_by("pk")[0]
    client.post(f"/app/people/{someone.code}/consents/withdraw/", {"consent": first.pk})
    assert Identity.objects.get(beneficiary=someone).phone == PHONE


# --- follow-up ----------------------------------------------------------------------------------


def due_today(operator, someone) -> FollowUp:
    return FollowUp.objects.create(
        beneficiary=someone, operator=operator, due_date=timezone.localdate()
    )


def test_after_follow_up_is_withdrawn_the_person_leaves_the_agenda(client, operator):
    someone = person(operator)
    consent(someone, Consent.Purpose.FOLLOW_UP, operator)
    due_today(operator, someone)
    service = a_service()
    referral = services.referral_create(
        by=operator, path=open_path(operator, someone), service=service
    )
    share_consent(someone, service, operator)
    services.referral_send(by=operator, referral=referral)
    long_ago = timezone.now() - dt.timedelta(days=60)
    referral.__class__.objects.filter(pk=referral.pk).update(sent_at=long_ago)
    today = client.get("/app/today/").content.decode()
    assert today.count(someone.code) == 2  # the follow-up and the referral without an answer

    response = withdraw(client, someone, Consent.Purpose.FOLLOW_UP)
    assert "follow-ups are off the agenda" in response.content.decode()
    assert someone.code not in client.get("/app/today/").content.decode()
    home = client.get("/app/").content.decode()
    assert "0 follow-ups due" in home and "0 referrals without an answer" in home


def test_the_person_page_says_when_follow_up_was_withdrawn(client, operator):
    someone = person(operator)
    consent(someone, Consent.Purpose.FOLLOW_UP, operator)
    withdraw(client, someone, Consent.Purpose.FOLLOW_UP)
    page = client.get(f"/app/people/{someone.code}/").content.decode()
    when = timezone.localdate()
    assert f"Consent to follow-up withdrawn on {when.day} {when:%B} {when.year}." in page
    assert "If the person asks, the coordinator erases the record." in page
    assert f"/app/people/{someone.code}/follow-ups/new/" not in page  # not offered


def test_no_follow_up_can_be_scheduled_after_follow_up_is_withdrawn(client, operator):
    someone = person(operator)
    path = open_path(operator, someone)
    consent(someone, Consent.Purpose.FOLLOW_UP, operator)
    withdraw(client, someone, Consent.Purpose.FOLLOW_UP)
    url = f"/app/people/{someone.code}/follow-ups/new/"
    due = str(timezone.localdate() + dt.timedelta(days=7))
    response = client.post(url, {"due_date": due, "path": str(path.code)}, follow=True)
    assert "withdrew their consent to follow-up" in response.content.decode()
    assert "no follow-up can be scheduled" in response.content.decode()
    assert not FollowUp.objects.exists()
    assert client.get(url).status_code == 302
    path_page = client.get(f"/app/paths/{path.code}/").content.decode()
    assert "no follow-up can be scheduled" in path_page
    assert "Add the follow-up" not in path_page
    with pytest.raises(services.NotAllowed):
        services.followup_create(by=operator, beneficiary=someone, due_date=timezone.localdate())


def test_the_consent_given_again_brings_the_follow_ups_back(client, operator):
    someone = person(operator)
    consent(someone, Consent.Purpose.FOLLOW_UP, operator)
    due_today(operator, someone)
    withdraw(client, someone, Consent.Purpose.FOLLOW_UP)
    assert someone.code not in client.get("/app/today/").content.decode()
    consent(someone, Consent.Purpose.FOLLOW_UP, operator)
    assert someone.code in client.get("/app/today/").content.decode()
    services.followup_create(by=operator, beneficiary=someone, due_date=timezone.localdate())


def test_a_person_never_asked_for_follow_up_stays_on_the_agenda(client, operator):
    """Never recorded is not a withdrawal (the desk may follow under its public task)."""
    someone = person(operator)
    due_today(operator, someone)
    assert someone.code in client.get("/app/today/").content.decode()
    page = client.get(f"/app/people/{someone.code}/").content.decode()
    assert "Consent to follow-up withdrawn" not in page


# --- sharing with a service ---------------------------------------------------------------------


def test_after_sharing_is_withdrawn_the_referral_page_says_so_and_offers_no_new_link(
    client, operator
):
    someone = person(operator)
    service = a_service()
    referral = services.referral_create(
        by=operator, path=open_path(operator, someone), service=service
    )
    share_consent(someone, service, operator)
    services.referral_send(by=operator, referral=referral)
    url = f"/app/referrals/{referral.code}/"
    assert "New link for the service" in client.get(url).content.decode()

    person_page = client.get(f"/app/people/{someone.code}/").content.decode()
    assert "Nothing more is shared with this service" in person_page
    response = withdraw(client, someone, Consent.Purpose.SHARE_WITH_SERVICE, service=service)
    assert "Nothing more is shared with this service." in response.content.decode()
    page = client.get(url).content.decode()
    assert "The person has withdrawn their consent to share with this service" in page
    assert "New link for the service" not in page
    renewed = client.post(f"/app/referrals/{referral.code}/link/", follow=True)
    assert "withdrawn their consent to share" in renewed.content.decode()
