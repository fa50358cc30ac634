"""Reads behind the public directory pages: result pages, one service, its hours, map points.

Texts are localised here (weekday names, times, dates, language names with Babel) so templates
only print them.
"""

import datetime as dt
import functools
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from sportello.directory.languages import SPOKEN_LANGUAGES
from sportello.directory.models import (
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from sportello.directory.search import Found, SearchFilters, public_search
from sportello.territory.models import Municipality

RESULTS_PER_PAGE = 20
CHOICES_SECONDS = 60
TRANSLATED = {code for code, _name in settings.LANGUAGES}  # the translated fields' languages
MAP_LIMIT = 500
PUBLIC_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)
TRANSLATED_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "alert",
)


@dataclass
class Card:
    """What a result shows of a service, in the reader's language (Italian where untranslated)."""

    id: object
    url: str
    name: str
    organization: str
    places: str  # towns (or location names), by location name
    description: str  # its first 30 words
    categories: list[str]
    is_free: bool
    welcomes_undocumented: bool


def _text(row: dict, name: str, language: str) -> str:
    """A translated field as modeltranslation reads it: the language's text, else the Italian."""
    return row.get(f"{name}_{language}") or row[f"{name}_it"] or ""


_ANY_ID = uuid.UUID(int=0)


def result_cards(ids: list, language: str) -> list[Card]:
    """These services, in this order, as result cards: three narrow queries for any number of
    results (the fields a card shows, no model instances)."""
    if language not in TRANSLATED:  # the languages of the translated fields
        language = "it"
    fields = {"id", "is_free", "welcomes_undocumented", "organization__name"}
    fields |= {f"{name}_{code}" for name in ("name", "description") for code in ("it", language)}
    rows = {row["id"]: row for row in Service.objects.filter(pk__in=ids).values(*fields)}
    categories: dict = {pk: [] for pk in rows}
    links = (
        Service.categories.through.objects.filter(service_id__in=ids)
        .order_by("taxonomyterm__position", "taxonomyterm__code")
        .values("service_id", f"taxonomyterm__name_{language}", "taxonomyterm__name_it")
    )
    for link in links:
        categories[link["service_id"]].append(_text(link, "taxonomyterm__name", language))
    places: dict = {pk: [] for pk in rows}
    located = (
        ServiceAtLocation.objects.filter(service_id__in=ids)
        .order_by("location__name")
        .values_list("service_id", "location__city", "location__name")
    )
    for pk, city, name in located:
        places[pk].append(city or name)
    # One reverse() for all: the service pages' addresses differ only by the id.
    url = reverse("public_directory:service", kwargs={"service_id": _ANY_ID})
    return [
        Card(
            id=pk,
            url=url.replace(str(_ANY_ID), str(pk)),
            name=_text(rows[pk], "name", language),
            organization=rows[pk]["organization__name"],
            places=", ".join(places[pk]),
            description=Truncator(_text(rows[pk], "description", language)).words(30, " …"),
            categories=categories[pk],
            is_free=rows[pk]["is_free"],
            welcomes_undocumented=rows[pk]["welcomes_undocumented"],
        )
        for pk in ids
        if pk in rows
    ]


class _ListedServices:
    """A Service queryset (no query: alphabetical) as the paginator sees it: the count, then the
    page's ids (a narrow sort), then those services' cards."""

    more = at_least = False

    def __init__(self, services: QuerySet[Service], language: str) -> None:
        self.services, self.language = services, language

    def count(self) -> int:
        self.total = self.services.count()
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Card]:
        ids = list(self.services.values_list("pk", flat=True)[window])
        return result_cards(ids, self.language)


class _FoundServices:
    """Results the index answers (search.public_search) as the paginator sees it: one call
    gives the requested page's ids and the count."""

    def __init__(self, first: Found, window: slice, fetch, language: str) -> None:
        self.found, self.window, self.fetch, self.language = first, window, fetch, language

    total = property(lambda self: self.found.total)
    more = property(lambda self: self.found.more)
    at_least = property(lambda self: self.found.at_least)

    def count(self) -> int:
        return self.found.pageable

    def __len__(self) -> int:
        return self.found.pageable

    def __getitem__(self, window: slice) -> list[Card]:
        if window != self.window:
            self.window = window
            self.found = self.fetch(window)
        return result_cards(self.found.ids, self.language)


def result_page(
    *,
    query: str,
    filters: SearchFilters,
    services: QuerySet[Service],
    number: str | None,
    language: str = "it",
) -> Page:
    """One page of results (cards), from the index (search.public_search: ranked by relevance,
    or listed by name), else from the services (search_services: alphabetical). The page also
    says how many results there are: `total`, and whether there are `more` than that or `at
    least` that many (see search.Found)."""
    try:
        wanted = max(1, int(number or 1))
    except (TypeError, ValueError):
        wanted = 1
    window = slice((wanted - 1) * RESULTS_PER_PAGE, wanted * RESULTS_PER_PAGE)

    def fetch(window: slice) -> Found | None:
        return public_search(query, filters=filters, window=window, language=language)

    first = fetch(window)
    if first is not None:
        results = _FoundServices(first, window, fetch, language)
    else:
        results = _ListedServices(services, language)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(number)
    page.total, page.more, page.at_least = results.total, results.more, results.at_least
    return page


def map_points(services: QuerySet[Service], *, language: str) -> list[dict]:
    """Up to MAP_LIMIT locations (with coordinates) of the given services, for the results map."""
    rows = (
        ServiceAtLocation.objects.filter(
            service__in=services.values("pk")[:MAP_LIMIT],
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .select_related("service", "location__municipality")
        .order_by("location__city", "location__name")
    )
    return [
        {
            "name": sal.service.name,
            "url": reverse("public_directory:service", kwargs={"service_id": sal.service_id}),
            "address": address_line(sal.location),
            "lat": float(sal.location.latitude),
            "lng": float(sal.location.longitude),
        }
        for sal in rows
    ]


def public_service(service_id) -> Service:
    """One service as the public detail page shows it; 404 unless active or temporarily closed."""
    try:
        return (
            Service.objects.filter(status__in=PUBLIC_STATUSES)
            .select_related("organization")
            .prefetch_related(
                "categories",
                "languages",
                "required_documents",
                "cost_options",
                Prefetch("phones", queryset=Phone.objects.order_by("type", "number")),
                Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")),
                Prefetch(
                    "service_at_locations",
                    queryset=ServiceAtLocation.objects.select_related(
                        "location__municipality"
                    ).prefetch_related("schedules", "location__schedules", "location__phones"),
                ),
            )
            .get(pk=service_id)
        )
    except Service.DoesNotExist:
        raise Http404 from None


# --- opening hours -----------------------------------------------------------------------------


@dataclass
class DayHours:
    weekday: int
    name: str
    intervals: list[tuple[str, str]]  # (opens, closes), localised
    notes: list[str]
    today: bool


@dataclass
class HoursPeriod:
    """Weekly hours valid in one period (all year when both dates are None)."""

    valid_from: str
    valid_to: str
    days: list[DayHours] = field(default_factory=list)


def _day_names(language: str) -> dict[int, str]:
    names = get_day_names("wide", locale=language)
    return {day + 1: name[:1].upper() + name[1:] for day, name in names.items()}


def opening_hours(
    schedules: Iterable[Schedule], *, language: str, today: dt.date | None = None
) -> list[HoursPeriod]:
    """Hours grouped by validity period then weekday, localised; past periods left out."""
    today = today or timezone.localdate()
    day_names = _day_names(language)
    periods: dict[tuple, dict[int, DayHours]] = {}
    for schedule in sorted(schedules, key=lambda s: (s.weekday, s.opens_at)):
        if schedule.valid_to is not None and schedule.valid_to < today:
            continue
        days = periods.setdefault((schedule.valid_from, schedule.valid_to), {})
        day = days.setdefault(
            schedule.weekday,
            DayHours(
                weekday=schedule.weekday,
                name=day_names[schedule.weekday],
                intervals=[],
                notes=[],
                today=schedule.weekday == today.isoweekday(),
            ),
        )
        opens = format_time(schedule.opens_at, "short", locale=language)
        closes = format_time(schedule.closes_at, "short", locale=language)
        day.intervals.append((opens, closes))
        if schedule.notes:
            day.notes.append(schedule.notes)
    result = []
    for (valid_from, valid_to), days in sorted(
        periods.items(), key=lambda item: (item[0][0] is not None, item[0][0] or dt.date.min)
    ):
        result.append(
            HoursPeriod(
                valid_from=format_date(valid_from, "long", locale=language) if valid_from else "",
                valid_to=format_date(valid_to, "long", locale=language) if valid_to else "",
                days=[days[weekday] for weekday in sorted(days)],
            )
        )
    return result


def is_open(schedules: Iterable[Schedule], at: dt.datetime | None = None) -> bool:
    local = timezone.localtime(at or timezone.now())
    day, now = local.date(), local.time()
    return any(
        s.weekday == local.isoweekday()
        and s.opens_at <= now < s.closes_at
        and (s.valid_from is None or s.valid_from <= day)
        and (s.valid_to is None or s.valid_to >= day)
        for s in schedules
    )


# --- other texts -------------------------------------------------------------------------------


def untranslated_fields(obj, fields: Iterable[str], language: str) -> set[str]:
    """The fields shown in Italian because they have no text in `language`."""
    if language == "it":
        return set()
    return {
        name
        for name in fields
        if not getattr(obj, f"{name}_{language}", None) and getattr(obj, f"{name}_it", None)
    }


def language_name(code: str, language: str) -> str:
    try:
        name = Locale.parse(language).languages.get(code)
    except (ValueError, TypeError):
        name = None
    return name or code


def spoken_languages(service: Service, language: str) -> list[str]:
    return [language_name(row.code, language) for row in service.languages.all()]


@functools.lru_cache(maxsize=16)
def spoken_language_choices(language: str) -> tuple[tuple[str, str], ...]:
    """The languages an operator can record (directory/languages.py), named in `language`
    (fixed data: computed once per language)."""
    names = [
        (code, language_name(code, language) if language_name(code, language) != code else name)
        for code, name in SPOKEN_LANGUAGES.items()
    ]
    return tuple(sorted(names, key=lambda choice: choice[1].casefold()))


def category_choices(language: str) -> list[tuple[str, str]]:
    if language not in TRANSLATED:
        language = "it"
    terms = TaxonomyTerm.objects.values("code", f"name_{language}", "name_it")
    return [(term["code"], _text(term, "name", language)) for term in terms]


def municipality_choices() -> list[tuple[str, str]]:
    return list(Municipality.objects.values_list("slug", "name"))


def search_choices(language: str) -> tuple[list, list]:
    """(categories, towns) for the search form, named in `language`: reference data that
    changes with a data migration or an admin's edit, kept a minute (every search page asks)."""
    key = f"directory:search-choices:{language}"
    choices = cache.get(key)
    if choices is None:
        choices = (category_choices(language), municipality_choices())
        cache.set(key, choices, CHOICES_SECONDS)
    return choices


@functools.lru_cache(maxsize=16)
def weekday_choices(language: str) -> tuple[tuple[int, str], ...]:
    return tuple(_day_names(language).items())


def address_line(location: Location) -> str:
    town = " ".join(part for part in (location.postal_code, location.city) if part)
    if location.state_province:
        town = f"{town} ({location.state_province})"
    return ", ".join(part for part in (location.address_1, town) if part)


def tel_href(number: str) -> str:
    """A tap-to-call link target: digits only, Italian numbers with +39 in front."""
    digits = re.sub(r"[^\d+]", "", number)
    if not digits.startswith("+"):
        digits = "+39" + digits
    return f"tel:{digits}"


def format_day(day: dt.date | None, language: str) -> str:
    return format_date(day, "long", locale=language) if day else ""
