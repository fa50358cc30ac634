"""Helpers shared by the apps' forms."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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


class YearRangeValidator:
    """A date or date-time within [first, last] years: outside, a value is a typing slip, and
    the first and last days of the calendar (0001-01-01, 9999-12-31) overflow when converted
    from Italian time to UTC or when a day is added."""

    message = _("Enter a date between the years %(first)s and %(last)s.")

    def __init__(self, first: int = 1900, last: int = 2100):
        self.first, self.last = first, last

    def __call__(self, value: dt.date) -> None:
        if value is not None and not self.first <= value.year <= self.last:
            raise ValidationError(
                self.message, code="year_range", params={"first": self.first, "last": self.last}
            )


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that an integer key beyond what the database holds (e.g.
    9223372036854775808) is an invalid choice instead of an OverflowError: Django checks the
    range of integers in `=` lookups but not in the `IN` lookup this field makes."""

    def _check_values(self, value):
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if isinstance(key, models.IntegerField) and isinstance(value, list | tuple):
            for item in value:
                try:
                    key.run_validators(int(item))
                except (TypeError, ValueError):
                    pass  # not a number: Django's own check says so
                except ValidationError:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    ) from None
        return super()._check_values(value)
