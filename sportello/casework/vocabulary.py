"""Country and language names in the reader's language, from Babel (CLDR): no hand-made lists."""

from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

from sportello.directory.languages import SPOKEN_LANGUAGES

# CLDR "territories" also holds regions and groupings; only real countries are offered.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

# Languages a person may speak: those a service can speak (so needs match services) and the
# other languages most often met in the province (ISO 639-1).
PERSON_LANGUAGE_CODES = [
    *[code for code in SPOKEN_LANGUAGES if len(code) == 2],
    *["bg", "fa", "ff", "ha", "hi", "pl", "ps", "so", "ti", "tl", "tr"],
]


def _locale(language: str | None = None) -> Locale:
    try:
        return Locale.parse((language or get_language() or "it").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("it")


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _locale(language).territories
    countries = [
        (code, name)
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(countries, key=lambda item: item[1].casefold()))


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    return list(_country_choices(language or get_language() or "it"))


def country_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(language).territories.get(code.upper(), code.upper())


def language_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    name = _locale(language).languages.get(code)
    return name or SPOKEN_LANGUAGES.get(code, code)


@cache
def _language_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = [(code, language_name(code, language)) for code in PERSON_LANGUAGE_CODES]
    return tuple(sorted(names, key=lambda item: item[1].casefold()))


def language_choices(language: str | None = None) -> list[tuple[str, str]]:
    return list(_language_choices(language or get_language() or "it"))
