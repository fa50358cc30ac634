"""Demo data of the courses (synthetic): the seed's 60-hour Italian L2 course with twelve
learners from the demo people, and the operator-training module for ten association operators
with their assessments and one selection. Idempotent."""

import datetime as dt
from decimal import Decimal

from sportello.accounts.models import Role, User
from sportello.casework.models import Beneficiary, Consent, Identity
from sportello.learning.models import Assessment, Attendance, Course, Enrolment, Selection, Session
from sportello.territory.models import Place

L2_TITLE = "Italiano L2 – livello A1 (demo)"
TRAINING_TITLE = "Modulo di formazione sul tutoraggio sociale (demo)"

L2_TOPICS = [
    "Presentarsi",
    "I numeri e l'alfabeto",
    "La famiglia",
    "La casa",
    "Fare la spesa",
    "Dal medico",
    "In comune: i documenti",
    "Il lavoro",
    "I mezzi di trasporto",
    "La scuola dei figli",
]
TRAINEES = [
    # name, association, languages, scores (aptitude, languages, territory, migration background)
    (
        "Amina Benali (demo)",
        "Associazione Donne del Monferrato (demo)",
        ["ar", "fr", "it"],
        (5, 5, 4, 5),
    ),
    ("Ion Popescu (demo)", "Circolo Romeno di Casale (demo)", ["ro", "it"], (4, 3, 4, 5)),
    ("Elira Hoxha (demo)", "Associazione Shqiponja (demo)", ["sq", "it", "en"], (4, 4, 3, 5)),
    ("Giulia Ferraris (demo)", "Pro Loco di Ottiglio (demo)", ["it", "en"], (4, 2, 5, 1)),
    ("Youssef Amrani (demo)", "Centro culturale e di preghiera (demo)", ["ar", "it"], (3, 4, 3, 5)),
    ("Marco Bianchi (demo)", "Vignale Insieme (demo)", ["it"], (3, 1, 5, 1)),
    (
        "Olena Kovalenko (demo)",
        "Associazione Ucraina Piemonte (demo)",
        ["uk", "ru", "it"],
        (4, 4, 2, 5),
    ),
    ("Li Wei (demo)", "Associazione Ponte (demo)", ["zh", "it"], (3, 3, 2, 5)),
    ("Sara Gatti (demo)", "Caritas parrocchiale (demo)", ["it", "fr"], (5, 3, 5, 1)),
    ("Blerim Krasniqi (demo)", "Associazione Shqiponja (demo)", ["sq", "it"], (3, 3, 3, 5)),
]
SELECTION_REASONS = (
    "Punteggio più alto nei quattro criteri; parla arabo e francese, le lingue più richieste allo "
    "sportello; ha una propria esperienza migratoria, come chiede il progetto; ha frequentato "
    "tutto il modulo."
)


def _sessions(course: Course, first: dt.date, weekdays: set[int], count: int, hours: int, topics):
    day, made = first, []
    start = dt.time(18, 0)
    end = dt.time(18 + hours, 0)
    while len(made) < count:
        if day.weekday() in weekdays:
            made.append(
                Session.objects.create(
                    course=course,
                    date=day,
                    starts_at=start,
                    ends_at=end,
                    topic=topics[len(made) % len(topics)],
                )
            )
        day += dt.timedelta(days=1)
    return made


def _attend(sessions: list[Session], enrolment: Enrolment, attended: int) -> None:
    Attendance.objects.bulk_create(
        Attendance(session=s, enrolment=enrolment, present=i < attended)
        for i, s in enumerate(sessions)
    )


def load_courses() -> None:
    trainer = User.objects.filter(username="formatore", role=Role.TRAINER).first()
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    if trainer is None or Course.objects.filter(title=L2_TITLE).exists():
        return
    place = Place.objects.filter(name="Biblioteca civica di Ottiglio").first()
    l2 = Course.objects.create(
        kind=Course.Kind.ITALIAN_L2,
        title=L2_TITLE,
        level=Course.Level.A1,
        planned_hours=Decimal(60),
        place=place,
        trainer=trainer,
        starts_on=dt.date(2011, 10, 3),
        ends_on=dt.date(2012, 1, 26),
    )
    sessions = _sessions(l2, l2.starts_on, {0, 3}, 30, 2, L2_TOPICS)  # Mon, Thu 18–20
    people = list(Beneficiary.objects.filter(erased_at__isnull=True).order_by("code")[:12])
    with_identity = set(
        Identity.objects.filter(beneficiary__in=people).values_list("beneficiary_id", flat=True)
    )
    # Sessions attended: the first learner has 40 of the 42 hours needed (one tap away on the
    # last lesson); the others from all 30 down to 12.
    attended = [20, 30, 28, 26, 24, 22, 21, 19, 17, 15, 14, 12]
    for person, count in zip(people, attended, strict=False):
        enrolment = Enrolment.objects.create(course=l2, beneficiary=person)
        _attend(sessions, enrolment, count)
        if person.pk in with_identity:
            Consent.objects.get_or_create(
                beneficiary=person,
                purpose=Consent.Purpose.COURSE_IDENTITY,
                defaults={
                    "text_version": "2026-01",
                    "given_at": dt.datetime(2011, 10, 3, 18, tzinfo=dt.UTC),
                    "recorded_by": coordinator,
                },
            )

    training = Course.objects.create(
        kind=Course.Kind.OPERATOR_TRAINING,
        title=TRAINING_TITLE,
        planned_hours=Decimal(24),
        place=Place.objects.filter(name__startswith="Municipio di Ottiglio").first(),
        trainer=trainer,
        starts_on=dt.date(2011, 7, 4),
        ends_on=dt.date(2011, 7, 28),
    )
    topics = [
        "Il tutoraggio sociale",
        "I servizi del territorio",
        "Ascolto e mediazione",
        "Privacy e consenso",
        "Il lavoro di rete",
        "Casi pratici",
    ]
    sessions = _sessions(training, training.starts_on, {0, 3}, 8, 3, topics)
    attended = [8, 8, 7, 8, 6, 5, 7, 4, 8, 6]  # 17 h (≥ 70% of 24) needs 6 sessions
    best = None
    for (name, association, languages, scores), count in zip(TRAINEES, attended, strict=True):
        enrolment = Enrolment.objects.create(
            course=training,
            name=name,
            association=association,
            email=name.split(" (")[0].lower().replace(" ", ".") + "@example.org",
            languages=languages,
        )
        _attend(sessions, enrolment, count)
        Assessment.objects.create(
            enrolment=enrolment,
            aptitude=scores[0],
            languages=scores[1],
            territory=scores[2],
            migration_background=scores[3],
            notes="Valutazione dimostrativa.",
            assessed_by=trainer,
        )
        best = best or enrolment
    Selection.objects.create(
        course=training, enrolment=best, reasons=SELECTION_REASONS, decided_by=coordinator
    )
