"""Synthetic demo flyer texts (six languages), a distribution log reaching the 2000 copies of the
project target across the project period, and a few news items (one draft). Never for
production. Reproducible (fixed seed); idempotent (texts by language, the log only when empty,
news by Italian title)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from sportello.accounts.models import User
from sportello.communication.models import Distribution, FlyerText, NewsItem
from sportello.territory.models import Place

SEED = 20110602
PROJECT_START = dt.date(2011, 6, 1)
PROJECT_END = dt.date(2012, 4, 30)
CONTACT = "sportello.migranti@example.org"

FLYER_TEXTS = {
    "it": {
        "title": "Sportello migranti: ti ascoltiamo",
        "offer": (
            "Informazioni sui servizi del territorio\n"
            "Corsi di italiano e formazione\n"
            "Lavoro, salute, scuola e casa\n"
            "Aiuto per documenti e pratiche\n"
            "Accompagnamento ai servizi"
        ),
        "free_confidential": "Gratuito e riservato, qualunque siano i tuoi documenti.",
        "where_heading": "Dove e quando trovarci",
        "contact_heading": "Come contattarci",
        "contact": f"Chiedi in municipio, a scuola o in ambulatorio\n{CONTACT}",
        "qr_caption": "Cerca i servizi nella tua lingua",
    },
    "en": {
        "title": "Migrant desk: we are here to listen",
        "offer": (
            "Information on local services\n"
            "Italian courses and training\n"
            "Work, health, school and housing\n"
            "Help with documents and paperwork\n"
            "We go with you to the services"
        ),
        "free_confidential": "Free and confidential, whatever your documents.",
        "where_heading": "Where and when to find us",
        "contact_heading": "How to reach us",
        "contact": f"Ask at the town hall, the school or the clinic\n{CONTACT}",
        "qr_caption": "Find services in your language",
    },
    "fr": {
        "title": "Guichet migrants : nous vous écoutons",
        "offer": (
            "Informations sur les services du territoire\n"
            "Cours d'italien et formation\n"
            "Travail, santé, école et logement\n"
            "Aide pour les documents et les démarches\n"
            "Accompagnement vers les services"
        ),
        "free_confidential": "Gratuit et confidentiel, quels que soient vos papiers.",
        "where_heading": "Où et quand nous trouver",
        "contact_heading": "Comment nous joindre",
        "contact": f"Demandez à la mairie, à l'école ou au cabinet médical\n{CONTACT}",
        "qr_caption": "Trouvez les services dans votre langue",
    },
    "ar": {
        "title": "مكتب المهاجرين: نحن هنا لنستمع إليك",
        "offer": (
            "معلومات عن الخدمات في المنطقة\n"
            "دروس اللغة الإيطالية والتدريب\n"
            "العمل والصحة والمدرسة والسكن\n"
            "المساعدة في الوثائق والإجراءات\n"
            "نرافقك إلى الخدمات"
        ),
        "free_confidential": "الخدمة مجانية وسرية، مهما كانت وثائقك.",
        "where_heading": "أين ومتى تجدنا",
        "contact_heading": "كيف تتصل بنا",
        "contact": f"اسأل في البلدية أو المدرسة أو العيادة\n{CONTACT}",
        "qr_caption": "ابحث عن الخدمات بلغتك",
    },
    "ro": {
        "title": "Ghișeul pentru migranți: vă ascultăm",
        "offer": (
            "Informații despre serviciile din zonă\n"
            "Cursuri de limba italiană și formare\n"
            "Muncă, sănătate, școală și locuință\n"
            "Ajutor pentru documente și proceduri\n"
            "Vă însoțim la servicii"
        ),
        "free_confidential": "Gratuit și confidențial, indiferent de actele dumneavoastră.",
        "where_heading": "Unde și când ne găsiți",
        "contact_heading": "Cum ne contactați",
        "contact": f"Întrebați la primărie, la școală sau la cabinetul medical\n{CONTACT}",
        "qr_caption": "Găsiți serviciile în limba dumneavoastră",
    },
    "sq": {
        "title": "Sporteli për emigrantët: ju dëgjojmë",
        "offer": (
            "Informacion për shërbimet e zonës\n"
            "Kurse të gjuhës italiane dhe formim\n"
            "Punë, shëndet, shkollë dhe strehim\n"
            "Ndihmë për dokumentet dhe procedurat\n"
            "Ju shoqërojmë te shërbimet"
        ),
        "free_confidential": "Falas dhe konfidencial, pavarësisht dokumenteve tuaja.",
        "where_heading": "Ku dhe kur na gjeni",
        "contact_heading": "Si të na kontaktoni",
        "contact": f"Pyetni në bashki, në shkollë ose në ambulancë\n{CONTACT}",
        "qr_caption": "Gjeni shërbimet në gjuhën tuaj",
    },
}

# Languages of the copies left, weighted by the communities of the province (demo).
LANGUAGE_WEIGHTS = {"it": 5, "ro": 4, "ar": 4, "sq": 3, "fr": 2, "en": 2}

NEWS = [
    {
        "date": dt.date(2011, 6, 6),
        "status": NewsItem.Status.PUBLISHED,
        "title_it": "Apre lo sportello migranti diffuso",
        "title_en": "The migrant desk opens in five villages",
        "title_fr": "Le guichet migrants ouvre dans cinq communes",
        "title_ar": "افتتاح مكتب المهاجرين في خمس بلدات",
        "title_ro": "Se deschide ghișeul pentru migranți în cinci comune",
        "title_sq": "Hapet sporteli për emigrantët në pesë komuna",
        "body_it": (
            "Da questa settimana l'operatrice sociale dello sportello è presente a turno a "
            "Ottiglio, Alfiano Natta, Villadeati, Fubine Monferrato e Vignale Monferrato: nelle "
            "scuole, negli ambulatori e nei municipi. Il servizio è gratuito e riservato.\n\n"
            "Notizia dimostrativa: luoghi e date sono inventati."
        ),
        "body_en": (
            "From this week the desk's social operator takes turns in Ottiglio, Alfiano Natta, "
            "Villadeati, Fubine Monferrato and Vignale Monferrato: in schools, clinics and town "
            "halls. The service is free and confidential.\n\n"
            "Demonstration news: places and dates are invented."
        ),
        "body_ar": (
            "ابتداءً من هذا الأسبوع، يتواجد العامل الاجتماعي للمكتب بالتناوب في أوتيليو وألفيانو "
            "ناتا وفيلاديياتي وفوبينه مونفيراتو وفينيالي مونفيراتو: في المدارس والعيادات "
            "والبلديات. الخدمة مجانية وسرية.\n\n"
            "خبر تجريبي: الأماكن والتواريخ مختلقة."
        ),
    },
    {
        "date": dt.date(2011, 10, 3),
        "status": NewsItem.Status.PUBLISHED,
        "title_it": "Corso di italiano L2: iscrizioni aperte",
        "title_en": "Italian L2 course: enrolment open",
        "title_fr": "Cours d'italien L2 : inscriptions ouvertes",
        "title_ar": "دورة اللغة الإيطالية: التسجيل مفتوح",
        "title_ro": "Curs de limba italiană L2: înscrieri deschise",
        "title_sq": "Kursi i italishtes L2: regjistrimet janë të hapura",
        "body_it": (
            "Un corso di italiano di 60 ore, gratuito, a Ottiglio. Chiedi all'operatrice dello "
            "sportello come iscriverti.\n\nNotizia dimostrativa."
        ),
        "body_en": (
            "A free 60-hour Italian course in Ottiglio. Ask the desk's operator how to enrol."
            "\n\nDemonstration news."
        ),
        "body_fr": (
            "Un cours d'italien gratuit de 60 heures à Ottiglio. Demandez à l'opératrice du "
            "guichet comment vous inscrire.\n\nActualité de démonstration."
        ),
        "body_ro": (
            "Un curs gratuit de limba italiană de 60 de ore la Ottiglio. Întrebați operatoarea "
            "ghișeului cum vă puteți înscrie.\n\nȘtire demonstrativă."
        ),
    },
    {
        "date": dt.date(2012, 4, 20),
        "status": NewsItem.Status.DRAFT,
        "title_it": "Seminario finale del progetto (bozza)",
        "title_en": "The project's final seminar (draft)",
        "body_it": "Bozza: programma e iscrizioni del seminario finale.\n\nNotizia dimostrativa.",
        "body_en": "Draft: programme and registration of the final seminar.\n\nDemonstration news.",
    },
]


@transaction.atomic
def load_communication() -> None:
    for language, fields in FLYER_TEXTS.items():
        FlyerText.objects.get_or_create(language=language, defaults=fields)
    coordinator = User.objects.filter(username="coordinatore").first()
    for news in NEWS:
        if not NewsItem.objects.filter(title_it=news["title_it"]).exists():
            NewsItem.objects.create(created_by=coordinator, **news)
    if not Distribution.objects.exists():
        _load_distributions(User.objects.filter(username="operatore").first())


def _load_distributions(operator: User | None, total: int = 2010) -> None:
    """Batches of 10–60 copies at the active places, spread over the project period."""
    rng = random.Random(SEED)
    places = list(Place.objects.filter(active=True).order_by("municipality__name", "name"))
    if not places:
        return
    languages = list(LANGUAGE_WEIGHTS)
    weights = list(LANGUAGE_WEIGHTS.values())
    days = (PROJECT_END - PROJECT_START).days
    rows, left = [], total
    while left > 0:
        copies = min(left, rng.choice([10, 15, 20, 25, 30, 40, 50, 60]))
        rows.append(
            Distribution(
                date=PROJECT_START + dt.timedelta(days=rng.randrange(days + 1)),
                place=rng.choice(places),
                language=rng.choices(languages, weights)[0],
                copies=copies,
                recorded_by=operator,
            )
        )
        left -= copies
    Distribution.objects.bulk_create(rows)
