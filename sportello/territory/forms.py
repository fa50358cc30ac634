from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.territory.models import Municipality, Place


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "kind", "municipality", "address", "latitude", "longitude", "active"]
        help_texts = {
            "latitude": _("Decimal degrees, e.g. 45.05321 (optional)."),
            "longitude": _("Decimal degrees, e.g. 8.33912 (optional)."),
        }

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return data


class PlaceFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All")), *Place.Kind.choices], required=False
    )
