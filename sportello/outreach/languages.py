"""Main languages of the people met at a visit (ISO 639-1), most frequent in the territory first."""

from django.utils.translation import gettext_lazy as _

CONTACT_LANGUAGES = [
    ("ar", _("Arabic")),
    ("ro", _("Romanian")),
    ("sq", _("Albanian")),
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("zh", _("Chinese")),
    ("uk", _("Ukrainian")),
    ("mk", _("Macedonian")),
    ("ru", _("Russian")),
    ("pt", _("Portuguese")),
    ("ur", _("Urdu")),
    ("wo", _("Wolof")),
    ("it", _("Italian")),
    ("oth", _("Other language")),
]

LANGUAGE_NAMES = dict(CONTACT_LANGUAGES)
