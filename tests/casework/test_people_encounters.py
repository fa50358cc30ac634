"""Encounters: a quick form, anonymous or in a person's record, linkable later."""

import datetime as dt

import pytest
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework.models import Encounter
from sportello.outreach.models import VisitPlan
from sportello.territory.models import Place
from tests.casework.people_helpers import english, other_operator, person, service, signed_in, term


@pytest.fixture
def school(ottiglio):
    return Place.objects.create(
        name="Scuola primaria", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )


@pytest.fixture
def client(client_for):
    return english(client_for(Role.OPERATOR))


def test_the_form_starts_from_today_and_the_place_of_the_rota(client, users, school):
    now = timezone.localtime()
    VisitPlan.objects.create(
        place=school,
        operator=users[Role.OPERATOR],
        weekday=now.isoweekday(),
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 59),
    )
    form = client.get("/app/encounters/new/").context["form"]
    assert form.initial["date"] == timezone.localdate()
    assert form.initial["place"] == school


def test_an_anonymous_encounter_keeps_only_gender_age_band_and_language(client, school):
    l2 = term("italian-l2")
    evening = service("Corso serale", "italian-l2")
    response = client.post(
        "/app/encounters/new/",
        {
            "date": timezone.localdate().isoformat(),
            "place": school.pk,
            "referral_source": "teacher",
            "gender": "female",
            "age_band": "30-49",
            "language": "ar",
            "needs": [l2.pk],
            "information_given": "Orari del corso serale",
            "services_suggested": [evening.pk],
            "another": "1",
        },
    )
    assert response.status_code == 302
    assert response.url == "/app/encounters/new/"  # ready for the next person
    encounter = Encounter.objects.get()
    assert encounter.beneficiary is None
    assert (encounter.gender, encounter.age_band, encounter.language) == ("female", "30-49", "ar")
    assert list(encounter.needs.all()) == [l2]
    assert list(encounter.services_suggested.all()) == [evening]
    assert encounter.information_given == "Orari del corso serale"


def test_a_date_in_the_future_is_refused_and_nothing_is_saved(client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        "/app/encounters/new/", {"date": tomorrow.isoformat(), "referral_source": "self"}
    )
    assert "The date cannot be in the future." in response.content.decode()
    assert not Encounter.objects.exists()


def test_an_encounter_started_from_a_person_takes_their_details(client, users):
    someone = person(users[Role.OPERATOR], gender="male", year_of_birth=2000, languages=["sq"])
    response = client.post(
        f"/app/people/{someone.code}/encounters/new/",
        {"date": timezone.localdate().isoformat(), "referral_source": "word_of_mouth"},
    )
    assert response.status_code == 302
    encounter = someone.encounters.get()
    assert (encounter.gender, encounter.language) == ("male", "sq")
    assert encounter.age_band in ("18-29", "30-49")


def test_an_anonymous_encounter_can_be_linked_to_a_person_later(client, users):
    encounter = Encounter.objects.create(
        date=timezone.localdate(), operator=users[Role.OPERATOR], referral_source="self"
    )
    someone = person(users[Role.OPERATOR])
    url = f"/app/encounters/{encounter.code}/link/"
    wrong = client.post(url, {"code": "SM-222-222"})
    assert "No person with this code" in wrong.content.decode()
    assert client.post(url, {"code": someone.code.lower()}).status_code == 302
    encounter.refresh_from_db()
    assert encounter.beneficiary == someone
    assert "add to a person" not in client.get("/app/encounters/").content.decode()


def test_the_encounter_list_hides_the_people_of_other_operators(users):
    colleague = other_operator()
    theirs = person(colleague)
    Encounter.objects.create(
        date=timezone.localdate(),
        operator=users[Role.OPERATOR],
        beneficiary=theirs,
        referral_source="self",
    ).needs.set([term("psychosocial"), term("job")])
    page = signed_in(users[Role.OPERATOR]).get("/app/encounters/").content.decode()
    assert "followed by another operator" in page
    assert theirs.code not in page
    assert "Psychosocial" not in page and "Job orientation" in page  # sensitive need hidden
    mine = signed_in(colleague).get("/app/encounters/").content.decode()
    assert theirs.code in mine and "Psychosocial" in mine
