"""Synthetic demo events: the project's final seminar (ten days before the project's end) with
registrations from fictional people and their attendance. Never for production. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from sportello.communication.models import Event, Registration
from sportello.indicators.selectors import current_project
from sportello.territory.models import Place

SLUG = "seminario-finale"

TITLES = {
    "it": "Seminario finale: lo sportello migranti diffuso del Monferrato",
    "en": "Final seminar: the Monferrato diffuse migrant desk",
    "fr": "Séminaire final : le guichet diffus pour les migrants du Monferrat",
    "ar": "الندوة الختامية: مكتب المهاجرين المتنقل في مونفيراتو",
    "ro": "Seminarul final: ghișeul difuz pentru migranți din Monferrato",
    "sq": "Seminari përfundimtar: sporteli i shpërndarë për migrantët në Monferrato",
}
SUMMARIES = {
    "it": "I risultati del progetto, le storie dei servizi coinvolti e le prospettive dello "
    "sportello dopo la fine del finanziamento. Ingresso libero, con iscrizione.",
    "en": "The project's results, the services involved and what comes next for the desk. "
    "Free entry; please register.",
    "fr": "Les résultats du projet, les services impliqués et l'avenir du guichet. Entrée "
    "libre, sur inscription.",
    "ar": "نتائج المشروع والخدمات المشاركة ومستقبل المكتب. الدخول مجاني مع التسجيل.",
    "ro": "Rezultatele proiectului, serviciile implicate și viitorul ghișeului. Intrare "
    "liberă, cu înscriere.",
    "sq": "Rezultatet e projektit, shërbimet e përfshira dhe e ardhmja e sportelit. Hyrja "
    "falas, me regjistrim.",
}
PROGRAMMES = {
    "it": "9:30 Accoglienza\n10:00 Saluti dei sindaci dei cinque comuni\n"
    "10:30 I risultati del progetto: il rapporto di valutazione\n"
    "11:30 Tavola rotonda con i servizi del territorio\n12:30 Conclusioni",
    "en": "9:30 Welcome\n10:00 Greetings from the five mayors\n"
    "10:30 The project's results: the evaluation report\n"
    "11:30 Round table with the local services\n12:30 Conclusions",
    "fr": "9h30 Accueil\n10h00 Mots des maires des cinq communes\n"
    "10h30 Les résultats du projet : le rapport d'évaluation\n"
    "11h30 Table ronde avec les services du territoire\n12h30 Conclusions",
    "ar": "9:30 الاستقبال\n10:00 كلمات رؤساء البلديات الخمس\n"
    "10:30 نتائج المشروع: تقرير التقييم\n11:30 طاولة مستديرة مع الخدمات المحلية\n12:30 الختام",
    "ro": "9:30 Primire\n10:00 Salutul primarilor celor cinci comune\n"
    "10:30 Rezultatele proiectului: raportul de evaluare\n"
    "11:30 Masă rotundă cu serviciile locale\n12:30 Concluzii",
    "sq": "9:30 Mirëpritja\n10:00 Përshëndetjet e kryetarëve të pesë komunave\n"
    "10:30 Rezultatet e projektit: raporti i vlerësimit\n"
    "11:30 Tryezë e rrumbullakët me shërbimet vendore\n12:30 Përfundime",
}
# Fictional registrants (example.org addresses): name, organisation, language, attended.
REGISTRANTS = [
    ("Giulia Rossi (demo)", "Istituto comprensivo di Fubine (demo)", "it", True),
    ("Ahmed Benali (demo)", "Associazione Vignale Insieme (demo)", "ar", True),
    ("Ioana Popescu (demo)", "Patronato di Casale (demo)", "ro", True),
    ("Elisa Bianchi (demo)", "Consultorio familiare (demo)", "it", False),
    ("Arben Hoxha (demo)", "", "sq", True),
    ("Marie Dubois (demo)", "Caritas (demo)", "fr", False),
]


@transaction.atomic
def load_events() -> None:
    if Event.objects.filter(slug=SLUG).exists():
        return
    project = current_project()
    day = (project.end_date if project else timezone.localdate()) - dt.timedelta(days=10)
    tz = timezone.get_current_timezone()
    event = Event.objects.create(
        slug=SLUG,
        kind=Event.Kind.FINAL_SEMINAR,
        starts_at=dt.datetime.combine(day, dt.time(9, 30), tzinfo=tz),
        ends_at=dt.datetime.combine(day, dt.time(13, 0), tzinfo=tz),
        place=Place.objects.filter(
            municipality__slug="ottiglio", name="Municipio di Ottiglio"
        ).first(),
        venue="Sala consiliare",
        published=True,
        registration_open=True,
        capacity=80,
        link_report=True,
        **{f"title_{code}": text for code, text in TITLES.items()},
        **{f"summary_{code}": text for code, text in SUMMARIES.items()},
        **{f"programme_{code}": text for code, text in PROGRAMMES.items()},
    )
    for i, (name, organisation, language, attended) in enumerate(REGISTRANTS, 1):
        Registration.objects.create(
            event=event,
            name=name,
            organisation=organisation,
            email=f"iscritto{i}@example.org",
            language=language,
            attended=attended,
        )
