"""The dashboard (/app/indicators/): every number against the hand-counted world."""

import re

import pytest

from sportello.accounts.models import Role
from tests.indicators.conftest import (
    ENCOUNTERS_BY_MONTH,
    ENCOUNTERS_BY_SOURCE,
    EXPECTED,
    FOLLOW_UPS,
    NEEDS_BY_CATEGORY,
    PEOPLE_BY_AGE,
    PEOPLE_BY_CITIZENSHIP,
    PEOPLE_BY_GENDER,
    PEOPLE_BY_GENERATION,
    PEOPLE_BY_MONTH,
    PEOPLE_BY_MUNICIPALITY,
    REFERRALS_BY_CATEGORY,
    REFERRALS_BY_STATE,
    VISITS_BY_KIND,
)
from tests.indicators.html_tables import page_tables

URL = "/app/indicators/"


def column(table: dict, index: int = 0) -> dict:
    """{row key: cell} without the rows that are zero (as the hand count lists them)."""
    return {key: cells[index] for key, cells in table.items() if cells and cells[index] != "0"}


def as_text(expected: dict) -> dict:
    return {key: str(value) for key, value in expected.items()}


def headline(html: str, label: str) -> str:
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd[^>]*>\s*([^<\s]+)", html)
    assert match, label
    return match.group(1)


@pytest.fixture
def coordinator_page(world, client_for):
    response = client_for(Role.COORDINATOR).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def test_the_coordinator_sees_every_number_exactly(coordinator_page):
    html = coordinator_page.content.decode()
    tables = page_tables(html)
    assert "not for publication" in html.lower() or "non per la pubblicazione" in html.lower()
    assert column(tables["people-municipality"]) == as_text(
        PEOPLE_BY_MUNICIPALITY | {"total": EXPECTED["people_reached"]}
    )
    people = {"total": EXPECTED["people_reached"]}
    assert column(tables["people-gender"]) == as_text(PEOPLE_BY_GENDER | people)
    assert column(tables["people-age"]) == as_text(PEOPLE_BY_AGE | people)
    assert column(tables["people-citizenship"]) == as_text(PEOPLE_BY_CITIZENSHIP | people)
    assert column(tables["people-generation"]) == as_text(PEOPLE_BY_GENERATION | people)
    assert column(tables["needs-category"]) == as_text(
        NEEDS_BY_CATEGORY | {"total": EXPECTED["needs"]}
    )
    assert column(tables["referrals-state"]) == as_text(
        REFERRALS_BY_STATE | {"total": EXPECTED["referrals"]}
    )
    assert column(tables["referrals-category"]) == as_text(
        REFERRALS_BY_CATEGORY | {"total": EXPECTED["referrals"]}
    )
    assert column(tables["encounters-source"]) == as_text(
        ENCOUNTERS_BY_SOURCE | {"total": EXPECTED["encounters"]}
    )
    assert column(tables["visits-kind"]) == as_text(VISITS_BY_KIND | {"total": 2})
    assert column(tables["follow_ups-outcome"]) == as_text(FOLLOW_UPS | {"total": 3})
    assert column(tables["paths-state"]) == {"open": "6", "completed": "1", "total": "7"}
    assert column(tables["trend"], 0) == as_text(PEOPLE_BY_MONTH)
    assert column(tables["trend"], 1) == as_text(ENCOUNTERS_BY_MONTH)
    outcomes = tables["referrals-outcomes"]
    assert outcomes["health"][-1] == "1" and outcomes["documents"][-1] == "6"


def test_a_follow_up_stopped_by_a_withdrawn_consent_is_no_longer_counted_as_not_done(
    world, users, client_for
):
    from sportello.casework.models import Consent
    from sportello.casework.services import consent_record, consent_withdraw

    # The follow-up not done (due 10 January 2012) belongs to b[1]; they withdraw their consent.
    operator = users[Role.OPERATOR]
    consent = consent_record(
        by=operator, beneficiary=world["b"][1], purpose=Consent.Purpose.FOLLOW_UP
    )
    consent_withdraw(by=operator, consent=consent)

    response = client_for(Role.COORDINATOR).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    tables = page_tables(response.content.decode())
    assert column(tables["follow_ups-outcome"]) == {"on_time": "1", "late": "1", "total": "2"}
    assert headline(response.content.decode(), "Follow-ups done on time") == "50%"

    # Given again, the follow-up is due again, and not done.
    consent_record(by=operator, beneficiary=world["b"][1], purpose=Consent.Purpose.FOLLOW_UP)
    response = client_for(Role.COORDINATOR).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    tables = page_tables(response.content.decode())
    assert column(tables["follow_ups-outcome"]) == as_text(FOLLOW_UPS | {"total": 3})


def test_the_headline_figures_and_the_targets(coordinator_page):
    html = coordinator_page.content.decode()
    context = coordinator_page.context
    values = {h.indicator.code: str(h.value) for h in context["report"].headlines}
    for code, expected in EXPECTED.items():
        assert values[code] == str(expected), code
    assert headline(html, "Referral completion rate") == "80%"
    assert headline(html, "Median days from sent to completed") == "15"
    # Progress against the project's targets (150 reached, 30 in a path).
    assert re.search(r"<strong>18</strong>\s*<span class=\"muted\">of 150", html)
    assert 'progress max="100" value="12"' in html  # 18 of 150
    assert 'progress max="100" value="23"' in html  # 7 of 30


def test_a_municipal_officer_sees_less_than_five_where_the_coordinator_sees_three(
    world, client_for
):
    query = "?municipality=ottiglio"
    exact = page_tables(client_for(Role.COORDINATOR).get(URL + query).content.decode())
    shown = page_tables(client_for(Role.MUNICIPAL_OFFICER).get(URL + query).content.decode())
    assert exact["people-gender"]["female"] == ["3"]
    assert shown["people-gender"]["female"] == ["<5"]
    # Three health needs are a sensitive category: "<10", not "<5".
    assert exact["needs-category"]["health"] == ["3"]
    assert shown["needs-category"]["health"] == ["<10"]
    # The totals cannot give the hidden numbers away: Ottiglio's 5 people are 3 women and 2
    # men, so the men are hidden too.
    assert shown["people-gender"]["male"] in (["<5"], ["*"])


def test_a_municipal_officer_gets_fixed_periods_only(world, client_for):
    response = client_for(Role.MUNICIPAL_OFFICER).get(URL + "?start=2011-10-05&end=2011-10-05")
    html = response.content.decode()
    assert 'name="start"' not in html
    assert response.context["report"].period.start.isoformat() == "2011-06-01"
    assert "not for publication" not in html.lower()


def test_the_coordinator_filters_a_period_and_a_municipality(world, client_for):
    response = client_for(Role.COORDINATOR).get(
        URL + "?start=2011-11-01&end=2011-11-30&municipality=fubine-monferrato"
    )
    tables = page_tables(response.content.decode())
    assert column(tables["people-gender"]) == {"female": "7", "male": "6", "total": "13"}
    assert "people-municipality" not in tables


def test_an_end_before_the_start_is_refused_with_a_message(world, client_for):
    response = client_for(Role.COORDINATOR).get(URL + "?start=2012-01-01&end=2011-01-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_end-errors"' in html
    assert 'aria-describedby="id_end-errors"' in html and 'aria-invalid="true"' in html


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.MUNICIPAL_OFFICER])
def test_the_query_count_does_not_grow_with_the_data(
    role, world, client_for, django_assert_max_num_queries
):
    client = client_for(role)
    client.get(URL)  # warm the session and the demo flag
    # About 25 per period: a municipal officer's page computes every period on offer (here the
    # project period and 2013) to hide the same cells in each.
    # The courses' figures (L2 hours, attendance, operators trained) add three.
    with django_assert_max_num_queries(35 if role == Role.COORDINATOR else 60) as before:
        client.get(URL)
    from sportello.casework.models import Beneficiary, Encounter
    from tests.indicators.conftest import D

    # Ten times more people: the same number of queries.
    people = Beneficiary.objects.bulk_create(
        Beneficiary(gender="male", year_of_birth=1985, citizenship="TN") for _ in range(150)
    )
    Encounter.objects.bulk_create(
        Encounter(
            date=D(2011, 12, 1),
            operator=world["a"][0].encounters.first().operator,
            beneficiary=p,
            referral_source="self",
        )
        for p in people
    )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(URL)
