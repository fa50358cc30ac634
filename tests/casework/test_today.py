"""The operator's "today" page: planned visits, follow-ups due or overdue, overdue referrals and
new intakes, each one tap away — in a fixed number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework import services
from sportello.casework.models import FollowUp, Intake, Referral
from sportello.directory.models import TaxonomyTerm
from sportello.outreach.models import VisitPlan
from sportello.territory.models import Place
from tests.casework.tutoring_helpers import (
    a_service,
    open_path,
    person,
    second_operator,
    share_consent,
    signed_in,
)


@pytest.fixture
def operator(users):
    return users[Role.OPERATOR]


def fill_the_day(operator, ottiglio, n: int) -> None:
    """n of everything on today's agenda for `operator`."""
    today = timezone.localdate()
    service = a_service()
    term = TaxonomyTerm.objects.get(code="health")
    first = Place.objects.count()
    for i in range(n):
        place = Place.objects.create(
            name=f"Scuola {first + i}",
            kind=Place.Kind.SCHOOL,
            municipality=ottiglio,
            address="Via 1",
        )
        VisitPlan.objects.create(
            place=place,
            operator=operator,
            weekday=today.isoweekday(),
            starts_at=dt.time(8 + i % 8),
            ends_at=dt.time(9 + i % 8),
        )
        someone = person(operator)
        path = open_path(operator, someone)
        FollowUp.objects.create(
            beneficiary=someone, path=path, operator=operator, due_date=today - dt.timedelta(i)
        )
        referral = services.referral_create(by=operator, path=path, service=service)
        share_consent(someone, service, operator)
        services.referral_send(by=operator, referral=referral)
        Intake.objects.create(
            place=place, sender_name="x", how_to_reach="y", need=term, person_agreed=True
        )
    Referral.objects.update(sent_at=timezone.now() - dt.timedelta(days=10))


def test_the_day_shows_each_kind_of_item_with_a_link(operator, ottiglio):
    fill_the_day(operator, ottiglio, 2)
    page = signed_in(operator).get("/app/today/").content.decode()
    assert "Scuola 0" in page and "Scuola 1" in page  # planned visits
    follow_up = FollowUp.objects.order_by("due_date").first()
    assert f"/app/follow-ups/{follow_up.code}/done/" in page
    assert "overdue since" in page and "due today" in page
    referral = Referral.objects.first()
    assert f"/app/referrals/{referral.code}/" in page
    intake = Intake.objects.first()
    assert f"/app/intakes/{intake.code}/" in page


def test_a_done_follow_up_and_an_answered_referral_leave_the_agenda(operator, ottiglio):
    fill_the_day(operator, ottiglio, 1)
    follow_up = FollowUp.objects.get()
    referral = Referral.objects.get()
    client = signed_in(operator)
    client.post(f"/app/follow-ups/{follow_up.code}/done/", {"note": "Sentita, tutto bene"})
    services.referral_transition(referral=referral, state="received", by_provider=True)
    page = client.get("/app/today/").content.decode()
    assert f"/app/follow-ups/{follow_up.code}/done/" not in page
    assert f"/app/referrals/{referral.code}/" not in page
    follow_up.refresh_from_db()
    assert follow_up.done_on == timezone.localdate()
    assert "Sentita, tutto bene" in follow_up.note


def test_another_operators_follow_ups_are_not_on_my_agenda(operator, ottiglio):
    fill_the_day(operator, ottiglio, 1)
    page = signed_in(second_operator()).get("/app/today/").content.decode()
    assert str(FollowUp.objects.get().code) not in page
    assert str(Referral.objects.get().code) not in page


def test_the_agenda_needs_the_same_number_of_queries_for_more_items(
    operator, ottiglio, django_assert_max_num_queries
):
    client = signed_in(operator)
    fill_the_day(operator, ottiglio, 2)
    with django_assert_max_num_queries(12):
        assert client.get("/app/today/").status_code == 200
    fill_the_day(operator, ottiglio, 12)
    with django_assert_max_num_queries(12):
        assert client.get("/app/today/").status_code == 200


def test_the_staff_home_points_the_operator_to_today(operator, ottiglio):
    fill_the_day(operator, ottiglio, 1)
    page = signed_in(operator).get("/app/").content.decode()
    assert 'href="/app/today/"' in page
    assert "1 follow-up due" in page
