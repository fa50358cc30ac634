"""Forms of the flyer and news part: they validate, services save."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.communication.models import Distribution, FlyerText, NewsItem, language_choices
from sportello.territory.models import Place

NEWS_IMAGE_MAX_BYTES = 2 * 1024 * 1024
# The first bytes of the image types accepted for news (the file's own content, not its name).
IMAGE_SIGNATURES = {
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
    b"RIFF": "webp",  # followed by "WEBP" at byte 8
}


class FlyerTextForm(forms.ModelForm):
    class Meta:
        model = FlyerText
        fields = [
            "title",
            "offer",
            "free_confidential",
            "where_heading",
            "contact_heading",
            "contact",
            "qr_caption",
        ]
        widgets = {
            "offer": forms.Textarea(attrs={"rows": 6}),
            "contact": forms.Textarea(attrs={"rows": 3}),
        }


class DistributionForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)

    class Meta:
        model = Distribution
        fields = ["date", "place", "language", "copies"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(active=True).select_related(
            "municipality"
        )
        self.fields["place"].label_from_instance = lambda p: f"{p.municipality.name} — {p.name}"
        self.fields["copies"].widget.attrs.update({"min": 1, "inputmode": "numeric"})

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


def translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in settings.PUBLIC_LANGUAGES]


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = [
            "date",
            "status",
            "image",
            *translated("title"),
            *translated("body"),
            *translated("image_alt"),
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in translated("body")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        for field, label in (
            ("title", _("Title")),
            ("body", _("Text")),
            ("image_alt", _("Image description (alt text)")),
        ):
            for code in settings.PUBLIC_LANGUAGES:
                self.fields[f"{field}_{code}"].label = f"{label} ({names.get(code, code)})"
                self.fields[f"{field}_{code}"].required = code == "it" and field != "image_alt"
        self.fields["image"].help_text = _("JPEG, PNG or WebP, at most 2 MB.")
        self.fields["image_alt_it"].help_text = _(
            "Required with an image: what the image shows, for people who cannot see it."
        )

    def languages(self) -> list[dict]:
        """The translated fields grouped by language, for the template."""
        names = dict(settings.LANGUAGES)
        return [
            {
                "code": code,
                "name": names.get(code, code),
                "fields": [self[f"{field}_{code}"] for field in ("title", "body", "image_alt")],
            }
            for code in settings.PUBLIC_LANGUAGES
        ]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image or not hasattr(image, "content_type"):
            return image  # unchanged or cleared
        if image.size > NEWS_IMAGE_MAX_BYTES:
            raise forms.ValidationError(_("The image is too large: at most 2 MB."))
        head = image.read(12)
        image.seek(0)
        kind = next((k for sig, k in IMAGE_SIGNATURES.items() if head.startswith(sig)), None)
        if kind == "webp" and head[8:12] != b"WEBP":
            kind = None
        if kind is None:
            raise forms.ValidationError(_("This file is not a JPEG, PNG or WebP image."))
        image.name = f"image.{kind}"  # the stored name follows the content, not the upload
        return image

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("image")
        if image and not (cleaned.get("image_alt_it") or "").strip():
            self.add_error("image_alt_it", _("Describe the image (alt text) when you add one."))
        return cleaned
