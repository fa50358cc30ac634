"""Forms of the HSDS import/export page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sportello.directory.datapackage import max_upload_bytes


class ImportForm(forms.Form):
    package = forms.FileField(
        label=_("HSDS package"),
        help_text=_(
            "A ZIP file of an Open Referral HSDS 3.0 tabular data package (datapackage.json and "
            "CSV files), or a JSON file with a list of HSDS services."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.json,application/zip"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the package (dry run): write nothing"),
        required=False,
        initial=True,
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if not upload.name.lower().endswith((".zip", ".json")):
            raise forms.ValidationError(_("Choose a .zip or .json file."))
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": settings.HSDS_IMPORT_MAX_MB}
            )
        return upload


class ExportForm(forms.Form):
    FORMATS = [
        ("zip", _("Tabular data package (ZIP of CSV files, all languages)")),
        ("json", _("Nested JSON (one language)")),
    ]
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="zip")
    lang = forms.ChoiceField(
        label=_("Language of the JSON texts"), choices=settings.LANGUAGES, initial="it"
    )
