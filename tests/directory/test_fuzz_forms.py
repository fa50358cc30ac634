"""Input fuzzing of the operators' service form (create and edit): the service's fields, its
phones, e-mail, web address, coordinates and opening hours, and the formsets' management forms.
Bad input is refused with the form's errors and writes nothing; odd but valid text is kept."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.directory.models import Location, Phone, Service
from tests.conftest import sign_in
from tests.directory import test_operator_pages as pages
from tests.directory.test_operator_pages import edit_data, post_data
from tests.fuzz import FUZZ, rolled_back, row_counts, spoil, submit, writes

pytestmark = pytest.mark.django_db

# The fields a person types into, and the formsets' hidden bookkeeping.
TYPED = [
    "new_organization",
    "name_it",
    "name_ar",
    "description_it",
    "url",
    "email",
    "minimum_age",
    "maximum_age",
    "categories",
    "service_areas",
    "languages",
    "status",
    "version",
    "locations-0-name",
    "locations-0-postal_code",
    "locations-0-state_province",
    "locations-0-municipality",
    "locations-0-latitude",
    "locations-0-longitude",
    "locations-0-id",
    "schedules-0-weekday",
    "schedules-0-opens_at",
    "schedules-0-closes_at",
    "schedules-0-valid_from",
    "schedules-0-valid_to",
    "phones-0-number",
    "phones-0-extension",
    "phones-0-type",
    "cost_options-TOTAL_FORMS",
    "phones-TOTAL_FORMS",
    "schedules-INITIAL_FORMS",
]
organization = pages.organization  # the fixtures of the operators' page tests
service = pages.service
ODD = "Centro \u202bمركز\u202c 😀 Zoë e\u0301"


@pytest.fixture
def client(users) -> Client:
    client = Client()
    sign_in(client, users[Role.OPERATOR])
    return client


@FUZZ
@given(data=st.data())
def test_a_spoilt_new_service_is_refused_cleanly(client, organization, data):
    good = post_data(organization)
    posted = data.draw(spoil(good, TYPED), label="posted")
    with rolled_back():
        submit(client, reverse("directory:service_create"), posted)


@FUZZ
@given(data=st.data())
def test_a_spoilt_edit_is_refused_cleanly(client, service, data):
    good = edit_data(service)
    posted = data.draw(spoil(good, [*TYPED, "phones-0-number"]), label="posted")
    with rolled_back():
        submit(client, reverse("directory:service_edit", args=[service.pk]), posted)


def test_the_valid_submissions_are_accepted(client, organization, service):
    before = row_counts()
    response = client.post(reverse("directory:service_create"), post_data(organization))
    assert response.status_code == 302
    response = client.post(
        reverse("directory:service_edit", args=[service.pk]), edit_data(service, name_it=ODD)
    )
    assert response.status_code == 302
    assert writes(before)


def test_odd_but_valid_texts_round_trip(client, organization):
    data = post_data(
        organization,
        name_it=ODD,
        name_ar="مركز الاستقبال",
        description_it="Riga 1\nRiga 2 — «citazione» 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        location={
            "name": "Sede 😀",
            "address_1": "Via dell’Ölmo 1",
            "postal_code": "15038",
            "city": "Ottiglio",
            "state_province": "AL",
            "municipality": "ottiglio",
            "latitude": "45.05360",
            "longitude": "8.33920",
        },
        phones=[{"number": "+39 0142 555 001", "type": "voice", "description": "Sig.ra Zoë"}],
    )
    assert client.post(reverse("directory:service_create"), data).status_code == 302
    created = Service.objects.get(name_ar="مركز الاستقبال")
    assert created.name_it == ODD
    assert created.description_it == "Riga 1\nRiga 2 — «citazione» 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
    assert Phone.objects.get(service=created).description == "Sig.ra Zoë"
    assert Location.objects.get(service_at_locations__service=created).name == "Sede 😀"
    page = client.get(reverse("directory:service_detail", args=[created.pk]))
    assert ODD in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("locations-0-latitude", "91", "fuori dall"),
        ("locations-0-latitude", "NaN", "Inserisci un numero."),
        ("locations-0-longitude", "1e309", "Assicurati che non vi siano più di"),
        ("locations-0-latitude", "45.0536000001", "Assicurati che non vi siano più di"),
        ("schedules-0-opens_at", "25:61", "Inserisci un&#x27;ora valida."),
        ("schedules-0-valid_from", "0000-00-00", "Inserisci una data valida."),
        ("phones-0-number", "chiamami", "numero"),
        ("email", "a" * 64 + "@" + "b" * 250 + ".org", "Inserisci un indirizzo email valido."),
        ("url", "javascript:alert(1)", "Inserisci un URL valido."),
        ("minimum_age", "9" * 30, "Assicurati che questo valore sia minore o uguale a"),
        ("name_it", "x" * 5000, "non contenga più di"),
    ],
)
def test_bad_values_are_explained_in_italian(client, organization, field, value, message):
    data = {**post_data(organization), field: value}
    before = row_counts()
    response = client.post(reverse("directory:service_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not writes(before)


@pytest.mark.parametrize("total", ["100000", "9" * 30, "-1", "x"])
def test_a_tampered_number_of_rows_is_refused_without_building_them(
    client, organization, total, django_assert_max_num_queries
):
    data = {**post_data(organization), "schedules-TOTAL_FORMS": total}
    with rolled_back(), django_assert_max_num_queries(200):
        submit(client, reverse("directory:service_create"), data)


def test_an_edit_cannot_take_over_another_services_location(client, organization, service):
    """The hidden id of a location row names one of this service's locations, or none: a forged
    id (another service's location, or garbage) never changes someone else's record."""
    other = Location.objects.create(name="Sede di un altro servizio", organization=organization)
    for forged in (str(other.pk), "not-a-uuid", str(uuid.uuid4()), "\x00"):
        data = post_data(organization)
        data["locations-0-id"] = forged
        data["locations-0-name"] = "Sede presa"
        with rolled_back():
            submit(
                client,
                reverse("directory:service_edit", args=[service.pk]),
                {
                    **edit_data(service),
                    **{k: v for k, v in data.items() if k.startswith("locations-")},
                },
            )
            other.refresh_from_db()
            assert other.name == "Sede di un altro servizio"
