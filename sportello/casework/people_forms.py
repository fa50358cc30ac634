"""Forms of the people side of casework: registration, identity, consent, encounters, needs,
transfers. Forms only validate; the writes are in casework.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import Role, User
from sportello.casework.models import AgeBand, Beneficiary, Consent, Gender, Need, ReferralSource
from sportello.casework.vocabulary import country_choices, language_choices
from sportello.core.forms import HiddenFieldErrorsMixin
from sportello.directory.models import Service, TaxonomyTerm, phone_validator
from sportello.territory.models import Municipality, Place


class _CountryField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=self._choices, **kwargs)

    @staticmethod
    def _choices():
        return [("", _("Not stated")), *country_choices()]


class _LanguagesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=language_choices, **kwargs)


def _this_year() -> int:
    return timezone.localdate().year


class ProfileForm(forms.Form):
    """What is recorded about every person: no name needed, never a legal status."""

    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect, initial="not_stated"
    )
    year_of_birth = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        help_text=_("The year only, e.g. 1990."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    citizenship = _CountryField(label=_("Citizenship"), required=False)
    languages = _LanguagesField(label=_("Languages spoken"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality of residence or attendance"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("Not stated"),
    )
    generation = forms.ChoiceField(
        label=_("Generation"),
        choices=Beneficiary.Generation.choices,
        widget=forms.RadioSelect,
        initial=Beneficiary.Generation.UNKNOWN,
    )
    arrival_year = forms.IntegerField(
        label=_("Year of arrival in Italy"),
        required=False,
        min_value=1900,
        help_text=_("Optional."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean_year_of_birth(self):
        year = self.cleaned_data.get("year_of_birth")
        if year is not None and year > _this_year():
            raise forms.ValidationError(_("The year of birth cannot be in the future."))
        return year

    def clean_arrival_year(self):
        year = self.cleaned_data.get("arrival_year")
        if year is not None and year > _this_year():
            raise forms.ValidationError(_("The year of arrival cannot be in the future."))
        return year

    def clean(self):
        data = super().clean()
        born, arrived = data.get("year_of_birth"), data.get("arrival_year")
        if born is not None and arrived is not None and arrived < born:
            self.add_error(
                "arrival_year", _("The year of arrival cannot be before the year of birth.")
            )
        if arrived is not None and data.get("generation") == Beneficiary.Generation.SECOND:
            self.add_error(
                "arrival_year",
                _("A second-generation person was born in Italy: leave the year of arrival empty."),
            )
        return data

    def profile(self) -> dict:
        data = self.cleaned_data
        return {
            "gender": data["gender"],
            "year_of_birth": data.get("year_of_birth"),
            "citizenship": data.get("citizenship") or "",
            "languages": list(data.get("languages") or []),
            "municipality": data.get("municipality"),
            "generation": data["generation"],
            "arrival_year": data.get("arrival_year"),
        }


class IdentityForm(forms.Form):
    """Optional. Stored encrypted; found only by exact name or phone."""

    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )

    def identity(self):
        from sportello.casework.services import IdentityData

        data = self.cleaned_data
        return IdentityData(
            first_name=data.get("first_name", "").strip(),
            family_name=data.get("family_name", "").strip(),
            phone=data.get("phone", "").strip(),
            email=data.get("email", "").strip(),
        )


class RegisterForm(ProfileForm, IdentityForm):
    consent_follow_up = forms.BooleanField(
        label=_("The person agrees to be followed by the operator (text read to them)."),
        required=False,
    )
    consent_phone = forms.BooleanField(
        label=_("The person agrees to be contacted by phone."), required=False
    )
    confirm_duplicates = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _(
            "Kept only to call the person: with their consent to be contacted by phone (below)."
        )

    field_order = [
        "gender",
        "year_of_birth",
        "citizenship",
        "languages",
        "municipality",
        "generation",
        "arrival_year",
        "first_name",
        "family_name",
        "phone",
        "email",
        "consent_follow_up",
        "consent_phone",
        "confirm_duplicates",
    ]

    def clean(self):
        data = super().clean()
        if data.get("consent_phone") and not data.get("phone"):
            self.add_error("consent_phone", _("Give a phone number, or leave this unticked."))
        if data.get("phone") and not data.get("consent_phone"):
            # The number is kept only to call the person: not without their consent.
            self.add_error(
                "phone",
                _(
                    "A phone number is kept only to call the person: tick their consent to be "
                    "contacted by phone below, or leave the phone empty."
                ),
            )
        return data

    def consents(self) -> list[str]:
        """The purposes the person agreed to at registration."""
        ticked = [
            ("consent_follow_up", Consent.Purpose.FOLLOW_UP),
            ("consent_phone", Consent.Purpose.CONTACT_BY_PHONE),
        ]
        return [purpose for name, purpose in ticked if self.cleaned_data.get(name)]


class EditProfileForm(HiddenFieldErrorsMixin, ProfileForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("Find a person"),
        required=False,
        max_length=120,
        help_text=_("Code (SM-…), or the exact full name, or the phone number."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("The person agrees to"), choices=Consent.Purpose.choices, widget=forms.RadioSelect
    )
    service = forms.ModelChoiceField(
        label=_("Service (for sharing)"),
        queryset=Service.objects.filter(status=Service.Status.ACTIVE).order_by("name"),
        required=False,
        empty_label=_("Choose a service"),
    )
    agreed = forms.BooleanField(
        label=_("I read the text above to the person (or they read it) and they agreed.")
    )

    def clean(self):
        data = super().clean()
        if data.get("purpose") == Consent.Purpose.SHARE_WITH_SERVICE and not data.get("service"):
            self.add_error("service", _("Choose the service the person agrees to share with."))
        return data


class NeedForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Need"), queryset=TaxonomyTerm.objects.all(), widget=forms.RadioSelect
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Need.Priority.choices,
        initial=Need.Priority.MEDIUM,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional; stored encrypted."),
    )


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Need.Status.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Need.Priority.choices)


class EncounterForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.filter(active=True).select_related("municipality"),
        required=False,
        empty_label=_("Elsewhere"),
    )
    referral_source = forms.ChoiceField(
        label=_("Who pointed them to the desk"),
        choices=ReferralSource.choices,
        initial=ReferralSource.OUTREACH,
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, required=False, widget=forms.RadioSelect
    )
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=AgeBand.choices, required=False, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Main language"), required=False)
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs"),
        queryset=TaxonomyTerm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    information_given = forms.CharField(
        label=_("Information given"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional; stored encrypted."),
    )
    services_suggested = forms.ModelMultipleChoiceField(
        label=_("Services suggested"),
        queryset=Service.objects.filter(status=Service.Status.ACTIVE).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, person: Beneficiary | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *language_choices()]
        if person is not None:  # the person's record already says these
            for name in ("gender", "age_band", "language"):
                del self.fields[name]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class LinkEncounterForm(forms.Form):
    code = forms.CharField(
        label=_("Code of the person"),
        max_length=12,
        help_text=_("e.g. SM-7K2-M9Q"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class TransferForm(forms.Form):
    from_operator = forms.ModelChoiceField(
        label=_("From"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    to_operator = forms.ModelChoiceField(
        label=_("To"),
        queryset=User.objects.filter(role=Role.OPERATOR, is_active=True),
    )

    def __init__(self, *args, beneficiary: Beneficiary, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label_from_instance = lambda user: user.display_name
        if by.role == Role.COORDINATOR:
            self.fields["from_operator"].queryset = beneficiary.operators.all()
        else:
            del self.fields["from_operator"]
            self.fields["to_operator"].queryset = self.fields["to_operator"].queryset.exclude(
                pk=by.pk
            )


class EraseForm(forms.Form):
    code = forms.CharField(
        label=_("Type the person's code to confirm"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, beneficiary: Beneficiary, **kwargs):
        super().__init__(*args, **kwargs)
        self.beneficiary = beneficiary

    def clean_code(self):
        from sportello.casework.selectors import normalise_code

        if normalise_code(self.cleaned_data["code"]) != self.beneficiary.code:
            raise forms.ValidationError(_("This is not the person's code."))
        return self.cleaned_data["code"]
