"""Input fuzzing of the courses: the attendance register (one tap per person, with and without
htmx), a new course, a session and a trainee's enrolment. Bad input is refused cleanly and writes
nothing; course titles and trainees' names in any script are kept."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.learning.models import Course, Enrolment
from tests.conftest import sign_in
from tests.fuzz import FUZZ, nasty_text, rolled_back, row_counts, spoil, submit, writes

pytestmark = pytest.mark.django_db

ODD = "Italiano per tutte 😀 — دورة e\u0301"


def staff(users, role) -> Client:
    client = Client()
    sign_in(client, users[role])
    return client


@pytest.fixture
def training(users):
    return Course.objects.create(
        kind=Course.Kind.OPERATOR_TRAINING,
        title="Formazione operatori di prova",
        planned_hours=Decimal(20),
        trainer=users[Role.TRAINER],
        starts_on=dt.date(2011, 10, 3),
        ends_on=dt.date(2011, 12, 31),
    )


def course_data(users) -> dict:
    return {
        "kind": Course.Kind.ITALIAN_L2,
        "title": "Italiano A2 serale",
        "level": "a2",
        "planned_hours": "40",
        "place": "",
        "trainer": str(users[Role.TRAINER].pk),
        "starts_on": "2011-10-03",
        "ends_on": "2011-12-19",
    }


def session_data() -> dict:
    return {"date": "2011-10-10", "starts_at": "18:00", "ends_at": "20:00", "topic": "Lezione"}


def trainee_data() -> dict:
    return {
        "name": "Nadia Prova",
        "association": "Associazione di prova",
        "email": "nadia@example.org",
        "languages": "it, ar",
    }


@FUZZ
@given(
    enrolment=st.one_of(nasty_text, st.just("amal")),
    present=nasty_text,
    htmx=st.booleans(),
)
def test_a_spoilt_tap_on_the_register_is_refused_cleanly(
    users, l2_course, enrolment, present, htmx
):
    session = l2_course.sessions.order_by("date").last()
    amal = l2_course.enrolments.order_by("pk").first()
    data = {"enrolment": str(amal.code) if enrolment == "amal" else enrolment, "present": present}
    headers = {"HX-Request": "true"} if htmx else {}
    client = staff(users, Role.TRAINER)
    with rolled_back():
        before = row_counts()
        response = client.post(
            reverse("learning:register", args=[session.code]), data, headers=headers
        )
        assert response.status_code in (200, 302, 404)
        if response.status_code == 404:  # no such person in this course: nothing changed
            assert not writes(before)
        else:  # present only for "1"; anything else is a tap to absent
            attended = amal.attendances.filter(session=session, present=True).exists()
            assert attended == (present == "1")


@FUZZ
@given(data=st.data())
def test_a_spoilt_course_is_refused_cleanly(users, data):
    good = course_data(users)
    posted = data.draw(spoil(good, list(good)), label="posted")
    with rolled_back():
        submit(staff(users, Role.COORDINATOR), reverse("learning:course_create"), posted)


@FUZZ
@given(data=st.data())
def test_a_spoilt_session_is_refused_cleanly(users, l2_course, data):
    good = session_data()
    posted = data.draw(spoil(good, list(good)), label="posted")
    url = reverse("learning:session_create", args=[l2_course.code])
    with rolled_back():
        submit(staff(users, Role.TRAINER), url, posted)


@FUZZ
@given(data=st.data())
def test_a_spoilt_trainee_is_refused_cleanly(users, training, data):
    good = trainee_data()
    posted = data.draw(spoil(good, list(good)), label="posted")
    with rolled_back():
        submit(
            staff(users, Role.COORDINATOR), reverse("learning:enrol", args=[training.code]), posted
        )


def test_the_valid_submissions_are_accepted(users, l2_course, training):
    before = row_counts()
    coordinator = staff(users, Role.COORDINATOR)
    assert (
        coordinator.post(reverse("learning:course_create"), course_data(users)).status_code == 302
    )
    session = staff(users, Role.TRAINER).post(
        reverse("learning:session_create", args=[l2_course.code]), session_data()
    )
    assert session.status_code == 302
    enrol = coordinator.post(reverse("learning:enrol", args=[training.code]), trainee_data())
    assert enrol.status_code == 302
    assert writes(before)


def test_titles_and_names_in_any_script_are_kept(users, training):
    coordinator = staff(users, Role.COORDINATOR)
    coordinator.post(reverse("learning:course_create"), {**course_data(users), "title": ODD})
    course = Course.objects.get(title=ODD)
    assert (
        ODD
        in coordinator.get(reverse("learning:course_detail", args=[course.code])).content.decode()
    )
    data = {**trainee_data(), "name": "فاطمة الزهراء", "association": ODD}
    coordinator.post(reverse("learning:enrol", args=[training.code]), data)
    trainee = Enrolment.objects.get(course=training)
    assert (trainee.name, trainee.association) == ("فاطمة الزهراء", ODD)


@pytest.mark.parametrize(
    ("field", "value"),
    [("starts_on", "0001-01-01"), ("ends_on", "9999-12-31"), ("planned_hours", "1e309")],
)
def test_extreme_course_dates_do_not_break_its_pages(users, field, value):
    coordinator = staff(users, Role.COORDINATOR)
    with rolled_back():
        response = submit(
            coordinator, reverse("learning:course_create"), {**course_data(users), field: value}
        )
        if response.status_code == 302:
            course = Course.objects.get()
            assert coordinator.get(reverse("learning:course_list")).status_code == 200
            detail = coordinator.get(reverse("learning:course_detail", args=[course.code]))
            assert detail.status_code == 200
