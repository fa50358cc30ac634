import datetime as dt
from decimal import Decimal

import pytest

from sportello.accounts.models import Role
from sportello.casework.models import Beneficiary, Consent, Identity
from sportello.learning.models import Attendance, Course, Enrolment, Session
from tests.conftest import make_user


@pytest.fixture
def l2_course(users, ottiglio):
    """A 10-hour L2 course (completion at 7 h) of the test trainer: five 2-hour sessions, two
    learners — Amal (named, with consent, Arabic) and one without consent."""
    course = Course.objects.create(
        kind=Course.Kind.ITALIAN_L2,
        title="Italiano A1 di prova",
        level=Course.Level.A1,
        planned_hours=Decimal(10),
        trainer=users[Role.TRAINER],
        starts_on=dt.date(2011, 10, 3),
        ends_on=dt.date(2011, 10, 31),
    )
    sessions = [
        Session.objects.create(
            course=course,
            date=dt.date(2011, 10, 3 + 7 * i),
            starts_at=dt.time(18),
            ends_at=dt.time(20),
            topic=f"Lezione {i + 1}",
        )
        for i in range(5)
    ]
    amal = Beneficiary.objects.create(gender="female", languages=["ar", "it"])
    Identity.objects.create(beneficiary=amal, first_name="Amal", family_name="Haddad")
    Consent.objects.create(
        beneficiary=amal,
        purpose=Consent.Purpose.COURSE_IDENTITY,
        text_version="2026-01",
        given_at=dt.datetime(2011, 10, 1, tzinfo=dt.UTC),
    )
    other = Beneficiary.objects.create(gender="male", languages=["ro"])
    Identity.objects.create(beneficiary=other, first_name="Ion", family_name="Senzaconsenso")
    enrolments = [Enrolment.objects.create(course=course, beneficiary=b) for b in (amal, other)]
    for session in sessions[:3]:  # Amal: 6 h, one session short of 7
        Attendance.objects.create(session=session, enrolment=enrolments[0], present=True)
    return course


@pytest.fixture
def other_trainer_course(db):
    other = make_user("altro-formatore", Role.TRAINER)
    return Course.objects.create(
        kind=Course.Kind.ITALIAN_L2,
        title="Corso di un altro",
        planned_hours=Decimal(20),
        trainer=other,
        starts_on=dt.date(2011, 10, 3),
        ends_on=dt.date(2011, 12, 31),
    )


@pytest.fixture
def client_for(client_for, settings):
    """Signed-in clients reading the staff pages in English (the wording tests check)."""

    def make(role):
        client = client_for(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def coordinator_client(client_for):
    return client_for(Role.COORDINATOR)
