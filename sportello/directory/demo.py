"""Synthetic demo directory: about sixty plausible services in the five villages and in Casale
Monferrato, the nearby town with most services. Never for production.

Organizations are real kinds of offices (and some real names, e.g. the patronati), but every
address, phone number, e-mail, opening hour and detail here is invented: organization descriptions
end with "(dati dimostrativi)" and invented associations carry "(demo)" in their name. Phone numbers
use the unassigned 0142 555 0xx range.

Idempotent: every object has a UUID derived (uuid5) from a stable key; a service that exists already
is left exactly as it is (an operator may have edited it).
"""

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from sportello.directory.languages import SPOKEN_LANGUAGES
from sportello.directory.models import Organization, Service
from sportello.directory.services import service_apply, version_record
from sportello.directory.snapshots import LANGUAGE_CODES
from sportello.territory.models import Municipality

NAMESPACE = uuid.UUID("3f5c2b0e-8d7a-4c61-9a3e-5b1d0c7e2f41")

CASALE = {
    "name": "Casale Monferrato",
    "slug": "casale-monferrato",
    "province": "AL",
    "postal_code": "15033",
    "latitude": Decimal("45.13370"),
    "longitude": Decimal("8.45250"),
}
VILLAGES = ["ottiglio", "alfiano-natta", "villadeati", "fubine-monferrato", "vignale-monferrato"]
ALL_AREAS = [*VILLAGES, "casale-monferrato"]

DEMO_NOTE = {"it": " (dati dimostrativi)", "en": " (demonstration data)"}


def demo_uuid(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def L(it, en, fr="", ar="", ro="", sq=""):
    return {"it": it, "en": en, "fr": fr, "ar": ar, "ro": ro, "sq": sq}


# ---------------------------------------------------------------------------------------------
# Organizations: key → (name, legal status, description it, description en)
ORGANIZATIONS = {
    "cpia": (
        "CPIA 1 Alessandria",
        "Istituzione scolastica statale",
        "Centro provinciale per l'istruzione degli adulti: corsi di italiano per stranieri, "
        "formazione civica, licenza media.",
        "Provincial centre for adult education: Italian courses for foreigners, civic "
        "orientation, lower-secondary diploma.",
    ),
    "asl": (
        "ASL AL — Distretto di Casale Monferrato",
        "Azienda sanitaria pubblica",
        "Azienda sanitaria locale di Alessandria, distretto di Casale Monferrato: medicina "
        "territoriale, consultori, salute mentale, pediatria.",
        "Local health authority of Alessandria, Casale Monferrato district: primary care, family "
        "clinics, mental health, paediatrics.",
    ),
    "cpi": (
        "Centro per l'Impiego di Casale Monferrato",
        "Ente pubblico",
        "Servizio pubblico per il lavoro della Regione Piemonte.",
        "Public employment service of the Piedmont Region.",
    ),
    "prefettura": (
        "Prefettura di Alessandria",
        "Amministrazione dello Stato",
        "Ufficio territoriale del Governo; ospita lo Sportello Unico per l'Immigrazione.",
        "The Government's local office; it houses the one-stop immigration desk.",
    ),
    "questura": (
        "Questura di Alessandria",
        "Amministrazione dello Stato",
        "Polizia di Stato: ufficio immigrazione per permessi di soggiorno.",
        "State Police: immigration office for residence permits.",
    ),
    "inca": (
        "Patronato INCA-CGIL",
        "Patronato",
        "Patronato del sindacato CGIL: pratiche di previdenza, lavoro e immigrazione.",
        "Welfare advice office of the CGIL union: pensions, work and immigration paperwork.",
    ),
    "inas": (
        "Patronato INAS-CISL",
        "Patronato",
        "Patronato del sindacato CISL: pensioni, disoccupazione, assegni familiari.",
        "Welfare advice office of the CISL union: pensions, unemployment, family benefits.",
    ),
    "ital": (
        "Patronato ITAL-UIL",
        "Patronato",
        "Patronato del sindacato UIL: previdenza, cittadinanza, immigrazione.",
        "Welfare advice office of the UIL union: pensions, citizenship, immigration.",
    ),
    "acli": (
        "Patronato ACLI",
        "Patronato",
        "Patronato delle ACLI: previdenza, assistenza fiscale (CAF), ISEE.",
        "Welfare advice office of ACLI: pensions, tax assistance (CAF), ISEE.",
    ),
    "anolf": (
        "ANOLF Alessandria",
        "Associazione",
        "Associazione Nazionale Oltre Le Frontiere: informazione e tutela dei cittadini stranieri.",
        "National association supporting and informing foreign citizens.",
    ),
    "caritas": (
        "Caritas diocesana di Casale Monferrato",
        "Ente ecclesiastico",
        "Ascolto, aiuti materiali e scuola di italiano con volontari.",
        "Listening centre, material help and an Italian school run by volunteers.",
    ),
    "consorzio": (
        "Consorzio socio-assistenziale del Casalese",
        "Consorzio di comuni",
        "Servizi sociali dei comuni del Casalese, compresi i cinque comuni del progetto.",
        "Social services of the municipalities around Casale, including the project's five.",
    ),
    "donne": (
        "Associazione Rete Donne Monferrato (demo)",
        "Associazione di volontariato",
        "Associazione di donne: ascolto, sportello antiviolenza, gruppi di incontro.",
        "A women's association: listening, anti-violence desk, meeting groups.",
    ),
    "diritti": (
        "Associazione Diritti in Rete (demo)",
        "Associazione",
        "Avvocati e volontari che offrono consulenza legale gratuita.",
        "Lawyers and volunteers offering free legal advice.",
    ),
    "formazione": (
        "Scuola di formazione professionale del Monferrato (demo)",
        "Ente di formazione accreditato",
        "Corsi professionali finanziati dalla Regione per giovani e adulti.",
        "Vocational courses funded by the Region for young people and adults.",
    ),
    "istituto": (
        "Istituto comprensivo del Monferrato (demo)",
        "Istituzione scolastica statale",
        "Scuole dell'infanzia, primarie e secondarie di primo grado dei comuni della zona.",
        "Pre-schools, primary and lower-secondary schools of the area's villages.",
    ),
    "sportello": (
        "Sportello migrante diffuso (Comune di Ottiglio, capofila)",
        "Progetto dei comuni",
        "Il progetto dei cinque comuni: un'operatrice sociale che si sposta tra i paesi.",
        "The five municipalities' project: a social worker who moves between the villages.",
    ),
    "asd-fubine": (
        "ASD Fubine Sport (demo)",
        "Associazione sportiva dilettantistica",
        "Calcio, pallavolo e ginnastica per ragazzi e adulti.",
        "Football, volleyball and gym for young people and adults.",
    ),
    "vignale-insieme": (
        "Associazione culturale Vignale Insieme (demo)",
        "Associazione di promozione sociale",
        "Laboratori, feste e incontri tra chi abita a Vignale da sempre e chi è arrivato da poco.",
        "Workshops, festivals and gatherings for long-time and new residents of Vignale.",
    ),
    "proloco-alfiano": (
        "Pro Loco di Alfiano Natta (demo)",
        "Associazione",
        "Feste di paese e volontariato.",
        "Village festivals and volunteering.",
    ),
    "villadeati-viva": (
        "Associazione Villadeati Viva (demo)",
        "Associazione",
        "Orti condivisi e passeggiate sulle colline.",
        "Shared gardens and walks in the hills.",
    ),
}
TOWN_NAMES = {
    "ottiglio": "Ottiglio",
    "alfiano-natta": "Alfiano Natta",
    "villadeati": "Villadeati",
    "fubine-monferrato": "Fubine Monferrato",
    "vignale-monferrato": "Vignale Monferrato",
    "casale-monferrato": "Casale Monferrato",
}
for _slug, _town in TOWN_NAMES.items():
    ORGANIZATIONS[f"comune-{_slug}"] = (
        f"Comune di {_town}",
        "Ente locale",
        f"Il municipio di {_town}: anagrafe, servizi comunali, biblioteca.",
        f"The town hall of {_town}: registry office, municipal services, library.",
    )

# ---------------------------------------------------------------------------------------------
# Locations: key → (organization key, name, address, municipality slug, lat, lng)
# In the villages the addresses are those of the demo places (core/demo.py).
LOCATIONS = {
    "cpia-casale": (
        "cpia",
        "CPIA — sede di Casale Monferrato",
        "Via Roma 45",
        "casale-monferrato",
        "45.13452",
        "8.45031",
    ),
    "asl-casale": (
        "asl",
        "Poliambulatorio ASL di Casale Monferrato",
        "Via Palestro 41",
        "casale-monferrato",
        "45.13105",
        "8.45512",
    ),
    "csm-casale": (
        "asl",
        "Centro di salute mentale",
        "Via Lanza 17",
        "casale-monferrato",
        "45.13601",
        "8.45780",
    ),
    "cpi-casale": (
        "cpi",
        "Centro per l'Impiego",
        "Corso Indipendenza 30",
        "casale-monferrato",
        "45.13820",
        "8.44810",
    ),
    "questura-casale": (
        "questura",
        "Commissariato di Casale Monferrato — ufficio immigrazione",
        "Piazza Castello 4",
        "casale-monferrato",
        "45.13750",
        "8.44880",
    ),
    "sindacati-casale": (
        None,
        "Casa dei sindacati",
        "Via Mameli 22",
        "casale-monferrato",
        "45.13380",
        "8.45160",
    ),
    "acli-casale": (
        "acli",
        "ACLI — sede di Casale",
        "Via Cavour 9",
        "casale-monferrato",
        "45.13540",
        "8.45390",
    ),
    "caritas-casale": (
        "caritas",
        "Centro Caritas",
        "Via Roma 112",
        "casale-monferrato",
        "45.13280",
        "8.45620",
    ),
    "consorzio-casale": (
        "consorzio",
        "Sede del Consorzio socio-assistenziale",
        "Via Facino Cane 5",
        "casale-monferrato",
        "45.13190",
        "8.45110",
    ),
    "donne-casale": (
        "donne",
        "Casa delle donne (demo)",
        "Via Garibaldi 18",
        "casale-monferrato",
        "45.13480",
        "8.45850",
    ),
    "diritti-casale": (
        "diritti",
        "Sportello legale (demo)",
        "Via Saffi 6",
        "casale-monferrato",
        "45.13020",
        "8.45300",
    ),
    "formazione-casale": (
        "formazione",
        "Sede corsi (demo)",
        "Viale Ottavio Marchino 14",
        "casale-monferrato",
        "45.12810",
        "8.45990",
    ),
    "comune-casale": (
        "comune-casale-monferrato",
        "Municipio di Casale Monferrato",
        "Via Mameli 10",
        "casale-monferrato",
        "45.13400",
        "8.45200",
    ),
    "biblioteca-casale": (
        "comune-casale-monferrato",
        "Biblioteca civica di Casale Monferrato",
        "Via Corte d'Appello 12",
        "casale-monferrato",
        "45.13660",
        "8.45090",
    ),
    "informagiovani-casale": (
        "comune-casale-monferrato",
        "Informagiovani",
        "Piazza Castello 9",
        "casale-monferrato",
        "45.13710",
        "8.44930",
    ),
    "prefettura-alessandria": (
        "prefettura",
        "Prefettura di Alessandria — Sportello Unico per l'Immigrazione",
        "Piazza della Libertà 17",
        None,
        "44.91315",
        "8.61510",
    ),
    "fubine-secondaria": (
        "istituto",
        "Scuola secondaria di primo grado di Fubine",
        "Via delle Scuole 9",
        "fubine-monferrato",
        "44.96270",
        "8.42810",
    ),
    "fubine-pediatra": (
        "asl",
        "Ambulatorio pediatrico di Fubine",
        "Via dei Bambini 7",
        "fubine-monferrato",
        "44.96370",
        "8.42710",
    ),
    "ottiglio-pediatra": (
        "asl",
        "Ambulatorio pediatrico di Ottiglio",
        "Via dei Bambini 2",
        "ottiglio",
        "45.05260",
        "8.34020",
    ),
    "vignale-insieme": (
        "vignale-insieme",
        "Associazione culturale Vignale Insieme (demo)",
        "Via del Teatro 4",
        "vignale-monferrato",
        "45.01020",
        "8.39710",
    ),
    "fubine-campo": (
        "asd-fubine",
        "Campo sportivo comunale di Fubine",
        "Via dello Sport 1",
        "fubine-monferrato",
        "44.96720",
        "8.42350",
    ),
}
# The four demo places of every village: municipio, school, library, clinic (core/demo.py offsets).
VILLAGE_PLACES = {
    "municipio": ("Municipio di {town}", "Piazza del Municipio 1", 0),
    "scuola": ("Scuola primaria di {town}", "Via delle Scuole 3", 1),
    "biblioteca": ("Biblioteca civica di {town}", "Piazza del Municipio 2", 2),
    "ambulatorio": ("Ambulatorio medico di {town}", "Via dell'Ambulatorio 5", 3),
}

# ---------------------------------------------------------------------------------------------
# Services. Hours: "1-5 09:00-12:30 14:00-16:00; 6 09:00-12:00" (1 = Monday).
# Each dict: key, org, loc, name, description, categories, and optional extras.
GENERIC_DOCS = {
    "id": ("Documento d'identità o passaporto", "Identity document or passport"),
    "permit": (
        "Permesso di soggiorno o ricevuta della domanda di rinnovo",
        "Residence permit or the receipt of the renewal application",
    ),
    "tax": ("Codice fiscale", "Tax code (codice fiscale)"),
    "health_card": ("Tessera sanitaria", "Health insurance card (tessera sanitaria)"),
    "isee": ("Attestazione ISEE, se ce l'hai", "ISEE certificate, if you have one"),
}

SERVICES: list[dict] = [
    # --- Italian courses ---------------------------------------------------------------------
    {
        "key": "cpia-italiano-a1",
        "org": "cpia",
        "loc": "cpia-casale",
        "name": L(
            "Corso di italiano A1 per adulti stranieri",
            "Italian course for foreign adults — level A1",
            "Cours d'italien pour adultes étrangers — niveau A1",
            "دورة اللغة الإيطالية للكبار الأجانب — المستوى A1",
            "Curs de limba italiană pentru adulți străini — nivelul A1",
            "Kurs i gjuhës italiane për të rritur të huaj — niveli A1",
        ),
        "description": L(
            "Corso gratuito di italiano per chi parte da zero: capire, parlare, leggere e scrivere "
            "nelle situazioni di ogni giorno. Piccoli gruppi, al mattino o alla sera.",
            "Free Italian course for beginners: understanding, speaking, reading and writing in "
            "everyday situations. Small groups, mornings or evenings.",
            "Cours d'italien gratuit pour débutants : comprendre, parler, lire et écrire dans les "
            "situations de tous les jours. Petits groupes, le matin ou le soir.",
            "دورة مجانية في اللغة الإيطالية للمبتدئين: الفهم والكلام والقراءة والكتابة في مواقف "
            "الحياة اليومية. مجموعات صغيرة، صباحًا أو مساءً.",
            "Curs gratuit de limba italiană pentru începători: a înțelege, a vorbi, a citi și a "
            "scrie în situațiile de zi cu zi. Grupe mici, dimineața sau seara.",
            "Kurs falas i italishtes për fillestarët: të kuptosh, të flasësh, të lexosh dhe të "
            "shkruash në situatat e përditshme. Grupe të vogla, në mëngjes ose në mbrëmje.",
        ),
        "categories": ["italian-l2"],
        "hours": "1-4 09:00-12:00 18:00-20:30",
        "languages": ["it", "en", "fr"],
        "is_free": True,
        "min_age": 16,
        "eligibility": L(
            "Adulti stranieri dai 16 anni, anche senza nessuna conoscenza dell'italiano.",
            "Foreign adults from 16, even with no knowledge of Italian.",
        ),
        "application": L(
            "Vieni in segreteria per un breve test di ingresso; le iscrizioni sono aperte tutto "
            "l'anno.",
            "Come to the office for a short placement test; enrolment is open all year.",
        ),
        "docs": ["id", "tax"],
    },
    {
        "key": "cpia-italiano-a2",
        "org": "cpia",
        "loc": "cpia-casale",
        "name": L(
            "Corso di italiano A2 con esame finale",
            "Italian course — level A2, with final exam",
            "Cours d'italien — niveau A2, avec examen final",
            "دورة اللغة الإيطالية — المستوى A2 مع امتحان نهائي",
            "Curs de limba italiană — nivelul A2, cu examen final",
            "Kurs i gjuhës italiane — niveli A2, me provim përfundimtar",
        ),
        "description": L(
            "Percorso di circa 200 ore. Con il 70% di presenze si sostiene l'esame A2, richiesto "
            "per il permesso UE per soggiornanti di lungo periodo e per l'accordo di integrazione.",
            "About 200 hours. With 70% attendance you can sit the A2 exam, required for the EU "
            "long-term residence permit and for the integration agreement.",
            "Environ 200 heures. Avec 70 % de présence, on passe l'examen A2, demandé pour le "
            "permis UE de résident de longue durée et pour l'accord d'intégration.",
            "حوالي 200 ساعة. مع حضور 70٪ من الدروس يمكنك اجتياز امتحان A2، المطلوب للحصول على "
            "تصريح الإقامة الأوروبي طويل الأمد ولاتفاقية الاندماج.",
            "Aproximativ 200 de ore. Cu 70% prezență se susține examenul A2, cerut pentru permisul "
            "UE de rezident pe termen lung și pentru acordul de integrare.",
            "Rreth 200 orë. Me 70% pjesëmarrje jepet provimi A2, i nevojshëm për lejen e BE-së "
            "për qëndrim afatgjatë dhe për marrëveshjen e integrimit.",
        ),
        "categories": ["italian-l2"],
        "hours": "1-4 14:00-17:00; 2,4 18:00-20:30",
        "languages": ["it", "en", "fr", "ar"],
        "is_free": True,
        "min_age": 16,
        "docs": ["id", "permit", "tax"],
        "alert": L(
            "Le nuove classi partono a ottobre e a febbraio.",
            "New classes start in October and February.",
        ),
    },
    {
        "key": "cpia-italiano-b1",
        "org": "cpia",
        "loc": "cpia-casale",
        "name": L(
            "Corso di italiano B1",
            "Italian course — level B1",
            "Cours d'italien — niveau B1",
            "دورة اللغة الإيطالية — المستوى B1",
            "Curs de limba italiană — nivelul B1",
            "Kurs i gjuhës italiane — niveli B1",
        ),
        "description": L(
            "Per chi parla già un po' di italiano e vuole lavorare, studiare o chiedere la "
            "cittadinanza (serve il livello B1).",
            "For people who already speak some Italian and want to work, study or apply for "
            "citizenship (level B1 is required).",
            "Pour ceux qui parlent déjà un peu italien et veulent travailler, étudier ou demander "
            "la nationalité (le niveau B1 est exigé).",
            "لمن يتكلم قليلًا من الإيطالية ويريد العمل أو الدراسة أو طلب الجنسية (المستوى B1 "
            "مطلوب).",
            "Pentru cei care vorbesc deja puțin italiana și vor să lucreze, să studieze sau să "
            "ceară cetățenia (este necesar nivelul B1).",
            "Për ata që flasin pak italisht dhe duan të punojnë, të studiojnë ose të kërkojnë "
            "shtetësinë (kërkohet niveli B1).",
        ),
        "categories": ["italian-l2", "vocational-training"],
        "hours": "1,3 18:00-20:30",
        "languages": ["it"],
        "is_free": False,
        "min_age": 16,
        "costs": [
            ("Corso", "0", "Il corso è gratuito"),
            (
                "Esame di certificazione B1 (facoltativo)",
                "100.00",
                "Tariffa indicativa dell'ente certificatore",
            ),
        ],
        "fees": L(
            "Il corso è gratuito; l'esame di certificazione si paga a parte.",
            "The course is free; the certification exam is paid separately.",
        ),
    },
    {
        "key": "cpia-formazione-civica",
        "org": "cpia",
        "loc": "cpia-casale",
        "name": L(
            "Sessione di formazione civica (accordo di integrazione)",
            "Civic orientation session (integration agreement)",
            "Session de formation civique (accord d'intégration)",
            "جلسة التكوين المدني (اتفاقية الاندماج)",
            "Sesiune de formare civică (acordul de integrare)",
            "Seancë formimi qytetar (marrëveshja e integrimit)",
        ),
        "description": L(
            "Dieci ore gratuite su diritti, doveri, sanità, scuola e lavoro in Italia, per chi ha "
            "firmato l'accordo di integrazione. Anche con mediatori nella propria lingua.",
            "Ten free hours on rights, duties, health care, school and work in Italy, for those "
            "who signed the integration agreement. Also with mediators in your language.",
            "Dix heures gratuites sur les droits, les devoirs, la santé, l'école et le travail en "
            "Italie, pour ceux qui ont signé l'accord d'intégration. Aussi avec des médiateurs.",
            "عشر ساعات مجانية حول الحقوق والواجبات والصحة والمدرسة والعمل في إيطاليا، لمن وقّع "
            "اتفاقية الاندماج. بحضور وسطاء بلغتك أيضًا.",
            "Zece ore gratuite despre drepturi, obligații, sănătate, școală și muncă în Italia, "
            "pentru cei care au semnat acordul de integrare. Și cu mediatori în limba ta.",
            "Dhjetë orë falas për të drejtat, detyrat, shëndetësinë, shkollën dhe punën në Itali, "
            "për ata që kanë nënshkruar marrëveshjen e integrimit. Edhe me ndërmjetës në gjuhën "
            "tënde.",
        ),
        "categories": ["italian-l2", "documents"],
        "hours": "5 09:00-13:00",
        "languages": ["it", "ar", "en", "fr", "sq"],
        "is_free": True,
        "docs": ["permit"],
        "application": L(
            "La convocazione arriva dalla Prefettura; puoi anche chiedere una data in segreteria.",
            "The Prefecture sends you an invitation; you can also ask the office for a date.",
        ),
    },
    {
        "key": "cpia-licenza-media",
        "org": "cpia",
        "loc": "cpia-casale",
        "name": L(
            "Corso serale per la licenza media",
            "Evening course for the lower-secondary diploma",
            "Cours du soir pour le diplôme du premier cycle",
            "دورة مسائية لشهادة المرحلة الإعدادية",
            "Curs seral pentru diploma de gimnaziu",
            "Kurs mbrëmjeje për diplomën e shkollës së mesme të ulët",
        ),
        "description": L(
            "Il diploma di scuola secondaria di primo grado per adulti e ragazzi dai 16 anni: "
            "serve per molti lavori e per i corsi professionali.",
            "The lower-secondary diploma for adults and young people from 16: needed for many "
            "jobs and for vocational courses.",
            "Le diplôme du premier cycle pour adultes et jeunes dès 16 ans : utile pour de "
            "nombreux emplois et formations professionnelles.",
            "شهادة المرحلة الإعدادية للكبار والشباب من سن 16: ضرورية لكثير من الوظائف وللدورات "
            "المهنية.",
            "Diploma de gimnaziu pentru adulți și tineri de la 16 ani: necesară pentru multe "
            "locuri de muncă și cursuri profesionale.",
            "Diploma e shkollës së mesme të ulët për të rritur dhe të rinj nga 16 vjeç: e "
            "nevojshme për shumë punë dhe kurse profesionale.",
        ),
        "categories": ["school-education", "vocational-training"],
        "hours": "1-4 18:00-21:00",
        "languages": ["it"],
        "is_free": True,
        "min_age": 16,
        "docs": ["id", "tax"],
    },
    {
        "key": "cpia-italiano-fubine",
        "org": "cpia",
        "loc": "village:fubine-monferrato:biblioteca",
        "name": L(
            "Corso di italiano A1 serale a Fubine",
            "Evening Italian course (A1) in Fubine",
            "Cours d'italien du soir (A1) à Fubine",
            "دورة مسائية للغة الإيطالية (A1) في فوبينه",
            "Curs seral de limba italiană (A1) la Fubine",
            "Kurs mbrëmjeje i italishtes (A1) në Fubine",
        ),
        "description": L(
            "Il CPIA porta il corso di italiano in paese: due sere a settimana nella biblioteca "
            "di Fubine, per chi non può andare a Casale.",
            "The CPIA brings the Italian course to the village: two evenings a week in Fubine's "
            "library, for those who cannot travel to Casale.",
            "Le CPIA apporte le cours d'italien au village : deux soirs par semaine à la "
            "bibliothèque de Fubine, pour ceux qui ne peuvent pas aller à Casale.",
            "يقدّم مركز CPIA دورة اللغة الإيطالية في البلدة: مساءين في الأسبوع في مكتبة فوبينه، "
            "لمن لا يستطيع الذهاب إلى كازالي.",
            "CPIA aduce cursul de italiană în sat: două seri pe săptămână la biblioteca din "
            "Fubine, pentru cei care nu pot merge la Casale.",
            "CPIA e sjell kursin e italishtes në fshat: dy mbrëmje në javë në bibliotekën e "
            "Fubines, për ata që nuk mund të shkojnë në Casale.",
        ),
        "categories": ["italian-l2"],
        "areas": ["fubine-monferrato", "vignale-monferrato"],
        "hours": "2,4 20:00-22:00",
        "languages": ["it", "ro", "sq"],
        "is_free": True,
        "min_age": 16,
        "docs": ["id"],
    },
    {
        "key": "progetto-italiano-ottiglio",
        "org": "sportello",
        "loc": "village:ottiglio:municipio",
        "name": L(
            "Corso di italiano L2 del progetto (60 ore)",
            "The project's Italian course (60 hours)",
            "Cours d'italien du projet (60 heures)",
            "دورة اللغة الإيطالية التابعة للمشروع (60 ساعة)",
            "Cursul de italiană al proiectului (60 de ore)",
            "Kursi i italishtes i projektit (60 orë)",
        ),
        "description": L(
            "Lezioni di italiano per principianti nella sala del municipio di Ottiglio, con "
            "servizio di baby-sitting durante la lezione. Gratuito.",
            "Italian lessons for beginners in Ottiglio's town hall, with childcare during the "
            "lesson. Free.",
            "Cours d'italien pour débutants à la mairie d'Ottiglio, avec garde d'enfants pendant "
            "le cours. Gratuit.",
            "دروس في اللغة الإيطالية للمبتدئين في قاعة بلدية أوتيليو، مع رعاية الأطفال أثناء "
            "الدرس. مجانًا.",
            "Lecții de italiană pentru începători în sala primăriei din Ottiglio, cu supraveghere "
            "pentru copii în timpul lecției. Gratuit.",
            "Mësime italishteje për fillestarë në sallën e bashkisë së Ottiglios, me kujdes për "
            "fëmijët gjatë mësimit. Falas.",
        ),
        "categories": ["italian-l2"],
        "areas": VILLAGES,
        "hours": "3 15:00-17:00; 6 09:30-11:30",
        "languages": ["it", "ar", "ro"],
        "is_free": True,
        "min_age": 16,
    },
    {
        "key": "caritas-scuola-italiano",
        "org": "caritas",
        "loc": "caritas-casale",
        "name": L(
            "Scuola di italiano con i volontari",
            "Italian school with volunteers",
            "École d'italien avec des bénévoles",
            "مدرسة اللغة الإيطالية مع المتطوعين",
            "Școală de italiană cu voluntari",
            "Shkollë italishteje me vullnetarë",
        ),
        "description": L(
            "Conversazione e aiuto per i compiti di italiano, anche per chi non sa leggere e "
            "scrivere. Si può entrare in qualsiasi momento dell'anno.",
            "Conversation and help with Italian homework, also for people who cannot read or "
            "write. You can join at any time of the year.",
            "Conversation et aide aux devoirs d'italien, aussi pour ceux qui ne savent pas lire "
            "ni écrire. On peut commencer à tout moment de l'année.",
            "محادثة ومساعدة في واجبات اللغة الإيطالية، حتى لمن لا يعرف القراءة والكتابة. يمكن "
            "الانضمام في أي وقت من السنة.",
            "Conversație și ajutor la temele de italiană, și pentru cei care nu știu să citească "
            "și să scrie. Te poți înscrie oricând în cursul anului.",
            "Bisedë dhe ndihmë për detyrat e italishtes, edhe për ata që nuk dinë shkrim e "
            "këndim. Mund të fillosh në çdo kohë të vitit.",
        ),
        "categories": ["italian-l2"],
        "hours": "2,4 15:00-17:00",
        "languages": ["it", "en", "fr", "ar"],
        "is_free": True,
        "undocumented": True,
    },
    # --- Health --------------------------------------------------------------------------------
    {
        "key": "asl-isi",
        "org": "asl",
        "loc": "asl-casale",
        "name": L(
            "Centro ISI — salute per stranieri senza permesso (codici STP ed ENI)",
            "ISI centre — health care for foreigners without a permit (STP and ENI codes)",
            "Centre ISI — soins pour étrangers sans titre de séjour (codes STP et ENI)",
            "مركز ISI — الرعاية الصحية للأجانب بدون تصريح إقامة (رمزا STP وENI)",
            "Centrul ISI — sănătate pentru străinii fără permis (codurile STP și ENI)",
            "Qendra ISI — shëndet për të huajt pa leje qëndrimi (kodet STP dhe ENI)",
        ),
        "description": L(
            "Rilascio del codice STP (stranieri senza permesso) ed ENI (cittadini UE senza "
            "copertura sanitaria), visite e cure urgenti ed essenziali. Andare dal medico non "
            "comporta alcuna segnalazione alle autorità.",
            "Issues the STP code (foreigners without a permit) and the ENI code (EU citizens "
            "without health cover); visits and urgent and essential care. Seeing a doctor never "
            "leads to any report to the authorities.",
            "Délivrance du code STP (étrangers sans titre de séjour) et ENI (citoyens UE sans "
            "couverture santé), consultations et soins urgents et essentiels. Aller chez le "
            "médecin n'entraîne aucun signalement aux autorités.",
            "إصدار رمز STP (للأجانب بدون تصريح إقامة) ورمز ENI (لمواطني الاتحاد الأوروبي بدون "
            "تغطية صحية)، وفحوصات وعلاجات عاجلة وأساسية. الذهاب إلى الطبيب لا يؤدي إلى أي إبلاغ "
            "للسلطات.",
            "Eliberarea codului STP (străini fără permis) și ENI (cetățeni UE fără asigurare "
            "medicală), consultații și îngrijiri urgente și esențiale. Mersul la medic nu "
            "înseamnă nicio semnalare către autorități.",
            "Lëshimi i kodit STP (të huaj pa leje qëndrimi) dhe ENI (shtetas të BE-së pa "
            "mbulim shëndetësor), vizita dhe kurime urgjente dhe thelbësore. Shkuarja te mjeku "
            "nuk sjell asnjë njoftim te autoritetet.",
        ),
        "categories": ["health"],
        "hours": "2 14:00-16:30; 5 09:00-12:00",
        "languages": ["it", "fr", "ar", "en"],
        "is_free": True,
        "undocumented": True,
        "eligibility": L(
            "Persone straniere senza permesso di soggiorno; cittadini dell'Unione europea senza "
            "tessera sanitaria.",
            "Foreigners without a residence permit; EU citizens without a health card.",
        ),
        "application": L(
            "Vieni negli orari indicati, senza appuntamento. Se hai un documento portalo, ma non "
            "è obbligatorio. Il codice STP vale sei mesi e si rinnova.",
            "Come during the hours shown, no appointment needed. Bring a document if you have "
            "one, but it is not compulsory. The STP code lasts six months and can be renewed.",
        ),
        "docs_custom": [
            (
                "Un documento, se lo hai (non è obbligatorio)",
                "A document, if you have one (not compulsory)",
            ),
        ],
        "interpretation": "Mediatrice culturale arabofona e francofona il venerdì",
    },
    {
        "key": "asl-iscrizione-ssn",
        "org": "asl",
        "loc": "asl-casale",
        "name": L(
            "Iscrizione al Servizio sanitario e scelta del medico",
            "Registering with the National Health Service and choosing a doctor",
            "Inscription au Service de santé et choix du médecin",
            "التسجيل في الخدمة الصحية الوطنية واختيار الطبيب",
            "Înscrierea în Serviciul de sănătate și alegerea medicului",
            "Regjistrimi në Shërbimin Shëndetësor dhe zgjedhja e mjekut",
        ),
        "description": L(
            "Iscrizione al SSN per chi ha il permesso di soggiorno, tessera sanitaria, scelta o "
            "cambio del medico di famiglia e del pediatra.",
            "Registration with the national health service for permit holders, health card, "
            "choosing or changing the family doctor and the paediatrician.",
            "Inscription au service de santé pour les titulaires d'un titre de séjour, carte "
            "santé, choix ou changement du médecin de famille et du pédiatre.",
            "التسجيل في الخدمة الصحية الوطنية لحاملي تصريح الإقامة، البطاقة الصحية، اختيار أو "
            "تغيير طبيب الأسرة وطبيب الأطفال.",
            "Înscrierea în sistemul de sănătate pentru cei cu permis de ședere, cardul de "
            "sănătate, alegerea sau schimbarea medicului de familie și a pediatrului.",
            "Regjistrimi në shërbimin shëndetësor për ata me leje qëndrimi, karta shëndetësore, "
            "zgjedhja ose ndryshimi i mjekut të familjes dhe i pediatrit.",
        ),
        "categories": ["health", "documents"],
        "hours": "1-5 08:30-12:30; 2,4 14:00-15:30",
        "languages": ["it", "en"],
        "is_free": True,
        "docs": ["id", "permit", "tax"],
        "docs_custom": [
            (
                "Autocertificazione di residenza o di domicilio",
                "Self-declaration of residence or address",
            ),
        ],
    },
    {
        "key": "asl-consultorio",
        "org": "asl",
        "loc": "asl-casale",
        "name": L(
            "Consultorio familiare",
            "Family clinic (consultorio)",
            "Centre de planning familial (consultorio)",
            "مركز الاستشارة الأسرية (كونسولتوريو)",
            "Centrul de consiliere familială (consultorio)",
            "Këshillimorja familjare (consultorio)",
        ),
        "description": L(
            "Gravidanza, contraccezione, visite ginecologiche, sostegno dopo il parto e spazio "
            "giovani. Gratuito, anche per chi ha il codice STP.",
            "Pregnancy, contraception, gynaecological visits, support after birth and a youth "
            "space. Free, also for people with an STP code.",
            "Grossesse, contraception, consultations gynécologiques, soutien après "
            "l'accouchement et espace jeunes. Gratuit, aussi avec le code STP.",
            "الحمل، ومنع الحمل، والفحوصات النسائية، والدعم بعد الولادة، وفضاء للشباب. مجاني، "
            "حتى لحاملي رمز STP.",
            "Sarcină, contracepție, consultații ginecologice, sprijin după naștere și spațiu "
            "pentru tineri. Gratuit, și pentru cei cu cod STP.",
            "Shtatzëni, kontracepsion, vizita gjinekologjike, mbështetje pas lindjes dhe hapësirë "
            "për të rinjtë. Falas, edhe për ata me kod STP.",
        ),
        "categories": ["family", "health"],
        "hours": "1-5 08:30-13:00; 3 14:00-17:00",
        "languages": ["it", "en", "ro"],
        "is_free": True,
        "undocumented": True,
        "application": L(
            "Telefona o passa per fissare un appuntamento; per le urgenze in gravidanza vieni "
            "direttamente.",
            "Call or drop in to book an appointment; for urgent pregnancy matters come directly.",
        ),
    },
    {
        "key": "asl-csm",
        "org": "asl",
        "loc": "csm-casale",
        "name": L(
            "Centro di salute mentale",
            "Mental-health centre",
            "Centre de santé mentale",
            "مركز الصحة النفسية",
            "Centrul de sănătate mintală",
            "Qendra e shëndetit mendor",
        ),
        "description": L(
            "Ascolto, visite psichiatriche e psicologiche per adulti in difficoltà: ansia, "
            "tristezza, traumi. Si può chiedere aiuto anche tramite il medico di famiglia.",
            "Listening, psychiatric and psychological care for adults going through a hard time: "
            "anxiety, sadness, trauma. You can also ask for help through your family doctor.",
            "Écoute, consultations psychiatriques et psychologiques pour adultes en difficulté : "
            "anxiété, tristesse, traumatismes. On peut aussi passer par le médecin de famille.",
            "استماع وفحوصات نفسية للكبار الذين يمرّون بصعوبات: القلق والحزن والصدمات. يمكنك "
            "طلب المساعدة أيضًا عن طريق طبيب الأسرة.",
            "Ascultare, consultații psihiatrice și psihologice pentru adulți în dificultate: "
            "anxietate, tristețe, traume. Poți cere ajutor și prin medicul de familie.",
            "Dëgjim, vizita psikiatrike dhe psikologjike për të rriturit në vështirësi: ankth, "
            "trishtim, trauma. Mund të kërkosh ndihmë edhe përmes mjekut të familjes.",
        ),
        "categories": ["psychosocial", "health"],
        "hours": "1-5 08:00-17:00",
        "languages": ["it", "en"],
        "is_free": True,
        "min_age": 18,
        "interpretation": "Mediatori culturali su richiesta, con qualche giorno di preavviso",
    },
    # --- Work ---------------------------------------------------------------------------------
    {
        "key": "cpi-iscrizione",
        "org": "cpi",
        "loc": "cpi-casale",
        "name": L(
            "Iscrizione e orientamento al lavoro",
            "Job centre registration and career guidance",
            "Inscription et orientation professionnelle",
            "التسجيل في مركز التشغيل والتوجيه المهني",
            "Înscriere și orientare profesională",
            "Regjistrimi dhe orientimi në punë",
        ),
        "description": L(
            "Dichiarazione di disponibilità al lavoro, colloquio di orientamento, aiuto per il "
            "curriculum e offerte di lavoro della zona.",
            "Declaring you are available for work, a guidance interview, help with your CV and "
            "local job offers.",
            "Déclaration de disponibilité au travail, entretien d'orientation, aide pour le CV "
            "et offres d'emploi de la région.",
            "التصريح بالاستعداد للعمل، مقابلة توجيه، مساعدة في كتابة السيرة الذاتية وعروض عمل "
            "في المنطقة.",
            "Declarația de disponibilitate pentru muncă, interviu de orientare, ajutor pentru CV "
            "și oferte de muncă din zonă.",
            "Deklarata e gatishmërisë për punë, intervistë orientimi, ndihmë për CV-në dhe oferta "
            "pune në zonë.",
        ),
        "categories": ["job"],
        "hours": "1-5 09:00-12:00; 2 14:00-16:00",
        "languages": ["it", "en"],
        "is_free": True,
        "docs": ["id", "permit", "tax"],
    },
    {
        "key": "cpi-tirocini",
        "org": "cpi",
        "loc": "cpi-casale",
        "name": L(
            "Tirocini e incontri con le aziende",
            "Traineeships and meetings with employers",
            "Stages et rencontres avec les entreprises",
            "تدريبات عملية ولقاءات مع الشركات",
            "Stagii și întâlniri cu firmele",
            "Praktika pune dhe takime me kompanitë",
        ),
        "description": L(
            "Tirocini retribuiti di sei mesi nelle aziende del territorio, con un tutor.",
            "Paid six-month traineeships with local companies, with a tutor.",
            "Stages rémunérés de six mois dans les entreprises locales, avec un tuteur.",
            "تدريبات مدفوعة الأجر لمدة ستة أشهر في شركات المنطقة، مع مرافق.",
            "Stagii plătite de șase luni la firmele din zonă, cu un tutore.",
            "Praktika me pagesë gjashtëmujore në kompanitë e zonës, me një tutor.",
        ),
        "categories": ["job", "vocational-training"],
        "hours": "3 09:00-12:00",
        "languages": ["it"],
        "is_free": True,
        "min_age": 18,
        "max_age": 65,
    },
    {
        "key": "informagiovani",
        "org": "comune-casale-monferrato",
        "loc": "informagiovani-casale",
        "name": L(
            "Informagiovani",
            "Youth information centre (Informagiovani)",
            "Point information jeunesse (Informagiovani)",
            "مركز معلومات الشباب (إنفورماجوفاني)",
            "Centrul de informare pentru tineri (Informagiovani)",
            "Qendra e informimit për të rinjtë (Informagiovani)",
        ),
        "description": L(
            "Informazioni su lavoro, studio, volontariato e servizio civile per ragazze e "
            "ragazzi; computer e stampa gratuiti.",
            "Information on work, study, volunteering and civil service for young people; free "
            "computers and printing.",
            "Informations sur le travail, les études, le bénévolat et le service civique pour "
            "les jeunes ; ordinateurs et impression gratuits.",
            "معلومات حول العمل والدراسة والتطوع والخدمة المدنية للشباب؛ حواسيب وطباعة مجانية.",
            "Informații despre muncă, studii, voluntariat și serviciul civil pentru tineri; "
            "calculatoare și tipărire gratuite.",
            "Informacion për punën, studimet, vullnetarizmin dhe shërbimin civil për të rinjtë; "
            "kompjutera dhe printim falas.",
        ),
        "categories": ["job", "culture-sport"],
        "hours": "1-5 15:00-18:30; 6 10:00-12:30",
        "languages": ["it", "en", "fr"],
        "is_free": True,
        "min_age": 14,
        "max_age": 35,
    },
    {
        "key": "formazione-professionale",
        "org": "formazione",
        "loc": "formazione-casale",
        "name": L(
            "Corsi professionali: OSS, cucina, saldatura",
            "Vocational courses: care assistant, cooking, welding",
            "Formations professionnelles : aide-soignant, cuisine, soudure",
            "دورات مهنية: مساعد رعاية صحية، طبخ، لحام",
            "Cursuri profesionale: infirmier auxiliar, bucătărie, sudură",
            "Kurse profesionale: ndihmës kujdesi, kuzhinë, saldim",
        ),
        "description": L(
            "Corsi con qualifica riconosciuta e stage in azienda. Per alcuni corsi serve il "
            "livello A2 di italiano.",
            "Courses with a recognised qualification and a company placement. Some courses "
            "require A2 Italian.",
            "Formations avec qualification reconnue et stage en entreprise. Certaines exigent le "
            "niveau A2 d'italien.",
            "دورات بشهادة معترف بها وتدريب في الشركات. بعض الدورات تتطلب المستوى A2 في الإيطالية.",
            "Cursuri cu calificare recunoscută și stagiu în firmă. Pentru unele cursuri este "
            "nevoie de nivelul A2 de italiană.",
            "Kurse me kualifikim të njohur dhe praktikë në kompani. Për disa kurse kërkohet "
            "niveli A2 i italishtes.",
        ),
        "categories": ["vocational-training", "job"],
        "hours": "1-5 09:00-13:00 14:00-17:00",
        "languages": ["it"],
        "is_free": False,
        "min_age": 16,
        "costs": [
            ("Disoccupati", "0", "Gratuito: il corso è finanziato dalla Regione"),
            ("Occupati", "350.00", "Quota di iscrizione per chi lavora"),
        ],
        "fees": L(
            "Gratuito per chi è disoccupato; gli occupati pagano una quota.",
            "Free for unemployed people; those in work pay a fee.",
        ),
        "docs": ["id", "permit"],
    },
    # --- Documents and administration ------------------------------------------------------------
    {
        "key": "prefettura-sui",
        "org": "prefettura",
        "loc": "prefettura-alessandria",
        "name": L(
            "Sportello Unico per l'Immigrazione",
            "One-stop immigration desk (Sportello Unico)",
            "Guichet unique pour l'immigration",
            "الشباك الموحد للهجرة",
            "Ghișeul unic pentru imigrație",
            "Sporteli unik për emigracionin",
        ),
        "description": L(
            "Ricongiungimento familiare, nulla osta al lavoro, accordo di integrazione e test di "
            "italiano per il permesso di lungo periodo. Solo su appuntamento.",
            "Family reunification, work permits (nulla osta), the integration agreement and the "
            "Italian test for the long-term permit. By appointment only.",
            "Regroupement familial, autorisation de travail, accord d'intégration et test "
            "d'italien pour le permis de longue durée. Sur rendez-vous uniquement.",
            "لمّ شمل الأسرة، وإذن العمل، واتفاقية الاندماج، واختبار اللغة الإيطالية لتصريح "
            "الإقامة طويل الأمد. بموعد مسبق فقط.",
            "Reîntregirea familiei, avizul de muncă, acordul de integrare și testul de italiană "
            "pentru permisul pe termen lung. Doar cu programare.",
            "Bashkimi familjar, leja e punës, marrëveshja e integrimit dhe testi i italishtes për "
            "lejen afatgjatë. Vetëm me takim.",
        ),
        "categories": ["documents", "legal"],
        "hours": "1,3 09:00-12:00",
        "languages": ["it", "en", "fr"],
        "is_free": True,
        "docs": ["id", "permit"],
        "application": L(
            "Le domande si fanno online; un patronato o lo sportello migrante possono aiutarti.",
            "Applications are made online; a patronato or the migrant desk can help you.",
        ),
    },
    {
        "key": "questura-immigrazione",
        "org": "questura",
        "loc": "questura-casale",
        "name": L(
            "Ufficio immigrazione — permessi di soggiorno",
            "Immigration office — residence permits",
            "Bureau de l'immigration — titres de séjour",
            "مكتب الهجرة — تصاريح الإقامة",
            "Biroul de imigrație — permise de ședere",
            "Zyra e emigracionit — lejet e qëndrimit",
        ),
        "description": L(
            "Rilievo delle impronte e ritiro del permesso di soggiorno, su convocazione. La "
            "domanda di rinnovo si presenta all'ufficio postale con il kit.",
            "Fingerprinting and collection of the residence permit, when you are called. The "
            "renewal application is filed at the post office with the kit.",
            "Prise d'empreintes et retrait du titre de séjour, sur convocation. La demande de "
            "renouvellement se dépose à la poste avec le kit.",
            "أخذ البصمات واستلام تصريح الإقامة، بناءً على استدعاء. يُقدَّم طلب التجديد في "
            "مكتب البريد باستخدام الملف الخاص (kit).",
            "Amprentarea și ridicarea permisului de ședere, pe bază de convocare. Cererea de "
            "reînnoire se depune la oficiul poștal cu kitul.",
            "Marrja e shenjave të gishtave dhe tërheqja e lejes së qëndrimit, me thirrje. Kërkesa "
            "për rinovim dorëzohet në postë me kitin.",
        ),
        "categories": ["documents"],
        "hours": "1,3,5 08:30-12:30",
        "languages": ["it", "en"],
        "is_free": False,
        "docs": ["id", "permit"],
        "docs_custom": [
            ("Lettera di convocazione", "Invitation letter"),
            ("Quattro fototessere", "Four passport photos"),
        ],
        "costs": [
            ("Marca da bollo", "16.00", "Importo indicativo: verificare all'ufficio postale"),
            ("Permesso elettronico", "30.46", "Bollettino postale; importo indicativo"),
            ("Spedizione del kit", "30.00", "Alle Poste; importo indicativo"),
        ],
        "fees": L(
            "Il rinnovo costa tra 76 e 176 euro circa, secondo la durata del permesso.",
            "Renewal costs roughly 76 to 176 euro, depending on the permit's length.",
        ),
        "alert": L(
            "Chiedi il rinnovo almeno 60 giorni prima della scadenza del permesso.",
            "Apply for renewal at least 60 days before your permit expires.",
        ),
    },
    {
        "key": "inca-immigrazione",
        "org": "inca",
        "loc": "sindacati-casale",
        "name": L(
            "Aiuto per permessi di soggiorno e ricongiungimenti",
            "Help with residence permits and family reunification",
            "Aide pour les titres de séjour et le regroupement familial",
            "المساعدة في تصاريح الإقامة ولمّ شمل الأسرة",
            "Ajutor pentru permise de ședere și reîntregirea familiei",
            "Ndihmë për lejet e qëndrimit dhe bashkimin familjar",
        ),
        "description": L(
            "Compilazione del kit postale per il rinnovo, domande di ricongiungimento e di "
            "cittadinanza, con un operatore del patronato.",
            "Filling in the postal kit for renewals, applications for family reunification and "
            "citizenship, with a patronato adviser.",
            "Remplissage du kit postal de renouvellement, demandes de regroupement familial et de "
            "nationalité, avec un conseiller du patronato.",
            "تعبئة ملف البريد (kit) لتجديد الإقامة، وطلبات لمّ الشمل والجنسية، مع موظف الباتروناتو.",
            "Completarea kitului poștal pentru reînnoire, cereri de reîntregire a familiei și de "
            "cetățenie, cu un consilier al patronatului.",
            "Plotësimi i kitit postar për rinovim, kërkesa për bashkim familjar dhe shtetësi, me "
            "një këshilltar të patronatos.",
        ),
        "categories": ["documents", "legal"],
        "hours": "2,4 09:00-12:30",
        "languages": ["it", "ar", "fr"],
        "is_free": True,
        "docs": ["id", "permit", "tax"],
    },
    {
        "key": "inas-prestazioni",
        "org": "inas",
        "loc": "sindacati-casale",
        "name": L(
            "Disoccupazione (NASpI), assegno unico e pensioni",
            "Unemployment benefit (NASpI), child benefit and pensions",
            "Allocation chômage (NASpI), allocation familiale et retraites",
            "إعانة البطالة (NASpI) والإعانة الموحدة للأطفال والمعاشات",
            "Ajutor de șomaj (NASpI), alocația unică și pensii",
            "Pagesa e papunësisë (NASpI), shtesa e vetme për fëmijët dhe pensionet",
        ),
        "description": L(
            "Domande all'INPS per la disoccupazione, l'assegno unico per i figli, maternità e "
            "pensione, senza costi.",
            "Applications to INPS for unemployment benefit, the child benefit, maternity and "
            "pensions, free of charge.",
            "Demandes à l'INPS pour le chômage, l'allocation pour enfants, la maternité et la "
            "retraite, sans frais.",
            "طلبات لدى مؤسسة INPS للبطالة والإعانة الموحدة للأطفال والأمومة والمعاش، دون تكلفة.",
            "Cereri la INPS pentru șomaj, alocația unică pentru copii, maternitate și pensie, "
            "fără costuri.",
            "Kërkesa në INPS për papunësinë, shtesën për fëmijët, lejen e lindjes dhe pensionin, "
            "pa pagesë.",
        ),
        "categories": ["economic-support", "job"],
        "hours": "1,3,5 09:00-12:00 14:30-17:30",
        "languages": ["it", "ro"],
        "is_free": True,
        "docs": ["id", "tax", "isee"],
    },
    {
        "key": "ital-cittadinanza",
        "org": "ital",
        "loc": "sindacati-casale",
        "name": L(
            "Domanda di cittadinanza italiana",
            "Applying for Italian citizenship",
            "Demande de nationalité italienne",
            "طلب الجنسية الإيطالية",
            "Cererea de cetățenie italiană",
            "Kërkesa për shtetësinë italiane",
        ),
        "description": L(
            "Verifica dei requisiti, raccolta dei documenti e invio della domanda di cittadinanza "
            "per residenza o per matrimonio.",
            "Checking the requirements, gathering documents and sending the citizenship "
            "application by residence or by marriage.",
            "Vérification des conditions, constitution du dossier et envoi de la demande de "
            "nationalité par résidence ou par mariage.",
            "التحقق من الشروط وجمع الوثائق وإرسال طلب الجنسية على أساس الإقامة أو الزواج.",
            "Verificarea condițiilor, strângerea documentelor și trimiterea cererii de cetățenie "
            "pe bază de rezidență sau căsătorie.",
            "Verifikimi i kushteve, mbledhja e dokumenteve dhe dërgimi i kërkesës për shtetësi "
            "me banim ose me martesë.",
        ),
        "categories": ["documents"],
        "hours": "3 14:30-18:00",
        "languages": ["it", "sq"],
        "is_free": False,
        "costs": [("Contributo per la pratica", "50.00", "Contributo al patronato, indicativo")],
        "fees": L(
            "Oltre al contributo del patronato c'è il contributo statale per la domanda.",
            "Besides the patronato's fee there is the State's application fee.",
        ),
        "docs": ["id", "permit"],
        "docs_custom": [
            (
                "Certificato di nascita tradotto e legalizzato",
                "Birth certificate, translated and legalised",
            ),
            (
                "Certificato penale del Paese d'origine",
                "Criminal record certificate from the country of origin",
            ),
            ("Certificato di lingua italiana B1", "B1 Italian language certificate"),
        ],
    },
    {
        "key": "acli-isee",
        "org": "acli",
        "loc": "acli-casale",
        "name": L(
            "ISEE, dichiarazione dei redditi e bonus",
            "ISEE, tax return and benefits",
            "ISEE, déclaration de revenus et aides",
            "شهادة ISEE والتصريح الضريبي والمنح",
            "ISEE, declarația de venit și bonusuri",
            "ISEE, deklarata e të ardhurave dhe bonuset",
        ),
        "description": L(
            "Calcolo dell'ISEE (serve per quasi tutti gli aiuti), dichiarazione dei redditi "
            "(730) e domande di bonus.",
            "Calculating the ISEE (needed for almost every benefit), tax returns (730) and "
            "benefit applications.",
            "Calcul de l'ISEE (nécessaire pour presque toutes les aides), déclaration de revenus "
            "(730) et demandes d'aides.",
            "حساب شهادة ISEE (ضرورية لأغلب المساعدات)، والتصريح الضريبي (730) وطلبات المنح.",
            "Calculul ISEE (necesar pentru aproape toate ajutoarele), declarația de venit (730) "
            "și cereri de bonusuri.",
            "Llogaritja e ISEE-së (e nevojshme për pothuajse çdo ndihmë), deklarata e të "
            "ardhurave (730) dhe kërkesat për bonuse.",
        ),
        "categories": ["economic-support"],
        "hours": "1-5 09:00-12:30; 1,3 15:00-18:00",
        "languages": ["it"],
        "is_free": True,
        "docs": ["id", "tax", "health_card"],
    },
    {
        "key": "anolf-sportello",
        "org": "anolf",
        "loc": "sindacati-casale",
        "name": L(
            "Sportello informativo per cittadini stranieri",
            "Information desk for foreign citizens",
            "Guichet d'information pour les citoyens étrangers",
            "مكتب المعلومات للمواطنين الأجانب",
            "Birou de informare pentru cetățenii străini",
            "Sportel informacioni për shtetasit e huaj",
        ),
        "description": L(
            "Informazioni su permessi, lavoro e diritti, nella tua lingua; accompagnamento agli "
            "uffici quando serve.",
            "Information on permits, work and rights, in your language; we come with you to the "
            "offices when needed.",
            "Informations sur les titres de séjour, le travail et les droits, dans votre "
            "langue ; accompagnement dans les bureaux si besoin.",
            "معلومات حول تصاريح الإقامة والعمل والحقوق بلغتك؛ ومرافقة إلى المكاتب عند الحاجة.",
            "Informații despre permise, muncă și drepturi, în limba ta; însoțire la birouri "
            "când este nevoie.",
            "Informacion për lejet, punën dhe të drejtat, në gjuhën tënde; shoqërim në zyra kur "
            "nevojitet.",
        ),
        "categories": ["documents", "mediation", "legal"],
        "hours": "5 15:00-18:00",
        "languages": ["it", "ar", "fr", "en"],
        "is_free": True,
    },
    {
        "key": "inca-fubine",
        "org": "inca",
        "loc": "village:fubine-monferrato:municipio",
        "name": L(
            "Recapito del patronato INCA a Fubine",
            "INCA patronato outreach office in Fubine",
            "Permanence du patronato INCA à Fubine",
            "مكتب متنقل لباتروناتو INCA في فوبينه",
            "Punct de lucru al patronatului INCA la Fubine",
            "Pika e patronatos INCA në Fubine",
        ),
        "description": L(
            "Una mattina a settimana il patronato riceve in municipio: pensioni, disoccupazione, "
            "permessi di soggiorno.",
            "One morning a week the patronato sees people at the town hall: pensions, "
            "unemployment, residence permits.",
            "Une matinée par semaine le patronato reçoit à la mairie : retraites, chômage, titres "
            "de séjour.",
            "صباحًا واحدًا في الأسبوع يستقبل الباتروناتو في البلدية: المعاشات والبطالة وتصاريح "
            "الإقامة.",
            "O dimineață pe săptămână patronatul primește la primărie: pensii, șomaj, permise de "
            "ședere.",
            "Një mëngjes në javë patronato pret në bashki: pensione, papunësi, leje qëndrimi.",
        ),
        "categories": ["documents", "economic-support"],
        "areas": ["fubine-monferrato", "vignale-monferrato"],
        "hours": "4 09:00-11:30",
        "languages": ["it"],
        "is_free": True,
    },
    {
        "key": "diritti-legale",
        "org": "diritti",
        "loc": "diritti-casale",
        "name": L(
            "Consulenza legale gratuita",
            "Free legal advice",
            "Conseil juridique gratuit",
            "استشارة قانونية مجانية",
            "Consultanță juridică gratuită",
            "Këshillim ligjor falas",
        ),
        "description": L(
            "Avvocati volontari per problemi di lavoro, casa, famiglia e permessi; informazioni "
            "sul gratuito patrocinio.",
            "Volunteer lawyers for problems with work, housing, family and permits; information "
            "on legal aid.",
            "Avocats bénévoles pour les problèmes de travail, de logement, de famille et de "
            "titres de séjour ; informations sur l'aide juridictionnelle.",
            "محامون متطوعون لمشاكل العمل والسكن والأسرة والتصاريح؛ معلومات حول المساعدة القضائية "
            "المجانية.",
            "Avocați voluntari pentru probleme de muncă, locuință, familie și permise; informații "
            "despre asistența juridică gratuită.",
            "Avokatë vullnetarë për probleme pune, banese, familjeje dhe lejesh; informacion për "
            "ndihmën juridike falas.",
        ),
        "categories": ["legal"],
        "hours": "3 15:00-18:00",
        "languages": ["it", "en", "fr"],
        "is_free": True,
        "undocumented": True,
        "application": L(
            "Su appuntamento: chiama o scrivi, anche tramite lo sportello migrante.",
            "By appointment: call or write, also through the migrant desk.",
        ),
    },
    # --- Social services, Caritas, women ----------------------------------------------------------
    {
        "key": "caritas-ascolto",
        "org": "caritas",
        "loc": "caritas-casale",
        "name": L(
            "Centro di ascolto",
            "Listening centre",
            "Centre d'écoute",
            "مركز الاستماع",
            "Centru de ascultare",
            "Qendra e dëgjimit",
        ),
        "description": L(
            "Volontari che ascoltano e aiutano a trovare una soluzione: pacchi alimentari, "
            "bollette, vestiti, ricerca di una casa.",
            "Volunteers who listen and help find a way forward: food parcels, bills, clothes, "
            "finding somewhere to live.",
            "Des bénévoles écoutent et aident à trouver une solution : colis alimentaires, "
            "factures, vêtements, recherche de logement.",
            "متطوعون يستمعون ويساعدون في إيجاد حل: طرود غذائية، فواتير، ملابس، البحث عن سكن.",
            "Voluntari care ascultă și ajută la găsirea unei soluții: pachete cu alimente, "
            "facturi, haine, căutarea unei locuințe.",
            "Vullnetarë që dëgjojnë dhe ndihmojnë të gjendet një zgjidhje: pako ushqimore, "
            "fatura, rroba, kërkim banese.",
        ),
        "categories": ["economic-support", "housing"],
        "hours": "1,3,5 09:00-11:30",
        "languages": ["it", "fr", "en", "ro"],
        "is_free": True,
        "undocumented": True,
    },
    {
        "key": "caritas-emporio",
        "org": "caritas",
        "loc": "caritas-casale",
        "name": L(
            "Emporio solidale",
            "Community food shop",
            "Épicerie solidaire",
            "متجر التضامن الغذائي",
            "Magazin solidar",
            "Dyqani solidar",
        ),
        "description": L(
            "Spesa gratuita con una tessera a punti per le famiglie inviate dal centro di "
            "ascolto o dai servizi sociali.",
            "Free shopping with a points card for families referred by the listening centre or "
            "the social services.",
            "Courses gratuites avec une carte à points pour les familles orientées par le centre "
            "d'écoute ou les services sociaux.",
            "تسوّق مجاني ببطاقة نقاط للعائلات المحالة من مركز الاستماع أو من الخدمات الاجتماعية.",
            "Cumpărături gratuite cu un card cu puncte pentru familiile trimise de centrul de "
            "ascultare sau de serviciile sociale.",
            "Blerje falas me një kartë me pikë për familjet e dërguara nga qendra e dëgjimit "
            "ose nga shërbimet sociale.",
        ),
        "categories": ["economic-support"],
        "hours": "2,4 14:30-17:30",
        "languages": ["it"],
        "is_free": True,
        "status": Service.Status.TEMPORARILY_CLOSED,
        "alert": L(
            "Chiuso per lavori fino a nuovo avviso: rivolgersi al centro di ascolto.",
            "Closed for works until further notice: please go to the listening centre.",
        ),
    },
    {
        "key": "consorzio-segretariato",
        "org": "consorzio",
        "loc": "consorzio-casale",
        "name": L(
            "Segretariato sociale",
            "Social services front desk",
            "Accueil des services sociaux",
            "مكتب استقبال الخدمات الاجتماعية",
            "Ghișeul serviciilor sociale",
            "Sporteli i shërbimeve sociale",
        ),
        "description": L(
            "Prima accoglienza dei servizi sociali: contributi economici, aiuto alle famiglie, "
            "anziani e persone con disabilità. L'assistente sociale riceve anche nei paesi.",
            "First contact with the social services: financial help, support for families, older "
            "and disabled people. The social worker also sees people in the villages.",
            "Premier accueil des services sociaux : aides financières, soutien aux familles, aux "
            "personnes âgées et handicapées. L'assistante sociale reçoit aussi dans les villages.",
            "الاستقبال الأول للخدمات الاجتماعية: مساعدات مالية، ودعم للأسر وكبار السن وذوي "
            "الإعاقة. تستقبل الأخصائية الاجتماعية أيضًا في القرى.",
            "Prima primire la serviciile sociale: ajutoare financiare, sprijin pentru familii, "
            "vârstnici și persoane cu dizabilități. Asistentul social primește și în sate.",
            "Pritja e parë e shërbimeve sociale: ndihma financiare, mbështetje për familjet, të "
            "moshuarit dhe personat me aftësi të kufizuara. Punonjësja sociale pret edhe në "
            "fshatra.",
        ),
        "categories": ["economic-support", "family"],
        "hours": "1-5 09:00-12:00",
        "languages": ["it"],
        "is_free": True,
        "docs": ["id", "isee"],
    },
    {
        "key": "consorzio-mediazione",
        "org": "consorzio",
        "loc": "consorzio-casale",
        "name": L(
            "Mediazione linguistico-culturale",
            "Linguistic and cultural mediation",
            "Médiation linguistique et culturelle",
            "الوساطة اللغوية والثقافية",
            "Mediere lingvistică și culturală",
            "Ndërmjetësim gjuhësor dhe kulturor",
        ),
        "description": L(
            "Mediatrici e mediatori che accompagnano a scuola, dal medico e negli uffici, per "
            "capirsi bene. Su richiesta di un servizio o dello sportello migrante.",
            "Mediators who come with you to school, the doctor and offices, so everyone "
            "understands each other. On request of a service or the migrant desk.",
            "Des médiateurs vous accompagnent à l'école, chez le médecin et dans les bureaux, "
            "pour bien se comprendre. Sur demande d'un service ou du guichet migrants.",
            "وسطاء يرافقونك إلى المدرسة والطبيب والمكاتب لكي يفهم الجميع بعضهم بعضًا. بطلب من "
            "أحد الخدمات أو من مكتب المهاجرين.",
            "Mediatori care te însoțesc la școală, la medic și la birouri, ca să vă înțelegeți "
            "bine. La cererea unui serviciu sau a ghișeului pentru migranți.",
            "Ndërmjetës që të shoqërojnë në shkollë, te mjeku dhe në zyra, që të kuptoheni mirë. "
            "Me kërkesë të një shërbimi ose të sportelit për emigrantët.",
        ),
        "categories": ["mediation"],
        "languages": ["it", "ar", "ro", "sq", "fr", "en", "zh", "uk"],
        "is_free": True,
        "application": L(
            "Su appuntamento, con almeno tre giorni di anticipo.",
            "By appointment, at least three days in advance.",
        ),
    },
    {
        "key": "consorzio-famiglie",
        "org": "consorzio",
        "loc": "consorzio-casale",
        "name": L(
            "Centro per le famiglie",
            "Family centre",
            "Centre pour les familles",
            "مركز الأسر",
            "Centrul pentru familii",
            "Qendra për familjet",
        ),
        "description": L(
            "Incontri per genitori, spazio gioco per bambini da 0 a 6 anni, consulenza di "
            "coppia e mediazione familiare.",
            "Meetings for parents, a play space for children aged 0 to 6, couple counselling and "
            "family mediation.",
            "Rencontres pour parents, espace de jeu pour les enfants de 0 à 6 ans, conseil "
            "conjugal et médiation familiale.",
            "لقاءات للآباء والأمهات، وفضاء لعب للأطفال من 0 إلى 6 سنوات، واستشارة زوجية ووساطة "
            "أسرية.",
            "Întâlniri pentru părinți, spațiu de joacă pentru copii între 0 și 6 ani, consiliere "
            "de cuplu și mediere familială.",
            "Takime për prindërit, hapësirë lojërash për fëmijët 0 deri 6 vjeç, këshillim për "
            "çiftet dhe ndërmjetësim familjar.",
        ),
        "categories": ["family"],
        "hours": "2,4 09:30-12:00; 3 16:00-18:30",
        "languages": ["it", "en"],
        "is_free": True,
    },
    {
        "key": "consorzio-casa",
        "org": "consorzio",
        "loc": "consorzio-casale",
        "name": L(
            "Agenzia sociale per la casa",
            "Social housing agency",
            "Agence sociale pour le logement",
            "الوكالة الاجتماعية للسكن",
            "Agenția socială pentru locuințe",
            "Agjencia sociale për banesën",
        ),
        "description": L(
            "Aiuto a trovare una casa in affitto con garanzie per il proprietario; informazioni "
            "sui bandi per le case popolari e sul contributo affitto.",
            "Help finding a rented home, with guarantees for the landlord; information on social "
            "housing calls and rent support.",
            "Aide pour trouver un logement en location avec des garanties pour le propriétaire ; "
            "informations sur les logements sociaux et l'aide au loyer.",
            "مساعدة في إيجاد سكن للإيجار مع ضمانات للمالك؛ معلومات عن مسابقات السكن الشعبي "
            "ودعم الإيجار.",
            "Ajutor pentru a găsi o locuință cu chirie, cu garanții pentru proprietar; informații "
            "despre locuințele sociale și ajutorul pentru chirie.",
            "Ndihmë për të gjetur një banesë me qira, me garanci për pronarin; informacion për "
            "banesat sociale dhe ndihmën për qiranë.",
        ),
        "categories": ["housing"],
        "hours": "2 14:00-17:00",
        "languages": ["it"],
        "is_free": True,
        "docs": ["id", "permit", "isee"],
    },
    {
        "key": "donne-antiviolenza",
        "org": "donne",
        "loc": "donne-casale",
        "name": L(
            "Sportello antiviolenza per donne",
            "Anti-violence desk for women",
            "Permanence contre les violences faites aux femmes",
            "مكتب مناهضة العنف ضد المرأة",
            "Centru anti-violență pentru femei",
            "Sporteli kundër dhunës për gratë",
        ),
        "description": L(
            "Ascolto riservato, consulenza legale e psicologica, ospitalità protetta per donne "
            "che subiscono violenza, con o senza permesso di soggiorno. In emergenza chiama il "
            "1522, gratuito, giorno e notte.",
            "Confidential listening, legal and psychological advice and safe housing for women "
            "facing violence, with or without a residence permit. In an emergency call 1522, "
            "free, day and night.",
            "Écoute confidentielle, conseil juridique et psychologique, hébergement protégé pour "
            "les femmes victimes de violence, avec ou sans titre de séjour. En urgence, appelez "
            "le 1522, gratuit, jour et nuit.",
            "استماع سرّي واستشارة قانونية ونفسية وإيواء محمي للنساء اللواتي يتعرضن للعنف، مع "
            "تصريح إقامة أو بدونه. في حالة الطوارئ اتصلي بالرقم 1522، مجانًا، ليلًا ونهارًا.",
            "Ascultare confidențială, consiliere juridică și psihologică, găzduire protejată "
            "pentru femeile care suferă violență, cu sau fără permis de ședere. În caz de urgență "
            "sună la 1522, gratuit, zi și noapte.",
            "Dëgjim konfidencial, këshillim ligjor dhe psikologjik, strehim i mbrojtur për gratë "
            "që pësojnë dhunë, me ose pa leje qëndrimi. Në urgjencë telefono 1522, falas, ditë "
            "e natë.",
        ),
        "categories": ["psychosocial", "legal", "family"],
        "hours": "1,3 10:00-13:00; 4 15:00-18:00",
        "languages": ["it", "en", "fr", "ar", "ro"],
        "is_free": True,
        "undocumented": True,
    },
    {
        "key": "donne-caffe",
        "org": "donne",
        "loc": "donne-casale",
        "name": L(
            "Caffè delle donne",
            "Women's coffee morning",
            "Café des femmes",
            "مقهى النساء",
            "Cafeneaua femeilor",
        ),
        "description": L(
            "Un pomeriggio a settimana per conoscersi, parlare italiano e fare attività insieme; "
            "i bambini piccoli sono benvenuti.",
            "One afternoon a week to meet, speak Italian and do things together; small children "
            "are welcome.",
            "Un après-midi par semaine pour se rencontrer, parler italien et faire des activités "
            "ensemble ; les petits enfants sont les bienvenus.",
            "عصر يوم واحد في الأسبوع للتعارف والتحدث بالإيطالية والقيام بأنشطة معًا؛ الأطفال "
            "الصغار مرحَّب بهم.",
            "O după-amiază pe săptămână pentru a ne cunoaște, a vorbi italiana și a face "
            "activități împreună; copiii mici sunt bineveniți.",
        ),
        "categories": ["culture-sport", "italian-l2", "family"],
        "areas": ALL_AREAS,
        "hours": "5 15:00-17:30",
        "languages": ["it", "ar", "ro", "sq"],
        "is_free": True,
    },
    # --- Children, schools, sport, culture --------------------------------------------------------
    {
        "key": "fubine-pediatra",
        "org": "asl",
        "loc": "fubine-pediatra",
        "name": L(
            "Pediatra di famiglia a Fubine",
            "Family paediatrician in Fubine",
            "Pédiatre de famille à Fubine",
            "طبيب أطفال الأسرة في فوبينه",
            "Medic pediatru de familie la Fubine",
            "Pediatri i familjes në Fubine",
        ),
        "description": L(
            "Visite per bambini e ragazzi fino a 14 anni iscritti al pediatra; vaccinazioni e "
            "certificati per la scuola e lo sport.",
            "Visits for children up to 14 registered with the paediatrician; vaccinations and "
            "certificates for school and sport.",
            "Consultations pour les enfants jusqu'à 14 ans inscrits chez le pédiatre ; "
            "vaccinations et certificats pour l'école et le sport.",
            "فحوصات للأطفال حتى سن 14 سنة المسجلين لدى طبيب الأطفال؛ التطعيمات والشهادات للمدرسة "
            "والرياضة.",
            "Consultații pentru copiii până la 14 ani înscriși la pediatru; vaccinări și "
            "certificate pentru școală și sport.",
            "Vizita për fëmijët deri në 14 vjeç të regjistruar te pediatri; vaksinime dhe "
            "vërtetime për shkollën dhe sportin.",
        ),
        "categories": ["health", "family"],
        "areas": ["fubine-monferrato", "vignale-monferrato"],
        "hours": "1,3 09:00-12:00; 2,4 15:00-18:00",
        "languages": ["it", "en"],
        "is_free": True,
        "max_age": 14,
        "docs": ["health_card"],
    },
    {
        "key": "ottiglio-pediatra",
        "org": "asl",
        "loc": "ottiglio-pediatra",
        "name": L(
            "Pediatra di famiglia a Ottiglio",
            "Family paediatrician in Ottiglio",
            "Pédiatre de famille à Ottiglio",
            "طبيب أطفال الأسرة في أوتيليو",
            "Medic pediatru de familie la Ottiglio",
            "Pediatri i familjes në Ottiglio",
        ),
        "description": L(
            "Ambulatorio pediatrico due mattine a settimana per i bambini di Ottiglio, Villadeati "
            "e Alfiano Natta.",
            "Paediatric surgery two mornings a week for the children of Ottiglio, Villadeati and "
            "Alfiano Natta.",
            "Cabinet pédiatrique deux matinées par semaine pour les enfants d'Ottiglio, "
            "Villadeati et Alfiano Natta.",
            "عيادة أطفال صباحين في الأسبوع لأطفال أوتيليو وفيلاديآتي وألفيانو ناتّا.",
            "Cabinet pediatric două dimineți pe săptămână pentru copiii din Ottiglio, Villadeati "
            "și Alfiano Natta.",
            "Ambulancë pediatrike dy mëngjese në javë për fëmijët e Ottiglios, Villadeatit dhe "
            "Alfiano Nattës.",
        ),
        "categories": ["health", "family"],
        "areas": ["ottiglio", "villadeati", "alfiano-natta"],
        "hours": "2,5 09:00-12:00",
        "languages": ["it"],
        "is_free": True,
        "max_age": 14,
        "docs": ["health_card"],
    },
    {
        "key": "fubine-secondaria",
        "org": "istituto",
        "loc": "fubine-secondaria",
        "name": L(
            "Scuola secondaria di primo grado di Fubine",
            "Lower-secondary school in Fubine",
            "Collège de Fubine",
            "المدرسة الإعدادية في فوبينه",
            "Școala gimnazială din Fubine",
            "Shkolla e mesme e ulët në Fubine",
        ),
        "description": L(
            "Iscrizione dei ragazzi dagli 11 ai 14 anni, anche arrivati da poco in Italia; "
            "laboratori di italiano per studenti stranieri.",
            "Enrolment of young people aged 11 to 14, also newly arrived in Italy; Italian "
            "workshops for foreign pupils.",
            "Inscription des jeunes de 11 à 14 ans, même arrivés récemment en Italie ; ateliers "
            "d'italien pour les élèves étrangers.",
            "تسجيل الفتيان والفتيات من 11 إلى 14 سنة، حتى الواصلين حديثًا إلى إيطاليا؛ ورشات "
            "للغة الإيطالية للتلاميذ الأجانب.",
            "Înscrierea tinerilor între 11 și 14 ani, chiar și a celor sosiți recent în Italia; "
            "ateliere de italiană pentru elevii străini.",
            "Regjistrimi i të rinjve nga 11 deri në 14 vjeç, edhe të sapoardhur në Itali; "
            "punëtori italishteje për nxënësit e huaj.",
        ),
        "categories": ["school-education", "italian-l2"],
        "areas": ["fubine-monferrato", "vignale-monferrato", "ottiglio"],
        "hours": "1-5 08:00-10:00",
        "languages": ["it", "en", "fr"],
        "is_free": True,
        "min_age": 11,
        "max_age": 14,
        "docs": ["id", "tax"],
    },
    {
        "key": "vignale-centro-estivo",
        "org": "comune-vignale-monferrato",
        "loc": "village:vignale-monferrato:scuola",
        "name": L(
            "Centro estivo per bambini e ragazzi",
            "Summer camp for children",
            "Centre de loisirs d'été pour enfants",
            "المخيم الصيفي للأطفال",
            "Centru de vară pentru copii",
            "Qendra verore për fëmijë",
        ),
        "description": L(
            "Da metà giugno a fine agosto: giochi, compiti, piscina e gite per bambini dai 6 ai "
            "14 anni. Riduzioni per chi ha un ISEE basso.",
            "From mid-June to the end of August: games, homework, swimming and trips for children "
            "aged 6 to 14. Reductions for low ISEE.",
            "De mi-juin à fin août : jeux, devoirs, piscine et sorties pour les enfants de 6 à "
            "14 ans. Réductions selon l'ISEE.",
            "من منتصف يونيو إلى نهاية أغسطس: ألعاب وواجبات مدرسية وسباحة ورحلات للأطفال من 6 "
            "إلى 14 سنة. تخفيضات لأصحاب ISEE المنخفض.",
            "De la jumătatea lui iunie până la sfârșitul lui august: jocuri, teme, piscină și "
            "excursii pentru copiii între 6 și 14 ani. Reduceri pentru ISEE mic.",
            "Nga mesi i qershorit deri në fund të gushtit: lojëra, detyra, pishinë dhe ekskursione "
            "për fëmijët 6 deri 14 vjeç. Ulje për ISEE të ulët.",
        ),
        "categories": ["family", "culture-sport", "school-education"],
        "areas": ["vignale-monferrato", "fubine-monferrato", "ottiglio"],
        "hours": "1-5 08:00-16:30",
        "seasonal": True,
        "languages": ["it"],
        "is_free": False,
        "min_age": 6,
        "max_age": 14,
        "costs": [
            ("Una settimana", "60.00", "Pranzo compreso"),
            ("Una settimana con ISEE sotto i 10.000 euro", "25.00", "Pranzo compreso"),
        ],
        "fees": L("Da 25 a 60 euro a settimana, secondo l'ISEE.", "25 to 60 euro a week, by ISEE."),
        "docs": ["isee", "health_card"],
    },
    {
        "key": "asd-fubine",
        "org": "asd-fubine",
        "loc": "fubine-campo",
        "name": L(
            "Calcio e pallavolo per ragazze e ragazzi",
            "Football and volleyball for girls and boys",
            "Football et volley pour filles et garçons",
            "كرة القدم والكرة الطائرة للفتيات والفتيان",
            "Fotbal și volei pentru fete și băieți",
            "Futboll dhe volejboll për vajza dhe djem",
        ),
        "description": L(
            "Allenamenti due volte a settimana; la quota comprende l'assicurazione. Le prime due "
            "settimane di prova sono gratuite.",
            "Training twice a week; the fee includes insurance. The first two trial weeks are "
            "free.",
            "Entraînements deux fois par semaine ; la cotisation comprend l'assurance. Les deux "
            "premières semaines d'essai sont gratuites.",
            "تدريبات مرتين في الأسبوع؛ الاشتراك يشمل التأمين. الأسبوعان الأولان للتجربة مجانيان.",
            "Antrenamente de două ori pe săptămână; taxa include asigurarea. Primele două "
            "săptămâni de probă sunt gratuite.",
            "Stërvitje dy herë në javë; kuota përfshin sigurimin. Dy javët e para të provës janë "
            "falas.",
        ),
        "categories": ["culture-sport"],
        "areas": ["fubine-monferrato", "vignale-monferrato", "ottiglio"],
        "hours": "2,4 17:00-19:00",
        "languages": ["it"],
        "is_free": False,
        "min_age": 6,
        "max_age": 17,
        "costs": [("Quota annuale", "80.00", "Assicurazione compresa; riduzioni per fratelli")],
        "fees": L("80 euro all'anno.", "80 euro a year."),
        "docs_custom": [
            ("Certificato medico per attività sportiva", "Medical certificate for sport")
        ],
    },
    {
        "key": "vignale-insieme",
        "org": "vignale-insieme",
        "loc": "vignale-insieme",
        "name": L(
            "Laboratori interculturali e feste",
            "Intercultural workshops and festivals",
            "Ateliers interculturels et fêtes",
            "ورشات بين الثقافات واحتفالات",
            "Ateliere interculturale și sărbători",
            "Punëtori ndërkulturore dhe festa",
        ),
        "description": L(
            "Cucina, musica e teatro con le famiglie del paese; a settembre la festa dei popoli.",
            "Cooking, music and theatre with the village's families; the festival of peoples in "
            "September.",
            "Cuisine, musique et théâtre avec les familles du village ; en septembre, la fête des "
            "peuples.",
            "طبخ وموسيقى ومسرح مع عائلات البلدة؛ وفي سبتمبر مهرجان الشعوب.",
            "Gătit, muzică și teatru cu familiile din sat; în septembrie, sărbătoarea popoarelor.",
            "Gatim, muzikë dhe teatër me familjet e fshatit; në shtator festa e popujve.",
        ),
        "categories": ["culture-sport"],
        "areas": ["vignale-monferrato"],
        "hours": "5 20:30-22:30",
        "languages": ["it", "ro", "sq"],
        "is_free": True,
    },
    {
        "key": "proloco-alfiano",
        "org": "proloco-alfiano",
        "loc": "village:alfiano-natta:municipio",
        "name": L(
            "Volontariato e feste di paese",
            "Volunteering and village festivals",
            "Bénévolat et fêtes de village",
            "التطوع واحتفالات البلدة",
            "Voluntariat și sărbători ale satului",
        ),
        "description": L(
            "Chi vuole dare una mano all'organizzazione delle feste è benvenuto: un modo per "
            "conoscere il paese.",
            "Anyone who wants to help organise the festivals is welcome: a way to get to know "
            "the village.",
            "Toute personne qui veut aider à organiser les fêtes est la bienvenue : une façon de "
            "connaître le village.",
            "كل من يرغب في المساعدة في تنظيم الاحتفالات مرحَّب به: طريقة للتعرّف على البلدة.",
            "Oricine vrea să ajute la organizarea sărbătorilor este binevenit: un mod de a "
            "cunoaște satul.",
        ),
        "categories": ["culture-sport"],
        "areas": ["alfiano-natta"],
        "hours": "4 20:45-22:30",
        "languages": ["it"],
        "is_free": True,
    },
    {
        "key": "villadeati-orti",
        "org": "villadeati-viva",
        "loc": "village:villadeati:municipio",
        "name": L(
            "Orti condivisi e passeggiate",
            "Shared gardens and walks",
            "Jardins partagés et promenades",
            "حدائق مشتركة ونزهات",
            "Grădini comune și plimbări",
        ),
        "description": L(
            "Un pezzo di orto da coltivare insieme e passeggiate la domenica sulle colline del "
            "Monferrato.",
            "A patch of vegetable garden to grow together and Sunday walks in the Monferrato "
            "hills.",
            "Un bout de potager à cultiver ensemble et des promenades le dimanche dans les "
            "collines du Monferrato.",
            "قطعة من حديقة الخضار نزرعها معًا ونزهات يوم الأحد في تلال مونفيراتو.",
            "O bucată de grădină de cultivat împreună și plimbări duminica pe dealurile din "
            "Monferrato.",
        ),
        "categories": ["culture-sport"],
        "areas": ["villadeati"],
        "hours": "7 09:30-12:00",
        "languages": ["it", "en"],
        "is_free": True,
    },
]

# Services repeated in several municipalities, with the town's name put in.
REPEATED = [
    {
        "key": "anagrafe",
        "towns": ALL_AREAS,
        "org": "comune-{slug}",
        "loc": "municipio",
        "name": L(
            "Ufficio anagrafe — {town}",
            "Registry office — {town}",
            "Bureau de l'état civil — {town}",
            "مكتب السجل المدني — {town}",
            "Oficiul de evidență a populației — {town}",
            "Zyra e gjendjes civile — {town}",
        ),
        "description": L(
            "Iscrizione della residenza, cambio di indirizzo, carta d'identità e certificati per "
            "chi abita a {town}.",
            "Registering your residence, change of address, identity card and certificates for "
            "people living in {town}.",
            "Inscription de la résidence, changement d'adresse, carte d'identité et certificats "
            "pour les habitants de {town}.",
            "تسجيل الإقامة، وتغيير العنوان، وبطاقة الهوية والشهادات لسكان {town}.",
            "Înregistrarea reședinței, schimbarea adresei, cartea de identitate și certificate "
            "pentru locuitorii din {town}.",
            "Regjistrimi i vendbanimit, ndryshimi i adresës, karta e identitetit dhe certifikatat "
            "për banorët e {town}.",
        ),
        "categories": ["documents"],
        "hours": "1,3,5 09:00-12:00",
        "hours_casale": "1-5 08:45-12:15; 2,4 14:30-16:30",
        "languages": ["it"],
        "is_free": False,
        "costs": [("Carta d'identità elettronica", "22.21", "Importo indicativo")],
        "docs": ["id", "permit", "tax"],
        "docs_custom": [
            (
                "Contratto d'affitto o dichiarazione di ospitalità",
                "Rental contract or declaration of hospitality",
            )
        ],
        "application": L(
            "Per la residenza compila il modulo in ufficio; un vigile passerà a verificare "
            "l'indirizzo.",
            "For residence, fill in the form at the office; a municipal officer will come to check "
            "the address.",
        ),
    },
    {
        "key": "biblioteca",
        "towns": [
            "casale-monferrato",
            "ottiglio",
            "fubine-monferrato",
            "vignale-monferrato",
            "alfiano-natta",
        ],
        "org": "comune-{slug}",
        "loc": "biblioteca",
        "name": L(
            "Biblioteca civica — {town}",
            "Public library — {town}",
            "Bibliothèque municipale — {town}",
            "المكتبة البلدية — {town}",
            "Biblioteca publică — {town}",
            "Biblioteka publike — {town}",
        ),
        "description": L(
            "Prestito gratuito di libri, anche in altre lingue e per imparare l'italiano; "
            "computer e wi-fi; letture per bambini.",
            "Free book loans, also in other languages and for learning Italian; computers and "
            "wi-fi; story time for children.",
            "Prêt gratuit de livres, aussi dans d'autres langues et pour apprendre l'italien ; "
            "ordinateurs et wi-fi ; lectures pour les enfants.",
            "إعارة مجانية للكتب، بلغات أخرى أيضًا ولتعلّم الإيطالية؛ حواسيب وإنترنت لاسلكي؛ "
            "قراءات للأطفال.",
            "Împrumut gratuit de cărți, inclusiv în alte limbi și pentru învățarea limbii "
            "italiene; calculatoare și wi-fi; lecturi pentru copii.",
            "Huazim falas i librave, edhe në gjuhë të tjera dhe për të mësuar italisht; "
            "kompjutera dhe wi-fi; lexime për fëmijët.",
        ),
        "categories": ["culture-sport", "italian-l2"],
        "docs_custom": [
            (
                "Un documento con foto, per la tessera del prestito",
                "A photo ID, for the library card",
            )
        ],
        "hours": "3 15:00-18:00; 6 09:30-12:00",
        "hours_casale": "1 14:30-19:00; 2-5 09:00-12:30 14:30-19:00; 6 09:00-12:30",
        "languages": ["it"],
        "is_free": True,
    },
    {
        "key": "scuola-primaria",
        "towns": ["ottiglio", "alfiano-natta", "fubine-monferrato", "vignale-monferrato"],
        "org": "istituto",
        "loc": "scuola",
        "name": L(
            "Scuola primaria — {town}",
            "Primary school — {town}",
            "École primaire — {town}",
            "المدرسة الابتدائية — {town}",
            "Școala primară — {town}",
            "Shkolla fillore — {town}",
        ),
        "description": L(
            "Iscrizione dei bambini dai 6 agli 11 anni, anche durante l'anno scolastico e anche "
            "senza documenti completi; mensa e scuolabus.",
            "Enrolment of children aged 6 to 11, also during the school year and even without "
            "complete documents; canteen and school bus.",
            "Inscription des enfants de 6 à 11 ans, même en cours d'année et même sans documents "
            "complets ; cantine et bus scolaire.",
            "تسجيل الأطفال من 6 إلى 11 سنة، حتى خلال السنة الدراسية وحتى دون وثائق كاملة؛ مطعم "
            "مدرسي وحافلة مدرسية.",
            "Înscrierea copiilor între 6 și 11 ani, și în timpul anului școlar, chiar și fără "
            "documente complete; cantină și autobuz școlar.",
            "Regjistrimi i fëmijëve nga 6 deri në 11 vjeç, edhe gjatë vitit shkollor dhe edhe pa "
            "dokumente të plota; mensë dhe autobus shkollor.",
        ),
        "categories": ["school-education", "family"],
        "docs_custom": [
            (
                "Documenti del bambino e libretto delle vaccinazioni, se li hai "
                "(l'iscrizione si fa anche senza)",
                "The child's documents and vaccination record, if you have them "
                "(enrolment is possible without)",
            )
        ],
        "hours": "1-5 08:00-09:00 12:30-13:30",
        "languages": ["it"],
        "is_free": True,
        "min_age": 6,
        "max_age": 11,
        "undocumented": True,
    },
    {
        "key": "medico",
        "towns": VILLAGES,
        "org": "asl",
        "loc": "ambulatorio",
        "name": L(
            "Ambulatorio del medico di famiglia — {town}",
            "Family doctor's surgery — {town}",
            "Cabinet du médecin de famille — {town}",
            "عيادة طبيب الأسرة — {town}",
            "Cabinetul medicului de familie — {town}",
            "Ambulanca e mjekut të familjes — {town}",
        ),
        "description": L(
            "Visite del medico di medicina generale per chi lo ha scelto all'ASL; ricette e "
            "certificati. Senza appuntamento negli orari indicati.",
            "Visits by the general practitioner for patients registered with them at the ASL; "
            "prescriptions and certificates. No appointment needed during the hours shown.",
            "Consultations du médecin généraliste pour les patients inscrits auprès de lui à "
            "l'ASL ; ordonnances et certificats. Sans rendez-vous aux horaires indiqués.",
            "فحوصات طبيب الأسرة للمسجلين لديه في الوحدة الصحية المحلية (ASL)؛ وصفات طبية "
            "وشهادات. دون موعد خلال الأوقات المبيّنة.",
            "Consultații la medicul de familie pentru pacienții înscriși la el prin ASL; rețete "
            "și certificate. Fără programare în orele indicate.",
            "Vizita te mjeku i familjes për ata që e kanë zgjedhur në ASL; receta dhe vërtetime. "
            "Pa takim gjatë orareve të treguara.",
        ),
        "categories": ["health"],
        "hours": "1,4 09:00-11:00; 3 16:00-18:00",
        "languages": ["it"],
        "is_free": True,
        "docs": ["health_card"],
    },
    {
        "key": "sportello-migrante",
        "towns": VILLAGES,
        "org": "sportello",
        "loc": "municipio",
        "name": L(
            "Sportello migrante diffuso — {town}",
            "Migrant help desk — {town}",
            "Guichet pour les migrants — {town}",
            "مكتب مساعدة المهاجرين — {town}",
            "Ghișeul pentru migranți — {town}",
            "Sporteli për emigrantët — {town}",
        ),
        "description": L(
            "L'operatrice sociale del progetto ti ascolta e ti orienta: documenti, salute, "
            "scuola, lavoro, corsi di italiano. Gratuito e riservato.",
            "The project's social worker listens to you and shows you the way: documents, "
            "health, school, work, Italian courses. Free and confidential.",
            "L'opératrice sociale du projet vous écoute et vous oriente : documents, santé, "
            "école, travail, cours d'italien. Gratuit et confidentiel.",
            "تستمع إليك الأخصائية الاجتماعية في المشروع وتوجّهك: الوثائق، الصحة، المدرسة، العمل، "
            "دروس اللغة الإيطالية. مجاني وسرّي.",
            "Operatoarea socială a proiectului te ascultă și te orientează: documente, sănătate, "
            "școală, muncă, cursuri de italiană. Gratuit și confidențial.",
            "Punonjësja sociale e projektit të dëgjon dhe të orienton: dokumente, shëndet, "
            "shkollë, punë, kurse italishteje. Falas dhe konfidenciale.",
        ),
        "categories": ["mediation", "documents", "job", "italian-l2"],
        "hours_by_town": {
            "ottiglio": "1 09:00-12:30 14:00-17:00; 4 09:00-12:30",
            "alfiano-natta": "2 09:00-12:00",
            "villadeati": "2 14:30-17:00",
            "fubine-monferrato": "3 09:00-12:30; 5 14:30-17:30",
            "vignale-monferrato": "3 14:30-17:30",
        },
        "languages": ["it", "en", "fr", "ar"],
        "is_free": True,
        "undocumented": True,
    },
]

FREE_OF_CHARGE = {
    "option": "Gratuito",
    "amount": "0",
    "currency": "EUR",
    "amount_description": "",
    "valid_from": None,
    "valid_to": None,
}

# How long ago each service was last checked, cycled over the services (some beyond 180 days).
ASSURED_AGES = [3, 12, 25, 40, 58, 75, 96, 130, 160, 205, 260, 330, 18, 44, 110, 190]
NEVER_CHECKED = {"villadeati-orti", "proloco-alfiano"}
WITHOUT_ALBANIAN = {"donne-caffe", "proloco-alfiano", "villadeati-orti"}


def parse_hours(spec: str, *, seasonal_year: int | None = None) -> list[dict]:
    """ "1-5 09:00-12:30 14:00-16:00; 6 09:00-12:00" → schedule rows (1 = Monday)."""
    rows = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        days_spec, *intervals = part.split()
        days: list[int] = []
        for chunk in days_spec.split(","):
            first, _, last = chunk.partition("-")
            days.extend(range(int(first), int(last or first) + 1))
        for day in days:
            for interval in intervals:
                opens, closes = interval.split("-")
                rows.append(
                    {
                        "weekday": day,
                        "opens_at": opens,
                        "closes_at": closes,
                        "valid_from": f"{seasonal_year}-06-15" if seasonal_year else None,
                        "valid_to": f"{seasonal_year}-08-28" if seasonal_year else None,
                        "notes": "",
                    }
                )
    return rows


def _municipality(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def _organizations() -> dict[str, Organization]:
    made = {}
    with translation.override("it"):
        for key, (name, legal_status, desc_it, desc_en) in ORGANIZATIONS.items():
            desc_it += DEMO_NOTE["it"]
            desc_en += DEMO_NOTE["en"]
            made[key], _created = Organization.objects.get_or_create(
                id=demo_uuid("organization", key),
                defaults={
                    "name": name,
                    "legal_status": legal_status,
                    "description": desc_it,
                    "description_it": desc_it,
                    "description_en": desc_en,
                    "email": f"info@{key}.example",
                    "website": f"https://{key}.example/",
                },
            )
    return made


def _location(key: str) -> dict:
    if key.startswith("village:"):
        _prefix, slug, place = key.split(":")
        municipality = _municipality(slug)
        name, address, offset = VILLAGE_PLACES[place]
        lat = municipality.latitude + Decimal(offset - 3) / 1000
        lng = municipality.longitude + Decimal(3 - offset) / 1000
        name = name.format(town=municipality.name)
        postal_code = municipality.postal_code
        city = municipality.name
    else:
        _org, name, address, slug, lat, lng = LOCATIONS[key]
        if slug is None:  # the Prefecture, in Alessandria
            city, postal_code = "Alessandria", "15121"
        else:
            municipality = _municipality(slug)
            city, postal_code = municipality.name, municipality.postal_code
    return {
        "id": str(demo_uuid("location", key)),
        "name": name,
        "address_1": address,
        "city": city,
        "postal_code": postal_code,
        "state_province": "AL",
        "latitude": str(lat),
        "longitude": str(lng),
        "accessibility": "",
        "transportation": "",
        "municipality": slug or "",
    }


def _specs() -> list[dict]:
    """SERVICES plus the REPEATED ones expanded per town."""
    specs = list(SERVICES)
    for template in REPEATED:
        for slug in template["towns"]:
            town = TOWN_NAMES[slug]
            spec = {k: v for k, v in template.items() if k not in ("towns", "hours_by_town")}
            spec["key"] = f"{template['key']}-{slug}"
            spec["org"] = template["org"].format(slug=slug)
            spec["loc"] = (
                f"{template['loc']}-casale"
                if slug == "casale-monferrato"
                else f"village:{slug}:{template['loc']}"
            )
            if slug == "casale-monferrato" and spec["loc"] == "municipio-casale":
                spec["loc"] = "comune-casale"
            spec["name"] = {lang: text.format(town=town) for lang, text in template["name"].items()}
            spec["description"] = {
                lang: text.format(town=town) for lang, text in template["description"].items()
            }
            spec["areas"] = [slug]
            if "hours_by_town" in template:
                spec["hours"] = template["hours_by_town"][slug]
            elif slug == "casale-monferrato" and "hours_casale" in template:
                spec["hours"] = template["hours_casale"]
            specs.append(spec)
    return specs


def _payload(spec: dict, index: int, organizations: dict[str, Organization]) -> dict:
    today = timezone.localdate()
    seasonal_year = today.year + (1 if today.month > 8 else 0) if spec.get("seasonal") else None
    data: dict = {"organization": str(organizations[spec["org"]].pk)}
    texts = {
        "name": spec["name"],
        "description": spec["description"],
        "eligibility_description": spec.get("eligibility", {}),
        "application_process": spec.get("application", {}),
        "fees_description": spec.get("fees", {}),
        "alert": spec.get("alert", {}),
    }
    for field, by_language in texts.items():
        for code in LANGUAGE_CODES:
            value = by_language.get(code, "")
            if code == "sq" and spec["key"] in WITHOUT_ALBANIAN:
                value = ""
            data[f"{field}_{code}"] = value
    data.update(
        alternate_name="",
        url=f"https://{spec['org']}.example/{spec['key']}",
        email=f"{spec['key']}@{spec['org']}.example" if index % 3 else "",
        status=spec.get("status", Service.Status.ACTIVE),
        interpretation_services=spec.get("interpretation", ""),
        minimum_age=spec.get("min_age"),
        maximum_age=spec.get("max_age"),
        is_free=spec.get("is_free", False),
        welcomes_undocumented=spec.get("undocumented", False),
        categories=spec["categories"],
        service_areas=spec.get("areas", ALL_AREAS),
        locations=[_location(spec["loc"])],
        schedules=parse_hours(spec.get("hours", ""), seasonal_year=seasonal_year),
        phones=[
            {
                "number": f"0142 555 {index:03d}",
                "extension": "",
                "type": "voice",
                "description": "",
            }
        ],
        languages=[
            {"code": code, "name": SPOKEN_LANGUAGES[code], "note": ""} for code in spec["languages"]
        ],
        required_documents=[
            {"document_it": GENERIC_DOCS[d][0], "document_en": GENERIC_DOCS[d][1], "uri": ""}
            for d in spec.get("docs", [])
        ]
        + [
            {"document_it": it, "document_en": en, "uri": ""}
            for it, en in spec.get("docs_custom", [])
        ],
        cost_options=[
            {
                "option": option,
                "amount": amount,
                "currency": "EUR",
                "amount_description": description,
                "valid_from": None,
                "valid_to": None,
            }
            for option, amount, description in spec.get("costs", [])
        ]
        or (
            [FREE_OF_CHARGE]  # HSDS: a free service states it as a cost option too
            if spec.get("is_free")
            else []
        ),
    )
    return data


@transaction.atomic
def load_directory() -> None:
    Municipality.objects.get_or_create(slug=CASALE["slug"], defaults=CASALE)
    organizations = _organizations()
    existing = set(Service.objects.values_list("id", flat=True))
    today = timezone.localdate()
    for index, spec in enumerate(_specs(), start=1):
        service_id = demo_uuid("service", spec["key"])
        if service_id in existing:
            continue  # kept as it is: an operator may have changed it
        service = Service(id=service_id, version=1)
        if spec["key"] not in NEVER_CHECKED:
            age = ASSURED_AGES[index % len(ASSURED_AGES)]
            service.assured_date = today - datetime.timedelta(days=age)
        service_apply(service=service, data=_payload(spec, index, organizations))
        version_record(service=service, by=None, summary="Dati dimostrativi caricati")
