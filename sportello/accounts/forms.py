from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import AuditEvent, Role, User
from sportello.core.forms import ModelMultipleChoiceField
from sportello.territory.models import Municipality


class UserForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        help_text=_("Letters, digits and . @ + - _ only. Used to sign in."),
        error_messages={"invalid": _("Use only letters, digits and . @ + - _")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,  # the column's length (an address may otherwise have up to 320)
        help_text=_("A link to choose a password is sent to this address."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    municipalities = ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required for municipal officers: the municipalities they represent."),
    )
    language = forms.ChoiceField(
        label=_("Interface language"), choices=[("it", "Italiano"), ("en", "English")]
    )
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("Inactive users cannot sign in; their history is kept."),
    )

    def __init__(self, *args, instance: User | None = None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "username": instance.username,
                    "first_name": instance.first_name,
                    "last_name": instance.last_name,
                    "email": instance.email,
                    "role": instance.role,
                    "municipalities": list(instance.municipalities.all()),
                    "language": instance.language,
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["username"].disabled = True
        else:
            del self.fields["is_active"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        others = User.objects.filter(username__iexact=username)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MUNICIPAL_OFFICER and not data.get("municipalities"):
            self.add_error(
                "municipalities", _("Choose at least one municipality for a municipal officer.")
            )
        if self.instance is None and not data.get("email"):
            self.add_error("email", _("An e-mail address is needed to send the invitation."))
        return data


class AuditFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("User"), queryset=User.objects.all(), required=False, empty_label=_("Everyone")
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All")), *AuditEvent.Action.choices], required=False
    )
    object_type = forms.CharField(label=_("Object type"), max_length=50, required=False)
    object_code = forms.CharField(label=_("Object code"), max_length=64, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class CodeForm(forms.Form):
    """The sign-in's second step: the authenticator app's code, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six-digit code shown now by your authenticator app, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.RegexField(
        label=_("Code shown by the app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=10,
        help_text=_("Six digits; the app shows a new one every 30 seconds."),
        error_messages={"invalid": _("Type the six digits shown by the app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ConfirmForm(forms.Form):
    """Confirm who you are before a sensitive action: the password, and the code with an app."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = CodeForm.base_fields["code"]

    def __init__(self, *args, with_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]
