"""The intake (segnalazione) form partner staff fill in, and the intake-link form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.casework.models import ReferralSource
from sportello.casework.services import INTAKE_SOURCES
from sportello.directory.models import TaxonomyTerm
from sportello.territory.models import Place


class IntakeForm(forms.Form):
    source = forms.ChoiceField(
        label=_("You are"),
        choices=[
            (value, label) for value, label in ReferralSource.choices if value in INTAKE_SOURCES
        ],
        widget=forms.RadioSelect,
    )
    sender_name = forms.CharField(
        label=_("Your name and role"),
        max_length=200,
        help_text=_("So the operator can call you back, e.g. “Anna, Italian teacher, 3rd B”."),
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.filter(active=True).select_related("municipality"),
    )
    how_to_reach = forms.CharField(
        label=_("How to reach the person"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A phone number, or when and where the operator can meet them."),
    )
    need = forms.ModelChoiceField(
        label=_("What they need"), queryset=TaxonomyTerm.objects.order_by("position")
    )
    note = forms.CharField(
        label=_("Anything else (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("No documents, no health details: the operator will ask the person."),
    )
    person_agreed = forms.BooleanField(
        label=_("The person agreed that the migrant desk contacts them."),
        error_messages={"required": _("Send an intake only when the person agreed.")},
    )

    def __init__(self, *args, fixed_place: Place | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].label_from_instance = lambda p: f"{p.name} ({p.municipality.name})"
        if fixed_place is not None:
            del self.fields["place"]


class IntakeLinkForm(forms.Form):
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.filter(active=True).select_related("municipality"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].label_from_instance = lambda p: f"{p.name} ({p.municipality.name})"
