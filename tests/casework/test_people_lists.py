"""List pages and the person page take a fixed number of queries, whatever the rows."""

import pytest
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework import services
from sportello.casework.models import Encounter
from tests.casework.people_helpers import english, person, service, term


def fill(operator, ottiglio, count: int):
    for n in range(count):
        someone = person(operator, municipality=ottiglio, identity=n % 2 == 0)
        need = services.need_create(by=operator, beneficiary=someone, category=term("job"))
        services.need_create(by=operator, beneficiary=someone, category=term("italian-l2"))
        services.note_add(by=operator, beneficiary=someone, text=f"nota {n}")
        services.consent_record(by=operator, beneficiary=someone, purpose="follow_up")
        services.encounter_create(
            by=operator,
            beneficiary=someone,
            date=timezone.localdate(),
            referral_source="self",
            needs=[need.category],
        )
        Encounter.objects.create(
            date=timezone.localdate(), operator=operator, referral_source="teacher"
        ).needs.set([term("health")])


@pytest.mark.parametrize("count", [2, 12])
def test_the_people_list_has_a_fixed_query_count(
    client_for, users, ottiglio, count, django_assert_max_num_queries
):
    fill(users[Role.OPERATOR], ottiglio, count)
    client = english(client_for(Role.OPERATOR))
    with django_assert_max_num_queries(9):
        response = client.get("/app/people/")
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_encounter_list_has_a_fixed_query_count(
    client_for, users, ottiglio, count, django_assert_max_num_queries
):
    fill(users[Role.OPERATOR], ottiglio, count)
    client = english(client_for(Role.COORDINATOR))
    with django_assert_max_num_queries(9):
        response = client.get("/app/encounters/")
    assert len(response.context["page"].object_list) == 2 * count


@pytest.mark.parametrize("extra", [0, 10])
def test_the_person_page_has_a_fixed_query_count(
    client_for, users, ottiglio, extra, django_assert_max_num_queries
):
    operator = users[Role.OPERATOR]
    someone = person(operator, municipality=ottiglio, identity=True)
    for n in range(extra):
        service(f"Servizio {n}", "job", municipality=ottiglio, languages=("ar",))
        services.need_create(by=operator, beneficiary=someone, category=term("job"))
        services.note_add(by=operator, beneficiary=someone, text=f"nota {n}")
        services.encounter_create(
            by=operator,
            beneficiary=someone,
            date=timezone.localdate(),
            referral_source="self",
            needs=[term("job")],
        )
    client = english(client_for(Role.OPERATOR))
    with django_assert_max_num_queries(26):
        response = client.get(f"/app/people/{someone.code}/")
    assert response.status_code == 200
