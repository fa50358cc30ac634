"""The rota pages: list, add, edit, deactivate, with the validation a planner relies on."""

import datetime as dt

import pytest

from sportello.accounts.models import Role
from sportello.outreach.models import VisitPlan
from sportello.outreach.selectors import planned_visits
from sportello.territory.models import Place
from tests.outreach.factories import make_slot

MONDAY = dt.date(2011, 10, 3)


def slot_data(place, operator, **overrides) -> dict:
    return {
        "place": place.code,
        "weekday": "1",
        "starts_at": "08:30",
        "ends_at": "10:30",
        "operator": operator.code,
        "valid_from": "",
        "valid_to": "",
        **overrides,
    }


def test_coordinator_adds_a_slot_that_appears_on_the_calendar(coordinator_client, school, operator):
    response = coordinator_client.post("/app/rota/new/", slot_data(school, operator))
    assert response.status_code == 302
    assert response["Location"] == "/app/rota/"
    plan = VisitPlan.objects.get()
    assert (plan.place, plan.operator, plan.weekday) == (school, operator, 1)
    assert [o.date for o in planned_visits(operator, start=MONDAY, end=MONDAY)] == [MONDAY]
    page = coordinator_client.get("/app/rota/").content.decode()
    assert "Scuola primaria" in page and "08:30" in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "08:00"}, "ends_at"),  # ends before it starts
        ({"ends_at": "08:30"}, "ends_at"),  # ends when it starts
        ({"valid_from": "2012-01-10", "valid_to": "2012-01-09"}, "valid_to"),
        ({"weekday": "8"}, "weekday"),
        ({"starts_at": "25:00"}, "starts_at"),
    ],
)
def test_bad_slots_are_refused_and_nothing_is_saved(
    coordinator_client, school, operator, overrides, field
):
    response = coordinator_client.post("/app/rota/new/", slot_data(school, operator, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    # The message sits next to its field.
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not VisitPlan.objects.exists()


def test_an_overlapping_slot_of_the_same_operator_is_refused(
    coordinator_client, school, clinic, operator
):
    make_slot(school, operator, 1, "08:30", "10:30")
    response = coordinator_client.post(
        "/app/rota/new/", slot_data(clinic, operator, starts_at="10:00", ends_at="12:00")
    )
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert "Scuola primaria" in error and "08:30" in error and "10:30" in error
    assert error in response.content.decode()
    assert VisitPlan.objects.count() == 1


def test_back_to_back_slots_and_other_operators_are_fine(
    coordinator_client, users, school, clinic, operator
):
    make_slot(school, operator, 1, "08:30", "10:30")
    back_to_back = slot_data(clinic, operator, starts_at="10:30", ends_at="12:00")
    assert coordinator_client.post("/app/rota/new/", back_to_back).status_code == 302
    other = slot_data(school, users[Role.COORDINATOR], starts_at="09:00", ends_at="10:00")
    assert coordinator_client.post("/app/rota/new/", other).status_code == 302
    assert VisitPlan.objects.count() == 3


def test_slots_in_separate_periods_do_not_overlap(coordinator_client, school, clinic, operator):
    make_slot(school, operator, 1, valid_to=dt.date(2011, 12, 31))
    data = slot_data(clinic, operator, starts_at="09:00", ends_at="11:00", valid_from="2012-01-01")
    assert coordinator_client.post("/app/rota/new/", data).status_code == 302
    data = slot_data(clinic, operator, starts_at="09:00", ends_at="11:00", valid_from="2011-12-31")
    assert coordinator_client.post("/app/rota/new/", data).status_code == 200


def test_an_inactive_place_cannot_be_planned(coordinator_client, school, operator):
    school.active = False
    school.save(update_fields=["active"])
    response = coordinator_client.post("/app/rota/new/", slot_data(school, operator))
    assert "place" in response.context["form"].errors
    assert not VisitPlan.objects.exists()


def test_an_operator_plans_only_their_own_slots(client_for, users, school, operator):
    client = client_for(Role.OPERATOR)
    response = client.post("/app/rota/new/", slot_data(school, users[Role.COORDINATOR]))
    assert "operator" in response.context["form"].errors
    assert not VisitPlan.objects.exists()
    assert client.post("/app/rota/new/", slot_data(school, operator)).status_code == 302
    assert VisitPlan.objects.get().operator == operator


def test_an_operator_cannot_edit_someone_elses_slot(client_for, users, school):
    plan = make_slot(school, users[Role.COORDINATOR], 2)
    client = client_for(Role.OPERATOR)
    assert client.get(f"/app/rota/{plan.code}/").status_code == 404
    assert client.post(f"/app/rota/{plan.code}/deactivate/").status_code == 404
    plan.refresh_from_db()
    assert plan.active


def test_editing_a_slot_changes_the_calendar(coordinator_client, school, operator):
    plan = make_slot(school, operator, 1)
    data = slot_data(school, operator, weekday="3", starts_at="14:00", ends_at="16:00")
    assert coordinator_client.post(f"/app/rota/{plan.code}/", data).status_code == 302
    plan.refresh_from_db()
    assert (plan.weekday, plan.starts_at) == (3, dt.time(14))
    week = planned_visits(operator, start=MONDAY, end=MONDAY + dt.timedelta(days=6))
    assert [o.date.isoweekday() for o in week] == [3]


def test_editing_a_slot_does_not_clash_with_itself(coordinator_client, school, operator):
    plan = make_slot(school, operator, 1, "08:30", "10:30")
    data = slot_data(school, operator, ends_at="11:00")
    assert coordinator_client.post(f"/app/rota/{plan.code}/", data).status_code == 302


def test_deactivating_takes_the_slot_off_calendar_and_list(coordinator_client, school, operator):
    plan = make_slot(school, operator, 1)
    response = coordinator_client.post(f"/app/rota/{plan.code}/deactivate/", follow=True)
    assert response.redirect_chain == [("/app/rota/", 302)]
    plan.refresh_from_db()
    assert not plan.active
    assert planned_visits(None, start=MONDAY, end=MONDAY + dt.timedelta(days=6)) == []
    assert "Scuola primaria" not in coordinator_client.get("/app/rota/").content.decode()
    shown = coordinator_client.get("/app/rota/?inactive=on").content.decode()
    assert "Scuola primaria" in shown


def test_rota_list_filters_by_municipality(coordinator_client, school, operator):
    other = Place.objects.create(
        name="Municipio di Villadeati",
        kind=Place.Kind.TOWN_HALL,
        municipality=school.municipality.__class__.objects.get(slug="villadeati"),
        address="Piazza 1",
    )
    make_slot(school, operator, 1)
    make_slot(other, operator, 2)
    page = coordinator_client.get("/app/rota/?municipality=villadeati").content.decode()
    assert "Municipio di Villadeati" in page
    assert "Scuola primaria" not in page


def test_rota_list_queries_do_not_grow_with_slots(
    coordinator_client, school, operator, django_assert_max_num_queries
):
    for weekday in range(1, 8):
        make_slot(school, operator, weekday, "08:00", "09:00")
        make_slot(school, operator, weekday, "10:00", "11:00")
    with django_assert_max_num_queries(8):
        response = coordinator_client.get("/app/rota/")
    assert response.content.decode().count("/deactivate/") == 14
