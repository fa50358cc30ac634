"""Helpers shared by the apps' forms."""

from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _


class HiddenFieldErrorsMixin:
    """A hidden field (the version a form was opened on) has no place to show its error, and the
    user could not correct it anyway: when one is missing or altered, the form's own errors say
    so, so that a refused form never comes back without a word."""

    hidden_field_error = _(
        "The form arrived incomplete or altered. Open it again from its page and make your "
        "change again."
    )

    def non_field_errors(self) -> ErrorList:
        errors = super().non_field_errors()
        if any(field.errors for field in self.hidden_fields()):
            errors = self.error_class([*errors, self.hidden_field_error], error_class="nonfield")
        return errors
