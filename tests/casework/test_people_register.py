"""Registering a person: a code, optional encrypted identity, duplicate warning, finding people."""

import pytest
from django.db import connection
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.casework.models import Beneficiary, Consent, Identity
from tests.casework.people_helpers import NAME, PHONE, english, other_operator, person


def form(**overrides) -> dict:
    return {
        "gender": "female",
        "year_of_birth": "1991",
        "citizenship": "MA",
        "languages": ["ar", "fr"],
        "generation": "first",
        "arrival_year": "2009",
        "first_name": "",
        "family_name": "",
        "phone": "",
        "email": "",
        **overrides,
    }


@pytest.fixture
def operator_client(client_for):
    return english(client_for(Role.OPERATOR))


def test_registering_gives_a_code_and_the_operator_follows_the_person(operator_client, users):
    response = operator_client.post("/app/people/new/", form(consent_follow_up="on"), follow=True)
    created = Beneficiary.objects.get()
    assert created.code.startswith("SM-")
    assert response.redirect_chain[-1][0] == f"/app/people/{created.code}/"
    assert f"Registered with code {created.code}" in response.content.decode()
    assert list(created.operators.all()) == [users[Role.OPERATOR]]
    assert created.languages == ["ar", "fr"]
    assert not Identity.objects.exists()  # no name needed
    consent = created.consents.get()
    assert consent.purpose == Consent.Purpose.FOLLOW_UP and consent.text_version == "2026-01"
    assert AuditEvent.objects.filter(
        object_code=created.code, action=AuditEvent.Action.CREATE
    ).exists()


def test_identity_columns_hold_no_plaintext(operator_client):
    operator_client.post(
        "/app/people/new/",
        form(
            first_name=NAME[0],
            family_name=NAME[1],
            phone=PHONE,
            email="zq@example.org",
            consent_phone="on",
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT first_name, family_name, phone, email, name_index, phone_index "
            "FROM casework_identity"
        )
        raw = " ".join(cursor.fetchone())
    for plain in ("Zenobia", "Quintessenza", "4321", "zq@example"):
        assert plain not in raw
    identity = Identity.objects.get()
    assert (identity.first_name, identity.phone) == (NAME[0], PHONE)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"year_of_birth": str(timezone.localdate().year + 1)},
            "year_of_birth",
            "The year of birth cannot be in the future.",
        ),
        (
            {"year_of_birth": "1990", "arrival_year": "1985"},
            "arrival_year",
            "The year of arrival cannot be before the year of birth.",
        ),
        (
            {"arrival_year": str(timezone.localdate().year + 2)},
            "arrival_year",
            "The year of arrival cannot be in the future.",
        ),
        (
            {"generation": "second", "arrival_year": "2010"},
            "arrival_year",
            "A second-generation person was born in Italy",
        ),
        ({"phone": "call me"}, "phone", "Enter a phone number"),
        ({"consent_phone": "on"}, "consent_phone", "Give a phone number, or leave this unticked."),
    ],
)
def test_bad_input_gets_a_clear_message_and_registers_nobody(
    operator_client, overrides, field, message
):
    response = operator_client.post("/app/people/new/", form(**overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert message.split(":")[0] in response.content.decode().replace("&#x27;", "'")
    assert not Beneficiary.objects.exists()


def test_a_possible_duplicate_is_shown_before_registering_again(operator_client, users):
    existing = person(users[Role.OPERATOR], identity=True)
    # Same person, written differently: other case, accents, spacing and phone format.
    again = form(
        first_name="  zenobia ",
        family_name="QUINTESSENZA  demo",
        phone="0039000000 4321",
        consent_phone="on",
    )
    response = operator_client.post("/app/people/new/", again)
    page = response.content.decode()
    assert "This person may already be registered" in page
    assert existing.code in page
    assert Beneficiary.objects.count() == 1
    # The operator decides it is somebody else: the form, sent again, registers them.
    response = operator_client.post("/app/people/new/", {**again, "confirm_duplicates": "on"})
    assert response.status_code == 302
    assert Beneficiary.objects.count() == 2


def test_a_duplicate_followed_by_another_operator_is_signalled_without_its_code(
    operator_client,
):
    theirs = person(other_operator(), identity=True)
    page = operator_client.post(
        "/app/people/new/", form(first_name=NAME[0], family_name=NAME[1])
    ).content.decode()
    assert "followed by another operator" in page
    assert theirs.code not in page
    assert Beneficiary.objects.count() == 1


def test_find_by_exact_name_or_phone_through_the_blind_index(operator_client, users):
    someone = person(users[Role.OPERATOR], identity=True)
    person(users[Role.OPERATOR])  # somebody without identity
    by_name = operator_client.post("/app/people/", {"q": "ZENÓBIA quintessenza demo"})
    assert someone.code in by_name.content.decode()
    by_phone = operator_client.post("/app/people/", {"q": "+39 000-000-4321"})
    assert someone.code in by_phone.content.decode()
    partial = operator_client.post("/app/people/", {"q": "Zenobia"})  # exact match only
    assert someone.code not in partial.content.decode()
    assert "Nobody among the people you can open" in partial.content.decode()


def test_find_by_code_opens_the_person(operator_client, users):
    someone = person(users[Role.OPERATOR])
    typed = someone.code.replace("-", "").lower()
    response = operator_client.post("/app/people/", {"q": typed})
    assert response.status_code == 302
    assert response.url == f"/app/people/{someone.code}/"


def test_a_name_searched_never_appears_in_an_address(operator_client, users):
    someone = person(users[Role.OPERATOR], identity=True)
    page = operator_client.get("/app/people/").content.decode()
    assert '<form method="post" class="card" role="search">' in page
    found = operator_client.post("/app/people/", {"q": "Zenobia Quintessenza Demo"})
    assert found.status_code == 200 and someone.code in found.content.decode()
    # The old way, a name in the query string, searches nothing.
    listed = operator_client.get("/app/people/", {"q": "Zenobia Quintessenza Demo"})
    assert "Search results" not in listed.content.decode()


def test_searches_are_audited_without_what_was_typed(operator_client):
    operator_client.post("/app/people/", {"q": "Zenobia Quintessenza Demo"})
    row = AuditEvent.objects.get(action=AuditEvent.Action.READ)
    assert row.detail == "find by name: 0 found"
    assert "Zenobia" not in f"{row.object_code} {row.detail}"


def test_editing_the_profile_keeps_the_code_and_refuses_a_stale_form(operator_client, users):
    someone = person(users[Role.OPERATOR])
    url = f"/app/people/{someone.code}/edit/"
    stale = form(year_of_birth="1985", arrival_year="2005", version=str(someone.version))
    assert operator_client.post(url, stale).status_code == 302
    someone.refresh_from_db()
    assert someone.year_of_birth == 1985 and someone.version == 2
    # A second form loaded before that save: refused, nothing overwritten.
    response = operator_client.post(url, {**stale, "year_of_birth": "1970"}, follow=True)
    assert "Someone else changed this person" in response.content.decode()
    someone.refresh_from_db()
    assert someone.year_of_birth == 1985
