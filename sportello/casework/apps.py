from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "sportello.casework"
    label = "casework"
    verbose_name = _("Social tutoring")

    def ready(self):
        from sportello.casework import checks  # noqa: F401  (registers the data-key check)
