"""Writes of the diffuse desk: rota slots, visits with their anonymous tallies, calendar tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit_object
from sportello.directory.models import TaxonomyTerm
from sportello.outreach.models import AnonymousContact, CalendarToken, Visit, VisitPlan
from sportello.territory.models import Place

PLAN_FIELDS = ["place", "operator", "weekday", "starts_at", "ends_at", "valid_from", "valid_to"]


def overlapping_plans(plan: VisitPlan):
    """Active slots of the same operator on the same weekday whose hours and validity overlap."""
    others = VisitPlan.objects.filter(
        operator_id=plan.operator_id,
        weekday=plan.weekday,
        active=True,
        starts_at__lt=plan.ends_at,
        ends_at__gt=plan.starts_at,
    ).select_related("place")
    if plan.pk:
        others = others.exclude(pk=plan.pk)
    if plan.valid_to:
        others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=plan.valid_to))
    if plan.valid_from:
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=plan.valid_from))
    return others


def _validate_plan(plan: VisitPlan) -> None:
    plan.full_clean()
    if not plan.place.active:
        raise ValidationError({"place": _("This place is no longer active.")})
    if plan.valid_from and plan.valid_to and plan.valid_to < plan.valid_from:
        raise ValidationError({"valid_to": _("“Valid to” cannot be before “valid from”.")})
    clash = overlapping_plans(plan).first() if plan.active else None
    if clash is not None:
        raise ValidationError(
            _("This operator is already at %(place)s from %(start)s to %(end)s on that day.")
            % {
                "place": clash.place.name,
                "start": f"{clash.starts_at:%H:%M}",
                "end": f"{clash.ends_at:%H:%M}",
            }
        )


@transaction.atomic
def visit_plan_save(*, by: User, plan: VisitPlan, data: dict) -> VisitPlan:
    """Create or update a rota slot. Raises ValidationError (nothing saved) when the slot ends
    before it starts, its place is inactive, or it overlaps another slot of the same operator."""
    creating = plan.pk is None
    for field in PLAN_FIELDS:
        setattr(plan, field, data[field])
    _validate_plan(plan)
    if creating:
        plan.save()
    else:
        plan.save(update_fields=PLAN_FIELDS)
    action = AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE
    audit_object(user=by, action=action, obj=plan)
    return plan


@transaction.atomic
def visit_plan_deactivate(*, by: User, plan: VisitPlan) -> VisitPlan:
    """Take a slot off the rota (it stops producing calendar occurrences; past visits keep it)."""
    if plan.active:
        plan.active = False
        plan.save(update_fields=["active"])
        audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=plan, detail="deactivated")
    return plan


@dataclass(frozen=True)
class ContactTally:
    gender: str
    age_band: str
    language: str = ""
    need: TaxonomyTerm | None = None


def _plan_for(*, operator: User, place: Place, date: dt.date) -> VisitPlan | None:
    return (
        VisitPlan.objects.filter(operator=operator, place=place, weekday=date.isoweekday())
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=date))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))
        .order_by("-active", "starts_at")
        .first()
    )


def _check_visit(visit: Visit) -> None:
    if visit.date > timezone.localdate():
        raise ValidationError({"date": _("A visit cannot be in the future.")})
    if not visit.place.active:
        raise ValidationError({"place": _("This place is no longer active.")})
    visit.full_clean(exclude=["plan"])


def _replace_contacts(visit: Visit, contacts: list[ContactTally]) -> None:
    visit.contacts.all().delete()
    rows = [
        AnonymousContact(
            visit=visit,
            gender=c.gender,
            age_band=c.age_band,
            language=c.language,
            need=c.need,
        )
        for c in contacts
    ]
    for row in rows:
        row.full_clean(exclude=["visit"])
    AnonymousContact.objects.bulk_create(rows)


@transaction.atomic
def visit_create(
    *,
    by: User,
    date: dt.date,
    place: Place,
    minutes: int,
    contacts: list[ContactTally],
) -> Visit:
    """Record a visit by `by` with the anonymous tallies of the people met. The matching rota
    slot (same operator, place and weekday) is linked when there is one."""
    visit = Visit(date=date, place=place, operator=by, minutes=minutes)
    _check_visit(visit)
    visit.plan = _plan_for(operator=by, place=place, date=date)
    visit.save()
    _replace_contacts(visit, contacts)
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=visit)
    return visit


def visit_is_editable(visit: Visit, *, now: dt.datetime | None = None) -> bool:
    """A visit can be corrected on the day it was recorded."""
    now = now or timezone.now()
    return timezone.localdate(visit.created_at) == timezone.localdate(now)


@transaction.atomic
def visit_update(
    *,
    by: User,
    visit: Visit,
    date: dt.date,
    place: Place,
    minutes: int,
    contacts: list[ContactTally],
) -> Visit:
    if not visit_is_editable(visit):
        raise ValidationError(_("A visit can only be corrected on the day it was recorded."))
    visit.date, visit.place, visit.minutes = date, place, minutes
    _check_visit(visit)
    visit.plan = _plan_for(operator=visit.operator, place=place, date=date)
    visit.save(update_fields=["date", "place", "minutes", "plan"])
    _replace_contacts(visit, contacts)
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=visit)
    return visit


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_create(*, user: User) -> str:
    """Give `user` a new secret calendar link (revoking the previous one). Returns the token:
    it is shown once; only its SHA-256 is stored."""
    calendar_token_revoke(user=user)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=user, token_hash=hash_token(token))
    audit_object(user=user, action=AuditEvent.Action.CREATE, obj=user, detail="calendar link")
    return token


@transaction.atomic
def calendar_token_revoke(*, user: User) -> int:
    """Revoke every live calendar link of `user`; returns how many were revoked."""
    revoked = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit_object(user=user, action=AuditEvent.Action.DELETE, obj=user, detail="calendar link")
    return revoked
