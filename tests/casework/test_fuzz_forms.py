"""Input fuzzing of the casework forms, posted as the operator who uses them: a person's
registration and edit, identity, encounter, need, path and goal, referral, follow-up, and the
partner intake form (signed in and through a place's link). Bad input is refused with the form's
errors (in Italian) and writes nothing; odd but valid input (Arabic, emoji) is kept intact."""

import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.casework import services
from sportello.casework.models import (
    Beneficiary,
    Consent,
    Encounter,
    FollowUp,
    Goal,
    Identity,
    Intake,
    Need,
    Referral,
)
from sportello.directory.models import TaxonomyTerm
from sportello.territory.models import Municipality, Place
from tests.casework.tutoring_helpers import a_service, open_path, person
from tests.conftest import sign_in
from tests.fuzz import FUZZ, NASTY, rolled_back, row_counts, spoil, submit, writes

pytestmark = pytest.mark.django_db

ARABIC = "فاطمة الزهراء"
ODD = "Zoë 😀 O\u2019Neil \u202bمرحبا\u202c e\u0301"
# Reading a person's page or form writes an audit row; that is not "writing" the submission.
READS = ("accounts_auditevent",)


class World:
    def __init__(self, users):
        self.operator = users[Role.OPERATOR]
        self.partner = users[Role.PARTNER_STAFF]
        self.person = person(self.operator)
        # The identity form carries a phone number: kept only with the consent to be called.
        services.consent_record(
            by=self.operator, beneficiary=self.person, purpose=Consent.Purpose.CONTACT_BY_PHONE
        )
        self.path = open_path(self.operator, self.person)
        self.service = a_service()
        self.term = TaxonomyTerm.objects.get(code="italian-l2")
        self.place = Place.objects.create(
            name="Scuola di prova",
            kind=Place.Kind.SCHOOL,
            municipality=Municipality.objects.get(slug="ottiglio"),
            address="Via 1",
        )
        self.today = timezone.localdate()

    def client(self, user) -> Client:
        client = Client()  # no language preference: staff pages speak Italian
        sign_in(client, user)
        return client


@pytest.fixture
def world(users) -> World:
    return World(users)


def register_data(w: World) -> dict:
    return {
        "gender": "female",
        "year_of_birth": "1990",
        "citizenship": "MA",
        "languages": ["ar", "fr"],
        "municipality": str(w.place.municipality.pk),
        "generation": "first",
        "arrival_year": "2015",
        "first_name": "Zenobia",
        "family_name": "Prova",
        "phone": "+39 000 000 4321",
        "email": "zenobia@example.org",
        "consent_follow_up": "on",
        "consent_phone": "on",
        "confirm_duplicates": "on",
    }


def edit_data(w: World) -> dict:
    data = {k: v for k, v in register_data(w).items() if k in PROFILE}
    return {**data, "version": str(w.person.version)}


PROFILE = [
    "gender",
    "year_of_birth",
    "citizenship",
    "languages",
    "municipality",
    "generation",
    "arrival_year",
]
IDENTITY = ["first_name", "family_name", "phone", "email"]


def identity_data(w: World) -> dict:
    return {k: v for k, v in register_data(w).items() if k in IDENTITY}


def encounter_data(w: World) -> dict:
    return {
        "date": str(w.today),
        "place": str(w.place.pk),
        "referral_source": "teacher",
        "gender": "male",
        "age_band": "18-29",
        "language": "ar",
        "needs": [str(w.term.pk)],
        "information_given": "Orari del corso",
        "services_suggested": [str(w.service.pk)],
    }


def need_data(w: World) -> dict:
    return {"category": str(w.term.pk), "priority": "high", "note": "Cerca un corso serale"}


def path_data(w: World) -> dict:
    return {
        "start_date": str(w.today),
        "status": "active",
        "goal_category": str(w.term.pk),
        "goal_text": "Livello A2",
        "goal_due_date": str(w.today + dt.timedelta(days=90)),
    }


def path_edit_data(w: World) -> dict:
    return {"version": str(w.path.version), "start_date": str(w.today), "status": "active"}


def path_close_data(w: World) -> dict:
    return {
        "version": str(w.path.version),
        "status": "completed",
        "outcome": "Ha trovato un corso",
        "closed_on": str(w.today),
    }


def referral_data(w: World) -> dict:
    return {
        "path": str(w.path.code),
        "need": "",
        "service": str(w.service.pk),
        "note_for_service": "Arriva il lunedì",
    }


def followup_data(w: World) -> dict:
    return {"due_date": str(w.today + dt.timedelta(days=7)), "note": "Chiamare", "path": ""}


def intake_data(w: World) -> dict:
    return {
        "source": "teacher",
        "sender_name": "Maestra Demo, 3ª B",
        "place": str(w.place.pk),
        "how_to_reach": "Tel. 000 000 9876",
        "need": str(w.term.pk),
        "note": "",
        "person_agreed": "on",
    }


# name → (url, valid data, who posts)
CASES = {
    "register": (lambda w: reverse("casework:person_create"), register_data, "operator"),
    "profile": (
        lambda w: reverse("casework:person_edit", kwargs={"code": w.person.code}),
        edit_data,
        "operator",
    ),
    "identity": (
        lambda w: reverse("casework:person_identity", kwargs={"code": w.person.code}),
        identity_data,
        "operator",
    ),
    "anonymous encounter": (
        lambda w: reverse("casework:encounter_create"),
        encounter_data,
        "operator",
    ),
    "encounter": (
        lambda w: reverse("casework:person_encounter_create", kwargs={"code": w.person.code}),
        encounter_data,
        "operator",
    ),
    "need": (
        lambda w: reverse("casework:need_create", kwargs={"code": w.person.code}),
        need_data,
        "operator",
    ),
    "path": (
        lambda w: reverse("tutoring:path_create", kwargs={"code": w.person.code}),
        path_data,
        "operator",
    ),
    "path edit": (
        lambda w: reverse("tutoring:path_edit", kwargs={"code": w.path.code}),
        path_edit_data,
        "operator",
    ),
    "path close": (
        lambda w: reverse("tutoring:path_close", kwargs={"code": w.path.code}),
        path_close_data,
        "operator",
    ),
    "referral": (
        lambda w: reverse("tutoring:referral_create", kwargs={"code": w.person.code}),
        referral_data,
        "operator",
    ),
    "follow-up": (
        lambda w: reverse("tutoring:followup_create", kwargs={"code": w.person.code}),
        followup_data,
        "operator",
    ),
    "intake": (lambda w: reverse("tutoring:intake_new"), intake_data, "partner"),
}


@pytest.mark.parametrize("case", CASES)
@FUZZ
@given(data=st.data())
def test_spoilt_submissions_are_refused_cleanly(case, world, data):
    url, valid, who = CASES[case]
    good = valid(world)
    posted = data.draw(spoil(good, [*good, "unknown_field"]), label="posted")
    client = world.client(getattr(world, who))
    with rolled_back():
        submit(client, url(world), posted, also=READS)


@FUZZ
@given(data=st.data())
def test_a_spoilt_goal_is_added_whole_or_not_at_all(world, data):
    """The goal form on a path's page answers with a redirect and a message either way."""
    good = {"category": str(world.term.pk), "text": "Patente B", "due_date": str(world.today)}
    posted = data.draw(spoil(good, list(good)), label="posted")
    url = reverse("tutoring:goal_add", kwargs={"code": world.path.code})
    with rolled_back():
        before = row_counts()
        response = world.client(world.operator).post(url, posted)
        assert response.status_code == 302
        written = writes(before)
        assert written in ({}, {"casework_goal": 1, "accounts_auditevent": 1}), written


@pytest.mark.parametrize("case", CASES)
def test_a_valid_submission_is_accepted(case, world):
    """The fuzzing starts from a submission that works (else it would test nothing)."""
    url, valid, who = CASES[case]
    before = row_counts()
    response = world.client(getattr(world, who)).post(url(world), valid(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert writes(before)


@pytest.mark.parametrize("value", ["nul\x00byte", "\x00"])
def test_a_nul_byte_is_refused_in_italian(world, value):
    data = {**register_data(world), "first_name": value}
    before = row_counts()
    response = world.client(world.operator).post(reverse("casework:person_create"), data)
    assert response.status_code == 200
    assert "I caratteri null non sono ammessi." in response.content.decode()
    assert not writes(before)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year_of_birth", "9" * 40, "L'anno di nascita non può essere nel futuro."),
        ("year_of_birth", "1e309", "Inserisci un numero intero."),
        ("year_of_birth", "-1", "Assicurati che questo valore sia maggiore o uguale a 1900."),
        ("arrival_year", "99999", "L'anno di arrivo non può essere nel futuro."),
        ("email", "a" * 64 + "@" + "b" * 250 + ".org", "Inserisci un indirizzo email valido."),
        ("first_name", "x" * 5000, "non contenga più di 100 caratteri"),
        ("gender", "", "Questo campo è obbligatorio."),
        ("gender", "robot", "Scegli un'opzione valida."),
    ],
)
def test_out_of_range_and_wrong_types_are_explained_in_italian(world, field, value, message):
    data = {**register_data(world), field: value}
    before = row_counts()
    response = world.client(world.operator).post(reverse("casework:person_create"), data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not writes(before)


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("encounter", "date"),
        ("path", "start_date"),
        ("path", "goal_due_date"),
        ("path close", "closed_on"),
        ("follow-up", "due_date"),
    ],
)
@pytest.mark.parametrize("value", ["0000-00-00", "9999-12-31", "2024-02-30", "31/12/9999"])
def test_impossible_and_extreme_dates_are_refused_or_kept(world, case, field, value):
    url, valid, who = CASES[case]
    with rolled_back():
        response = submit(
            world.client(getattr(world, who)), url(world), {**valid(world), field: value}
        )
        if value == "0000-00-00" or value == "2024-02-30":
            assert response.status_code == 200
            assert "Inserisci una data valida." in response.content.decode()


def test_arabic_and_emoji_round_trip_intact(world):
    client = world.client(world.operator)
    data = {**register_data(world), "first_name": ARABIC, "family_name": ODD}
    response = client.post(reverse("casework:person_create"), data)
    assert response.status_code == 302
    created = Beneficiary.objects.exclude(pk=world.person.pk).get()
    identity = Identity.objects.get(beneficiary=created)
    assert (identity.first_name, identity.family_name) == (ARABIC, ODD)
    page = client.get(reverse("casework:person_identity", kwargs={"code": created.code}))
    assert ARABIC in page.content.decode() and ODD in page.content.decode()

    client.post(
        reverse("casework:need_create", kwargs={"code": created.code}),
        {**need_data(world), "note": ODD},
    )
    assert Need.objects.get(beneficiary=created).note == ODD
    client.post(
        reverse("casework:person_encounter_create", kwargs={"code": created.code}),
        {**encounter_data(world), "information_given": ARABIC + "\n" + ODD},
    )
    assert Encounter.objects.get(beneficiary=created).information_given == ARABIC + "\n" + ODD
    client.post(
        reverse("tutoring:path_create", kwargs={"code": created.code}),
        {**path_data(world), "goal_text": ODD},
    )
    assert Goal.objects.get(path__beneficiary=created).text == ODD
    client.post(
        reverse("tutoring:followup_create", kwargs={"code": created.code}),
        {**followup_data(world), "note": ARABIC},
    )
    assert FollowUp.objects.get(beneficiary=created).note == ARABIC
    client.post(
        reverse("tutoring:referral_create", kwargs={"code": created.code}),
        {**referral_data(world), "path": "", "note_for_service": ODD},
    )
    path = created.paths.get()
    client.post(
        reverse("tutoring:referral_create", kwargs={"code": created.code}),
        {**referral_data(world), "path": str(path.code), "note_for_service": ODD},
    )
    assert Referral.objects.get(path__beneficiary=created).note_for_service == ODD


def test_an_intake_through_a_places_link_refuses_bad_input_and_keeps_arabic(world):
    link, token = services.intake_link_create(by=world.operator, place=world.place)
    url = f"/intake/{token}/"
    anonymous = Client()
    valid = intake_data(world)
    del valid["place"]
    for value in NASTY[::3]:  # every third: the hypothesis test above covers the form in depth
        for field in ("sender_name", "how_to_reach", "need", "source", "note", "person_agreed"):
            with rolled_back():
                before = row_counts()
                response = anonymous.post(url, {**valid, field: value})
                assert response.status_code in (200, 400)
                if writes(before):  # accepted: the acknowledgement, one intake
                    assert Intake.objects.filter(link=link).count() == 1
                else:
                    assert 'class="errorlist' in response.content.decode()
    response = anonymous.post(url, {**valid, "sender_name": ARABIC, "how_to_reach": ODD})
    intake = Intake.objects.get(link=link)
    assert (intake.sender_name, intake.how_to_reach) == (ARABIC, ODD)


@pytest.mark.parametrize("version", [None, "", "abc", "9" * 40])
def test_a_missing_or_altered_version_is_explained(world, version):
    data = edit_data(world)
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    with rolled_back():
        response = submit(
            world.client(world.operator),
            reverse("casework:person_edit", kwargs={"code": world.person.code}),
            data,
            also=READS,
        )
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert "Il modulo è arrivato incompleto o alterato." in response.content.decode()


def test_a_person_registered_by_a_deleted_account_can_still_be_edited(world, users):
    registered = services.beneficiary_create(by=users[Role.COORDINATOR], gender="male")
    registered.operators.add(world.operator)
    users[Role.COORDINATOR].delete()
    registered.refresh_from_db()
    assert registered.created_by is None
    data = {**edit_data(world), "version": str(registered.version), "year_of_birth": "1985"}
    url = reverse("casework:person_edit", kwargs={"code": registered.code})
    assert world.client(world.operator).post(url, data).status_code == 302
    registered.refresh_from_db()
    assert registered.year_of_birth == 1985
