"""Forms for paths, goals, follow-ups and referrals: they validate, the services act."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.casework.models import Need, Path, Referral
from sportello.casework.services import GoalData
from sportello.core.forms import HiddenFieldErrorsMixin
from sportello.directory.models import Service, TaxonomyTerm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def not_in_future(value: dt.date | None) -> dt.date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


def taxonomy_field(**extra) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Area"), queryset=TaxonomyTerm.objects.order_by("position"), **extra
    )


class PathCreateForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(Path.Status.PROPOSED, _("Proposed")), (Path.Status.ACTIVE, _("Active"))],
        initial=Path.Status.ACTIVE,
        widget=forms.RadioSelect,
    )
    goal_category = taxonomy_field(required=False)
    goal_text = forms.CharField(
        label=_("First goal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the person wants to reach, in a few words. More goals can follow."),
    )
    goal_due_date = forms.DateField(label=_("Goal due by"), required=False, widget=DateInput)

    def clean_start_date(self):
        return not_in_future(self.cleaned_data["start_date"])

    def clean(self):
        data = super().clean()
        if data.get("goal_text") and not data.get("goal_category"):
            self.add_error("goal_category", _("Choose the area of the goal."))
        if data.get("goal_category") and not data.get("goal_text"):
            self.add_error("goal_text", _("Describe the goal."))
        return data

    def goals(self) -> list[GoalData]:
        data = self.cleaned_data
        if not data.get("goal_text"):
            return []
        return [GoalData(data["goal_category"], data["goal_text"], data.get("goal_due_date"))]


class PathEditForm(HiddenFieldErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(Path.Status.PROPOSED, _("Proposed")), (Path.Status.ACTIVE, _("Active"))],
        widget=forms.RadioSelect,
    )

    def clean_start_date(self):
        return not_in_future(self.cleaned_data["start_date"])


class PathCloseForm(HiddenFieldErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("How did the path end?"),
        choices=[
            (Path.Status.COMPLETED, _("Completed")),
            (Path.Status.INTERRUPTED, _("Interrupted")),
        ],
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed for the person; required to close the path."),
    )
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput)

    def __init__(self, *args, path: Path, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = path

    def clean_closed_on(self):
        closed_on = not_in_future(self.cleaned_data["closed_on"])
        if closed_on and closed_on < self.path.start_date:
            raise forms.ValidationError(_("The path cannot close before it started."))
        return closed_on


class GoalForm(forms.Form):
    category = taxonomy_field()
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("Due by"), required=False, widget=DateInput)

    def goal(self) -> GoalData:
        data = self.cleaned_data
        return GoalData(data["category"], data["text"], data.get("due_date"))


class FollowUpForm(forms.Form):
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    note = forms.CharField(
        label=_("What to check"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate() - dt.timedelta(days=365):
            raise forms.ValidationError(_("This date is more than a year ago."))
        return due


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("How did it go?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


NEW_PATH = "new"


class ReferralForm(forms.Form):
    path = forms.ChoiceField(label=_("Integration path"))
    need = forms.ModelChoiceField(
        label=_("For the need"), queryset=Need.objects.none(), required=False
    )
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    note_for_service = forms.CharField(
        label=_("Note for the service"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The service sees this note and the person's code, nothing else. Write only what the "
            "person agreed to share."
        ),
    )

    def __init__(self, *args, paths: list[Path], needs, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.paths = {str(path.code): path for path in paths}
        choices = [
            (
                str(path.code),
                _("Path started on %(date)s (%(status)s)")
                % {
                    "date": path.start_date.strftime("%d/%m/%Y"),
                    "status": path.get_status_display(),
                },
            )
            for path in paths
        ]
        if not paths:
            choices.append((NEW_PATH, _("Open a new path today")))
        self.fields["path"].choices = choices
        self.fields["need"].queryset = needs
        self.fields["need"].label_from_instance = lambda need: need.category.name
        self.fields["service"].queryset = services

    def clean_path(self) -> Path | None:
        value = self.cleaned_data["path"]
        return None if value == NEW_PATH else self.paths[value]


class ReferralStateForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, states: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s, Referral.State(s).label) for s in states]
