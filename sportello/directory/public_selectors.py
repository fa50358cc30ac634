"""Reads behind the public directory pages: result pages, one service, its hours, map points.

Texts are localised here (weekday names, times, dates, language names with Babel) so templates
only print them.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sportello.directory.languages import SPOKEN_LANGUAGES
from sportello.directory.models import (
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from sportello.directory.search import SearchFilters, ranked_service_ids
from sportello.territory.models import Municipality

RESULTS_PER_PAGE = 20
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

_locations = Prefetch(
    "service_at_locations",
    queryset=ServiceAtLocation.objects.select_related("location__municipality").order_by(
        "location__name"
    ),
)


def _with_cards(ids: list) -> list[Service]:
    """These services, in this order, with what a result card shows (no query per result)."""
    found = (
        Service.objects.select_related("organization")
        .prefetch_related("categories", _locations)
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


class _ListedServices:
    """A Service queryset (no query: alphabetical) as the paginator sees it: the count, then the
    page's ids (a narrow sort), then those services."""

    def __init__(self, services: QuerySet[Service]) -> None:
        self.services = services

    def count(self) -> int:
        return self.services.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Service]:
        return _with_cards(list(self.services.values_list("pk", flat=True)[window]))


class _RankedServices:
    """Results the index answers (search.ranked_service_ids) as the paginator sees it: one call
    gives the requested page's ids and the count."""

    def __init__(self, first: tuple[list, int], window: slice, fetch) -> None:
        (self.ids, self.total), self.window, self.fetch = first, window, fetch

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Service]:
        if window != self.window:
            self.window = window
            self.ids, self.total = self.fetch(window) or ([], 0)
        return _with_cards(self.ids)


def result_page(
    *,
    query: str,
    filters: SearchFilters,
    services: QuerySet[Service],
    number: str | None,
    language: str = "it",
) -> Page:
    """One page of results: from the index when it can answer (ranked by relevance, or listed
    by name), else the services (search_services: alphabetical)."""
    try:
        wanted = max(1, int(number or 1))
    except (TypeError, ValueError):
        wanted = 1
    window = slice((wanted - 1) * RESULTS_PER_PAGE, wanted * RESULTS_PER_PAGE)

    def fetch(window: slice):
        return ranked_service_ids(query, filters=filters, window=window, language=language)

    first = fetch(window)
    if first is not None:
        results = _RankedServices(first, window, fetch)
    else:
        results = _ListedServices(services)
    return Paginator(results, RESULTS_PER_PAGE).get_page(number)


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


def effective_schedules(service: Service) -> list[Schedule]:
    """The service's own hours (or its service-at-location ones); when it has none, the hours
    of its locations. Same rule as the search's "open" filters. Uses prefetched rows."""
    own = list(service.schedules.all())
    locations = list(service.service_at_locations.all())
    for sal in locations:
        own += list(sal.schedules.all())
    if own:
        return own
    return [schedule for sal in locations for schedule in sal.location.schedules.all()]


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


def spoken_language_choices(language: str) -> list[tuple[str, str]]:
    """The languages an operator can record (directory/languages.py), named in `language`."""
    names = [
        (code, language_name(code, language) if language_name(code, language) != code else name)
        for code, name in SPOKEN_LANGUAGES.items()
    ]
    return sorted(names, key=lambda choice: choice[1].casefold())


def category_choices() -> list[tuple[str, str]]:
    return [(term.code, term.name) for term in TaxonomyTerm.objects.all()]


def municipality_choices() -> list[tuple[str, str]]:
    return list(Municipality.objects.values_list("slug", "name"))


def weekday_choices(language: str) -> list[tuple[int, str]]:
    return list(_day_names(language).items())


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
