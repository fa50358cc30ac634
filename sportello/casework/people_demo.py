"""Synthetic demo people: ~120 beneficiaries (some with an invented identity), their encounters,
needs, consents and a few notes, plus anonymous encounters — across the project period
(1 June 2011 – 30 April 2012) and the last weeks, so "today" pages show something.

Everything is invented: family names end in "Demo", phone numbers start with 000 (they cannot be
dialled), e-mails are @example.org. Reproducible (fixed seed) and idempotent (people and
encounters have deterministic codes; existing ones are left alone). Paths, referrals and
follow-ups are added by the paths loader, which runs after this one.
"""

import datetime as dt
import random
import uuid

from django.db import transaction
from django.utils import timezone

from sportello.accounts.models import User
from sportello.casework.consent_texts import CURRENT_VERSION
from sportello.casework.models import (
    CODE_ALPHABET,
    Beneficiary,
    Consent,
    Encounter,
    Gender,
    Identity,
    Need,
    Note,
    ReferralSource,
)
from sportello.casework.selectors import age_band_for
from sportello.casework.services import full_name_index, phone_index
from sportello.directory.models import Service, TaxonomyTerm
from sportello.territory.models import Municipality, Place

SEED = 20110601
PEOPLE = 120
ANONYMOUS_ENCOUNTERS = 60
PROJECT_START = dt.date(2011, 6, 1)
PROJECT_END = dt.date(2012, 4, 30)
RECENT_WEEKS = 8
OPERATOR = "operatore"

# citizenship: (weight, languages, first names)
COMMUNITIES = {
    "RO": (25, ["ro"], ["Ioana", "Mihai", "Elena", "Andrei", "Florin", "Roxana"]),
    "AL": (18, ["sq"], ["Arben", "Elira", "Besnik", "Drita", "Ilir", "Mirela"]),
    "MA": (18, ["ar", "fr"], ["Amina", "Youssef", "Fatima", "Rachid", "Khadija", "Said"]),
    "EC": (6, ["es"], ["María", "Luis", "Gabriela", "Jorge"]),
    "MK": (6, ["mk"], ["Ana", "Goran", "Marija", "Dragan"]),
    "UA": (6, ["uk", "ru"], ["Olena", "Iryna", "Taras", "Oksana"]),
    "CN": (5, ["zh"], ["Wei", "Li", "Mei", "Jun"]),
    "TN": (3, ["ar", "fr"], ["Sami", "Leila", "Karim"]),
    "SN": (3, ["wo", "fr"], ["Moussa", "Awa", "Ousmane"]),
    "NG": (3, ["en"], ["Chinedu", "Blessing", "Emeka"]),
    "IN": (3, ["pa", "en"], ["Harpreet", "Gurpreet", "Simran"]),
    "PK": (2, ["ur"], ["Imran", "Ayesha"]),
    "EG": (2, ["ar"], ["Mona", "Ahmed"]),
}
# Invented family names, all marked "Demo".
FAMILY_NAMES = [
    "Esempiescu Demo",
    "Provaj Demo",
    "El-Finto Demo",
    "Immaginova Demo",
    "Fittizi Demo",
    "Inventaru Demo",
    "Campionez Demo",
    "Modellaj Demo",
    "Prototip Demo",
    "Bozzetti Demo",
]
MUNICIPALITIES = {  # weight ~ residents
    "fubine-monferrato": 35,
    "vignale-monferrato": 20,
    "alfiano-natta": 15,
    "ottiglio": 15,
    "villadeati": 10,
    "": 5,
}
NEEDS = {
    "italian-l2": 25,
    "documents": 18,
    "job": 15,
    "health": 12,
    "school-education": 10,
    "housing": 8,
    "family": 5,
    "economic-support": 5,
    "vocational-training": 5,
    "culture-sport": 4,
    "legal": 3,
    "psychosocial": 3,
    "mediation": 2,
    "other": 1,
}
SOURCES = {
    ReferralSource.OUTREACH: 25,
    ReferralSource.TEACHER: 15,
    ReferralSource.SCHOOL_STAFF: 10,
    ReferralSource.DOCTOR: 8,
    ReferralSource.PAEDIATRICIAN: 7,
    ReferralSource.MUNICIPAL_CLERK: 10,
    ReferralSource.ASSOCIATION: 8,
    ReferralSource.WORD_OF_MOUTH: 12,
    ReferralSource.SELF: 5,
}
INFORMATION = [
    "Orari e iscrizione al corso di italiano A1 del CPIA (demo).",
    "Come iscriversi al Servizio sanitario nazionale e scegliere il medico (demo).",
    "Documenti da portare all'anagrafe per la residenza (demo).",
    "Indirizzo e orari del Centro per l'impiego di Casale Monferrato (demo).",
    "Come chiedere il codice fiscale all'Agenzia delle entrate (demo).",
    "Iscrizione scolastica dei figli e servizio mensa (demo).",
    "Patronati che aiutano con il kit per il rinnovo del permesso (demo).",
    "Attività sportive gratuite per ragazzi nel comune (demo).",
]
NOTES = [
    "Preferisce essere contattata al mattino (nota dimostrativa).",
    "Accompagnare al primo appuntamento, se possibile (nota dimostrativa).",
    "Ha chiesto informazioni anche per il fratello (nota dimostrativa).",
    "Richiamare dopo l'iscrizione al corso (nota dimostrativa).",
]


def _pick(rng: random.Random, weighted: dict):
    keys = list(weighted)
    return rng.choices(keys, weights=[weighted[k] for k in keys])[0]


def _day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _code(rng: random.Random) -> str:
    body = "".join(rng.choice(CODE_ALPHABET) for _ in range(6))
    return f"SM-{body[:3]}-{body[3:]}"


def _generation(rng: random.Random, second: bool) -> str:
    if second:
        return "second"
    return "first" if rng.random() < 0.9 else "unknown"


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def person_specs(today: dt.date) -> list[dict]:
    """The demo people as plain data (no database access): the same on every run."""
    rng = random.Random(SEED)
    recent_start = today - dt.timedelta(weeks=RECENT_WEEKS)
    specs = []
    for _i in range(PEOPLE):
        recent = rng.random() < 0.25
        registered = (
            _day_between(rng, recent_start, today - dt.timedelta(days=1))
            if recent
            else _day_between(rng, PROJECT_START, PROJECT_END - dt.timedelta(days=14))
        )
        country = _pick(rng, {k: v[0] for k, v in COMMUNITIES.items()})
        _weight, languages, first_names = COMMUNITIES[country]
        languages = list(languages) + (["it"] if rng.random() < 0.5 else [])
        age = rng.choices([rng.randint(8, 17), rng.randint(18, 29), rng.randint(30, 49),
                           rng.randint(50, 70)], weights=[10, 35, 40, 15])[0]  # fmt: skip
        year_of_birth = registered.year - age
        second = age < 18 and rng.random() < 0.4
        arrival = None
        if not second and rng.random() < 0.7:
            arrival = rng.randint(max(year_of_birth + 1, registered.year - 15), registered.year)
        with_identity = rng.random() < 0.4
        first_name = rng.choice(first_names)
        family_name = rng.choice(FAMILY_NAMES)
        phone = f"+39 000 000 {rng.randint(1000, 9999)}" if rng.random() < 0.7 else ""
        email = (
            f"{first_name.lower()}.demo{rng.randint(1, 99)}@example.org"
            if rng.random() < 0.2
            else ""
        )
        need_codes = []
        for _n in range(rng.choice([1, 1, 2, 2, 3])):
            code = _pick(rng, NEEDS)
            if code not in need_codes:
                need_codes.append(code)
        last_day = today if recent else min(registered + dt.timedelta(days=150), PROJECT_END)
        encounter_days = sorted(
            [registered]
            + [_day_between(rng, registered, last_day) for _e in range(rng.choice([0, 1, 1, 2, 3]))]
        )
        specs.append(
            {
                "code": _code(rng),
                "recent": recent,
                "registered": registered,
                "gender": _pick(
                    rng,
                    {Gender.FEMALE: 52, Gender.MALE: 45, Gender.OTHER: 1, Gender.NOT_STATED: 2},
                ),
                "year_of_birth": year_of_birth,
                "citizenship": country,
                "languages": sorted(set(languages)),
                "municipality": _pick(rng, MUNICIPALITIES),
                "generation": "second"
                if second
                else ("first" if rng.random() < 0.9 else "unknown"),
                "arrival_year": arrival,
                "identity": (
                    {
                        "first_name": first_name,
                        "family_name": family_name,
                        "phone": phone,
                        "email": email,
                    }
                    if with_identity
                    else None
                ),
                "needs": [
                    {
                        "code": code,
                        "priority": rng.choice(["high", "medium", "medium", "low"]),
                        "status": (
                            "open"
                            if recent or rng.random() < 0.25
                            else rng.choice(["addressed", "closed"])
                        ),
                    }
                    for code in need_codes
                ],
                "source": _pick(rng, SOURCES),
                "encounters": [
                    {
                        "day": day,
                        "uuid": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "information": rng.choice(INFORMATION) if rng.random() < 0.6 else "",
                        "suggest": rng.random() < 0.5,
                        "place_index": rng.randint(0, 99),
                    }
                    for day in encounter_days
                ],
                "consent_follow_up": rng.random() < 0.9,
                "consent_share": rng.random() < 0.4,
                "note": rng.choice(NOTES) if rng.random() < 0.15 else "",
            }
        )
    return specs


def anonymous_specs(today: dt.date) -> list[dict]:
    rng = random.Random(SEED + 1)
    recent_start = today - dt.timedelta(weeks=RECENT_WEEKS)
    specs = []
    for _i in range(ANONYMOUS_ENCOUNTERS):
        recent = rng.random() < 0.3
        day = (
            _day_between(rng, recent_start, today)
            if recent
            else _day_between(rng, PROJECT_START, PROJECT_END)
        )
        country = _pick(rng, {k: v[0] for k, v in COMMUNITIES.items()})
        specs.append(
            {
                "uuid": uuid.UUID(int=rng.getrandbits(128), version=4),
                "day": day,
                "gender": _pick(rng, {Gender.FEMALE: 52, Gender.MALE: 46, Gender.NOT_STATED: 2}),
                "age_band": rng.choice(["14-17", "18-29", "18-29", "30-49", "30-49", "50-64"]),
                "language": COMMUNITIES[country][1][0],
                "need": _pick(rng, NEEDS),
                "source": _pick(rng, SOURCES),
                "municipality": _pick(rng, MUNICIPALITIES),
                "place_index": rng.randint(0, 99),
                "information": rng.choice(INFORMATION) if rng.random() < 0.3 else "",
            }
        )
    return specs


class _World:
    """What the specs refer to, loaded once."""

    def __init__(self):
        self.terms = {term.code: term for term in TaxonomyTerm.objects.all()}
        self.municipalities = {m.slug: m for m in Municipality.objects.all()}
        self.places: dict[str, list[Place]] = {}
        for place in Place.objects.filter(active=True).order_by("pk"):
            self.places.setdefault(place.municipality.slug, []).append(place)
        self.all_places = [p for places in self.places.values() for p in places]
        self.services: dict[str, list[Service]] = {}
        active = Service.objects.filter(status=Service.Status.ACTIVE).prefetch_related("categories")
        for service in active.order_by("pk"):
            for term in service.categories.all():
                self.services.setdefault(term.code, []).append(service)

    def place(self, slug: str, index: int) -> Place | None:
        places = self.places.get(slug) or self.all_places
        return places[index % len(places)] if places else None

    def service(self, code: str, index: int) -> Service | None:
        services = self.services.get(code, [])
        return services[index % len(services)] if services else None


def _create_person(spec: dict, world: _World, operator: User) -> None:
    person = Beneficiary.objects.create(
        code=spec["code"],
        year_of_birth=spec["year_of_birth"],
        gender=spec["gender"],
        citizenship=spec["citizenship"],
        languages=spec["languages"],
        municipality=world.municipalities.get(spec["municipality"]),
        generation=spec["generation"],
        arrival_year=spec["arrival_year"],
        created_by=operator,
    )
    registered_at = _aware(spec["registered"])
    Beneficiary.objects.filter(pk=person.pk).update(created_at=registered_at)
    person.operators.set([operator])
    identity = spec["identity"]
    if identity and not spec["consent_follow_up"]:
        # A phone number is kept only with the consent to be called (given below with follow-up).
        identity = {**identity, "phone": ""}
    if identity:
        Identity.objects.create(
            beneficiary=person,
            **identity,
            name_index=full_name_index(identity["first_name"], identity["family_name"]),
            phone_index=phone_index(identity["phone"]) if identity["phone"] else "",
        )
    needs = []
    for item in spec["needs"]:
        term = world.terms.get(item["code"])
        if term is None:
            continue
        needs.append(
            Need.objects.create(
                beneficiary=person,
                category=term,
                priority=item["priority"],
                status=item["status"],
                created_by=operator,
            )
        )
    Need.objects.filter(beneficiary=person).update(created_at=registered_at)
    for n, item in enumerate(spec["encounters"]):
        encounter = Encounter.objects.create(
            code=item["uuid"],
            date=item["day"],
            place=world.place(spec["municipality"], item["place_index"]),
            operator=operator,
            beneficiary=person,
            referral_source=spec["source"] if n == 0 else ReferralSource.OUTREACH,
            gender=person.gender,
            age_band=age_band_for(person.year_of_birth, item["day"]),
            language=person.languages[0] if person.languages else "",
            information_given=item["information"],
        )
        encounter.needs.set([need.category for need in needs])
        if item["suggest"] and needs:
            service = world.service(needs[0].category.code, item["place_index"])
            if service is not None:
                encounter.services_suggested.set([service])
    consents = []
    if spec["consent_follow_up"]:
        consents.append((Consent.Purpose.FOLLOW_UP, None))
    if identity and identity["phone"] and spec["consent_follow_up"]:
        consents.append((Consent.Purpose.CONTACT_BY_PHONE, None))
    if spec["consent_share"] and needs:
        service = world.service(needs[0].category.code, len(spec["code"]))
        if service is not None:
            consents.append((Consent.Purpose.SHARE_WITH_SERVICE, service))
    for purpose, service in consents:
        Consent.objects.create(
            beneficiary=person,
            purpose=purpose,
            service=service,
            text_version=CURRENT_VERSION,
            given_at=registered_at,
            recorded_by=operator,
        )
    if spec["note"]:
        note = Note.objects.create(beneficiary=person, text=spec["note"], created_by=operator)
        Note.objects.filter(pk=note.pk).update(created_at=registered_at)


@transaction.atomic
def load_people() -> None:
    operator = User.objects.filter(username=OPERATOR).first()
    if operator is None:
        return
    today = timezone.localdate()
    world = _World()
    specs = person_specs(today)
    existing = set(
        Beneficiary.objects.filter(code__in=[s["code"] for s in specs]).values_list(
            "code", flat=True
        )
    )
    for spec in specs:
        if spec["code"] not in existing:
            _create_person(spec, world, operator)
    anonymous = anonymous_specs(today)
    known = set(
        Encounter.objects.filter(code__in=[s["uuid"] for s in anonymous]).values_list(
            "code", flat=True
        )
    )
    for spec in anonymous:
        if spec["uuid"] in known:
            continue
        encounter = Encounter.objects.create(
            code=spec["uuid"],
            date=spec["day"],
            place=world.place(spec["municipality"], spec["place_index"]),
            operator=operator,
            referral_source=spec["source"],
            gender=spec["gender"],
            age_band=spec["age_band"],
            language=spec["language"],
            information_given=spec["information"],
        )
        if spec["need"] in world.terms:
            encounter.needs.set([world.terms[spec["need"]]])
