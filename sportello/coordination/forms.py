"""Forms of the coordination group. They validate input; the rules live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import Role, User
from sportello.coordination.models import Attendance, Decision, Member
from sportello.territory.models import Municipality, Place


class _UserField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class _MunicipalityField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


def _people():
    return User.objects.filter(
        is_active=True,
        role__in=[Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER],
    ).order_by("last_name", "first_name", "username")


class MemberForm(forms.Form):
    municipality = _MunicipalityField(
        label=_("Seat"),
        queryset=Municipality.objects.filter(projects__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Coordinator"),
    )
    user = _UserField(label=_("Representative"), queryset=_people(), to_field_name="code")
    substitute = _UserField(
        label=_("Substitute"), queryset=_people(), to_field_name="code", required=False
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.filter(active=True).select_related("municipality"),
        to_field_name="code",
        required=False,
    )
    venue = forms.CharField(
        label=_("Other venue"),
        max_length=200,
        required=False,
        help_text=_("When it is not one of the project's places, e.g. “video call”."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line."),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What was discussed. No names of people followed by the desk."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("venue"):
            self.add_error("venue", _("Choose a place or write where the meeting is held."))
        return data


class AttendanceForm(forms.Form):
    """One choice per seat of the group."""

    def __init__(self, *args, members: list[Member], current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"m-{member.code}"] = forms.ChoiceField(
                label=member.seat_name,
                choices=Attendance.Status.choices,
                initial=current.get(member.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect,
            )

    def statuses(self) -> dict[Member, str]:
        return {m: self.cleaned_data[f"m-{m.code}"] for m in self.members}

    def rows(self):
        return [(m, self[f"m-{m.code}"]) for m in self.members]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a file"))


class _OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return obj.seat_name


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = _OwnerField(
        label=_("Owner"),
        queryset=Member.objects.select_related("municipality").order_by("municipality__name"),
        to_field_name="code",
        required=False,
        empty_label=_("The whole group"),
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Decision.Status.choices, initial=Decision.Status.OPEN
    )
