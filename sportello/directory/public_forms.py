"""The public directory's search form: a plain GET form (works without JavaScript)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from sportello.directory import public_selectors as selectors
from sportello.directory.search import SearchFilters


class Select(forms.Select):
    """A <select> written out in Python: the same HTML as Django's template-rendered one (the
    attributes the bound field adds — id, aria-invalid, aria-describedby — included), at a
    fraction of the cost. Each search page has four of them with about fifty options."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        selected = values[0] if values else None
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(choice), " selected" if str(choice) == selected else "", label)
                for choice, label in self.choices
            ),
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        ),
        help_text=_("For example: Italian course, doctor, job, documents."),
    )
    category = forms.ChoiceField(label=_("Category"), required=False, widget=Select)
    municipality = forms.ChoiceField(label=_("Town"), required=False, widget=Select)
    speaks = forms.ChoiceField(label=_("Language spoken"), required=False, widget=Select)
    weekday = forms.TypedChoiceField(
        label=_("Open on"), required=False, coerce=int, empty_value=None, widget=Select
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    without_documents = forms.BooleanField(
        label=_("Also for people without a residence permit or documents"), required=False
    )

    def __init__(self, *args, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        anything = ("", _("Any"))
        categories, towns = selectors.search_choices(language)
        self.fields["category"].choices = [anything, *categories]
        self.fields["municipality"].choices = [anything, *towns]
        self.fields["speaks"].choices = [anything, *selectors.spoken_language_choices(language)]
        self.fields["weekday"].choices = [
            ("", _("Any day")),
            *selectors.weekday_choices(language),
        ]

    def search(self) -> tuple[str, SearchFilters]:
        """The query and filters from the valid fields (an invalid filter is left out)."""
        if not self.is_bound:
            return "", SearchFilters()
        self.is_valid()  # cleaned_data then holds the valid fields only
        data = self.cleaned_data
        return data.get("q", ""), SearchFilters(
            category=data.get("category", ""),
            municipality=data.get("municipality", ""),
            language=data.get("speaks", ""),
            free=data.get("free", False),
            open_now=data.get("open_now", False),
            weekday=data.get("weekday"),
            without_documents=data.get("without_documents", False),
        )
