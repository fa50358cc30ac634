"""Forms of the events: the public registration form (with its two spam traps) and the
coordinator's event form (one title, summary and programme per public language)."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from sportello.communication.models import Event
from sportello.core.forms import YearRangeValidator
from sportello.territory.models import Place

SALT = "sportello.events.registration-form"
FORM_MAX_AGE = 6 * 3600  # a form left open longer than this is shown again with a fresh stamp


def form_stamp(event: Event) -> str:
    """The signed time the form was shown, for this event (tampering breaks the signature)."""
    return signing.dumps({"e": str(event.code), "t": int(time.time())}, salt=SALT)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name and surname"), max_length=150)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Optional: the association, office or school you come from."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "invalid": _("This is not a valid e-mail address: check it (e.g. name@example.org).")
        },
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots that fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound:
            self.initial["started"] = form_stamp(event)

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled in: the caller pretends success and saves nothing."""
        return bool(self.data.get("website"))

    def clean_started(self) -> str:
        try:
            stamp = signing.loads(self.cleaned_data["started"], salt=SALT, max_age=FORM_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form has expired. Please check your details and send it again.")
            ) from None
        if stamp.get("e") != str(self.event.code):
            raise forms.ValidationError(_("This form belongs to another event."))
        if time.time() - stamp.get("t", 0) < settings.EVENT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your details and send it again.")
            )
        return self.cleaned_data["started"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


def _translated(base: str) -> list[str]:
    return [f"{base}_{code}" for code in settings.PUBLIC_LANGUAGES]


class EventForm(forms.ModelForm):
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.filter(active=True).select_related("municipality"),
        to_field_name="code",
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "slug",
            *_translated("title"),
            "starts_at",
            "ends_at",
            "place",
            "venue",
            *_translated("summary"),
            *_translated("programme"),
            "capacity",
            "published",
            "registration_open",
            "link_report",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            **{f: forms.Textarea(attrs={"rows": 3}) for f in _translated("summary")},
            **{f: forms.Textarea(attrs={"rows": 6}) for f in _translated("programme")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        for code in settings.PUBLIC_LANGUAGES:
            for base, label in (
                ("title", _("Title")),
                ("summary", _("Summary")),
                ("programme", _("Programme")),
            ):
                field = self.fields[f"{base}_{code}"]
                field.label = f"{label} ({names.get(code, code)})"
                field.required = base == "title" and code == settings.LANGUAGE_CODE[:2]
                field.widget.attrs["lang"] = code
                field.widget.attrs["dir"] = "rtl" if code == "ar" else "ltr"
        for name in ("starts_at", "ends_at"):
            self.fields[name].validators.append(YearRangeValidator(2000, 2100))

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("venue"):
            self.add_error("venue", _("Choose a place or write the venue's address."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end comes before the start."))
        return data

    def language_groups(self) -> list[tuple[str, str, list]]:
        names = dict(settings.LANGUAGES)
        return [
            (
                code,
                names.get(code, code),
                [self[f"{base}_{code}"] for base in ("title", "summary", "programme")],
            )
            for code in settings.PUBLIC_LANGUAGES
        ]


class AttendanceForm(forms.Form):
    """The registrants who came: a checkbox per registration (by its code)."""

    attended = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(r.code), r.name) for r in registrations]
