"""Sample objects for the authorization matrix: a published event open for registration."""

import datetime as dt

from django.utils import timezone

from sportello.communication.models import Event


def make_event(**extra) -> Event:
    starts = timezone.now() + dt.timedelta(days=30)
    fields = {
        "slug": "seminario-finale",
        "kind": Event.Kind.FINAL_SEMINAR,
        "title_it": "Seminario finale",
        "title_ar": "الندوة الختامية",
        "programme_it": "10:00 Saluti\n11:00 Risultati",
        "starts_at": starts,
        "venue": "Sala consiliare, Ottiglio",
        "published": True,
        **extra,
    }
    return Event.objects.create(**fields)


def events_sample_kwargs() -> dict:
    event = make_event()
    return {
        "events:edit": {"code": event.code},
        "events:registrations": {"code": event.code},
        "public_events:detail": {"slug": event.slug},
    }
