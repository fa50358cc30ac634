from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from sportello.territory.models import Municipality, Place, Project


def current_project() -> Project | None:
    return (
        Project.objects.select_related("lead_municipality")
        .prefetch_related("partner_municipalities", "targets")
        .first()
    )


def municipalities_with_places() -> QuerySet[Municipality]:
    """The project's municipalities, each with its active places (for the public home)."""
    return (
        Municipality.objects.filter(projects__isnull=False)
        .distinct()
        .prefetch_related(
            Prefetch("places", queryset=Place.objects.filter(active=True).order_by("kind", "name"))
        )
    )


def place_list(*, municipality: Municipality | None = None, kind: str = "", active=True):
    places = Place.objects.select_related("municipality")
    if municipality is not None:
        places = places.filter(municipality=municipality)
    if kind:
        places = places.filter(kind=kind)
    if active is not None:
        places = places.filter(active=active)
    return places


def municipality_counts() -> QuerySet[Municipality]:
    return Municipality.objects.annotate(
        active_places=Count("places", filter=Q(places__active=True))
    )


def get_place_for(code) -> Place:
    try:
        return Place.objects.select_related("municipality").get(code=code)
    except Place.DoesNotExist:
        raise Http404 from None
