import datetime as dt

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import Role, User
from sportello.casework.models import AgeBand, Gender
from sportello.directory.models import TaxonomyTerm
from sportello.outreach.languages import CONTACT_LANGUAGES
from sportello.outreach.models import VisitPlan
from sportello.territory.models import Municipality, Place

QUICK_MINUTES = (30, 60, 90, 120)
CONTACT_ROWS = 4  # empty rows offered without JavaScript


class PlaceChoiceField(forms.ModelChoiceField):
    """Active places by their public code, grouped by municipality."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Place.objects.filter(active=True).select_related("municipality"),
            to_field_name="code",
            label=_("Place"),
            **kwargs,
        )

    def label_from_instance(self, obj: Place) -> str:
        return f"{obj.municipality.name} — {obj.name}"


def staff_operators():
    return User.objects.filter(is_active=True, role__in=[Role.OPERATOR, Role.COORDINATOR]).order_by(
        "first_name", "last_name", "username"
    )


class OperatorChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=staff_operators(), to_field_name="code", label=_("Operator"), **kwargs
        )

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class VisitPlanForm(forms.Form):
    place = PlaceChoiceField()
    weekday = forms.TypedChoiceField(label=_("Day"), choices=VisitPlan.Weekday.choices, coerce=int)
    starts_at = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    operator = OperatorChoiceField()
    valid_from = forms.DateField(
        label=_("Valid from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for no start date."),
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty until further notice (e.g. the end of the school year)."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if user.role != Role.COORDINATOR:
            # An operator plans their own slots only.
            self.fields["operator"].queryset = User.objects.filter(pk=user.pk)
            self.fields["operator"].initial = user.code
            self.fields["operator"].empty_label = None

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The slot must end after it starts."))
        valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("“Valid to” cannot be before “valid from”."))
        return data


class RotaFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(projects__isnull=False).distinct(),
        required=False,
        empty_label=_("All"),
        to_field_name="slug",
    )
    inactive = forms.BooleanField(label=_("Show inactive slots"), required=False)


class VisitForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = PlaceChoiceField()
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"),
        min_value=1,
        max_value=720,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A visit cannot be in the future."))
        return date


class ContactForm(forms.Form):
    """One person met, counted anonymously. A row left empty is ignored."""

    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect, required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=AgeBand.choices, widget=forms.RadioSelect, required=False
    )
    language = forms.ChoiceField(
        label=_("Main language"), choices=[("", "—"), *CONTACT_LANGUAGES], required=False
    )
    need = forms.ModelChoiceField(
        label=_("Main need"),
        queryset=TaxonomyTerm.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="—",
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("gender", "age_band", "language", "need")):
            return data  # an unused row
        if not data.get("gender"):
            self.add_error("gender", _("Choose a gender (or “Not stated”)."))
        if not data.get("age_band"):
            self.add_error("age_band", _("Choose an age band (or “Unknown”)."))
        return data

    def is_used(self) -> bool:
        return bool(self.cleaned_data.get("gender"))


# At most 50 people per visit. absolute_max too: a form claiming more rows is refused before they
# are built (Django would otherwise build and render up to 1050 of them).
MAX_CONTACTS = 50
ContactFormSet = formset_factory(
    ContactForm,
    extra=CONTACT_ROWS,
    max_num=MAX_CONTACTS,
    absolute_max=MAX_CONTACTS,
    validate_max=True,
)
# Correcting a visit: the recorded people can be removed; two empty rows to add more.
ContactEditFormSet = formset_factory(
    ContactForm,
    extra=2,
    max_num=MAX_CONTACTS,
    absolute_max=MAX_CONTACTS,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


def contact_initial(visit) -> list[dict]:
    return [
        {
            "gender": c.gender,
            "age_band": c.age_band,
            "language": c.language,
            "need": c.need.code if c.need else None,
        }
        for c in visit.contacts.all()
    ]
