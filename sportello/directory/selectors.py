"""Reads of the directory shared by its pages (operators' pages, public pages, API).

Keep each function a plain query helper; the pages' own presentation helpers live next to them.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sportello.accounts.models import Role, User
from sportello.directory.models import (
    EditProposal,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    TaxonomyTerm,
)
from sportello.directory.snapshots import Change, service_snapshot, snapshot_diff
from sportello.territory.models import Municipality

# Statuses whose records are worth keeping checked (a closed service needs no confirming).
CHECKED_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)


# --- Freshness ------------------------------------------------------------------------------------
def stale_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Records last checked before this day are stale (SPORTELLO_STALE_AFTER_DAYS)."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.STALE_AFTER_DAYS)


def stale_q(today: datetime.date | None = None) -> Q:
    return Q(assured_date__isnull=True) | Q(assured_date__lt=stale_cutoff(today))


def is_stale(service: Service, today: datetime.date | None = None) -> bool:
    return service.assured_date is None or service.assured_date < stale_cutoff(today)


def stale_services(today: datetime.date | None = None) -> QuerySet[Service]:
    """Open services whose record needs checking, the longest unchecked first."""
    return _with_list_relations(
        Service.objects.filter(stale_q(today), status__in=CHECKED_STATUSES)
    ).order_by("assured_date", "name")


def stale_count(today: datetime.date | None = None) -> int:
    return Service.objects.filter(stale_q(today), status__in=CHECKED_STATUSES).count()


# --- Operators' lists -----------------------------------------------------------------------------
def _with_list_relations(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organization", "assurer").prefetch_related(
        "categories",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location__municipality"),
        ),
    )


def staff_service_list(
    *,
    q: str = "",
    category: TaxonomyTerm | None = None,
    municipality: Municipality | None = None,
    status: str = "",
    stale_only: bool = False,
) -> QuerySet[Service]:
    """The operators' list: every status unless filtered; a municipality matches a service that
    covers it or has a location there."""
    services = Service.objects.all()
    if q:
        services = services.filter(Q(name__icontains=q) | Q(organization__name__icontains=q))
    if category is not None:
        services = services.filter(categories=category)
    if municipality is not None:
        services = services.filter(
            Q(service_areas=municipality)
            | Q(service_at_locations__location__municipality=municipality)
        )
    if status:
        services = services.filter(status=status)
    if stale_only:
        services = services.filter(stale_q(), status__in=CHECKED_STATUSES)
    ids = services.values("pk")
    return _with_list_relations(Service.objects.filter(pk__in=ids)).order_by("name")


def get_service_for(service_id) -> Service:
    """A service of the directory for a staff page (any status), or 404."""
    try:
        return (
            Service.objects.select_related("organization", "assurer")
            .prefetch_related("categories", "service_areas")
            .get(pk=service_id)
        )
    except (Service.DoesNotExist, ValueError):
        raise Http404 from None


def municipalities_of(service: Service) -> list[str]:
    """Names of the towns of a service's locations (from the prefetched rows)."""
    names = []
    for link in service.service_at_locations.all():
        location = link.location
        name = location.municipality.name if location.municipality else location.city
        if name and name not in names:
            names.append(name)
    return names


# --- History --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VersionEntry:
    version: ServiceVersion
    changes: list[Change]


def service_history(service: Service) -> list[VersionEntry]:
    """The versions of a service, newest first, each with what changed since the one before."""
    versions = list(service.versions.select_related("by").order_by("number"))
    entries = []
    previous = None
    for version in versions:
        entries.append(VersionEntry(version, snapshot_diff(previous, version.data)))
        previous = version.data
    return entries[::-1]


# --- Proposals ------------------------------------------------------------------------------------
DECIDERS = (Role.COORDINATOR, Role.OPERATOR)


def proposals_for(user: User, *, status: str | None = EditProposal.Status.PENDING):
    """Operators and the coordinator see every proposal; a municipal officer only their own."""
    proposals = EditProposal.objects.select_related("service", "proposed_by", "decided_by")
    if user.role not in DECIDERS:
        proposals = proposals.filter(proposed_by=user)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-proposed_at")


def pending_proposal_count() -> int:
    return EditProposal.objects.filter(status=EditProposal.Status.PENDING).count()


def get_proposal_for(user: User, proposal_id) -> EditProposal:
    try:
        return proposals_for(user, status=None).get(pk=proposal_id)
    except (EditProposal.DoesNotExist, ValueError):
        raise Http404 from None


def proposal_changes(proposal: EditProposal) -> list[Change]:
    """The proposal against the service as it is now."""
    current = service_snapshot(proposal.service)
    # A proposal does not touch the "last checked" date.
    return snapshot_diff(current, {**proposal.data, "assured_date": current["assured_date"]})


# --- Staff home -----------------------------------------------------------------------------------
def home_summary(user: User) -> dict | None:
    """The directory's block on the staff home page: work waiting for operators."""
    if user.role not in DECIDERS:
        return None
    return {"stale": stale_count(), "proposals": pending_proposal_count()}
