"""Reads of the events: the public list and page, the coordinator's lists."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from sportello.communication.models import Event, Registration

# An erased registration keeps its row (attendance is counted) with a placeholder address that is
# unique per registration (one registration per address per event) and can reach nobody.
ERASED_EMAIL_DOMAIN = "@erased.invalid"


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(published=True).select_related("place__municipality")


def upcoming_and_past() -> tuple[list[Event], list[Event]]:
    now = timezone.now()
    events = list(public_events().order_by("starts_at"))
    upcoming = [e for e in events if (e.ends_at or e.starts_at) >= now]
    past = [e for e in reversed(events) if (e.ends_at or e.starts_at) < now]
    return upcoming, past


def get_public_event(slug: str) -> Event:
    event = public_events().filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def staff_events() -> QuerySet[Event]:
    return (
        Event.objects.select_related("place__municipality")
        .annotate(
            registered=Count("registrations"),
            came=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("-starts_at")
    )


def get_event(code) -> Event:
    event = Event.objects.select_related("place__municipality").filter(code=code).first()
    if event is None:
        raise Http404
    return event


def event_where(event: Event) -> str:
    parts = []
    if event.place_id:
        parts.append(f"{event.place.name}, {event.place.address}, {event.place.municipality.name}")
    if event.venue:
        parts.append(event.venue)
    return " — ".join(parts)


def registrations_due(*, months: int, now: dt.datetime | None = None) -> QuerySet[Registration]:
    """Registrations to events over more than `months` months ago (30-day months) that still
    hold the registrant's name or address: they served to organise the event and count who came,
    and may now go."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=30 * months)
    return (
        Registration.objects.annotate(event_end=Coalesce("event__ends_at", "event__starts_at"))
        .filter(event_end__lt=cutoff)
        .exclude(name="", organisation="", email__endswith=ERASED_EMAIL_DOMAIN)
    )
