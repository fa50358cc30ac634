"""Needs → suggested services, best first, with the reasons shown as badges."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from sportello.accounts.models import Role
from sportello.casework import services as casework
from sportello.casework.selectors import suggest_services
from sportello.directory.models import Service
from sportello.territory.models import Municipality
from tests.casework.people_helpers import english, person, service, term


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def fubine(db):
    return Municipality.objects.get(slug="fubine-monferrato")


@pytest.fixture
def need(users, fubine):
    someone = person(users[Role.OPERATOR], municipality=fubine, languages=["ar", "it"])
    return casework.need_create(
        by=users[Role.OPERATOR], beneficiary=someone, category=term("italian-l2")
    )


def labels(suggestion) -> list[str]:
    return [reason.label for reason in suggestion.reasons]


def test_services_are_ranked_by_place_language_hours_cost_and_freshness(need, fubine):
    today = timezone.localdate()
    here = service("Corso a Fubine", "italian-l2", municipality=fubine, free=True, checked=today)
    arabic = service(
        "Corso a Casale",
        "italian-l2",
        lat="45.13370",
        lng="8.45000",
        languages=("ar",),
        free=True,
        checked=today,
    )
    far = service(
        "Corso lontano", "italian-l2", lat="45.46000", lng="9.19000", hours=False
    )  # Milan
    service("Ambulatorio", "health", municipality=fubine)  # another category
    service("Corso chiuso", "italian-l2", municipality=fubine, status=Service.Status.DEFUNCT)

    ranked = suggest_services(need, today=today)
    assert [s.service for s in ranked] == [here, arabic, far]
    assert "In Fubine Monferrato" in labels(ranked[0])
    assert "Speaks Arabic" in labels(ranked[1]) and "Free" in labels(ranked[1])
    assert any(label.endswith("km away") for label in labels(ranked[1]))
    assert "Opening hours not known" in labels(ranked[2])
    assert "Not checked recently" in labels(ranked[2])
    service_, score, reasons = ranked[0]  # unpacks as (service, score, reasons)
    assert service_ == here and score > ranked[2].score and reasons


def test_a_service_covering_the_municipality_counts_as_near(need, fubine):
    covering = service("Patronato", "italian-l2", lat="45.46000", lng="9.19000", areas=(fubine,))
    assert "Covers Fubine Monferrato" in labels(suggest_services(need)[0])
    assert suggest_services(need)[0].service == covering


def test_welcoming_people_without_documents_is_a_reason(need):
    service("Sportello STP", "italian-l2", without_documents=True)
    assert "Welcomes people without documents" in labels(suggest_services(need)[0])


def test_seasonal_hours_outside_this_week_are_flagged(need):
    seasonal = service("Corso estivo", "italian-l2", hours=False)
    next_year = timezone.localdate() + dt.timedelta(days=200)
    seasonal.schedules.create(
        weekday=1,
        opens_at=dt.time(9),
        closes_at=dt.time(11),
        valid_from=next_year,
        valid_to=next_year + dt.timedelta(days=30),
    )
    assert "Closed this week" in labels(suggest_services(need)[0])


def test_age_limits_push_a_service_down(need):
    teens = service("Doposcuola", "italian-l2", free=True)
    teens.minimum_age, teens.maximum_age = 11, 17
    teens.save(update_fields=["minimum_age", "maximum_age"])
    adults = service("Corso adulti", "italian-l2")
    ranked = suggest_services(need)
    assert [s.service for s in ranked] == [adults, teens]
    assert "Age limits may exclude the person" in labels(ranked[1])


def test_suggestions_take_a_fixed_number_of_queries(need, fubine, django_assert_max_num_queries):
    for n in range(12):
        service(f"Corso {n}", "italian-l2", municipality=fubine, languages=("ar", "fr"))
    with django_assert_max_num_queries(8):
        assert len(suggest_services(need)) == 12


def test_the_need_page_shows_suggestions_and_a_pick_is_recorded(client_for, need, fubine):
    course = service("Corso a Fubine", "italian-l2", municipality=fubine)
    client = english(client_for(Role.OPERATOR))
    url = f"/app/people/{need.beneficiary.code}/needs/{need.code}/"
    page = client.get(url).content.decode()
    assert "Corso a Fubine" in page and "In Fubine Monferrato" in page
    response = client.post(f"{url}pick/", {"service": str(course.pk)}, follow=True)
    assert "recorded as suggested" in response.content.decode()
    encounter = need.beneficiary.encounters.get()
    assert list(encounter.services_suggested.all()) == [course]
    assert list(encounter.needs.all()) == [need.category]
    # A second pick the same day goes on the same encounter.
    other = service("Corso due", "italian-l2", municipality=fubine)
    client.post(f"{url}pick/", {"service": str(other.pk)})
    assert need.beneficiary.encounters.get().services_suggested.count() == 2


def test_picking_something_that_is_not_a_service_changes_nothing(client_for, need):
    client = english(client_for(Role.OPERATOR))
    url = f"/app/people/{need.beneficiary.code}/needs/{need.code}/pick/"
    response = client.post(url, {"service": "not-a-uuid"}, follow=True)
    assert "Choose one of the suggested services." in response.content.decode()
    assert not need.beneficiary.encounters.exists()


def test_closing_a_need_removes_it_from_the_open_needs(client_for, need):
    client = english(client_for(Role.OPERATOR))
    url = f"/app/people/{need.beneficiary.code}/needs/{need.code}/"
    client.post(url, {"status": "addressed", "priority": "high"})
    need.refresh_from_db()
    assert (need.status, need.priority) == ("addressed", "high")
    page = client.get(f"/app/people/{need.beneficiary.code}/").content.decode()
    assert "No open needs." in page
