# ruff: noqa: E501 — the six-language table below reads best one kind per line.
"""Synthetic directory data for the benchmark: N services with texts in the six languages,
categories, a location in one of the municipalities, opening hours and languages spoken.

Deterministic (seeded), fast (bulk inserts), and indexed with the real search_index_update_many().
Services are built from twenty kinds of service (names and descriptions in six languages) plus
words drawn from a large synthetic vocabulary, so that common words ("corso", "italiano") match
many services and rare ones few, as in a real directory.
"""

import datetime as dt
import random
import uuid
from decimal import Decimal

from sportello.directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from sportello.directory.search import search_index_update_many
from sportello.territory.models import Municipality

LANGS = ("it", "en", "fr", "ar", "ro", "sq")

# kind: category, names {lang: name}, description {lang: sentence}
# fmt: off
KINDS = [
    ("italian-l2", ("Corso di italiano", "Italian course", "Cours d'italien", "دورة اللغة الإيطالية", "Curs de limba italiană", "Kurs italishteje"),
     ("Lezioni di lingua italiana per adulti stranieri", "Italian lessons for foreign adults", "Cours de langue italienne pour adultes étrangers", "دروس اللغة الإيطالية للبالغين الأجانب", "Lecții de limba italiană pentru adulți străini", "Mësime italishteje për të rritur të huaj")),
    ("health", ("Consultorio familiare", "Family clinic", "Centre de planning familial", "عيادة الأسرة", "Cabinet de planificare familială", "Këshillimore familjare"),
     ("Visite ostetriche, ginecologiche e pediatriche gratuite", "Free obstetric, gynaecological and paediatric visits", "Consultations gratuites de sage-femme, gynécologie et pédiatrie", "زيارات مجانية للتوليد وأمراض النساء والأطفال", "Consultații gratuite de obstetrică, ginecologie și pediatrie", "Vizita falas obstetrike, gjinekologjike dhe pediatrike")),
    ("health", ("Ambulatorio STP", "STP clinic", "Dispensaire STP", "عيادة STP", "Ambulatoriu STP", "Ambulanca STP"),
     ("Cure mediche per persone senza permesso di soggiorno", "Medical care for people without a residence permit", "Soins médicaux pour les personnes sans titre de séjour", "رعاية طبية للأشخاص بدون تصريح إقامة", "Îngrijire medicală pentru persoane fără permis de ședere", "Kujdes mjekësor për persona pa leje qëndrimi")),
    ("job", ("Centro per l'impiego", "Job centre", "Agence pour l'emploi", "مركز التشغيل", "Centrul de ocupare a forței de muncă", "Qendra e punësimit"),
     ("Ricerca di lavoro, curriculum e colloqui", "Job search, CV and interviews", "Recherche d'emploi, CV et entretiens", "البحث عن عمل والسيرة الذاتية والمقابلات", "Căutare de locuri de muncă, CV și interviuri", "Kërkim pune, CV dhe intervista")),
    ("documents", ("Patronato", "Welfare advice office", "Bureau d'aide sociale", "مكتب المساعدة الاجتماعية", "Birou de asistență socială", "Zyra e ndihmës sociale"),
     ("Aiuto per il rinnovo del permesso di soggiorno e le pratiche", "Help with residence permit renewal and paperwork", "Aide au renouvellement du titre de séjour et aux démarches", "مساعدة في تجديد تصريح الإقامة والإجراءات", "Ajutor pentru reînnoirea permisului de ședere și acte", "Ndihmë për rinovimin e lejes së qëndrimit dhe procedurat")),
    ("documents", ("Ufficio anagrafe", "Registry office", "Bureau de l'état civil", "مكتب السجل المدني", "Oficiul de stare civilă", "Zyra e gjendjes civile"),
     ("Residenza, carta d'identità e certificati", "Residence, identity card and certificates", "Résidence, carte d'identité et certificats", "الإقامة وبطاقة الهوية والشهادات", "Reședință, carte de identitate și certificate", "Vendbanimi, letërnjoftimi dhe certifikatat")),
    ("housing", ("Sportello casa", "Housing desk", "Guichet logement", "مكتب السكن", "Ghișeul locuințe", "Sporteli i strehimit"),
     ("Ricerca di una casa in affitto e contributi", "Finding a home to rent and rent support", "Recherche d'un logement à louer et aides", "البحث عن سكن للإيجار والمساعدات", "Căutarea unei locuințe de închiriat și ajutoare", "Kërkim shtëpie me qira dhe ndihma")),
    ("legal", ("Sportello legale", "Legal advice desk", "Permanence juridique", "مكتب الاستشارة القانونية", "Consultanță juridică", "Sporteli ligjor"),
     ("Consulenza legale gratuita e tutela dei diritti", "Free legal advice and protection of rights", "Conseil juridique gratuit et défense des droits", "استشارة قانونية مجانية وحماية الحقوق", "Consultanță juridică gratuită și apărarea drepturilor", "Këshillim ligjor falas dhe mbrojtja e të drejtave")),
    ("school-education", ("Doposcuola", "After-school club", "Aide aux devoirs", "دروس ما بعد المدرسة", "After-school", "Pasmësimore"),
     ("Aiuto nei compiti per bambini e ragazzi", "Homework help for children and teenagers", "Aide aux devoirs pour enfants et adolescents", "مساعدة في الواجبات للأطفال والمراهقين", "Ajutor la teme pentru copii și adolescenți", "Ndihmë me detyrat për fëmijë dhe adoleshentë")),
    ("economic-support", ("Centro di ascolto Caritas", "Caritas listening centre", "Centre d'écoute Caritas", "مركز الاستماع كاريتاس", "Centrul de ascultare Caritas", "Qendra e dëgjimit Caritas"),
     ("Pacchi alimentari, vestiti e aiuto per le bollette", "Food parcels, clothes and help with bills", "Colis alimentaires, vêtements et aide aux factures", "طرود غذائية وملابس ومساعدة في الفواتير", "Pachete alimentare, haine și ajutor la facturi", "Pako ushqimore, rroba dhe ndihmë për faturat")),
    ("mediation", ("Mediazione culturale", "Cultural mediation", "Médiation culturelle", "الوساطة الثقافية", "Mediere culturală", "Ndërmjetësim kulturor"),
     ("Mediatori che parlano arabo, albanese e rumeno", "Mediators who speak Arabic, Albanian and Romanian", "Médiateurs parlant arabe, albanais et roumain", "وسطاء يتحدثون العربية والألبانية والرومانية", "Mediatori care vorbesc arabă, albaneză și română", "Ndërmjetës që flasin arabisht, shqip dhe rumanisht")),
    ("vocational-training", ("Corso professionale", "Vocational course", "Formation professionnelle", "دورة مهنية", "Curs profesional", "Kurs profesional"),
     ("Qualifica di operatore socio sanitario, cucina e saldatura", "Care assistant, cooking and welding qualifications", "Qualification d'aide-soignant, cuisine et soudure", "مؤهل مساعد رعاية وطبخ ولحام", "Calificare de infirmier, bucătar și sudor", "Kualifikim kujdestari, kuzhinier dhe saldator")),
    ("culture-sport", ("Squadra di calcio", "Football team", "Équipe de football", "فريق كرة القدم", "Echipă de fotbal", "Ekip futbolli"),
     ("Sport e tempo libero per ragazzi di ogni paese", "Sport and free time for young people from every country", "Sport et loisirs pour les jeunes de tous pays", "الرياضة ووقت الفراغ للشباب من كل البلدان", "Sport și timp liber pentru tineri din orice țară", "Sport dhe kohë e lirë për të rinj nga çdo vend")),
    ("family", ("Spazio mamme e bambini", "Mothers and babies space", "Espace mamans et bébés", "فضاء الأمهات والأطفال", "Spațiu pentru mame și copii", "Hapësirë për nëna dhe fëmijë"),
     ("Incontri per neo mamme e attività per bambini piccoli", "Meetings for new mothers and activities for toddlers", "Rencontres pour jeunes mamans et activités pour les tout-petits", "لقاءات للأمهات الجدد وأنشطة للأطفال الصغار", "Întâlniri pentru mame și activități pentru copii mici", "Takime për nëna të reja dhe aktivitete për fëmijë të vegjël")),
    ("psychosocial", ("Centro di salute mentale", "Mental health centre", "Centre de santé mentale", "مركز الصحة النفسية", "Centru de sănătate mintală", "Qendra e shëndetit mendor"),
     ("Ascolto e sostegno psicologico", "Listening and psychological support", "Écoute et soutien psychologique", "الاستماع والدعم النفسي", "Ascultare și sprijin psihologic", "Dëgjim dhe mbështetje psikologjike")),
    ("other", ("Biblioteca civica", "Public library", "Bibliothèque municipale", "المكتبة العامة", "Biblioteca publică", "Biblioteka publike"),
     ("Prestito di libri, internet gratuito e gruppi di conversazione", "Book loans, free internet and conversation groups", "Prêt de livres, internet gratuit et groupes de conversation", "إعارة الكتب والإنترنت المجاني ومجموعات المحادثة", "Împrumut de cărți, internet gratuit și grupuri de conversație", "Huazim librash, internet falas dhe grupe bisede")),
]
# fmt: on

SYLLABLES = [consonant + vowel for consonant in "bcdfglmnprstvz" for vowel in "aeiou"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Pseudo-words of 3 to 4 syllables: a long tail of rare words."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))))
    return sorted(words)


def generate(count: int, *, start: int = 0, seed: int = 42, batch: int = 500) -> None:
    """Add services number start … start+count-1 (and their rows), then index them."""
    rng = random.Random(seed + start)
    words = vocabulary(3000, random.Random(seed))
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    towns = list(Municipality.objects.all())
    organization, _ = Organization.objects.get_or_create(name="Ente sintetico (benchmark)")
    through = Service.categories.through
    for offset in range(start, start + count, batch):
        size = min(batch, start + count - offset)
        services, locations, links, schedules, languages, categories = [], [], [], [], [], []
        for number in range(offset, offset + size):
            kind, names, sentences = KINDS[number % len(KINDS)]
            town = towns[number % len(towns)]
            extra = " ".join(rng.choices(words, k=rng.randint(8, 25)))
            tag = " ".join(rng.choices(words, k=2))
            fields = {}
            for i, lang in enumerate(LANGS):
                fields[f"name_{lang}"] = f"{names[i]} {town.name} {number}"
                if lang == "it" or rng.random() < 0.7:  # some translations missing
                    fields[f"description_{lang}"] = f"{sentences[i]}. {tag}."
                    fields[f"eligibility_description_{lang}"] = extra if lang == "it" else ""
            service = Service(
                id=uuid.UUID(int=number + 1),
                organization=organization,
                is_free=rng.random() < 0.6,
                welcomes_undocumented=rng.random() < 0.15,
                assured_date=dt.date(2026, 1, 1) + dt.timedelta(days=number % 300),
                **fields,
            )
            service.name = fields["name_it"]
            service.description = fields["description_it"]
            services.append(service)
            location = Location(
                id=uuid.UUID(int=10**9 + number),
                name=f"Sede {number}",
                address_1=f"Via Roma {number % 200 + 1}",
                city=town.name,
                postal_code=town.postal_code,
                state_province="AL",
                municipality=town,
                latitude=town.latitude + Decimal(rng.randint(-500, 500)) / 100000,
                longitude=town.longitude + Decimal(rng.randint(-500, 500)) / 100000,
            )
            locations.append(location)
            links.append(ServiceAtLocation(service=service, location=location))
            categories.append(through(service=service, taxonomyterm=terms[kind]))
            for weekday in rng.sample(range(1, 8), k=rng.randint(1, 4)):
                schedules.append(
                    Schedule(
                        service=service,
                        weekday=weekday,
                        opens_at=dt.time(rng.choice((8, 9, 10))),
                        closes_at=dt.time(rng.choice((12, 13, 17, 18))),
                    )
                )
            for code in rng.sample(("it", "ar", "fr", "ro", "sq", "en", "uk", "zh"), k=2):
                languages.append(ServiceLanguage(service=service, code=code, name=code))
        Service.objects.bulk_create(services)
        Location.objects.bulk_create(locations)
        ServiceAtLocation.objects.bulk_create(links)
        through.objects.bulk_create(categories)
        Schedule.objects.bulk_create(schedules)
        ServiceLanguage.objects.bulk_create(languages)
        search_index_update_many([service.pk for service in services])
