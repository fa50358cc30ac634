"""A service as plain JSON data, and the differences between two such snapshots.

The same shape serves three purposes: a ServiceVersion's `data` (history), an EditProposal's `data`
(a proposed edit), and the input of `services.service_apply` (what the edit form produces). So a
proposal can be shown as a diff against the current service and applied as it is.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sportello.directory.models import (
    CostOption,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceLanguage,
    TaxonomyTerm,
)
from sportello.territory.models import Municipality

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRANSLATED_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "alert",
)
PLAIN_FIELDS = (
    "alternate_name",
    "url",
    "email",
    "status",
    "interpretation_services",
    "minimum_age",
    "maximum_age",
    "is_free",
    "welcomes_undocumented",
)
LOCATION_FIELDS = (
    "name",
    "address_1",
    "city",
    "postal_code",
    "state_province",
    "latitude",
    "longitude",
    "accessibility",
    "transportation",
)
SCHEDULE_FIELDS = ("weekday", "opens_at", "closes_at", "valid_from", "valid_to", "notes")
PHONE_FIELDS = ("number", "extension", "type", "description")
LANGUAGE_FIELDS = ("code", "name", "note")
DOCUMENT_FIELDS = (*tuple(f"document_{code}" for code in LANGUAGE_CODES), "uri")
COST_FIELDS = ("option", "amount", "currency", "amount_description", "valid_from", "valid_to")
# The related lists of a snapshot: key → (model, fields).
RELATED = {
    "schedules": (Schedule, SCHEDULE_FIELDS),
    "phones": (Phone, PHONE_FIELDS),
    "languages": (ServiceLanguage, LANGUAGE_FIELDS),
    "required_documents": (RequiredDocument, DOCUMENT_FIELDS),
    "cost_options": (CostOption, COST_FIELDS),
}


def to_json(value: Any) -> Any:
    """Dates, times and decimals as strings; None and plain values as they are."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value)
    if hasattr(value, "strftime") and hasattr(value, "hour") and not hasattr(value, "year"):
        return value.strftime("%H:%M")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def row(obj, fields) -> dict:
    data = {}
    for field in fields:
        value = getattr(obj, field)
        data[field] = "" if value is None and field.startswith("document_") else to_json(value)
    return data


def service_snapshot(service: Service) -> dict:
    """Everything an operator edits about a service, as JSON-ready data (one query per list)."""
    data: dict[str, Any] = {
        "organization": str(service.organization_id),
        "organization_name": service.organization.name,
    }
    for field in TRANSLATED_FIELDS:
        for code in LANGUAGE_CODES:
            data[f"{field}_{code}"] = getattr(service, f"{field}_{code}") or ""
    for field in PLAIN_FIELDS:
        data[field] = to_json(getattr(service, field))
    data["categories"] = sorted(service.categories.values_list("code", flat=True))
    data["service_areas"] = sorted(service.service_areas.values_list("slug", flat=True))
    locations = Location.objects.filter(service_at_locations__service=service).select_related(
        "municipality"
    )
    data["locations"] = sorted(
        (
            {
                "id": str(location.id),
                **row(location, LOCATION_FIELDS),
                "municipality": location.municipality.slug if location.municipality else "",
            }
            for location in locations
        ),
        key=lambda item: (item["name"], item["id"]),
    )
    for key, (model, fields) in RELATED.items():
        data[key] = sorted_rows(
            key, [row(obj, fields) for obj in model.objects.filter(service=service)]
        )
    data["assured_date"] = to_json(service.assured_date)
    return data


def sorted_rows(key: str, rows: list[dict]) -> list[dict]:
    if key == "schedules":
        return sorted(rows, key=lambda r: (r["weekday"], r["opens_at"], r["valid_from"] or ""))
    return sorted(rows, key=lambda r: tuple(str(v) for v in r.values()))


@dataclass(frozen=True)
class Change:
    label: str
    before: list[str]
    after: list[str]


def _labels() -> dict[str, Any]:
    labels: dict[str, Any] = {"organization_name": _("organization")}
    for field in TRANSLATED_FIELDS:
        verbose = Service._meta.get_field(field).verbose_name
        for code in LANGUAGE_CODES:
            labels[f"{field}_{code}"] = f"{verbose} ({code})"
    for field in PLAIN_FIELDS:
        labels[field] = Service._meta.get_field(field).verbose_name
    labels.update(
        categories=_("categories"),
        service_areas=_("municipalities covered"),
        locations=_("locations"),
        schedules=_("opening hours"),
        phones=_("phones"),
        languages=_("languages spoken"),
        required_documents=_("required documents"),
        cost_options=_("cost options"),
        assured_date=_("last checked"),
    )
    return labels


def _schedule_line(row: dict) -> str:
    line = f"{Schedule.Weekday(row['weekday']).label} {row['opens_at']}–{row['closes_at']}"
    if row.get("valid_from") or row.get("valid_to"):
        line += f" ({row.get('valid_from') or '…'} → {row.get('valid_to') or '…'})"
    return f"{line} — {row['notes']}" if row.get("notes") else line


def _phone_line(row: dict) -> str:
    kind = dict(Phone.Type.choices).get(row.get("type"), row.get("type") or "")
    parts = [row["number"] + (f" ({row['extension']})" if row.get("extension") else ""), str(kind)]
    return " · ".join([*parts, row["description"]] if row.get("description") else parts)


def _location_line(row: dict) -> str:
    place = " ".join(filter(None, [row.get("postal_code"), row.get("city")]))
    return ", ".join(filter(None, [row.get("name"), row.get("address_1"), place]))


def _cost_line(row: dict) -> str:
    amount = f"{row['amount']} {row.get('currency') or 'EUR'}" if row.get("amount") else "—"
    line = f"{row['option']}: {amount}"
    return f"{line} — {row['amount_description']}" if row.get("amount_description") else line


ROW_LINES = {
    "schedules": _schedule_line,
    "phones": _phone_line,
    "locations": _location_line,
    "cost_options": _cost_line,
    "languages": lambda row: row.get("name") or row["code"],
    "required_documents": lambda row: row.get("document_it", ""),
}


def _names(key: str, codes: list[str]) -> list[str]:
    """Category codes and municipality slugs, as the names people know."""
    if key == "categories":
        names = dict(TaxonomyTerm.objects.filter(code__in=codes).values_list("code", "name"))
    else:
        names = dict(Municipality.objects.filter(slug__in=codes).values_list("slug", "name"))
    return [names.get(code, code) for code in codes]


def _lines(key: str, value: Any) -> list[str]:
    if value in (None, "", []):
        return []
    if key in ROW_LINES:
        return [ROW_LINES[key](item) for item in value]
    if key in ("categories", "service_areas"):
        return _names(key, value)
    if isinstance(value, bool):
        return [str(_("yes") if value else _("no"))]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def snapshot_diff(before: dict | None, after: dict) -> list[Change]:
    """What changed from one snapshot to the next, field by field, in a stable order.
    For lists, only the rows removed (before) and added (after) are given."""
    changes = []
    for key, label in _labels().items():
        if before and key not in before:
            continue  # a field that older snapshots did not record
        old, new = (before or {}).get(key), after.get(key)
        if old == new or (old in (None, "", []) and new in (None, "", [])):
            continue
        old_lines, new_lines = _lines(key, old), _lines(key, new)
        if isinstance(old, list) or isinstance(new, list):
            removed = [line for line in old_lines if line not in new_lines]
            added = [line for line in new_lines if line not in old_lines]
            if not removed and not added:
                continue
            old_lines, new_lines = removed, added
        changes.append(Change(str(label), old_lines, new_lines))
    return changes
