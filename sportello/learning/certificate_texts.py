"""The wording of the completion certificate and of the signature register, per language.

Kept here (like casework.consent_texts) rather than in the gettext catalogues: a certificate is
a document handed to the person, its wording is checked once per language and must not fall back
to English while a catalogue is incomplete. {hours}, {planned}, {course}, {level}, {dates} are
filled in by learning.pdfs.
"""

CERTIFICATE: dict[str, dict[str, str]] = {
    "it": {
        "title": "Attestato di frequenza",
        "intro": "Si attesta che",
        "l2": "ha frequentato il corso di lingua italiana per stranieri «{course}»{level}",
        "training": "ha frequentato il modulo di formazione «{course}»",
        "detail": "{dates} · {hours} ore frequentate su {planned} ore previste",
    },
    "en": {
        "title": "Certificate of attendance",
        "intro": "This is to certify that",
        "l2": "attended the Italian language course for foreigners “{course}”{level}",
        "training": "attended the training module “{course}”",
        "detail": "{dates} · {hours} hours attended out of {planned} planned hours",
    },
    "fr": {
        "title": "Attestation de présence",
        "intro": "Nous certifions que",
        "l2": "a suivi le cours de langue italienne pour étrangers « {course} »{level}",
        "training": "a suivi le module de formation « {course} »",
        "detail": "{dates} · {hours} heures suivies sur {planned} heures prévues",
    },
    "ar": {
        "title": "شهادة حضور",
        "intro": "نشهد بأن",
        "l2": "قد حضر دورة اللغة الإيطالية للأجانب «{course}»{level}",
        "training": "قد حضر الوحدة التدريبية «{course}»",
        "detail": "{dates} · {hours} ساعة حضور من أصل {planned} ساعة مقررة",
    },
    "ro": {
        "title": "Certificat de participare",
        "intro": "Se certifică faptul că",
        "l2": "a urmat cursul de limba italiană pentru străini „{course}”{level}",
        "training": "a urmat modulul de formare „{course}”",
        "detail": "{dates} · {hours} ore frecventate din {planned} ore prevăzute",
    },
    "sq": {
        "title": "Dëshmi pjesëmarrjeje",
        "intro": "Vërtetohet se",
        "l2": "ka ndjekur kursin e gjuhës italiane për të huajt “{course}”{level}",
        "training": "ka ndjekur modulin e formimit “{course}”",
        "detail": "{dates} · {hours} orë të ndjekura nga {planned} orë të parashikuara",
    },
}

LEVEL = {
    "it": ", livello {level}",
    "en": ", level {level}",
    "fr": ", niveau {level}",
    "ar": "، المستوى {level}",
    "ro": ", nivelul {level}",
    "sq": ", niveli {level}",
}

# The signature register is an Italian document (kept by the course).
REGISTER = {
    "title": "Registro firme",
    "course": "Corso",
    "trainer": "Docente",
    "place": "Sede",
    "session": "Lezione",
    "person": "Partecipante",
    "signature": "Firma",
    "trainer_signature": "Firma del docente",
}
