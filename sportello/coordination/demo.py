"""Synthetic demo coordination group: a seat per municipality (a demo officer and a substitute)
and the coordinator's, three meetings with agenda, attendance, minutes and decisions. Never for
production. Idempotent: seats are matched by municipality, meetings by date and title."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sportello.accounts.models import Role, User
from sportello.coordination import services
from sportello.coordination.models import Attendance, Decision, Meeting, Member
from sportello.territory.models import Municipality, Place

# slug → (first name of the representative, of the substitute); Ottiglio's is the demo "comune".
PEOPLE = {
    "ottiglio": (None, "Sara"),
    "alfiano-natta": ("Luca", "Irene"),
    "villadeati": ("Giorgio", "Elena"),
    "fubine-monferrato": ("Anna", "Paolo"),
    "vignale-monferrato": ("Marco", "Chiara"),
}

MEETINGS = [
    {
        "date": dt.date(2011, 6, 15),
        "starts_at": dt.time(18, 0),
        "title": "Riunione di avvio del gruppo di coordinamento",
        "place": ("ottiglio", "Municipio di Ottiglio"),
        "agenda": [
            "Presentazione del progetto e dei suoi obiettivi",
            "Calendario delle visite dello sportello diffuso nei cinque comuni",
            "Volantino multilingue: contenuti e lingue",
        ],
        "minutes": (
            "Il coordinamento presenta il progetto e il ruolo del tutor sociale.\n"
            "I referenti dei comuni indicano i luoghi dove lo sportello può essere presente "
            "(scuole, ambulatori, municipi).\n"
            "Si concorda di preparare il volantino in sei lingue."
        ),
        "absent": [],
        "substitute": ["villadeati"],
        "headlines": False,
        "decisions": [
            (
                "Approvare il calendario settimanale delle visite.",
                None,
                dt.date(2011, 6, 30),
                "done",
            ),
            (
                "Indicare in ogni comune un luogo e un orario per lo sportello.",
                "alfiano-natta",
                dt.date(2011, 7, 15),
                "done",
            ),
        ],
    },
    {
        "date": dt.date(2011, 11, 16),
        "starts_at": dt.time(17, 30),
        "title": "Verifica intermedia",
        "place": ("fubine-monferrato", "Municipio di Fubine Monferrato"),
        "agenda": [
            "Andamento dello sportello: indicatori principali",
            "Distribuzione dei volantini",
            "Corso di italiano L2: iscrizioni",
        ],
        "minutes": (
            "Si esaminano gli indicatori principali (dati aggregati e protetti).\n"
            "I volantini in arabo e rumeno sono quasi esauriti.\n"
            "Il corso di italiano L2 ha raccolto le prime iscrizioni."
        ),
        "absent": ["alfiano-natta"],
        "substitute": [],
        "headlines": True,
        "decisions": [
            (
                "Ristampare 500 volantini in arabo e in rumeno.",
                "fubine-monferrato",
                dt.date(2011, 12, 15),
                "done",
            ),
            (
                "Aggiornare gli orari degli ambulatori nella guida ai servizi.",
                "vignale-monferrato",
                dt.date(2012, 1, 31),
                "open",
            ),
        ],
    },
    {
        "date": dt.date(2012, 4, 11),
        "starts_at": dt.time(18, 0),
        "title": "Chiusura del progetto e seminario finale",
        "place": ("vignale-monferrato", "Municipio di Vignale Monferrato"),
        "agenda": [
            "Programma del seminario finale",
            "Rapporto di valutazione",
            "Prosecuzione dello sportello dopo il progetto",
        ],
        "minutes": (
            "Si approva il programma del seminario finale del 20 aprile.\n"
            "Il rapporto di valutazione sarà presentato al seminario.\n"
            "I comuni valuteranno come proseguire lo sportello."
        ),
        "absent": [],
        "substitute": ["fubine-monferrato"],
        "headlines": False,
        "decisions": [
            ("Inviare gli inviti al seminario finale.", None, dt.date(2012, 4, 13), "done"),
            (
                "Proporre alle giunte la prosecuzione dello sportello.",
                None,
                dt.date(2012, 6, 30),
                "open",
            ),
            ("Valutare un secondo corso di italiano L2.", "alfiano-natta", None, "open"),
        ],
    },
]


def _officer(username: str, first_name: str, municipality: Municipality) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.MUNICIPAL_OFFICER,
            "first_name": first_name,
            "last_name": f"Comune di {municipality.name} (demo)",
            "email": f"{username}@example.org",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.municipalities.add(municipality)
    return user


@transaction.atomic
def load_coordination() -> None:
    coordinator = User.objects.get(username="coordinatore")
    members: dict[str | None, Member] = {}
    seat = Member.objects.filter(municipality=None, user=coordinator).first()
    if seat is None:
        seat = services.member_save(
            by=coordinator,
            member=Member(),
            municipality=None,
            user=coordinator,
            substitute=User.objects.filter(username="operatore").first(),
        )
    members[None] = seat
    for slug, (rep_name, sub_name) in PEOPLE.items():
        municipality = Municipality.objects.get(slug=slug)
        existing = Member.objects.filter(municipality=municipality).first()
        if existing is None:
            rep = (
                User.objects.get(username="comune")
                if rep_name is None
                else _officer(f"comune-{slug}", rep_name, municipality)
            )
            existing = services.member_save(
                by=coordinator,
                member=Member(),
                municipality=municipality,
                user=rep,
                substitute=_officer(f"vice-{slug}", sub_name, municipality),
            )
        members[slug] = existing
    for spec in MEETINGS:
        if Meeting.objects.filter(date=spec["date"], title=spec["title"]).exists():
            continue
        slug, place_name = spec["place"]
        meeting = services.meeting_save(
            by=coordinator,
            meeting=Meeting(),
            data={
                "title": spec["title"],
                "date": spec["date"],
                "starts_at": spec["starts_at"],
                "place": Place.objects.filter(municipality__slug=slug, name=place_name).first(),
                "venue": "" if place_name else "Videochiamata",
                "minutes": spec["minutes"],
            },
            agenda=spec["agenda"],
        )
        statuses = {}
        for key, member in members.items():
            if key in spec["absent"]:
                statuses[member] = Attendance.Status.ABSENT
            elif key in spec["substitute"]:
                statuses[member] = Attendance.Status.SUBSTITUTE
            else:
                statuses[member] = Attendance.Status.PRESENT
        services.meeting_attendance_set(by=coordinator, meeting=meeting, statuses=statuses)
        if spec["headlines"]:
            services.meeting_headlines_embed(by=coordinator, meeting=meeting)
        for text, owner, due, status in spec["decisions"]:
            services.decision_save(
                by=coordinator,
                decision=Decision(meeting=meeting),
                data={
                    "text": text,
                    "owner": members.get(owner) if owner else None,
                    "due_date": due,
                    "status": status,
                },
            )
