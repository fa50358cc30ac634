"""A small, hand-counted world for the indicator tests (project period 1 June 2011 – 30 April
2012). The expected numbers are in EXPECTED, counted by hand from the rows below."""

import datetime as dt

import pytest
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework.models import (
    Beneficiary,
    Encounter,
    FollowUp,
    Need,
    Path,
    Referral,
    ReferralSource,
)
from sportello.directory.models import Organization, Service, TaxonomyTerm
from sportello.outreach.models import AnonymousContact, Visit
from sportello.territory.models import Municipality, Place


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


D = dt.date

# Counted by hand from `world` (coordinator's exact numbers, whole project period).
EXPECTED = {
    "people_reached": 18,  # Ottiglio 3 followed + 2 anonymous contacts; Fubine 12 + 1 anonymous
    "people_in_path": 7,  # A1 (completed) + B1–B6 (active); A2's path is only proposed
    "paths_completed": 1,
    "paths_interrupted": 0,
    "referrals": 7,
    "referral_completion": "80%",  # 4 completed of 5 ended (1 declined)
    "days_to_received": 3,
    "days_to_completed": 15,  # 18, 15, 15, 15
    "needs": 18,  # 3 health + 12 documents + 2 Italian (anonymous) + 1 job (anonymous)
    "encounters": 17,  # Ottiglio 4 (A1 twice), Fubine 12 + 1 anonymous
    "visits": 2,
    "follow_ups_on_time": "33%",  # 1 of 3
    "l2_hours": 4,  # two 2-hour L2 lessons held; a cancelled one does not count
    "l2_attendance": "75%",  # 3 presences of 2 learners × 2 lessons
    "operators_trained": 1,  # of 2 trainees, one attended the 2-hour module
}
PEOPLE_BY_MUNICIPALITY = {"ottiglio": 5, "fubine-monferrato": 13}
PEOPLE_BY_GENDER = {"female": 10, "male": 8}
PEOPLE_BY_AGE = {"18-29": 14, "30-49": 4}
PEOPLE_BY_CITIZENSHIP = {"RO": 3, "MA": 12, "not_recorded": 3}
PEOPLE_BY_GENERATION = {"first": 3, "second": 12, "unknown": 3}
PEOPLE_BY_MONTH = {"2011-10": 5, "2011-11": 14}
ENCOUNTERS_BY_MONTH = {"2011-10": 3, "2011-11": 14}
NEEDS_BY_CATEGORY = {"health": 3, "documents": 12, "italian-l2": 2, "job": 1}
REFERRALS_BY_STATE = {"completed": 4, "declined": 1, "sent": 1, "draft": 1}
REFERRALS_BY_CATEGORY = {"health": 1, "documents": 6}
ENCOUNTERS_BY_SOURCE = {"teacher": 4, "doctor": 12, "self": 1}
VISITS_BY_KIND = {"school": 1, "medical_clinic": 1}
FOLLOW_UPS = {"on_time": 1, "late": 1, "not_done": 1}


@pytest.fixture
def world(users, ottiglio):
    operator = users[Role.OPERATOR]
    fubine = Municipality.objects.get(slug="fubine-monferrato")
    school = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    clinic = Place.objects.create(
        name="Ambulatorio", kind=Place.Kind.MEDICAL_CLINIC, municipality=fubine, address="Via 2"
    )
    terms = {t.code: t for t in TaxonomyTerm.objects.all()}
    org = Organization.objects.create(name="Ente")
    health_service = Service.objects.create(organization=org, name_it="Consultorio")
    health_service.categories.set([terms["health"]])
    documents_service = Service.objects.create(organization=org, name_it="Patronato")
    documents_service.categories.set([terms["documents"]])

    def person(municipality, gender, yob, citizenship, generation):
        return Beneficiary.objects.create(
            municipality=municipality,
            gender=gender,
            year_of_birth=yob,
            citizenship=citizenship,
            generation=generation,
        )

    def encounter(day, place, source, beneficiary=None, **extra):
        return Encounter.objects.create(
            date=day,
            place=place,
            operator=operator,
            beneficiary=beneficiary,
            referral_source=source,
            **extra,
        )

    def need(beneficiary, code, day):
        n = Need.objects.create(beneficiary=beneficiary, category=terms[code])
        Need.objects.filter(pk=n.pk).update(created_at=aware(day))
        return n

    a = [person(ottiglio, "female", 1980, "RO", "first") for _ in range(3)]
    for p in a:
        encounter(D(2011, 10, 5), school, ReferralSource.TEACHER, p)
        need(p, "health", D(2011, 10, 5))
    encounter(D(2011, 11, 10), school, ReferralSource.TEACHER, a[0])
    b = [person(fubine, "female" if i < 6 else "male", 1990, "MA", "second") for i in range(12)]
    b_needs = []
    for p in b:
        encounter(D(2011, 11, 15), clinic, ReferralSource.DOCTOR, p)
        b_needs.append(need(p, "documents", D(2011, 11, 15)))
    late = person(fubine, "male", 1970, "AL", "first")
    encounter(D(2013, 3, 1), clinic, ReferralSource.SELF, late)  # after the project

    visit = Visit.objects.create(date=D(2011, 10, 5), place=school, operator=operator, minutes=90)
    for _ in range(2):
        AnonymousContact.objects.create(
            visit=visit, gender="male", age_band="18-29", need=terms["italian-l2"]
        )
    Visit.objects.create(date=D(2011, 11, 15), place=clinic, operator=operator, minutes=60)
    anonymous = encounter(
        D(2011, 11, 15), clinic, ReferralSource.SELF, gender="female", age_band="30-49"
    )
    anonymous.needs.set([terms["job"]])

    def path(p, status, start, closed=None):
        return Path.objects.create(
            beneficiary=p, operator=operator, start_date=start, status=status, closed_on=closed
        )

    def referral(pth, need_, service, state, created, received=None, closed=None, sent=True):
        r = Referral.objects.create(path=pth, need=need_, service=service)
        Referral.objects.filter(pk=r.pk).update(
            state=state,
            created_at=aware(created),
            sent_at=aware(created) if sent else None,
            received_at=aware(received) if received else None,
            closed_at=aware(closed) if closed else None,
        )

    a_path = path(a[0], Path.Status.COMPLETED, D(2011, 10, 10), D(2012, 1, 20))
    path(a[1], Path.Status.PROPOSED, D(2011, 10, 20))
    a_need = a[0].needs.get()
    referral(
        a_path,
        a_need,
        health_service,
        "completed",
        D(2011, 10, 12),
        D(2011, 10, 15),
        D(2011, 10, 30),
    )
    states = ["completed", "completed", "completed", "declined", "sent", "draft"]
    b_paths = []
    for p, n, state in zip(b[:6], b_needs, states, strict=False):
        pth = path(p, Path.Status.ACTIVE, D(2011, 12, 1))
        b_paths.append(pth)
        ended = state in ("completed", "declined")
        referral(
            pth,
            n,
            documents_service,
            state,
            D(2011, 12, 5),
            received=D(2011, 12, 8) if ended else None,
            closed=D(2011, 12, 20) if ended else None,
            sent=state != "draft",
        )
    FollowUp.objects.create(
        beneficiary=a[0],
        path=a_path,
        operator=operator,
        due_date=D(2011, 11, 1),
        done_on=D(2011, 10, 30),
    )
    FollowUp.objects.create(
        beneficiary=b[0],
        path=b_paths[0],
        operator=operator,
        due_date=D(2011, 12, 20),
        done_on=D(2011, 12, 22),
    )
    FollowUp.objects.create(
        beneficiary=b[1], path=b_paths[1], operator=operator, due_date=D(2012, 1, 10)
    )
    courses(users, a[0], b[0])
    return {"ottiglio": ottiglio, "fubine": fubine, "terms": terms, "a": a, "b": b}


def courses(users, learner_a, learner_b) -> None:
    """An Italian L2 course (2 learners, 2 lessons held + 1 cancelled) and the operator
    training (2 trainees, one of whom attended the whole 2-hour module)."""
    from decimal import Decimal

    from sportello.learning.models import Attendance, Course, Enrolment, Session

    def course(kind, planned):
        return Course.objects.create(
            kind=kind,
            title=kind,
            planned_hours=Decimal(planned),
            trainer=users[Role.TRAINER],
            starts_on=D(2011, 9, 1),
            ends_on=D(2011, 12, 1),
        )

    def session(course, day, cancelled=False):
        return Session.objects.create(
            course=course, date=day, starts_at=dt.time(18), ends_at=dt.time(20), cancelled=cancelled
        )

    l2 = course(Course.Kind.ITALIAN_L2, 60)
    lessons = [session(l2, D(2011, 10, 3)), session(l2, D(2011, 10, 10))]
    session(l2, D(2011, 10, 17), cancelled=True)
    a, b = (Enrolment.objects.create(course=l2, beneficiary=x) for x in (learner_a, learner_b))
    for enrolment, lesson in [(a, lessons[0]), (a, lessons[1]), (b, lessons[0])]:
        Attendance.objects.create(session=lesson, enrolment=enrolment, present=True)
    Attendance.objects.create(session=lessons[1], enrolment=b, present=False)
    training = course(Course.Kind.OPERATOR_TRAINING, 2)
    module = session(training, D(2011, 9, 5))
    for name, present in [("Tirocinante Uno", True), ("Tirocinante Due", False)]:
        trainee = Enrolment.objects.create(course=training, name=name)
        Attendance.objects.create(session=module, enrolment=trainee, present=present)
