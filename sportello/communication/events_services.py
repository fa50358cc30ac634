"""Writes of the events: registrations from the public form (rate-limited per address), the
coordinator's events and attendance marking."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit_object
from sportello.communication.events_selectors import ERASED_EMAIL_DOMAIN
from sportello.communication.models import Event, Registration


def registration_allowed(*, address: str) -> bool:
    """Count one submission from `address` in the current window; False beyond the limit.
    The address is hashed before it becomes a cache key (no IP addresses kept in the cache)."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    key = f"events:registrations:{digest}"
    cache.add(key, 0, timeout=settings.EVENT_REGISTRATION_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.EVENT_REGISTRATION_WINDOW)
        count = 1
    return count <= settings.EVENT_REGISTRATION_LIMIT


def event_is_full(event: Event) -> bool:
    return bool(event.capacity) and event.registrations.count() >= event.capacity


def registration_is_open(event: Event) -> bool:
    """Published, open for registration, not started yet and not full."""
    return (
        event.published
        and event.registration_open
        and event.starts_at > timezone.now()
        and not event_is_full(event)
    )


def registration_create(
    *, event: Event, name: str, organisation: str, email: str, language: str
) -> Registration:
    """Register someone to a public event; one registration per e-mail address per event."""
    email = email.strip().lower()
    if event_is_full(event):
        raise ValidationError(_("This event is full: registration is closed."))
    if not registration_is_open(event):
        raise ValidationError(_("Registration for this event is closed."))
    duplicate = ValidationError(
        {"email": _("This e-mail address is already registered for this event.")}
    )
    if Registration.objects.filter(event=event, email=email).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return Registration.objects.create(
                event=event,
                name=name.strip(),
                organisation=organisation.strip(),
                email=email,
                language=language[:8],
            )
    except IntegrityError:  # the same address sent twice at the same moment
        raise duplicate from None


@transaction.atomic
def event_save(*, by: User, event: Event) -> Event:
    """Save an event filled in by EventForm (the form has set its fields)."""
    creating = event.pk is None
    event.full_clean()
    event.save()
    audit_object(
        user=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=event,
    )
    return event


@transaction.atomic
def event_attendance_set(*, by: User, event: Event, attended_codes: set[str]) -> int:
    """Mark who came (and who did not). Returns how many attended."""
    registrations = list(event.registrations.all())
    changed = []
    for registration in registrations:
        came = str(registration.code) in attended_codes
        if registration.attended != came:
            registration.attended = came
            changed.append(registration)
    Registration.objects.bulk_update(changed, ["attended"])
    audit_object(
        user=by,
        action=AuditEvent.Action.UPDATE,
        obj=event,
        detail=f"attendance {len(changed)} changed",
    )
    return sum(1 for r in registrations if r.attended)


@transaction.atomic
def registrations_erase(*, registrations: QuerySet[Registration]) -> int:
    """Erase the registrants' name, organisation and e-mail (events_selectors.registrations_due);
    the rows stay, with their attendance, for the counts. One audit row per event."""
    rows = list(registrations.select_related("event"))
    for row in rows:
        row.name = ""
        row.organisation = ""
        row.email = f"{row.code.hex}{ERASED_EMAIL_DOMAIN}"
    Registration.objects.bulk_update(rows, ["name", "organisation", "email"])
    for event in {row.event for row in rows}:
        audit_object(
            user=None,
            action=AuditEvent.Action.DELETE,
            obj=event,
            detail="registrants erased (retention)",
        )
    return len(rows)
