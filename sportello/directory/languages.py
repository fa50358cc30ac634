"""Languages a service can speak (HSDS `language`), by ISO 639-1 code, with their Italian name.

The list covers the project's public languages and the main communities of the province
(DOMAIN.md); an operator can pick any of them for a service.
"""

from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGES: dict[str, str] = {
    "it": "italiano",
    "en": "inglese",
    "fr": "francese",
    "ar": "arabo",
    "ro": "rumeno",
    "sq": "albanese",
    "es": "spagnolo",
    "mk": "macedone",
    "zh": "cinese",
    "uk": "ucraino",
    "ru": "russo",
    "pt": "portoghese",
    "de": "tedesco",
    "wo": "wolof",
    "ur": "urdu",
    "bn": "bengalese",
    "pa": "punjabi",
    "lis": "LIS (lingua dei segni italiana)",
}

SPOKEN_LANGUAGE_CHOICES = list(SPOKEN_LANGUAGES.items())

HELP = _("Languages in which the staff can talk with people, besides interpreters on request.")
