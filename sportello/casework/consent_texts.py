"""The consent texts read to (or by) the person, versioned.

A Consent row stores the version id it was given under (`Consent.text_version`), so what the person
agreed to can always be shown again. Never edit a published version: add a new one, make it
CURRENT_VERSION, and keep the old one here.
"""

from dataclasses import dataclass

from django.utils.translation import get_language, get_language_info

CURRENT_VERSION = "2026-01"

# {version: {purpose: {language: text}}}. "{service}" is replaced by the service's name.
TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "2026-01": {
        "follow_up": {
            "it": (
                "Accetto che l'operatore sociale dello Sportello migrante diffuso registri i miei "
                "bisogni e i contatti che abbiamo, con un codice al posto del mio nome, per "
                "seguirmi nel mio percorso. Il mio nome e il mio telefono, se li do, sono "
                "conservati cifrati e li vedono solo l'operatore che mi segue e la coordinatrice "
                "del progetto. Posso chiedere in ogni momento di vedere tutti i miei dati, di "
                "correggerli o di cancellarli, e posso ritirare questo consenso."
            ),
            "en": (
                "I agree that the social operator of the migrant desk records my needs and our "
                "contacts, under a code instead of my name, to follow me along my path. My name "
                "and phone number, if I give them, are kept encrypted and only the operator who "
                "follows me and the project coordinator can see them. I can ask at any time to "
                "see all my data, to correct it or to erase it, and I can withdraw this consent."
            ),
            "fr": (
                "J'accepte que l'opérateur social du guichet pour les migrants enregistre mes "
                "besoins et nos contacts, sous un code à la place de mon nom, pour "
                "m'accompagner dans mon parcours. Mon nom et mon numéro de téléphone, si je les "
                "donne, sont conservés chiffrés et seuls l'opérateur qui m'accompagne et la "
                "coordinatrice du projet peuvent les voir. Je peux demander à tout moment de voir "
                "toutes mes données, de les corriger ou de les effacer, et je peux retirer ce "
                "consentement."
            ),
            "ar": (
                "أوافق على أن يسجّل الأخصائي الاجتماعي في مكتب المهاجرين احتياجاتي واللقاءات "
                "التي تجمعنا، برمز بدلًا من اسمي، لكي يرافقني في مساري. اسمي ورقم هاتفي، إن "
                "أعطيتهما، يُحفظان مشفّرين ولا يراهما إلا الأخصائي الذي يرافقني ومنسّقة المشروع. "
                "يمكنني في أي وقت أن أطلب الاطلاع على جميع بياناتي أو تصحيحها أو حذفها، ويمكنني "
                "سحب هذه الموافقة."
            ),
            "ro": (
                "Sunt de acord ca operatorul social al ghișeului pentru migranți să înregistreze "
                "nevoile mele și întâlnirile noastre, sub un cod în locul numelui meu, pentru a mă "
                "însoți pe parcursul meu. Numele și numărul meu de telefon, dacă le dau, sunt "
                "păstrate criptat și le văd doar operatorul care mă însoțește și coordonatoarea "
                "proiectului. Pot cere oricând să văd toate datele mele, să le corectez sau să le "
                "șterg și pot retrage acest consimțământ."
            ),
            "sq": (
                "Pranoj që operatori social i sportelit për migrantët të regjistrojë nevojat e mia "
                "dhe takimet tona, me një kod në vend të emrit tim, për të më shoqëruar në rrugën "
                "time. Emri dhe numri im i telefonit, nëse i jap, ruhen të koduar dhe i shohin "
                "vetëm operatori që më ndjek dhe koordinatorja e projektit. Mund të kërkoj në çdo "
                "kohë të shoh të gjitha të dhënat e mia, t'i korrigjoj ose t'i fshij, dhe mund ta "
                "tërheq këtë pëlqim."
            ),
        },
        "share_with_service": {
            "it": (
                "Accetto che l'operatore sociale comunichi al servizio «{service}» il mio codice e "
                "le informazioni necessarie per l'invio (il bisogno e la nota per il servizio), "
                "perché possa accogliermi. Il servizio non riceve altri miei dati. Posso ritirare "
                "questo consenso: da quel momento non saranno inviate altre informazioni."
            ),
            "en": (
                "I agree that the social operator shares with the service “{service}” my code and "
                "what the referral needs (the need and the note for the service), so that it can "
                "receive me. The service receives no other data about me. I can withdraw this "
                "consent: from then on nothing more will be shared."
            ),
            "fr": (
                "J'accepte que l'opérateur social communique au service « {service} » mon code et "
                "ce dont l'orientation a besoin (le besoin et la note pour le service), afin "
                "qu'il puisse m'accueillir. Le service ne reçoit aucune autre donnée me "
                "concernant. Je peux retirer ce consentement : à partir de ce moment, plus rien "
                "ne sera communiqué."
            ),
            "ar": (
                "أوافق على أن يُرسل الأخصائي الاجتماعي إلى خدمة «{service}» رمزي وما يلزم "
                "للإحالة (الحاجة والملاحظة الموجّهة إلى الخدمة)، لكي تتمكن من استقبالي. لا "
                "تتلقى الخدمة أي بيانات أخرى عني. يمكنني سحب هذه الموافقة: ومنذ تلك اللحظة لن "
                "يُرسَل أي شيء آخر."
            ),
            "ro": (
                "Sunt de acord ca operatorul social să comunice serviciului „{service}” codul meu "
                "și ceea ce este necesar pentru trimitere (nevoia și nota pentru serviciu), "
                "pentru ca acesta să mă poată primi. Serviciul nu primește alte date despre mine. "
                "Pot retrage acest consimțământ: din acel moment nu se va mai comunica nimic."
            ),
            "sq": (
                "Pranoj që operatori social t'i japë shërbimit «{service}» kodin tim dhe atë që "
                "i nevojitet dërgimit (nevojën dhe shënimin për shërbimin), që të mund të më "
                "presë. Shërbimi nuk merr asnjë të dhënë tjetër për mua. Mund ta tërheq këtë "
                "pëlqim: që nga ai moment nuk do të jepet asgjë më shumë."
            ),
        },
        "contact_by_phone": {
            "it": (
                "Accetto di essere contattato/a al numero di telefono che ho dato, solo "
                "dall'operatore sociale e solo per il mio percorso. Posso ritirare questo "
                "consenso in ogni momento."
            ),
            "en": (
                "I agree to be contacted on the phone number I gave, only by the social operator "
                "and only about my path. I can withdraw this consent at any time."
            ),
            "fr": (
                "J'accepte d'être contacté·e au numéro de téléphone que j'ai donné, uniquement "
                "par l'opérateur social et uniquement au sujet de mon parcours. Je peux retirer "
                "ce consentement à tout moment."
            ),
            "ar": (
                "أوافق على أن يتصل بي على رقم الهاتف الذي أعطيته الأخصائيُّ الاجتماعي وحده، "
                "وفقط بشأن مساري. يمكنني سحب هذه الموافقة في أي وقت."
            ),
            "ro": (
                "Sunt de acord să fiu contactat/ă la numărul de telefon pe care l-am dat, doar de "
                "operatorul social și doar în legătură cu parcursul meu. Pot retrage acest "
                "consimțământ oricând."
            ),
            "sq": (
                "Pranoj të kontaktohem në numrin e telefonit që kam dhënë, vetëm nga operatori "
                "social dhe vetëm për rrugën time. Mund ta tërheq këtë pëlqim në çdo kohë."
            ),
        },
        "course_identity": {
            "it": (
                "Accetto che anche l'insegnante del corso a cui sono iscritto veda il mio nome "
                "sul registro delle presenze, sul foglio firme e sull'attestato. Senza questo "
                "consenso l'insegnante vede solo il mio codice. Posso ritirare questo consenso: "
                "da quel momento il registro mostrerà solo il codice."
            ),
            "en": (
                "I agree that the teacher of the course I am enrolled in also sees my name on the "
                "attendance register, on the signature sheet and on the certificate. Without this "
                "consent the teacher sees only my code. I can withdraw this consent: from then "
                "on the register shows only my code."
            ),
            "fr": (
                "J'accepte que l'enseignant·e du cours auquel je suis inscrit·e voie aussi mon nom "
                "sur le registre des présences, sur la feuille d'émargement et sur l'attestation. "
                "Sans ce consentement, l'enseignant·e ne voit que mon code. Je peux retirer ce "
                "consentement : à partir de ce moment, le registre n'affichera que mon code."
            ),
            "ar": (
                "أوافق على أن يرى مدرّس الدورة التي سجّلت فيها اسمي أيضًا في سجل الحضور وورقة "
                "التوقيعات والشهادة. بدون هذه الموافقة لا يرى المدرّس إلا رمزي. يمكنني سحب هذه "
                "الموافقة: ومنذ تلك اللحظة لن يُظهر السجل إلا رمزي."
            ),
            "ro": (
                "Sunt de acord ca profesorul cursului la care sunt înscris/ă să vadă și numele meu "
                "în registrul de prezență, pe foaia de semnături și pe certificat. Fără acest "
                "consimțământ, profesorul vede doar codul meu. Pot retrage acest consimțământ: "
                "din acel moment registrul va arăta doar codul meu."
            ),
            "sq": (
                "Pranoj që mësuesi i kursit ku jam regjistruar të shohë edhe emrin tim në "
                "regjistrin e pranisë, në fletën e nënshkrimeve dhe në certifikatë. Pa këtë "
                "pëlqim mësuesi sheh vetëm kodin tim. Mund ta tërheq këtë pëlqim: që nga ai "
                "moment regjistri do të tregojë vetëm kodin tim."
            ),
        },
    },
}

# The languages of every text: the public languages (settings.LANGUAGES).
LANGUAGES = ("it", "en", "fr", "ar", "ro", "sq")


def consent_text(
    purpose: str,
    *,
    version: str = CURRENT_VERSION,
    language: str | None = None,
    service_name: str = "",
) -> str:
    """The text of `purpose` in `version`, in `language` (default: the current one), falling back
    to Italian. An unknown version or purpose gives an empty string."""
    texts = TEXTS.get(version, {}).get(purpose, {})
    language = (language or get_language() or "it")[:2]
    text = texts.get(language) or texts.get("it", "")
    return text.replace("{service}", service_name or "…")


@dataclass(frozen=True)
class Reading:
    """A consent text in one language, as a page shows it: in that language's own name and
    direction, so that the person can read it."""

    language: str
    name: str  # the language's name in itself: "العربية", "Română"
    text: str
    rtl: bool
    shown: bool  # shown at once (the staff's language, the person's); else behind "other languages"


def readings(purpose: str, *, person_languages=(), service_name: str = "") -> list[Reading]:
    """The text of `purpose` (current version) in every language that has it: the staff's
    language first, then the person's languages (ISO 639-1 codes), both shown at once, then the
    others."""
    staff = (get_language() or "it")[:2]
    shown = {staff, *person_languages}
    texts = TEXTS[CURRENT_VERSION].get(purpose, {})
    order = [
        code for code in dict.fromkeys([staff, *person_languages, *LANGUAGES]) if code in texts
    ]
    return [
        Reading(
            language=code,
            name=get_language_info(code)["name_local"],
            text=consent_text(purpose, language=code, service_name=service_name),
            rtl=get_language_info(code)["bidi"],
            shown=code in shown,
        )
        for code in order
    ]
