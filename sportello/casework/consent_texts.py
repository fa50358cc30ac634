"""The consent texts read to (or by) the person, versioned.

A Consent row stores the version id it was given under (`Consent.text_version`), so what the person
agreed to can always be shown again. Never edit a published version: add a new one, make it
CURRENT_VERSION, and keep the old one here.
"""

from django.utils.translation import get_language

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
        },
    },
}

LANGUAGES = ("it", "en")


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
