"""Filters of the indicator pages: a period and a municipality.

The coordinator picks any dates. Everyone else (suppressed figures) picks one of a few fixed
periods — the project period and each complete calendar year after it — because two free periods
a day apart could be subtracted to reveal the people of that day. Those periods share one
suppression pattern (core.suppression.protect_series).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sportello.indicators.selectors import Period
from sportello.territory.models import Municipality, Project


def project_period(project: Project | None) -> Period:
    if project is None:
        today = timezone.localdate()
        return Period(today.replace(month=1, day=1), today)
    return Period(project.start_date, project.end_date)


def fixed_periods(
    project: Project | None, *, busy_years: set[int]
) -> list[tuple[str, str, Period]]:
    """(value, label, period): the project period, then each complete calendar year after the
    project's last year that has any activity recorded."""
    main = project_period(project)
    choices = [("project", _("Project period"), main)]
    last_complete = timezone.localdate().year - 1
    for year in range(main.end.year + 1, last_complete + 1):
        if year in busy_years:
            choices.append(
                (str(year), str(year), Period(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            )
    return choices


class _MunicipalityField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def _municipality_field() -> forms.ModelChoiceField:
    return _MunicipalityField(
        queryset=Municipality.objects.filter(projects__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All municipalities"),
        label=gettext_lazy("Municipality"),
    )


class ExactFilterForm(forms.Form):
    """The coordinator's filters: any dates."""

    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, default: Period, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default
        if not self.is_bound:
            self.initial = {"start": default.start, "end": default.end}
        self.fields["municipality"] = _municipality_field()

    def clean(self):
        data = super().clean()
        start = data.get("start") or self.default.start
        end = data.get("end") or self.default.end
        if end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        data["period"] = Period(start, end)
        for name in self.errors:  # errors are announced with their field
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-errors"}
                )
        return data

    def period(self) -> Period:
        return self.cleaned_data["period"] if self.is_valid() else self.default


class FixedFilterForm(forms.Form):
    """Everyone else: one of the fixed periods."""

    def __init__(self, *args, choices: list[tuple[str, str, Period]], municipality=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {value: period for value, _label, period in choices}
        self.fields["period"] = forms.ChoiceField(
            label=gettext_lazy("Period"),
            choices=[(value, label) for value, label, _p in choices],
            required=False,
        )
        if municipality:
            self.fields["municipality"] = _municipality_field()

    def period(self) -> Period:
        value = self.cleaned_data.get("period") if self.is_valid() else ""
        return self.periods.get(value or "project", next(iter(self.periods.values())))

    def family(self) -> list[Period]:
        """The periods that share the chosen period's suppression pattern: the calendar years
        after the project form one series (the same cells hidden in every year); the project
        period stands alone (it is disjoint from them and nothing published adds them up)."""
        chosen = self.period()
        periods = list(self.periods.values())
        return [chosen] if chosen == periods[0] else periods[1:]
