"""Input fuzzing of the diffuse desk's forms: a visit with its anonymous tallies (a formset) and a
rota slot. Bad input — including a tampered formset management form — is refused with the form's
errors and writes nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sportello.outreach.models import Visit
from tests.conftest import sign_in
from tests.fuzz import FUZZ, rolled_back, row_counts, spoil, submit, writes

pytestmark = pytest.mark.django_db


def visit_data(place) -> dict:
    return {
        "date": str(timezone.localdate()),
        "place": str(place.code),
        "minutes": "90",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
        "contacts-0-gender": "female",
        "contacts-0-age_band": "30-49",
        "contacts-0-language": "ar",
        "contacts-0-need": "italian-l2",
        "contacts-1-gender": "",
        "contacts-1-age_band": "",
        "contacts-1-language": "",
        "contacts-1-need": "",
    }


def rota_data(place, operator) -> dict:
    return {
        "place": str(place.code),
        "weekday": "2",
        "starts_at": "09:00",
        "ends_at": "11:30",
        "operator": str(operator.code),
        "valid_from": "",
        "valid_to": "",
    }


@pytest.fixture
def client(operator) -> Client:
    client = Client()
    sign_in(client, operator)
    return client


@FUZZ
@given(data=st.data())
def test_a_spoilt_visit_is_refused_cleanly(client, school, data):
    good = visit_data(school)
    posted = data.draw(spoil(good, list(good)), label="posted")
    with rolled_back():
        submit(client, reverse("outreach:visit_create"), posted)


@FUZZ
@given(data=st.data())
def test_a_spoilt_rota_slot_is_refused_cleanly(client, school, operator, data):
    good = rota_data(school, operator)
    posted = data.draw(spoil(good, list(good)), label="posted")
    with rolled_back():
        submit(client, reverse("outreach:rota_create"), posted)


def test_the_valid_submissions_are_accepted(client, school, operator):
    before = row_counts()
    visit = client.post(reverse("outreach:visit_create"), visit_data(school))
    assert visit.status_code == 302
    slot = client.post(reverse("outreach:rota_create"), rota_data(school, operator))
    assert slot.status_code == 302
    assert writes(before)
    visit = Visit.objects.get()
    assert visit.contacts.count() == 1


@pytest.mark.parametrize("total", ["9" * 40, "-1", "abc", "51", "", "\x00"])
def test_a_tampered_number_of_rows_is_refused(client, school, total, django_assert_max_num_queries):
    data = {**visit_data(school), "contacts-TOTAL_FORMS": total}
    with rolled_back(), django_assert_max_num_queries(150):  # not one query per claimed row
        response = submit(client, reverse("outreach:visit_create"), data)
    if total in ("51", "9" * 40):
        # More rows than a visit may have (50): refused, not truncated silently.
        assert response.status_code == 200
        assert "Si prega di inviare al massimo 50 form." in response.content.decode()


@pytest.mark.parametrize("minutes", ["0", "721", "-5", "1e3", "9" * 30, "60.5", "sessanta"])
def test_minutes_out_of_range_are_refused_in_italian(client, school, minutes):
    with rolled_back():
        response = submit(
            client, reverse("outreach:visit_create"), {**visit_data(school), "minutes": minutes}
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "Assicurati che questo valore" in body or "Inserisci un numero intero." in body
