from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "sportello.communication"
    label = "communication"
    verbose_name = _("Communication")
