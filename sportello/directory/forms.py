"""The operators' service form: the service's own fields (with a fieldset per language) and
formsets for its locations, opening hours, phones, required documents and cost options.

The form does not save anything: `service_data()` turns it into the snapshot-shaped dict that
services.service_create / service_update / proposal_create take.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from sportello.core.forms import HiddenFieldErrorsMixin
from sportello.directory.languages import SPOKEN_LANGUAGE_CHOICES, SPOKEN_LANGUAGES
from sportello.directory.models import (
    CostOption,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    TaxonomyTerm,
)
from sportello.directory.snapshots import LANGUAGE_CODES, TRANSLATED_FIELDS, to_json
from sportello.territory.models import ITALY_LAT, ITALY_LNG, Municipality

LANGUAGE_LABELS = {
    "it": _("Italian"),
    "en": _("English"),
    "fr": _("French"),
    "ar": _("Arabic"),
    "ro": _("Romanian"),
    "sq": _("Albanian"),
}


def _formfield(model, name: str, **overrides):
    model_field = model._meta.get_field(name)
    if model_field.get_internal_type() == "URLField":
        overrides.setdefault("assume_scheme", "https")
    field = model_field.formfield(**overrides)
    # Model validators (phone format, postal code, province, age bounds) apply to the form too.
    field.validators += [
        v
        for v in model_field.validators
        if isinstance(v, RegexValidator | MinValueValidator | MaxValueValidator)
        and v not in field.validators
    ]
    if isinstance(field.widget, forms.Textarea):
        field.widget.attrs["rows"] = 3
    return field


class ServiceForm(HiddenFieldErrorsMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all(), required=False
    )
    new_organization = forms.CharField(
        label=_("…or a new organization"),
        max_length=200,
        required=False,
        help_text=_("Only when the organization is not in the list above."),
    )
    alternate_name = _formfield(Service, "alternate_name")
    status = _formfield(Service, "status")
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=TaxonomyTerm.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category.")},
    )
    service_areas = forms.ModelMultipleChoiceField(
        label=_("Municipalities covered"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    url = _formfield(Service, "url")
    email = _formfield(Service, "email")
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interpretation_services = _formfield(Service, "interpretation_services")
    minimum_age = _formfield(Service, "minimum_age")
    maximum_age = _formfield(Service, "maximum_age")
    is_free = _formfield(Service, "is_free")
    welcomes_undocumented = _formfield(Service, "welcomes_undocumented")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One field per language for every translated text; only the Italian name is required.
        for code in LANGUAGE_CODES:
            for name in TRANSLATED_FIELDS:
                field = _formfield(Service, f"{name}_{code}", required=False)
                field.label = Service._meta.get_field(name).verbose_name.capitalize()
                if code == "ar":
                    field.widget.attrs.update(dir="rtl", lang="ar")
                else:
                    field.widget.attrs["lang"] = code
                self.fields[f"{name}_{code}"] = field
        self.fields["name_it"].required = True

    def language_groups(self):
        """[(code, label, [bound fields], name and description given)], a fieldset per language."""
        return [
            (
                code,
                LANGUAGE_LABELS[code],
                [self[f"{name}_{code}"] for name in TRANSLATED_FIELDS],
                bool(self[f"name_{code}"].value() and self[f"description_{code}"].value()),
            )
            for code in LANGUAGE_CODES
        ]

    def main_fields(self):
        skip = {f"{name}_{code}" for name in TRANSLATED_FIELDS for code in LANGUAGE_CODES}
        skip |= {"version", "mark_checked", "comment"}
        return [self[name] for name in self.fields if name not in skip]

    def closing_fields(self):
        return [self[name] for name in ("mark_checked", "comment") if name in self.fields]

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("new_organization", "").strip():
            self.add_error("organization", _("Choose the organization, or name a new one."))
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "maximum_age", _("The maximum age cannot be lower than the minimum age.")
            )
        return data


class EditorForm(ServiceForm):
    mark_checked = forms.BooleanField(
        label=_("I checked the whole record: mark it as checked today"), required=False
    )


class ProposalForm(ServiceForm):
    comment = forms.CharField(
        label=_("Note for the operators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the change, or where the new information comes from."),
    )


class RowForm(forms.Form):
    """A row of a related list. The formset leaves its blank extra rows alone."""


class LocationForm(RowForm):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    name = _formfield(Location, "name")
    address_1 = _formfield(Location, "address_1")
    postal_code = _formfield(Location, "postal_code")
    city = _formfield(Location, "city")
    state_province = _formfield(Location, "state_province")
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=8, decimal_places=5, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=8, decimal_places=5, required=False
    )
    accessibility = _formfield(Location, "accessibility")
    transportation = _formfield(Location, "transportation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            ("", _("(outside the list)")),
            *Municipality.objects.values_list("slug", "name"),
        ]
        self.fields["state_province"].widget.attrs["placeholder"] = "AL"

    def clean(self):
        data = super().clean()
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if lat is not None and not (
            Decimal(str(ITALY_LAT[0])) <= lat <= Decimal(str(ITALY_LAT[1]))
            and Decimal(str(ITALY_LNG[0])) <= lng <= Decimal(str(ITALY_LNG[1]))
        ):
            raise forms.ValidationError(
                _(
                    "These coordinates are outside Italy (latitude %(lat)s, longitude %(lng)s): "
                    "check the order and the decimal point."
                )
                % {
                    "lat": f"{ITALY_LAT[0]}–{ITALY_LAT[1]}",
                    "lng": f"{ITALY_LNG[0]}–{ITALY_LNG[1]}",
                }
            )
        return data


class ScheduleForm(RowForm):
    weekday = forms.TypedChoiceField(
        label=_("Day"), coerce=int, choices=[("", "—"), *Schedule.Weekday.choices]
    )
    opens_at = forms.TimeField(label=_("Opens at"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(
        label=_("Closes at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = _formfield(Schedule, "notes")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("“Valid to” cannot be before “valid from”."))
        return data


class PhoneForm(RowForm):
    number = _formfield(Phone, "number")
    extension = _formfield(Phone, "extension")
    type = _formfield(Phone, "type")
    description = _formfield(Phone, "description")


class DocumentForm(RowForm):
    document_it = _formfield(RequiredDocument, "document_it", required=True)
    document_en = _formfield(RequiredDocument, "document_en", required=False)
    uri = _formfield(RequiredDocument, "uri")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_it"].label = _("Document (Italian)")
        self.fields["document_en"].label = _("Document (English)")


class CostForm(RowForm):
    option = _formfield(CostOption, "option")
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), max_digits=9, decimal_places=2, min_value=0, required=False
    )
    amount_description = _formfield(CostOption, "amount_description")
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("“Valid to” cannot be before “valid from”."))
        return data


class BaseScheduleFormSet(forms.BaseFormSet):
    def clean(self):
        """No two intervals of the same day may overlap while both are valid."""
        if any(self.errors):
            return
        rows = _rows(self)
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a["weekday"] != b["weekday"]:
                    continue
                if not (a["opens_at"] < b["closes_at"] and b["opens_at"] < a["closes_at"]):
                    continue
                if _periods_overlap(a, b):
                    day = Schedule.Weekday(a["weekday"]).label
                    raise forms.ValidationError(
                        _(
                            "%(day)s: %(a)s and %(b)s overlap. Join them in one interval, or "
                            "give them validity dates that do not overlap."
                        )
                        % {
                            "day": day,
                            "a": f"{a['opens_at']:%H:%M}–{a['closes_at']:%H:%M}",
                            "b": f"{b['opens_at']:%H:%M}–{b['closes_at']:%H:%M}",
                        }
                    )


def _periods_overlap(a: dict, b: dict) -> bool:
    a_start, a_end = a.get("valid_from"), a.get("valid_to")
    b_start, b_end = b.get("valid_from"), b.get("valid_to")
    starts_before_b_ends = b_end is None or a_start is None or a_start <= b_end
    b_starts_before_a_ends = a_end is None or b_start is None or b_start <= a_end
    return starts_before_b_ends and b_starts_before_a_ends


# The most rows a list may have: a form claiming more is refused before its rows are built (Django
# would otherwise build and render up to 2000 rows per list, a minute of work for one request).
MAX_ROWS = 100

FORMSETS = {
    # key in the snapshot → (form, base formset, blank rows offered)
    "locations": (LocationForm, forms.BaseFormSet, 1),
    "schedules": (ScheduleForm, BaseScheduleFormSet, 3),
    "phones": (PhoneForm, forms.BaseFormSet, 1),
    "required_documents": (DocumentForm, forms.BaseFormSet, 1),
    "cost_options": (CostForm, forms.BaseFormSet, 1),
}
FORMSET_LABELS = {
    "locations": _("Locations"),
    "schedules": _("Opening hours"),
    "phones": _("Phones"),
    "required_documents": _("Documents to bring"),
    "cost_options": _("Costs"),
}


def build_forms(
    form_class: type[ServiceForm], data=None, *, initial: dict | None = None
) -> tuple[ServiceForm, dict[str, forms.BaseFormSet]]:
    """The service form and its formsets, bound to POST data or filled from a snapshot."""
    initial = initial or {}
    form = form_class(
        data, initial={**initial, "languages": [r["code"] for r in initial.get("languages", [])]}
    )
    formsets = {}
    for key, (row_form, base, extra) in FORMSETS.items():
        formset_class = forms.formset_factory(
            row_form,
            formset=base,
            extra=extra,
            can_delete=True,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS,
        )
        formsets[key] = formset_class(data, initial=initial.get(key) or None, prefix=key)
        formsets[key].label = FORMSET_LABELS[key]
    return form, formsets


def forms_valid(form: ServiceForm, formsets: dict) -> bool:
    valid = form.is_valid()
    for formset in formsets.values():
        valid = formset.is_valid() and valid
    return valid


def _rows(formset) -> list[dict]:
    """The rows kept: existing ones not marked for removal, and the new ones filled in."""
    return [
        form.cleaned_data
        for i, form in enumerate(formset.forms)
        if (i < formset.initial_form_count() or form.has_changed())
        and form.cleaned_data
        and not formset._should_delete_form(form)
        and any(
            v not in ("", None) for k, v in form.cleaned_data.items() if k not in ("DELETE", "id")
        )
    ]


def service_data(form: ServiceForm, formsets: dict, *, previous: dict | None = None) -> dict:
    """The snapshot-shaped dict of a valid form (see snapshots.py)."""
    cleaned = form.cleaned_data
    previous = previous or {}
    organization = cleaned.get("organization")
    data = {
        "organization": str(organization.pk) if organization else "",
        "organization_name": organization.name if organization else "",
    }
    if organization is None:
        data["new_organization"] = data["organization_name"] = cleaned["new_organization"].strip()
    for name in TRANSLATED_FIELDS:
        for code in LANGUAGE_CODES:
            data[f"{name}_{code}"] = cleaned.get(f"{name}_{code}") or ""
    for name in (
        "alternate_name",
        "url",
        "email",
        "status",
        "interpretation_services",
        "minimum_age",
        "maximum_age",
        "is_free",
        "welcomes_undocumented",
    ):
        data[name] = cleaned.get(name)
    data["categories"] = sorted(term.code for term in cleaned["categories"])
    data["service_areas"] = sorted(m.slug for m in cleaned["service_areas"])
    notes = {r["code"]: r for r in previous.get("languages", [])}
    data["languages"] = [
        notes.get(code, {"code": code, "name": SPOKEN_LANGUAGES[code], "note": ""})
        for code in sorted(cleaned["languages"])
    ]
    data["locations"] = [
        {k: to_json(v) if v is not None else None for k, v in r.items() if k != "DELETE"}
        for r in _rows(formsets["locations"])
    ]
    for r in data["locations"]:
        r["state_province"] = (r.get("state_province") or "").upper()
    data["schedules"] = [
        {
            k: to_json(r.get(k))
            for k in ("weekday", "opens_at", "closes_at", "valid_from", "valid_to", "notes")
        }
        for r in _rows(formsets["schedules"])
    ]
    data["phones"] = [
        {k: r.get(k) or "" for k in ("number", "extension", "type", "description")}
        for r in _rows(formsets["phones"])
    ]
    # Documents: Italian and English from the form; the other languages are kept when the
    # Italian text is unchanged.
    old_documents = {d.get("document_it"): d for d in previous.get("required_documents", [])}
    documents = []
    for r in _rows(formsets["required_documents"]):
        old = old_documents.get(r["document_it"], {})
        document = {f"document_{code}": old.get(f"document_{code}", "") for code in LANGUAGE_CODES}
        document.update(document_it=r["document_it"], document_en=r.get("document_en") or "")
        document["uri"] = r.get("uri") or ""
        documents.append(document)
    data["required_documents"] = documents
    data["cost_options"] = [
        {
            "option": r["option"],
            "amount": to_json(r.get("amount")),
            "currency": "EUR",
            "amount_description": r.get("amount_description") or "",
            "valid_from": to_json(r.get("valid_from")),
            "valid_to": to_json(r.get("valid_to")),
        }
        for r in _rows(formsets["cost_options"])
    ]
    data["assured_date"] = previous.get("assured_date")
    return data


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=TaxonomyTerm.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Service.Status.choices], required=False
    )
    stale = forms.BooleanField(label=_("Only records to check"), required=False)


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to the person who proposed the change."),
    )
