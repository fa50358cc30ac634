from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import Role, User
from sportello.learning.models import Assessment, Course, Session
from sportello.territory.models import Place


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "kind",
            "title",
            "level",
            "planned_hours",
            "place",
            "trainer",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = User.objects.filter(role=Role.TRAINER, is_active=True)
        self.fields["place"].queryset = Place.objects.select_related("municipality")


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "starts_at", "ends_at", "topic"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
        }


class LearnerForm(forms.Form):
    code = forms.CharField(
        label=_("Code of the person"), max_length=12, help_text=_("The code on their record.")
    )


class TraineeForm(forms.Form):
    name = forms.CharField(label=_("Name and surname"), max_length=200)
    association = forms.CharField(label=_("Association"), max_length=200)
    # 254: the length of a user's e-mail column (a selected trainee becomes a user).
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    languages = forms.CharField(
        label=_("Languages spoken"),
        required=False,
        help_text=_("ISO codes separated by commas, e.g. it, ar, fr."),
    )

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data["languages"]
        codes = [c.strip().lower() for c in raw.replace(";", ",").split(",") if c.strip()]
        if any(len(c) not in (2, 3) or not c.isalpha() for c in codes):
            raise forms.ValidationError(_("Use two-letter language codes, e.g. it, ar, fr."))
        return codes


SCORES = [(n, str(n)) for n in range(1, 6)]


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["aptitude", "languages", "territory", "migration_background", "notes"]
        widgets = {name: forms.RadioSelect(choices=SCORES) for name in Assessment.CRITERIA}


class SelectionForm(forms.Form):
    enrolment = forms.ChoiceField(label=_("Selected trainee"))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].choices = choices


class OperatorRoleForm(forms.Form):
    username = forms.SlugField(label=_("Username"), max_length=150)
