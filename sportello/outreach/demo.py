"""Synthetic demo rota and visits for the diffuse desk. Never for production.

The demo operator visits each of the five municipalities every week: school mornings (when
parents bring their children), clinic hours, town-hall afternoons. Visits with anonymous contacts
are spread across the project period (1 June 2011 – 30 April 2012) and the last weeks, so that the
"today" and list pages show something. Reproducible (fixed seed); idempotent (slots are matched by
operator, place, day and time; visits are made only when the demo operator has none).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from sportello.accounts.models import User
from sportello.casework.models import AgeBand, Gender
from sportello.directory.models import TaxonomyTerm
from sportello.outreach.models import AnonymousContact, Visit, VisitPlan
from sportello.outreach.selectors import planned_visits
from sportello.territory.models import Place

SEED = 20110601
OPERATOR = "operatore"
PROJECT_START = dt.date(2011, 6, 1)
PROJECT_END = dt.date(2012, 4, 30)
RECENT_WEEKS = 8

# weekday, from, to, municipality slug, place name (as made by core.demo.load_places), valid to
ROTA = [
    (1, "08:30", "10:30", "ottiglio", "Scuola primaria di Ottiglio", None),
    (1, "11:00", "12:30", "ottiglio", "Ambulatorio pediatrico di Ottiglio", None),
    (1, "15:00", "17:00", "ottiglio", "Municipio di Ottiglio", None),
    (2, "08:30", "10:30", "fubine-monferrato", "Scuola primaria di Fubine Monferrato", None),
    (2, "10:45", "12:15", "fubine-monferrato", "Ambulatorio pediatrico di Fubine", None),
    (2, "14:30", "16:30", "fubine-monferrato", "Municipio di Fubine Monferrato", None),
    (3, "08:30", "10:30", "vignale-monferrato", "Scuola primaria di Vignale Monferrato", None),
    (3, "11:00", "12:30", "vignale-monferrato", "Ambulatorio medico di Vignale Monferrato", None),
    (
        3,
        "15:00",
        "17:00",
        "vignale-monferrato",
        "Associazione culturale Vignale Insieme (demo)",
        None,
    ),
    (4, "08:30", "10:30", "alfiano-natta", "Scuola primaria di Alfiano Natta", None),
    (4, "11:00", "12:00", "alfiano-natta", "Ambulatorio medico di Alfiano Natta", None),
    (4, "14:30", "16:30", "villadeati", "Municipio di Villadeati", None),
    (5, "08:30", "10:00", "villadeati", "Scuola primaria di Villadeati", None),
    (
        5,
        "10:30",
        "12:00",
        "fubine-monferrato",
        "Scuola secondaria di primo grado di Fubine",
        None,
    ),
    (5, "15:00", "17:00", "fubine-monferrato", "Centro culturale e di preghiera (demo)", None),
    # A slot of the project period only: the library's Saturday mornings.
    (6, "09:30", "11:30", "alfiano-natta", "Biblioteca civica di Alfiano Natta", PROJECT_END),
]

GENDERS = [(Gender.FEMALE, 52), (Gender.MALE, 44), (Gender.OTHER, 1), (Gender.NOT_STATED, 3)]
AGE_BANDS = [
    (AgeBand.CHILD, 4),
    (AgeBand.TEEN, 6),
    (AgeBand.YOUNG, 25),
    (AgeBand.ADULT, 42),
    (AgeBand.MATURE, 15),
    (AgeBand.SENIOR, 5),
    (AgeBand.UNKNOWN, 3),
]
LANGUAGES = [
    ("ar", 28),
    ("ro", 22),
    ("sq", 18),
    ("fr", 6),
    ("es", 6),
    ("en", 5),
    ("zh", 5),
    ("uk", 5),
    ("mk", 3),
    ("it", 2),
]
NEEDS = [
    ("italian-l2", 20),
    ("documents", 14),
    ("job", 14),
    ("school-education", 10),
    ("health", 10),
    ("family", 7),
    ("housing", 6),
    ("economic-support", 5),
    ("vocational-training", 4),
    ("culture-sport", 3),
    ("mediation", 2),
    ("legal", 2),
    ("psychosocial", 1),
    ("other", 2),
]
PEOPLE_PER_VISIT = [(0, 20), (1, 30), (2, 25), (3, 15), (4, 10)]
VISIT_CHANCE = 0.27  # of each rota occurrence: about four visits a week


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def load_rota(operator: User) -> None:
    places = {
        (p.municipality.slug, p.name): p for p in Place.objects.select_related("municipality")
    }
    for weekday, start, end, slug, name, valid_to in ROTA:
        place = places.get((slug, name))
        if place is None:
            continue
        VisitPlan.objects.get_or_create(
            operator=operator,
            place=place,
            weekday=weekday,
            starts_at=dt.time.fromisoformat(start),
            defaults={
                "ends_at": dt.time.fromisoformat(end),
                "valid_from": PROJECT_START,
                "valid_to": valid_to,
            },
        )


def load_visits(operator: User) -> None:
    if Visit.objects.filter(operator=operator).exists():
        return
    rng = random.Random(SEED)
    needs = {t.code: t for t in TaxonomyTerm.objects.all()}
    today = timezone.localdate()
    occurrences = planned_visits(operator, start=PROJECT_START, end=PROJECT_END)
    occurrences += planned_visits(
        operator, start=today - dt.timedelta(weeks=RECENT_WEEKS), end=today - dt.timedelta(days=1)
    )
    visits, people = [], []
    for item in occurrences:
        if rng.random() >= VISIT_CHANCE:
            continue
        planned = int((item.end - item.start).total_seconds() // 60)
        visit = Visit(
            date=item.date,
            place=item.place,
            operator=operator,
            plan=item.plan,
            minutes=max(15, planned + rng.choice([-30, -15, 0, 0, 0, 15])),
        )
        visits.append(visit)
        people.append(_pick(rng, PEOPLE_PER_VISIT))
    Visit.objects.bulk_create(visits)
    contacts = []
    for visit, count in zip(visits, people, strict=True):
        # Recorded on the day, at the end of the slot (so old visits can no longer be corrected).
        end = visit.plan.ends_at if visit.plan else dt.time(18)
        visit.created_at = timezone.make_aware(dt.datetime.combine(visit.date, end))
        for _n in range(count):
            need = needs.get(_pick(rng, NEEDS))
            contacts.append(
                AnonymousContact(
                    visit=visit,
                    gender=_pick(rng, GENDERS),
                    age_band=_pick(rng, AGE_BANDS),
                    language=_pick(rng, LANGUAGES),
                    need=need,
                )
            )
    Visit.objects.bulk_update(visits, ["created_at"], batch_size=500)
    AnonymousContact.objects.bulk_create(contacts, batch_size=500)


@transaction.atomic
def load_outreach() -> None:
    operator = User.objects.filter(username=OPERATOR).first()
    if operator is None:
        return
    load_rota(operator)
    load_visits(operator)
