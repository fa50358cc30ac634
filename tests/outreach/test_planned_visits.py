"""The rota produces the operator's calendar: slots expanded into dated occurrences."""

import datetime as dt

from sportello.accounts.models import Role
from sportello.outreach.models import VisitPlan
from sportello.outreach.selectors import current_planned_visit, planned_visits
from sportello.territory.models import Place
from tests.outreach.factories import make_slot

MONDAY = dt.date(2011, 10, 3)  # a Monday in the project period


def test_a_weekly_slot_occurs_on_its_weekday_every_week(users, school):
    make_slot(school, users[Role.OPERATOR], VisitPlan.Weekday.WEDNESDAY)
    got = planned_visits(users[Role.OPERATOR], start=MONDAY, end=MONDAY + dt.timedelta(days=20))
    assert [o.date for o in got] == [
        dt.date(2011, 10, 5),
        dt.date(2011, 10, 12),
        dt.date(2011, 10, 19),
    ]
    assert got[0].place.name == "Scuola primaria"
    assert got[0].starts_at == dt.time(9) and got[0].ends_at == dt.time(11)


def test_range_bounds_are_inclusive(users, school):
    make_slot(school, users[Role.OPERATOR], VisitPlan.Weekday.MONDAY)
    got = planned_visits(None, start=MONDAY, end=MONDAY)
    assert [o.date for o in got] == [MONDAY]


def test_valid_from_and_valid_to_limit_the_occurrences(users, school):
    make_slot(
        school,
        users[Role.OPERATOR],
        VisitPlan.Weekday.MONDAY,
        valid_from=dt.date(2011, 10, 10),
        valid_to=dt.date(2011, 10, 17),
    )
    got = planned_visits(None, start=MONDAY, end=MONDAY + dt.timedelta(days=27))
    assert [o.date for o in got] == [dt.date(2011, 10, 10), dt.date(2011, 10, 17)]


def test_inactive_slots_and_closed_places_do_not_occur(users, school, ottiglio):
    make_slot(school, users[Role.OPERATOR], VisitPlan.Weekday.MONDAY, active=False)
    closed = Place.objects.create(
        name="Biblioteca", kind=Place.Kind.LIBRARY, municipality=ottiglio, address="Via 2"
    )
    make_slot(closed, users[Role.OPERATOR], VisitPlan.Weekday.TUESDAY)
    closed.active = False
    closed.save(update_fields=["active"])
    assert planned_visits(None, start=MONDAY, end=MONDAY + dt.timedelta(days=6)) == []


def test_only_the_given_operators_slots(users, school):
    make_slot(school, users[Role.OPERATOR], VisitPlan.Weekday.MONDAY)
    make_slot(school, users[Role.COORDINATOR], VisitPlan.Weekday.MONDAY, "14:00", "16:00")
    week = {"start": MONDAY, "end": MONDAY + dt.timedelta(days=6)}
    assert len(planned_visits(users[Role.OPERATOR], **week)) == 1
    assert len(planned_visits(None, **week)) == 2


def test_occurrences_are_in_date_and_time_order(users, school):
    operator = users[Role.OPERATOR]
    make_slot(school, operator, VisitPlan.Weekday.TUESDAY, "14:00", "15:00")
    make_slot(school, operator, VisitPlan.Weekday.TUESDAY, "09:00", "10:00")
    make_slot(school, operator, VisitPlan.Weekday.MONDAY, "16:00", "17:00")
    got = planned_visits(operator, start=MONDAY, end=MONDAY + dt.timedelta(days=6))
    assert [(o.date.isoweekday(), o.starts_at.hour) for o in got] == [(1, 16), (2, 9), (2, 14)]


def test_one_query_whatever_the_range(users, school, django_assert_num_queries):
    for weekday in range(1, 6):
        make_slot(school, users[Role.OPERATOR], weekday)
    with django_assert_num_queries(1):
        got = planned_visits(None, start=MONDAY, end=MONDAY + dt.timedelta(days=55))
        [o.place.municipality.name for o in got]
    assert len(got) == 40


def test_current_planned_visit_is_the_slot_of_the_moment(users, school, ottiglio):
    operator = users[Role.OPERATOR]
    clinic = Place.objects.create(
        name="Ambulatorio", kind=Place.Kind.MEDICAL_CLINIC, municipality=ottiglio, address="Via 3"
    )
    make_slot(school, operator, VisitPlan.Weekday.MONDAY, "09:00", "11:00")
    make_slot(clinic, operator, VisitPlan.Weekday.MONDAY, "15:00", "17:00")
    at = lambda h: dt.datetime.combine(MONDAY, dt.time(h))  # noqa: E731
    assert current_planned_visit(operator, at=at(10)).place == school
    assert current_planned_visit(operator, at=at(12)).place == clinic
    assert current_planned_visit(operator, at=at(18)).place == clinic
    assert current_planned_visit(operator, at=at(10) + dt.timedelta(days=1)) is None
