"""The public page "where is the operator this week": places and times from the rota, nothing
about who; in every public language."""

import datetime as dt

import pytest
from django.utils import timezone

from sportello.outreach.models import Visit
from sportello.outreach.selectors import week_of
from tests.outreach.factories import make_slot


@pytest.fixture
def week(operator, school, clinic):
    make_slot(school, operator, 1, "08:30", "10:30")
    make_slot(clinic, operator, 3, "15:00", "17:00")
    make_slot(clinic, operator, 5, "11:00", "12:00", active=False)


def test_the_week_shows_places_and_times_day_by_day(client, week):
    response = client.get("/it/where/")
    assert response.status_code == 200
    days = response.context["days"]
    assert [d.date for d in days] == [
        week_of(timezone.localdate())[0] + dt.timedelta(n) for n in range(7)
    ]
    assert [[v.place.name for v in d.visits] for d in days] == [
        ["Scuola primaria"],
        [],
        ["Ambulatorio medico"],
        [],
        [],
        [],
        [],
    ]
    page = response.content.decode()
    assert "08:30–10:30" in page and "15:00–17:00" in page
    assert "lunedì" in page.lower() and "mercoledì" in page.lower()
    assert "11:00" not in page  # the inactive slot


def test_the_public_page_names_no_operator_and_no_person(client, week, operator, school):
    Visit.objects.create(date=timezone.localdate(), place=school, operator=operator, minutes=60)
    page = client.get("/it/where/").content.decode()
    assert "Olga" not in page and "Demoperatrice" not in page


@pytest.mark.parametrize(
    ("language", "monday"),
    [
        ("it", "Lunedì"),
        ("en", "Monday"),
        ("fr", "Lundi"),
        ("ar", "الاثنين"),
        ("ro", "Luni"),
        ("sq", "hënë"),
    ],
)
def test_weekday_names_are_in_the_readers_language(client, week, language, monday):
    page = client.get(f"/{language}/where/").content.decode()
    assert monday.lower() in page.lower()


def test_arabic_reads_right_to_left(client, week):
    page = client.get("/ar/where/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<span class="hours" dir="ltr">08:30–10:30</span>' in page


def test_next_week(client, week):
    response = client.get("/en/where/?week=next")
    monday = week_of(timezone.localdate())[0] + dt.timedelta(days=7)
    assert response.context["days"][0].date == monday
    assert response.context["days"][0].visits[0].place.name == "Scuola primaria"


def test_the_public_home_shows_the_coming_days_and_links_the_page(client, operator, school):
    today = timezone.localdate()
    make_slot(school, operator, today.isoweekday(), "08:30", "10:30")
    page = client.get("/it/").content.decode()
    assert "/it/where/" in page
    assert "08:30–10:30</span> <bdi>Scuola primaria</bdi>" in page


def test_the_page_queries_do_not_grow_with_the_rota(
    client, operator, school, clinic, django_assert_max_num_queries
):
    for weekday in range(1, 8):
        make_slot(school, operator, weekday, "08:00", "09:00")
        make_slot(clinic, operator, weekday, "10:00", "11:00")
    with django_assert_max_num_queries(3):
        response = client.get("/it/where/")
    assert sum(len(d.visits) for d in response.context["days"]) == 14
