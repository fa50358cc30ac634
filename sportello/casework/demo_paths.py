"""Synthetic demo paths, goals, referrals, follow-ups and intakes. Never for production.

Runs after the people loader: the demo people followed by the demo operator get integration
paths — closed ones (completed or interrupted, with an outcome) started during the project period
(1 June 2011 – 30 April 2012), open ones started in the last weeks — with goals, referrals to
directory services in every state of the closed loop (some sent long ago without an answer, so
the "today" page shows overdue referrals), follow-ups (some due today, some overdue) and a few
intakes from partner staff (two of them new). Reproducible (fixed seed); idempotent: a person who
already has a path is left alone, and intakes are made only when there are none.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from sportello.accounts.models import User
from sportello.casework.models import (
    Beneficiary,
    Consent,
    FollowUp,
    Goal,
    Intake,
    Path,
    Referral,
    ReferralEvent,
    ReferralSource,
)
from sportello.directory.models import Service, TaxonomyTerm
from sportello.territory.models import Place

SEED = 20110602
OPERATOR = "operatore"
PROJECT_START = dt.date(2011, 6, 1)
PROJECT_END = dt.date(2012, 4, 30)
CLOSED_PATHS = 35  # the seed's target: 30 people in an integration path during the project
OPEN_PATHS = 30

GOALS = {
    "italian-l2": ["Frequentare il corso di italiano A2 al CPIA", "Ottenere la certificazione A2"],
    "school-education": [
        "Iscrivere i figli alla scuola primaria",
        "Attivare il sostegno allo studio pomeridiano",
    ],
    "vocational-training": ["Iscriversi a un corso di formazione per operatore agricolo"],
    "job": ["Iscriversi al Centro per l'impiego", "Preparare il curriculum in italiano"],
    "health": ["Scegliere il medico di base", "Scegliere il pediatra per i figli"],
    "psychosocial": ["Avviare colloqui di sostegno al consultorio"],
    "legal": ["Avere una consulenza legale gratuita"],
    "documents": [
        "Ottenere il codice fiscale",
        "Preparare la domanda di rinnovo con l'aiuto del patronato",
        "Iscriversi all'anagrafe del Comune",
    ],
    "housing": ["Trovare un alloggio in affitto più vicino al lavoro"],
    "culture-sport": ["Iscrivere i figli alla società sportiva del paese"],
    "family": ["Seguire il percorso nascita al consultorio"],
    "economic-support": ["Chiedere l'assegno unico per i figli"],
    "mediation": ["Avere un mediatore ai colloqui con la scuola"],
    "other": ["Conoscere i servizi del territorio"],
}
OUTCOMES = {
    Path.Status.COMPLETED: [
        "Obiettivi raggiunti: corso concluso e iscrizione al servizio fatta (dati dimostrativi).",
        "La persona ora si rivolge da sola ai servizi; percorso concluso (dati dimostrativi).",
        "Iscrizioni completate, figli inseriti a scuola (dati dimostrativi).",
    ],
    Path.Status.INTERRUPTED: [
        "La persona si è trasferita in un'altra provincia (dati dimostrativi).",
        "Sospeso su richiesta della persona per lavoro stagionale (dati dimostrativi).",
    ],
}
NOTES_FOR_SERVICE = [
    "Parla arabo e un po' di francese; preferisce il mattino.",
    "Ha bisogno di un appuntamento dopo le 16 per il lavoro.",
    "Accompagnata dall'operatore al primo incontro.",
    "",
]
INTAKES = [
    # days ago, status, source, place name, sender, how to reach, need code, note
    (
        0,
        Intake.Status.NEW,
        ReferralSource.TEACHER,
        "Scuola primaria di Ottiglio",
        "Maestra Demo Bianchi, classe 3ª",
        "Mamma di un alunno: all'uscita di scuola, ore 16:30",
        "italian-l2",
        "Vorrebbe un corso di italiano il pomeriggio.",
    ),
    (
        1,
        Intake.Status.NEW,
        ReferralSource.PAEDIATRICIAN,
        "Ambulatorio pediatrico di Fubine",
        "Dott.ssa Demo Verdi, pediatra",
        "Tel. 000 000 0001 (numero dimostrativo)",
        "health",
        "",
    ),
    (
        9,
        Intake.Status.ACCEPTED,
        ReferralSource.MUNICIPAL_CLERK,
        "Municipio di Villadeati",
        "Demo Neri, ufficio anagrafe",
        "Passa in Comune il martedì mattina",
        "documents",
        "",
    ),
    (
        20,
        Intake.Status.DISMISSED,
        ReferralSource.ASSOCIATION,
        "Associazione culturale Vignale Insieme (demo)",
        "Demo Gialli, volontario",
        "Già seguito dallo sportello (doppione)",
        "other",
        "",
    ),
]

S = Referral.State
# (state reached, path is closed?) → how many referrals of each; open paths get waiting ones.
CLOSED_STATES = [S.COMPLETED, S.COMPLETED, S.COMPLETED, S.DECLINED, S.NO_SHOW, S.WITHDRAWN]
OPEN_STATES = [S.DRAFT, S.SENT, S.SENT, S.RECEIVED, S.IN_PROGRESS, S.COMPLETED]
# The states a referral passes through to reach each state.
ROUTE = {
    S.DRAFT: [S.DRAFT],
    S.SENT: [S.DRAFT, S.SENT],
    S.RECEIVED: [S.DRAFT, S.SENT, S.RECEIVED],
    S.IN_PROGRESS: [S.DRAFT, S.SENT, S.RECEIVED, S.IN_PROGRESS],
    S.COMPLETED: [S.DRAFT, S.SENT, S.RECEIVED, S.IN_PROGRESS, S.COMPLETED],
    S.DECLINED: [S.DRAFT, S.SENT, S.RECEIVED, S.DECLINED],
    S.NO_SHOW: [S.DRAFT, S.SENT, S.NO_SHOW],
    S.WITHDRAWN: [S.DRAFT, S.SENT, S.WITHDRAWN],
}


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _project_day(rng: random.Random, *, last: dt.date = PROJECT_END) -> dt.date:
    return PROJECT_START + dt.timedelta(days=rng.randrange((last - PROJECT_START).days))


def _referral(rng, *, path, service, state, start: dt.date, operator, closed_by: dt.date | None):
    """A referral that went through the route to `state`, one step every few days."""
    referral = Referral.objects.create(
        path=path,
        service=service,
        note_for_service=rng.choice(NOTES_FOR_SERVICE),
    )
    day = start
    latest = closed_by or timezone.localdate()
    times = {}
    for step in ROUTE[state]:
        if step == S.SENT and state == S.SENT and closed_by is None and rng.random() < 0.6:
            day = timezone.localdate() - dt.timedelta(days=rng.randint(9, 20))  # overdue
        times[step] = _aware(min(day, latest), 9 + len(times))
        if step == S.SENT:
            Consent.objects.get_or_create(
                beneficiary=path.beneficiary,
                purpose=Consent.Purpose.SHARE_WITH_SERVICE,
                service=service,
                defaults={
                    "text_version": "2026-01",
                    "given_at": times[step],
                    "recorded_by": operator,
                },
            )
        by_provider = step in (S.RECEIVED, S.IN_PROGRESS, S.COMPLETED, S.DECLINED, S.NO_SHOW)
        event = ReferralEvent.objects.create(
            referral=referral,
            state=step,
            by=None if by_provider else operator,
            by_provider=by_provider,
        )
        ReferralEvent.objects.filter(pk=event.pk).update(at=times[step])
        day = day + dt.timedelta(days=rng.randint(2, 10))
    Referral.objects.filter(pk=referral.pk).update(
        state=state,
        created_at=times[S.DRAFT],
        sent_at=times.get(S.SENT),
        received_at=times.get(S.RECEIVED),
        closed_at=times[state]
        if state in (S.COMPLETED, S.DECLINED, S.NO_SHOW, S.WITHDRAWN)
        else None,
    )


def _services_by_category() -> dict[int, list[Service]]:
    by_category: dict[int, list[Service]] = {}
    for service in Service.objects.filter(status=Service.Status.ACTIVE).prefetch_related(
        "categories"
    ):
        for term in service.categories.all():
            by_category.setdefault(term.pk, []).append(service)
    return by_category


def _make_path(rng, person: Beneficiary, operator: User, open_index: int, terms, services) -> bool:
    """One path for the person: closed (with an outcome) if they were registered during the
    project, open if registered in the last weeks. Returns whether the path is open."""
    today = timezone.localdate()
    registered = timezone.localtime(person.created_at).date()
    closed = registered <= PROJECT_END - dt.timedelta(days=45)
    if closed:
        start = registered + dt.timedelta(days=rng.randint(0, 14))
        status = Path.Status.COMPLETED if rng.random() < 0.7 else Path.Status.INTERRUPTED
        closed_on = min(start + dt.timedelta(days=rng.randint(45, 200)), PROJECT_END)
    else:
        start = min(registered + dt.timedelta(days=rng.randint(0, 7)), today)
        status = Path.Status.ACTIVE if rng.random() < 0.8 else Path.Status.PROPOSED
        closed_on = None
    path = Path.objects.create(
        beneficiary=person,
        operator=operator,
        start_date=start,
        status=status,
        closed_on=closed_on,
        outcome=rng.choice(OUTCOMES[status]) if closed else "",
    )
    needs = list(person.needs.select_related("category"))
    categories = [need.category for need in needs] or rng.sample(terms, 2)
    for category in categories[: rng.randint(1, 3)]:
        due = start + dt.timedelta(days=rng.randint(30, 120))
        achieved = min(due, closed_on) if closed and status == Path.Status.COMPLETED else None
        Goal.objects.create(
            path=path,
            category=category,
            text=rng.choice(GOALS.get(category.code, GOALS["other"])),
            due_date=due,
            achieved_on=achieved,
        )
        candidates = services.get(category.pk, [])
        if not candidates or status == Path.Status.PROPOSED:
            continue
        state = rng.choice(CLOSED_STATES if closed else OPEN_STATES)
        _referral(
            rng,
            path=path,
            service=rng.choice(candidates),
            state=state,
            start=start + dt.timedelta(days=rng.randint(1, 10)),
            operator=operator,
            closed_by=closed_on,
        )
    # Follow-ups: done ones for closed paths; due today, overdue or coming for open ones.
    if closed:
        FollowUp.objects.create(
            beneficiary=person,
            path=path,
            operator=operator,
            due_date=start + dt.timedelta(days=30),
            done_on=start + dt.timedelta(days=31),
            note="Sentita al telefono: tutto bene (dati dimostrativi).",
        )
        return False
    offset = [0, -3, 0, -9, 5, 12][open_index % 6]  # due today, overdue, coming
    FollowUp.objects.create(
        beneficiary=person,
        path=path,
        operator=operator,
        due_date=max(today + dt.timedelta(days=offset), start),
        note="Richiamare per sapere com'è andato il primo incontro (dati dimostrativi).",
    )
    return True


def _intakes(operator: User) -> None:
    if Intake.objects.exists():
        return
    places = {place.name: place for place in Place.objects.all()}
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    now = timezone.now()
    for days, status, source, place_name, sender, reach, need, note in INTAKES:
        place = places.get(place_name)
        if place is None:
            continue
        intake = Intake.objects.create(
            place=place,
            source=source,
            sender_name=sender,
            how_to_reach=reach,
            need=terms[need],
            note=note,
            person_agreed=True,
            status=status,
            handled_by=None if status == Intake.Status.NEW else operator,
            handled_at=None if status == Intake.Status.NEW else now - dt.timedelta(days=days - 1),
        )
        Intake.objects.filter(pk=intake.pk).update(
            received_at=now - dt.timedelta(days=days, hours=2)
        )


@transaction.atomic
def load_paths() -> None:
    operator = User.objects.filter(username=OPERATOR).first()
    if operator is None:
        return
    rng = random.Random(SEED)
    terms = list(TaxonomyTerm.objects.order_by("position"))
    services = _services_by_category()
    # Closed paths for people registered during the project, open ones for the recent people.
    followed = Beneficiary.objects.filter(operators=operator, erased_at__isnull=True)
    project_end = timezone.make_aware(dt.datetime.combine(PROJECT_END, dt.time.max))
    people = list(followed.filter(created_at__lte=project_end).order_by("code")[:CLOSED_PATHS])
    people += list(followed.filter(created_at__gt=project_end).order_by("code")[:OPEN_PATHS])
    with_paths = set(
        Path.objects.filter(beneficiary__in=people).values_list("beneficiary", flat=True)
    )
    open_index = 0
    for person in people:
        if person.pk in with_paths:
            continue
        if _make_path(rng, person, operator, open_index, terms, services):
            open_index += 1
    _intakes(operator)
