"""Writes of the directory: services with their related rows, history, freshness, proposals.

Every change to a service goes through one of these functions, and each of them records a
ServiceVersion (a snapshot, who, a summary) and an audit row.
"""

import datetime
import uuid
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit_object
from sportello.directory.models import (
    EditProposal,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    TaxonomyTerm,
)
from sportello.directory.search import search_index_update
from sportello.directory.snapshots import (
    LANGUAGE_CODES,
    LOCATION_FIELDS,
    PLAIN_FIELDS,
    RELATED,
    TRANSLATED_FIELDS,
    service_snapshot,
    snapshot_diff,
    sorted_rows,
    to_json,
)
from sportello.territory.models import Municipality


class StaleEditError(Exception):
    """The service changed since the form was opened: nothing was written."""


def _user(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def version_record(*, service: Service, by: User | None, summary: str) -> ServiceVersion:
    """Snapshot the service as it is now under its current version number."""
    return ServiceVersion.objects.create(
        service=service,
        number=service.version,
        by=_user(by),
        summary=summary[:300],
        data=service_snapshot(service),
    )


def _apply_related(service: Service, data: dict[str, Any]) -> None:
    """Make the service's related rows match `data` (a snapshot-shaped dict). Lists that did not
    change are left alone, so their rows keep their ids."""
    current = service_snapshot(service) if service.pk and not service._state.adding else {}
    for key, (model, fields) in RELATED.items():
        wanted = sorted_rows(key, [{f: to_json(r.get(f)) for f in fields} for r in data[key]])
        if current.get(key) == wanted:
            continue
        model.objects.filter(service=service).delete()
        model.objects.bulk_create(
            [model(service=service, **r) for r in _empty_values(model, wanted)]
        )
    _apply_locations(service, data["locations"])


def _empty_values(model, rows: list[dict]) -> list[dict]:
    """Empty values as the columns want them: "" for text, None for the others."""
    text = {
        f.name
        for f in model._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "TextField", "URLField", "EmailField")
    }
    return [
        {k: ("" if k in text else None) if v in ("", None) else v for k, v in r.items()}
        for r in rows
    ]


def _apply_locations(service: Service, locations: list[dict]) -> None:
    # A row's id names one of the service's own locations; any other id (another service's
    # location, or garbage sent in place of the hidden field) is a new location.
    own = {
        str(location.pk): location
        for location in Location.objects.filter(service_at_locations__service=service)
    }
    keep = []
    for item in locations:
        municipality = (
            Municipality.objects.filter(slug=item["municipality"]).first()
            if item.get("municipality")
            else None
        )
        values = {f: item.get(f) for f in LOCATION_FIELDS}
        for f in LOCATION_FIELDS:
            if values[f] is None and f not in ("latitude", "longitude"):
                values[f] = ""
        values["municipality"] = municipality
        location = own.get(str(item.get("id") or ""))
        if location is None:
            location = Location(id=uuid.uuid4(), organization=service.organization, **values)
            location.full_clean()
            location.save()
        else:
            changed = [f for f, v in values.items() if getattr(location, f) != v]
            if any(to_json(getattr(location, f)) != to_json(values[f]) for f in changed):
                for f in changed:
                    setattr(location, f, values[f])
                location.full_clean()
                location.save(update_fields=[*changed, "last_modified"])
        keep.append(location.pk)
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
    ServiceAtLocation.objects.filter(service=service).exclude(location_id__in=keep).delete()


TEXT_PLAIN_FIELDS = ("alternate_name", "url", "email", "interpretation_services", "status")


def service_apply(*, service: Service, data: dict[str, Any]) -> Service:
    """Write a snapshot-shaped dict onto a service (new or existing) and its related rows.
    Does not touch version, history or audit: the callers below do."""
    # Italian active: modeltranslation mirrors the untranslated columns from the _it ones.
    with translation.override("it"):
        if data.get("organization"):
            service.organization = Organization.objects.get(pk=data["organization"])
        else:  # named in the form: created with the service
            service.organization = Organization.objects.create(name=data["new_organization"])
        for field in TRANSLATED_FIELDS:
            setattr(service, field, data.get(f"{field}_it") or "")
            for code in LANGUAGE_CODES:
                setattr(service, f"{field}_{code}", data.get(f"{field}_{code}") or "")
        for field in PLAIN_FIELDS:
            value = data.get(field)
            if field in TEXT_PLAIN_FIELDS:
                value = value or ""
            elif field in ("is_free", "welcomes_undocumented"):
                value = bool(value)
            setattr(service, field, value)
        service.full_clean(exclude=["assurer"])
        service.save()
        service.categories.set(TaxonomyTerm.objects.filter(code__in=data["categories"]))
        service.service_areas.set(Municipality.objects.filter(slug__in=data["service_areas"]))
        _apply_related(service, data)
    return service


def _summary(before: dict | None, after: dict, prefix: str) -> str:
    """E.g. "Modificato: nome (en), orari". Stored text, so always in Italian."""
    with translation.override("it"):
        changed = [change.label for change in snapshot_diff(before, after)]
    if not changed:
        return prefix
    return f"{prefix}: {', '.join(changed)}"


@transaction.atomic
def service_create(
    *, by: User | None, data: dict[str, Any], summary: str = "", assured: bool = False
) -> Service:
    service = Service(version=1)
    if assured:
        service.assured_date = timezone.localdate()
        service.assurer = _user(by)
    service_apply(service=service, data=data)
    version_record(service=service, by=by, summary=summary or "Creato")
    search_index_update(service)
    audit_object(user=_user(by), action=AuditEvent.Action.CREATE, obj=service)
    return service


def _bump_version(service: Service, expected_version: int | None) -> None:
    """Take the next version number, or fail when someone else took it first."""
    rows = Service.objects.filter(pk=service.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) != 1:
        raise StaleEditError
    service.refresh_from_db(fields=["version"])


@transaction.atomic
def service_update(
    *,
    by: User | None,
    service: Service,
    data: dict[str, Any],
    expected_version: int | None,
    assured: bool = False,
    summary_prefix: str = "Modificato",
) -> Service:
    """Apply an edit. `expected_version` is the version the form was opened on: when the service
    has moved on since, StaleEditError is raised and nothing is written."""
    _bump_version(service, expected_version)
    before = service_snapshot(service)
    service_apply(service=service, data=data)
    if assured:
        service.assured_date = timezone.localdate()
        service.assurer = _user(by)
        service.save(update_fields=["assured_date", "assurer", "last_modified"])
    version_record(
        service=service,
        by=by,
        summary=_summary(before, service_snapshot(service), summary_prefix),
    )
    search_index_update(service)
    audit_object(
        user=_user(by), action=AuditEvent.Action.UPDATE, obj=service, detail=summary_prefix
    )
    return service


@transaction.atomic
def service_set_status(*, by: User, service: Service, status: str) -> Service:
    if status not in Service.Status.values:
        raise ValueError(status)
    if status == service.status:
        return service
    _bump_version(service, None)
    old = service.status
    service.status = status
    service.save(update_fields=["status", "last_modified"])
    version_record(service=service, by=by, summary=f"Stato: {old} → {status}")
    search_index_update(service)  # only active services are found by the public
    audit_object(
        user=by, action=AuditEvent.Action.UPDATE, obj=service, detail=f"status {old}->{status}"
    )
    return service


@transaction.atomic
def service_confirm(*, by: User, service: Service, today: datetime.date | None = None) -> Service:
    """ "Still correct": the record was checked today by this user."""
    _bump_version(service, None)
    service.assured_date = today or timezone.localdate()
    service.assurer = by
    service.save(update_fields=["assured_date", "assurer", "last_modified"])
    version_record(service=service, by=by, summary="Confermato: i dati sono ancora corretti")
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=service, detail="confirmed")
    return service


@transaction.atomic
def proposal_create(
    *, by: User, service: Service, data: dict[str, Any], comment: str = ""
) -> EditProposal:
    proposal = EditProposal.objects.create(
        service=service,
        base_version=service.version,
        proposed_by=by,
        data=data,
        comment=comment,
    )
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=proposal, detail="proposal")
    return proposal


@transaction.atomic
def proposal_accept(*, by: User, proposal: EditProposal, note: str = "") -> Service:
    """Apply a pending proposal as it is (whatever the service's version now: the operator has
    seen the diff against the current record before accepting)."""
    proposal = EditProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != EditProposal.Status.PENDING:
        raise ValueError("proposal already decided")
    service = proposal.service
    author = proposal.proposed_by.display_name if proposal.proposed_by else "?"
    service_update(
        by=by,
        service=service,
        data=proposal.data,
        expected_version=None,
        summary_prefix=f"Proposta di {author} accettata",
    )
    _decide(proposal, by=by, status=EditProposal.Status.ACCEPTED, note=note)
    return service


@transaction.atomic
def proposal_reject(*, by: User, proposal: EditProposal, note: str) -> EditProposal:
    proposal = EditProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != EditProposal.Status.PENDING:
        raise ValueError("proposal already decided")
    return _decide(proposal, by=by, status=EditProposal.Status.REJECTED, note=note)


def _decide(proposal: EditProposal, *, by: User, status: str, note: str) -> EditProposal:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=proposal, detail=status)
    return proposal
